/// The offers directory (Data/angebote/*.csv): counselling services, courses
/// and civil-society offers, one row each, kept by data editors. Every offer
/// is placed in a district by its AGS, else by its coordinates (inside the
/// district's borders), else by its postcode (when the postcode lies in one
/// district only).
public struct OffersDefinition: Sendable {
    public struct Category: Sendable {
        public var id: String
        public var title: Localized
    }

    /// Folder below Data/ with the directory's CSV files.
    public var folder: String
    /// Postcode → Kreis table (below the source root), columns plz, ags.
    public var postcodes: Located<String>?
    public var verifyWithinDays: Int
    public var licence: Located<String>
    public var topic: String
    public var categories: [Category]
    public var location: SourceLocation
    /// Directories published by others, read as they are from the source root.
    public var sources: [OfferSource] = []
}

/// An offers directory published by someone else (e.g. a refugee council's
/// map of help initiatives), read from the source root with its columns
/// mapped onto the atlas's; its entries carry its licence and attribution
/// and the date of the source instead of an editor's check.
public struct OfferSource: Sendable {
    public var path: Located<String>
    public var licence: Located<String>
    /// As the licence asks for it (ODbL: the source and its licence).
    public var attribution: String
    /// Date of the source (its last change): shown with every entry.
    public var asOf: String
    /// The atlas's column → the source's column (e.g. breite → lat).
    public var columns: [String: String]
    /// Values for the atlas's columns the source lacks (e.g. kategorie).
    public var values: [String: String]
    /// Source columns that are not used (e.g. radius).
    public var ignore: [String]
    /// Empty cells of single entries filled in by the editors, by the
    /// entry's name (e.g. the Gemeinde of an entry without coordinates).
    public var fill: [String: [String: String]] = [:]
    public var location: SourceLocation
}

public struct Offer: Sendable {
    public enum Placement: String, Sendable { case ags, coordinates, postcode }

    public var name: String
    public var category: String
    public var street: String
    public var postcode: String
    public var place: String
    public var website: String?
    public var languages: [String]
    public var targetGroups: [String]
    public var verifiedOn: String
    public var verifiedBy: String
    public var source: String
    /// The district it was placed in, and how.
    public var kreis: String
    public var placement: Placement
    public var location: SourceLocation
    /// For an entry of a published directory: its attribution and licence id.
    public var attribution: String?
    public var licence: String?
}

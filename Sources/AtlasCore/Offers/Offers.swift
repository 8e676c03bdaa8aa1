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
}

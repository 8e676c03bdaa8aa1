/// A text in each of the atlas's languages, e.g. `{de: Arbeitslosenquote, en: Unemployment rate}`.
public struct Localized: Sendable, Hashable {
    public var texts: [String: String]

    public init(_ texts: [String: String]) { self.texts = texts }

    /// The same text in every language (names of publishers, units such as "%").
    public init(all text: String, languages: [String]) {
        self.texts = Dictionary(uniqueKeysWithValues: languages.map { ($0, text) })
    }

    public subscript(language: String) -> String { texts[language] ?? texts["de"] ?? "" }
}

/// A value together with where it was written, so later rules can point at it.
public struct Located<Value: Sendable>: Sendable {
    public var value: Value
    public var location: SourceLocation

    public init(_ value: Value, at location: SourceLocation) {
        self.value = value
        self.location = location
    }
}

extension Located: Equatable where Value: Equatable {}
extension Located: Hashable where Value: Hashable {}

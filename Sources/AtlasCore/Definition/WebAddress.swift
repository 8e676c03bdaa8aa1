/// The schemes a link from a data file may have: the web and e-mail. Anything
/// else (`javascript:`, `data:`, `vbscript:`, `file:`) would run or read
/// something when a reader clicks it.
public enum WebAddress {
    public static let schemes = ["https://", "http://", "mailto:"]

    public static func isAllowed(_ address: String) -> Bool {
        let lower = address.lowercased()
        return schemes.contains { lower.hasPrefix($0) && lower.count > $0.count }
    }
}

/// An ISO 3166-1 alpha-2 country code, as a CDN or proxy reports it for a visitor (`DE`, `CN`).
///
/// Only the code is ever kept: no address, no city, nothing finer than a country.
public enum CountryCode {
    /// Codes that name no country: Cloudflare's `XX` (unknown) and `T1` (Tor), and the ranges
    /// ISO 3166-1 leaves for private use (`AA`, `QM`–`QZ`, `XA`–`XZ` except `XK`, `ZZ`).
    static func isPrivateUse(_ code: String) -> Bool {
        if code == "AA" || code == "ZZ" || code == "XX" { return true }
        if code.hasPrefix("Q"), let second = code.unicodeScalars.last, second.value >= 0x4D { return true }
        if code.hasPrefix("X"), code != "XK" { return true }
        return false
    }

    /// `text` as an upper-case two-letter code, or nil ("unknown") when it is not exactly two
    /// ASCII letters (after trimming spaces) or names no country.
    public static func normalized(_ text: String?) -> String? {
        guard let text else { return nil }
        let scalars = Array(text.trimmingSpaces.unicodeScalars)
        guard scalars.count == 2,
            scalars.allSatisfy({ ("A"..."Z").contains($0) || ("a"..."z").contains($0) })
        else { return nil }
        let code = String(String.UnicodeScalarView(scalars)).uppercased()
        return isPrivateUse(code) ? nil : code
    }
}

extension String {
    fileprivate var trimmingSpaces: Substring {
        var text = Substring(self)
        while text.first == " " || text.first == "\t" { text.removeFirst() }
        while text.last == " " || text.last == "\t" { text.removeLast() }
        return text
    }
}

/// Text written by a status source (titles, descriptions, component names, vendor words),
/// made inert before it becomes a model value: control characters removed and the length
/// bounded, so no terminal escape, NUL or C1 code reaches a log, a feed or the database.
public enum VendorText {
    /// The longest kept text, in characters, for each kind of field.
    public enum Limit {
        /// Incident titles and descriptions.
        public static let text = 1000
        /// Component names.
        public static let name = 200
        /// The vendor's own status words (`rawStatus`, `rawImpact`, `rawIndicator`).
        public static let word = 100
        /// HTTP validators (`ETag`, `Last-Modified`) kept to send back.
        public static let validator = 256
    }

    /// C0 controls (U+0000–U+001F), DEL (U+007F) and C1 controls (U+0080–U+009F).
    public static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (scalar.value >= 0x7F && scalar.value <= 0x9F)
    }

    /// `text` with every control character removed except tab and line feed (a carriage
    /// return becomes a line feed, CR LF one line feed), cut to `limit` characters with "…"
    /// when longer.
    public static func clean(_ text: String, limit: Int = Limit.text) -> String {
        var needsWork = text.utf8.count > limit
        if !needsWork {
            for byte in text.utf8 where byte < 0x20 || byte == 0x7F || byte == 0xC2 {
                needsWork = true
                break
            }
        }
        guard needsWork else { return text }
        var scalars = String.UnicodeScalarView()
        var previousWasCR = false
        for scalar in text.unicodeScalars {
            defer { previousWasCR = scalar == "\r" }
            if scalar == "\t" { scalars.append(scalar); continue }
            if scalar == "\n" {
                if !previousWasCR { scalars.append(scalar) }
                continue
            }
            if scalar == "\r" { scalars.append("\n"); continue }
            if isControl(scalar) { continue }
            scalars.append(scalar)
        }
        let cleaned = String(scalars)
        guard cleaned.count > limit else { return cleaned }
        return String(cleaned.prefix(max(0, limit - 1))) + "…"
    }

    /// `clean` for a one-line value: tabs and line breaks become spaces too.
    public static func cleanLine(_ text: String, limit: Int = Limit.word) -> String {
        let cleaned = clean(text, limit: limit)
        guard cleaned.contains(where: { $0 == "\t" || $0 == "\n" }) else { return cleaned }
        return String(cleaned.map { $0 == "\t" || $0 == "\n" ? " " : $0 })
    }

    /// A header value to keep and send back, or nil when it holds anything but visible ASCII
    /// and spaces, or is longer than `Limit.validator`.
    public static func validator(_ value: String?) -> String? {
        guard let value, !value.isEmpty, value.utf8.count <= Limit.validator else { return nil }
        return value.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) ? value : nil
    }

    /// Text from outside, written for a log line or a failure reason: control characters
    /// shown as `\u{1B}`-style escapes (so no terminal sequence runs) and the length bounded.
    public static func escapedForLog(_ text: String, limit: Int = 300) -> String {
        var output = ""
        var count = 0
        for scalar in text.unicodeScalars {
            if count >= limit {
                output += "…"
                break
            }
            if isControl(scalar) {
                output += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            } else {
                output.unicodeScalars.append(scalar)
            }
            count += 1
        }
        return output
    }
}

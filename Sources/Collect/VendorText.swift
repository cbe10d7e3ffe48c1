import Model

/// How much of the text a status source writes (titles, descriptions, component names, vendor
/// words, HTTP validators) the collector keeps. The text itself is made inert by
/// `InertText.clean` before it becomes a model value, so no terminal escape, NUL or C1 code
/// reaches a log, a feed or the database.
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

    /// A text field (title, description, summary) as kept: `InertText.clean` keeping tabs and
    /// line breaks, at most `limit` characters.
    static func text(_ raw: String, limit: Int = Limit.text) -> String {
        InertText.clean(raw, keepingLineBreaks: true, keepingTabs: true, limit: limit)
    }

    /// A one-line field (name, status word, id) as kept: `InertText.clean` with tabs and line
    /// breaks turned into spaces, at most `limit` characters.
    static func line(_ raw: String, limit: Int = Limit.word) -> String {
        InertText.clean(raw, limit: limit)
    }

    /// A header value to keep and send back, or nil when it holds anything but visible ASCII
    /// and spaces, or is longer than `Limit.validator`.
    public static func validator(_ value: String?) -> String? {
        guard let value, !value.isEmpty, value.utf8.count <= Limit.validator else { return nil }
        return value.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) ? value : nil
    }
}

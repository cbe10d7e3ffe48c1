/// Rules for quoting text that came from outside (a request, a report file) in our own
/// messages: only short, plain identifiers are repeated back; anything else is left out, so a
/// reply or a log line never carries a stranger's words, markup or control characters.
public enum OutsideText {
    /// `text` when it is a plain identifier (letters, digits, `-`, `_`, `.`, at most 64 ASCII
    /// characters), else nil.
    public static func identifier(_ text: some StringProtocol) -> String? {
        guard !text.isEmpty, text.utf8.count <= 64,
            text.utf8.allSatisfy({ byte in
                (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                    || byte == 0x2D || byte == 0x5F || byte == 0x2E
            })
        else { return nil }
        return String(text)
    }

    /// `'text'` for a plain identifier, else `fallback` ("this service").
    public static func quoted(_ text: some StringProtocol, or fallback: String) -> String {
        identifier(text).map { "'\($0)'" } ?? fallback
    }
}

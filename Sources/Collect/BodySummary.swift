/// Describes a body in Downtrack's own words ("HTML, 12 KB"), for failure reasons that must
/// not quote what a server sent.
enum BodySummary {
    /// The kind of document the bytes look like, and their size.
    static func describe(_ body: [UInt8]) -> String {
        "\(kind(of: body)), \(size(body.count))"
    }

    /// "HTML", "XML", "JSON", "plain text", "binary data" or "an empty body".
    static func kind(of body: [UInt8]) -> String {
        guard let first = DocumentBytes.firstSignificantByte(body) else { return "an empty body" }
        let head = Array(body[first.index...].prefix(1024))
        if ByteSearch.containsIgnoringCase(head, "<!doctype html", limit: 1024)
            || ByteSearch.containsIgnoringCase(head, "<html", limit: 1024)
            || ByteSearch.containsIgnoringCase(head, "<head", limit: 1024)
            || ByteSearch.containsIgnoringCase(head, "<body", limit: 1024)
        {
            return "HTML"
        }
        if first.byte == UInt8(ascii: "<") { return "XML" }
        if first.byte == UInt8(ascii: "{") || first.byte == UInt8(ascii: "[") { return "JSON" }
        let sample = body.prefix(512)
        let binary = sample.contains { $0 < 0x09 || ($0 > 0x0D && $0 < 0x20) || $0 == 0x7F }
        return binary ? "binary data" : "plain text"
    }

    /// "900 bytes", "12 KB", "3.4 MB" (decimal units, rounded).
    static func size(_ count: Int) -> String {
        if count < 1000 { return count == 1 ? "1 byte" : "\(count) bytes" }
        if count < 1_000_000 { return "\((count + 500) / 1000) KB" }
        let tenths = (count + 50_000) / 100_000
        return tenths % 10 == 0 ? "\(tenths / 10) MB" : "\(tenths / 10).\(tenths % 10) MB"
    }
}

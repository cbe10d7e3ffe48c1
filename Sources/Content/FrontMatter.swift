/// Splits a content file into its YAML front matter and Markdown body.
struct FrontMatter {
    var yaml: String
    var body: String
    /// Line number (1-based) in the file of the first YAML line.
    var yamlFirstLine: Int
    /// Line number of the first body line.
    var bodyFirstLine: Int

    enum SplitError: Error {
        case missingOpening
        case missingClosing
    }

    /// The file must start with a `---` line; the front matter ends at the next `---` (or `...`) line.
    static func split(_ text: String) throws(SplitError) -> FrontMatter {
        var text = Substring(text)
        if text.hasPrefix("\u{FEFF}") { text = text.dropFirst() }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        if lines.last == "" { lines.removeLast() }
        func isFence(_ line: Substring, closing: Bool) -> Bool {
            var trimmed = line
            while trimmed.last == " " || trimmed.last == "\r" || trimmed.last == "\t" { trimmed = trimmed.dropLast() }
            return trimmed == "---" || (closing && trimmed == "...")
        }
        guard let first = lines.first, isFence(first, closing: false) else { throw .missingOpening }
        guard let end = lines.indices.dropFirst().first(where: { isFence(lines[$0], closing: true) }) else {
            throw .missingClosing
        }
        let yaml = lines[1..<end].joined(separator: "\n")
        let body = end + 1 < lines.count ? lines[(end + 1)...].joined(separator: "\n") : ""
        return FrontMatter(yaml: yaml, body: body, yamlFirstLine: 2, bodyFirstLine: end + 2)
    }
}

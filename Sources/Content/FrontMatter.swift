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
        var bytes = Array(text.utf8)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        // Line ranges as byte offsets, without the newline.
        var lines: [Range<Int>] = []
        var start = 0
        for (index, byte) in bytes.enumerated() where byte == 0x0A {
            lines.append(start..<index)
            start = index + 1
        }
        if start < bytes.count { lines.append(start..<bytes.count) }
        func isFence(_ range: Range<Int>, closing: Bool) -> Bool {
            var end = range.upperBound
            while end > range.lowerBound, [0x20, 0x0D, 0x09].contains(bytes[end - 1]) { end -= 1 }
            let line = bytes[range.lowerBound..<end]
            return line.elementsEqual("---".utf8) || (closing && line.elementsEqual("...".utf8))
        }
        guard let first = lines.first, isFence(first, closing: false) else { throw .missingOpening }
        guard let end = lines.indices.dropFirst().first(where: { isFence(lines[$0], closing: true) }) else {
            throw .missingClosing
        }
        let yamlStart = lines[0].upperBound + 1
        let yaml = end > 1 ? String(decoding: bytes[yamlStart..<lines[end - 1].upperBound], as: UTF8.self) : ""
        let bodyStart = min(bytes.count, lines[end].upperBound + 1)
        var body = String(decoding: bytes[bodyStart...], as: UTF8.self)
        if body.hasSuffix("\n") { body.removeLast() }
        return FrontMatter(yaml: yaml, body: body, yamlFirstLine: 2, bodyFirstLine: end + 2)
    }
}

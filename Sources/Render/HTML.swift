/// Reading HTML fragments back as text (escaping is `HTMLEscaping.escape`, in Model).
public enum HTML {
    /// Removes tags from an HTML fragment, decodes the five entities `HTMLEscaping.escape` writes and
    /// collapses white space: for meta descriptions and structured data.
    public static func plainText(_ html: String, limit: Int = 160) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(html.utf8.count)
        var inTag = false
        var pendingSpace = false
        let source = Array(html.utf8)
        var index = 0
        func emit(_ byte: UInt8) {
            if pendingSpace && !bytes.isEmpty { bytes.append(32) }
            pendingSpace = false
            bytes.append(byte)
        }
        while index < source.count {
            let byte = source[index]
            index += 1
            if inTag {
                if byte == 62 {
                    inTag = false
                    pendingSpace = true
                }
                continue
            }
            switch byte {
            case 60: inTag = true
            case 32, 10, 9, 13: pendingSpace = true
            case 38:
                let entities: [(String, UInt8)] = [("amp;", 38), ("lt;", 60), ("gt;", 62), ("quot;", 34), ("#39;", 39)]
                if let (name, value) = entities.first(where: { source[index...].starts(with: $0.0.utf8) }) {
                    emit(value)
                    index += name.utf8.count
                } else {
                    emit(byte)
                }
            default: emit(byte)
            }
        }
        let text = String(decoding: bytes, as: UTF8.self)
        guard text.count > limit else { return text }
        var result = ""
        for word in text.split(separator: " ") {
            if result.count + word.count + 1 > limit { return result + "…" }
            result += result.isEmpty ? String(word) : " " + word
        }
        return result
    }
}

/// A reader for the one JSON shape the intake's buttons send: a flat object whose keys and
/// values are plain strings (`{"service":"wechat","problem":"login"}`), read straight from the
/// bytes without building a generic JSON tree.
///
/// It reads only a strict subset of JSON: strings of printable ASCII without escapes, no
/// repeated key, whitespace where JSON allows it. For anything else it answers nil, and the
/// caller reads the body with the general JSON parser, so every body gets the same fields or
/// the same error as before; the subset only decides which reader does the work.
enum FlatJSONObject {
    /// The fields of `bytes` when it is a flat object of plain strings, else nil.
    static func read(_ bytes: [UInt8]) -> [String: String]? {
        bytes.withUnsafeBufferPointer { buffer in
            var reader = Reader(bytes: buffer)
            return reader.object()
        }
    }

    private struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        var index = 0

        init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

        mutating func object() -> [String: String]? {
            skipSpace()
            guard take(UInt8(ascii: "{")) else { return nil }
            var values: [String: String] = [:]
            skipSpace()
            if take(UInt8(ascii: "}")) { return finish(values) }
            while true {
                skipSpace()
                guard let key = string() else { return nil }
                skipSpace()
                guard take(UInt8(ascii: ":")) else { return nil }
                skipSpace()
                guard let value = string(), values.updateValue(value, forKey: key) == nil else { return nil }
                skipSpace()
                if take(UInt8(ascii: "}")) { return finish(values) }
                guard take(UInt8(ascii: ",")) else { return nil }
            }
        }

        /// `values` when nothing but whitespace follows the object.
        private mutating func finish(_ values: [String: String]) -> [String: String]? {
            skipSpace()
            return index == bytes.count ? values : nil
        }

        /// A string of printable ASCII other than `"` and `\`; nil for anything else.
        private mutating func string() -> String? {
            guard take(UInt8(ascii: "\"")) else { return nil }
            let start = index
            while index < bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "\"") {
                    let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
                    index += 1
                    return text
                }
                guard byte >= 0x20, byte < 0x7F, byte != UInt8(ascii: "\\") else { return nil }
                index += 1
            }
            return nil
        }

        private mutating func take(_ byte: UInt8) -> Bool {
            guard index < bytes.count, bytes[index] == byte else { return false }
            index += 1
            return true
        }

        /// JSON's whitespace: space, tab, line feed, carriage return.
        private mutating func skipSpace() {
            while index < bytes.count {
                switch bytes[index] {
                case 0x20, 0x09, 0x0A, 0x0D: index += 1
                default: return
                }
            }
        }
    }
}

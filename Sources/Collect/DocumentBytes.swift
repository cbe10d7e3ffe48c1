import Foundation

/// Byte-level clean-up done before a document reaches libxml2 or the JSON decoder.
enum DocumentBytes {
    /// Bytes ready for libxml2, and whether they were transcoded to UTF-8 on the way.
    struct Prepared {
        var bytes: [UInt8]
        /// True when the input was UTF-16 and is now UTF-8: the parser must then ignore the
        /// document's own encoding declaration.
        var isTranscodedUTF8: Bool
    }

    /// Transcodes UTF-16 (recognised by its byte-order mark) to UTF-8 and removes NUL bytes,
    /// at which libxml2 would otherwise silently stop reading.
    static func prepare(_ input: [UInt8]) -> Prepared {
        let transcoded = hasUTF16ByteOrderMark(input)
        return Prepared(bytes: withoutNUL(utf8IfUTF16(input)), isTranscodedUTF8: transcoded)
    }

    /// Whether the input starts with a UTF-16 byte-order mark (either endianness).
    static func hasUTF16ByteOrderMark(_ input: [UInt8]) -> Bool {
        input.count >= 2 && ((input[0] == 0xFF && input[1] == 0xFE) || (input[0] == 0xFE && input[1] == 0xFF))
    }

    /// UTF-16 input (recognised by its byte-order mark) as UTF-8; anything else unchanged.
    static func utf8IfUTF16(_ input: [UInt8]) -> [UInt8] {
        guard hasUTF16ByteOrderMark(input) else { return input }
        return transcodeUTF16(input.dropFirst(2), bigEndian: input[0] == 0xFE)
    }

    /// The bytes with every NUL removed (no copy when there is none).
    static func withoutNUL(_ bytes: [UInt8]) -> [UInt8] {
        let hasNUL = bytes.withUnsafeBytes { buffer in
            buffer.baseAddress.map { memchr($0, 0, buffer.count) != nil } ?? false
        }
        guard hasNUL else { return bytes }
        return bytes.filter { $0 != 0 }
    }

    /// Whether the bytes are empty or only ASCII whitespace (and NULs).
    static func isBlank(_ bytes: [UInt8]) -> Bool {
        bytes.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D || $0 == 0 }
    }

    /// The first byte that is not whitespace or a byte-order mark, and its index.
    static func firstSignificantByte(_ bytes: [UInt8]) -> (index: Int, byte: UInt8)? {
        var index = 0
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { index = 3 }
        while index < bytes.count {
            let byte = bytes[index]
            if byte != 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D && byte != 0 {
                return (index, byte)
            }
            index += 1
        }
        return nil
    }

    private static func transcodeUTF16(_ body: ArraySlice<UInt8>, bigEndian: Bool) -> [UInt8] {
        var units: [UInt16] = []
        units.reserveCapacity(body.count / 2)
        var index = body.startIndex
        while index + 1 < body.endIndex {
            let a = UInt16(body[index])
            let b = UInt16(body[index + 1])
            units.append(bigEndian ? (a << 8 | b) : (b << 8 | a))
            index += 2
        }
        return Array(String(decoding: units, as: UTF16.self).utf8)
    }
}

import CLibXML2
import Foundation

/// Finds the character encoding an HTML page declares, the way a browser would: the HTTP
/// `Content-Type` charset first, then a `<meta charset>` or `<meta http-equiv>` near the top.
public enum HTMLCharset {
    /// How far into the document a `<meta>` declaration is looked for.
    static let sniffLength = 4096

    /// The encoding name to hand to libxml2, or nil to let it decide (UTF-8, falling back to
    /// Latin-1 on invalid bytes). Latin-1 labels become windows-1252, as in browsers.
    public static func detect(contentType: String?, document: [UInt8]) -> String? {
        if let contentType, let label = charsetParameter(in: contentType.lowercased()) {
            if let name = libxmlName(forLabel: label) { return name }
        }
        if let label = metaCharset(in: document) { return libxmlName(forLabel: label) }
        return nil
    }

    /// The `charset=` value in a header or `content` attribute, lowercased.
    static func charsetParameter(in text: String) -> String? {
        guard let range = text.range(of: "charset") else { return nil }
        var rest = text[range.upperBound...].drop { $0 == " " }
        guard rest.first == "=" else { return nil }
        rest = rest.dropFirst().drop { $0 == " " || $0 == "\"" || $0 == "'" }
        let value = rest.prefix { !" \"';,>/\t\r\n".contains($0) }
        return value.isEmpty ? nil : String(value)
    }

    /// The charset label of the first `<meta>` tag that declares one.
    static func metaCharset(in document: [UInt8]) -> String? {
        if let answer = asciiMetaCharset(in: document) { return answer }
        let head = document.prefix(sniffLength).map { byte -> UInt8 in
            (byte >= 0x41 && byte <= 0x5A) ? byte + 0x20 : byte
        }
        let text = String(decoding: head, as: UTF8.self)
        var searchStart = text.startIndex
        while let open = text.range(of: "<meta", range: searchStart..<text.endIndex) {
            let close = text[open.upperBound...].firstIndex(of: ">") ?? text.endIndex
            let tag = String(text[open.upperBound..<close])
            if let label = charsetParameter(in: tag) { return label }
            searchStart = close
        }
        return nil
    }

    /// `metaCharset` on bytes, for a head that is all ASCII (where Character and byte
    /// positions agree); nil when the head has other bytes and the String search must decide.
    private static func asciiMetaCharset(in document: [UInt8]) -> String?? {
        document.withUnsafeBufferPointer { buffer -> String?? in
            let count = min(buffer.count, sniffLength)
            for index in 0..<count where buffer[index] >= 0x80 { return nil }
            func lower(_ byte: UInt8) -> UInt8 { (byte >= 0x41 && byte <= 0x5A) ? byte + 0x20 : byte }
            var index = 0
            while index + 5 <= count {
                if buffer[index] == UInt8(ascii: "<"), lower(buffer[index + 1]) == UInt8(ascii: "m"),
                    lower(buffer[index + 2]) == UInt8(ascii: "e"), lower(buffer[index + 3]) == UInt8(ascii: "t"),
                    lower(buffer[index + 4]) == UInt8(ascii: "a")
                {
                    let start = index + 5
                    var close = start
                    while close < count && buffer[close] != UInt8(ascii: ">") { close += 1 }
                    let tag = String(decoding: buffer[start..<close].map(lower), as: UTF8.self)
                    if let label = charsetParameter(in: tag) { return .some(label) }
                    index = close
                    continue
                }
                index += 1
            }
            return .some(nil)
        }
    }

    /// The name libxml2 knows for a charset label, or nil if it cannot convert from it.
    static func libxmlName(forLabel label: String) -> String? {
        let trimmed = label.trimmingCharacters(in: .whitespaces).lowercased()
        let name: String
        switch trimmed {
        // A page that says UTF-16 in ASCII-compatible bytes cannot be UTF-16 (WHATWG rule).
        case "utf-8", "utf8", "unicode-1-1-utf-8", "utf-16", "utf-16le", "utf-16be": name = "UTF-8"
        case "iso-8859-1", "iso8859-1", "latin1", "l1", "us-ascii", "ascii", "windows-1252", "cp1252",
            "x-cp1252", "iso_8859-1", "cp819", "ibm819":
            name = "WINDOWS-1252"
        case "": return nil
        default: name = trimmed.uppercased()
        }
        return isSupported(name) ? name : nil
    }

    private static func isSupported(_ name: String) -> Bool {
        LibXML.ensureInitialized()
        guard let handler = xmlFindCharEncodingHandler(name) else { return false }
        xmlCharEncCloseFunc(handler)
        return true
    }
}

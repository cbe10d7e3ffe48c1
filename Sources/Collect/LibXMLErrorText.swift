import CLibXML2

/// libxml2's parse errors in Downtrack's words. libxml2's own messages quote the document
/// (element names, entity names, bad bytes), which must not reach a stored reason or a page.
enum LibXMLErrorText {
    /// "line 3: an element is not closed properly", or nil when libxml2 reported nothing.
    static func describe(_ error: xmlError) -> String? {
        guard error.code != 0 else { return nil }
        let words = category(Int(error.code))
        return error.line > 0 ? "line \(error.line): \(words)" : words
    }

    /// Whether libxml2 stopped because the document nests too deeply (its own limit).
    static func isExcessiveDepth(_ error: xmlError) -> Bool {
        guard let message = error.message else { return false }
        return String(cString: message).contains("Excessive depth")
    }

    private static func category(_ code: Int) -> String {
        switch code {
        case 2: return "out of memory"
        case 3, 4: return "there is no root element"
        case 5: return "there is content after the end of the document"
        case 6, 7, 8, 9, 10: return "it holds a character XML does not allow"
        case 23, 24, 25, 26, 27, 89: return "it refers to an entity that cannot be read"
        case 32, 81: return "its character encoding cannot be read"
        case 38, 39, 40, 41, 42: return "an attribute is malformed"
        case 45, 46, 47, 63: return "a comment, processing instruction or CDATA section is not closed"
        case 68: return "a name is missing where markup starts"
        case 72, 73, 76, 77: return "an element is not closed properly"
        case 200...299: return "it uses an undeclared namespace prefix"
        default: return "malformed markup (libxml2 error \(code))"
        }
    }
}

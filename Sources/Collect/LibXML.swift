import CLibXML2

/// Process-wide libxml2 set-up and the parser options Downtrack allows.
enum LibXML {
    /// Runs `xmlInitParser()` exactly once, thread-safely (Swift initialises globals once).
    private static let initialization: Bool = {
        xmlInitParser()
        return true
    }()

    /// Makes sure libxml2 is initialised; call before any parse. Never calls `xmlCleanupParser()`.
    static func ensureInitialized() {
        _ = initialization
    }

    /// HTML: recover from broken markup, stay quiet, never touch the network.
    static let htmlOptions: Int32 = Int32(
        HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
            | HTML_PARSE_NONET.rawValue)

    /// HTML whose encoding is already known (HTTP header, first `<meta>`, or transcoded from
    /// UTF-16): also ignore any further charset declaration in the page.
    static let htmlKnownEncodingOptions: Int32 = htmlOptions | Int32(HTML_PARSE_IGNORE_ENC.rawValue)

    /// XML: no network, quiet. Deliberately without NOENT (entity substitution), DTDLOAD,
    /// DTDATTR and HUGE, so external entities are never loaded and libxml2's own depth and
    /// entity-amplification limits stay on.
    static let xmlOptions: Int32 = Int32(
        XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue)

    /// A libxml2 string as a Swift string (invalid UTF-8 repaired), or nil for NULL.
    static func string(_ pointer: UnsafePointer<xmlChar>?) -> String? {
        guard let pointer else { return nil }
        return String(cString: pointer)
    }

    /// Takes a libxml2-allocated string, converts it and frees it.
    static func takeString(_ pointer: UnsafeMutablePointer<xmlChar>?) -> String? {
        guard let pointer else { return nil }
        defer { downtrack_xmlFree(pointer) }
        return String(cString: pointer)
    }
}

extension xmlElementType {
    /// Node-type tests on raw values: the imported enum's generic `RawRepresentable` `==`
    /// is not inlined, and these tests sit in the tree walks' inner loops.
    @inline(__always)
    static func == (lhs: xmlElementType, rhs: xmlElementType) -> Bool { lhs.rawValue == rhs.rawValue }

    @inline(__always)
    static func != (lhs: xmlElementType, rhs: xmlElementType) -> Bool { lhs.rawValue != rhs.rawValue }
}

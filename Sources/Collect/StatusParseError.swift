/// Why a fetched document could not be read as an official status.
///
/// Every case's `description` says what is wrong and what the person who configured the
/// source can do about it; the collector stores it as the source's last error.
public enum StatusParseError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The body was empty or only whitespace.
    case emptyDocument
    /// The body was larger than the parser accepts.
    case tooLarge(limit: Int)
    /// The document nests elements deeper than the parser accepts.
    case tooDeep(limit: Int)
    /// JSON was expected but the body is not valid JSON (the detail says where).
    case notJSON(String)
    /// The JSON is valid but does not have the shape of the expected format.
    case unexpectedJSON(String)
    /// XML was expected but the body is not well-formed XML (the detail says where).
    case notXML(String)
    /// The HTML could not be parsed at all.
    case notHTML(String)
    /// Neither the URL nor the content matched a format Downtrack reads.
    case unrecognisedFormat
    /// An XPath rule from the content file does not compile.
    case xpathInvalid(String)
    /// An XPath rule took too much work to evaluate and was stopped.
    case xpathTooExpensive(String)
    /// An `html` source was given without any XPath rules and is not a known status page.
    case missingXPathRules
    /// The document was read but holds no status information at all (for example an inactive page).
    case noStatusData(String)

    /// What is wrong and what to change, in words for the person who configured the source.
    public var description: String {
        switch self {
        case .emptyDocument:
            "the server sent an empty document; check that the URL points at the status page itself"
        case .tooLarge(let limit):
            "document larger than \(ByteCountText.format(limit)); check the URL or raise collect.max_body_bytes"
        case .tooDeep(let limit):
            "document nests elements more than \(limit) levels deep; this is not a status page"
        case .notJSON(let detail):
            "expected JSON but the body is not valid JSON (\(detail)); check the URL or the source kind"
        case .unexpectedJSON(let detail):
            "the JSON does not look like the expected format (\(detail)); check the source kind"
        case .notXML(let detail):
            "expected an Atom or RSS feed but the body is not well-formed XML (\(detail)); check the URL"
        case .notHTML(let detail):
            "the HTML page could not be parsed (\(detail))"
        case .unrecognisedFormat:
            "could not recognise the format: not Statuspage JSON or HTML, Atom, RSS, Hund, Upptime, "
                + "Fedora status, Google Cloud, Slack, incident.io, Instatus, Cachet, cState, status.io, Better Stack "
                + "or AWS Health; set the source kind explicitly (html needs xpath rules)"
        case .xpathInvalid(let expression):
            "the XPath expression \"\(expression)\" is not valid; fix it in the content file"
        case .xpathTooExpensive(let expression):
            "the XPath expression \"\(expression)\" needed too much work on this page; avoid `//a[...]//b` "
                + "patterns (use `/descendant::b` or a predicate instead)"
        case .missingXPathRules:
            "an html source needs xpath rules (indicator, incidents or components) in the content file, "
                + "unless it is a Statuspage or Hund page"
        case .noStatusData(let detail):
            "the page holds no status information (\(detail)); check the URL"
        }
    }
}

/// Formats byte counts for messages ("5 MiB", "64 KiB", "900 bytes").
enum ByteCountText {
    static func format(_ bytes: Int) -> String {
        if bytes >= 1 << 20, bytes % (1 << 20) == 0 { return "\(bytes >> 20) MiB" }
        if bytes >= 1 << 10, bytes % (1 << 10) == 0 { return "\(bytes >> 10) KiB" }
        return "\(bytes) bytes"
    }
}

import Model

/// One content file, parsed: the service, its page's text, and the lines the checks that span
/// files cite.
public struct ParsedService: Sendable {
    public var service: Service
    public var text: ServiceText
    /// The line of `slug:` (1 when the slug comes from the file name).
    var slugLine: Int
    /// The line of each slug under `related:`.
    var relatedLines: [String: Int]
}

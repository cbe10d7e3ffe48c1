/// Bounds on what the parsers accept, so a hostile or broken document costs little.
public struct DocumentLimits: Sendable, Equatable {
    /// The largest body parsed, in bytes (default 5 MiB).
    public var maxBytes: Int
    /// The deepest element nesting accepted (default 200; real status pages stay under 50).
    /// libxml2 itself stops reading at 256 levels without saying so, so values above
    /// `LibXMLDocument.deepestSupportedNesting` are lowered to it: a document that deep is
    /// refused rather than silently cut short.
    public var maxDepth: Int
    /// The most feed entries kept (default 50, newest first).
    public var maxEntries: Int
    /// The most XPath operations one rule may take before it is stopped (default 50 million).
    public var maxXPathOperations: Int

    /// Limits with the given values; every parameter has a safe default.
    public init(
        maxBytes: Int = 5 * 1024 * 1024, maxDepth: Int = 200, maxEntries: Int = 50,
        maxXPathOperations: Int = 50_000_000
    ) {
        self.maxBytes = maxBytes
        self.maxDepth = maxDepth
        self.maxEntries = maxEntries
        self.maxXPathOperations = maxXPathOperations
    }

    /// The defaults.
    public static let standard = DocumentLimits()
}

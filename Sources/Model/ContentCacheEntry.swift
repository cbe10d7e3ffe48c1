/// A parsed content file remembered between builds, valid while its size and modification
/// time stay the same.
public struct ContentCacheEntry: Sendable, Equatable {
    public var size: Int
    public var modified: Double
    public var contentHash: String
    /// `ServiceCoding`'s record of the parsed service.
    public var record: String

    public init(size: Int, modified: Double, contentHash: String, record: String) {
        self.size = size
        self.modified = modified
        self.contentHash = contentHash
        self.record = record
    }
}

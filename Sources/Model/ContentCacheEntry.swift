/// A parsed content file remembered between builds (a row of the database's content cache),
/// valid while its size and modification time stay the same. Content writes and reads its
/// record; the database only keeps it.
public struct ContentCacheEntry: Sendable, Equatable {
    public var size: Int
    public var modified: Double
    public var contentHash: String
    /// Content's record of the parsed service, as text (opaque to everything else).
    public var record: String

    public init(size: Int, modified: Double, contentHash: String, record: String) {
        self.size = size
        self.modified = modified
        self.contentHash = contentHash
        self.record = record
    }
}

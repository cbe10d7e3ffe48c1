import GRDB
import Model

extension DowntrackDatabase {
    /// The remembered content files of the site at `root`, by path.
    public func contentCache(root: String) throws -> [String: ContentCacheEntry] {
        try read { db in
            var result: [String: ContentCacheEntry] = [:]
            let rows = try Row.fetchCursor(
                db, sql: "SELECT path, size, modified, content_hash, record FROM content_cache WHERE root = ?",
                arguments: [root])
            while let row = try rows.next() {
                result[row[0]] = ContentCacheEntry(size: row[1], modified: row[2], contentHash: row[3], record: row[4])
            }
            return result
        }
    }

    /// Stores changed entries and forgets paths that are gone.
    public func updateContentCache(root: String, changed: [String: ContentCacheEntry], removed: [String]) throws {
        guard !changed.isEmpty || !removed.isEmpty else { return }
        try write { db in
            let upsert = try db.makeStatement(
                sql: """
                    INSERT OR REPLACE INTO content_cache (root, path, size, modified, content_hash, record) VALUES (?, ?, ?, ?, ?, ?)
                    """)
            for (path, entry) in changed {
                try upsert.execute(arguments: [root, path, entry.size, entry.modified, entry.contentHash, entry.record])
            }
            let delete = try db.makeStatement(sql: "DELETE FROM content_cache WHERE root = ? AND path = ?")
            for path in removed { try delete.execute(arguments: [root, path]) }
        }
    }
}

import GRDB

/// What a build wrote for one item (a service, or a site-wide page group).
public struct ManifestEntry: Sendable, Equatable {
    /// A hash of everything the item's files depend on.
    public var inputHash: String
    /// The output paths the item owns, relative to the output folder.
    public var files: [String]

    public init(inputHash: String, files: [String]) {
        self.inputHash = inputHash
        self.files = files
    }
}

extension DowntrackDatabase {
    /// The manifest of the last build into `output`, by item.
    public func buildManifest(output: String) throws -> [String: ManifestEntry] {
        try read { db in
            var result: [String: ManifestEntry] = [:]
            let rows = try Row.fetchCursor(
                db, sql: "SELECT item, input_hash, files FROM build_manifest WHERE output = ?", arguments: [output])
            while let row = try rows.next() {
                let files: String = row[2]
                result[row[0]] = ManifestEntry(
                    inputHash: row[1], files: files.split(separator: "\n").map(String.init))
            }
            return result
        }
    }

    /// Updates the manifest of `output`: stores `changed` entries, forgets `removed` items.
    public func updateBuildManifest(output: String, changed: [String: ManifestEntry], removed: [String]) throws {
        guard !changed.isEmpty || !removed.isEmpty else { return }
        try write { db in
            let upsert = try db.makeStatement(
                sql: "INSERT OR REPLACE INTO build_manifest (output, item, input_hash, files) VALUES (?, ?, ?, ?)")
            for (item, entry) in changed {
                try upsert.execute(arguments: [output, item, entry.inputHash, entry.files.joined(separator: "\n")])
            }
            let delete = try db.makeStatement(sql: "DELETE FROM build_manifest WHERE output = ? AND item = ?")
            for item in removed { try delete.execute(arguments: [output, item]) }
        }
    }
}

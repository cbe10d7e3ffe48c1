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
            let rows = try Row.fetchCursor(db, sql: "SELECT item, input_hash, files FROM build_manifest WHERE output = ?", arguments: [output])
            while let row = try rows.next() {
                let files: String = row[2]
                result[row[0]] = ManifestEntry(
                    inputHash: row[1], files: files.split(separator: "\n").map(String.init))
            }
            return result
        }
    }

    /// Replaces the manifest of `output` with `entries`.
    public func saveBuildManifest(output: String, entries: [String: ManifestEntry]) throws {
        try write { db in
            try db.execute(sql: "DELETE FROM build_manifest WHERE output = ?", arguments: [output])
            let statement = try db.makeStatement(sql: "INSERT INTO build_manifest (output, item, input_hash, files) VALUES (?, ?, ?, ?)")
            for (item, entry) in entries {
                try statement.execute(arguments: [output, item, entry.inputHash, entry.files.joined(separator: "\n")])
            }
        }
    }
}

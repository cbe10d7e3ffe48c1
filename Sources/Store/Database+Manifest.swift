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
                // Split as bytes: splitting a String by Character costs several times more.
                result[row[0]] = ManifestEntry(
                    inputHash: row[1],
                    files: files.utf8.split(separator: UInt8(ascii: "\n")).map { String(decoding: $0, as: UTF8.self) })
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

/// The fingerprint of an output's last complete build, with what that build left there.
public struct BuildFingerprintRecord: Sendable, Equatable {
    /// A digest of everything the build read (files, configuration, as-of time, database version).
    public var inputs: String
    /// A digest of the output folder as the build left it.
    public var outputs: String
    /// How many files and services the site had.
    public var files: Int
    public var services: Int

    public init(inputs: String, outputs: String, files: Int, services: Int) {
        self.inputs = inputs
        self.outputs = outputs
        self.files = files
        self.services = services
    }
}

extension DowntrackDatabase {
    /// The version of the data the build reads: every insert, update and delete in those
    /// tables moves it (by trigger), and `output`'s stored fingerprint, read together.
    public func buildInputs(output: String) throws -> (version: Int64, last: BuildFingerprintRecord?) {
        try read { db in
            let version = try Int64.fetchOne(db, sql: "SELECT version FROM build_input_version WHERE id = 1") ?? -1
            let row = try Row.fetchOne(
                db, sql: "SELECT inputs, outputs, files, services FROM build_fingerprint WHERE output = ?",
                arguments: [output])
            let last = row.map {
                BuildFingerprintRecord(inputs: $0[0], outputs: $0[1], files: $0[2], services: $0[3])
            }
            return (version, last)
        }
    }

    /// Stores `output`'s fingerprint (nil forgets it: the next build then works out what changed).
    public func setBuildFingerprint(output: String, _ record: BuildFingerprintRecord?) throws {
        try write { db in
            if let record {
                try db.execute(
                    sql: """
                        INSERT OR REPLACE INTO build_fingerprint (output, inputs, outputs, files, services)
                        VALUES (?, ?, ?, ?, ?)
                        """,
                    arguments: [output, record.inputs, record.outputs, record.files, record.services])
            } else {
                try db.execute(sql: "DELETE FROM build_fingerprint WHERE output = ?", arguments: [output])
            }
        }
    }
}

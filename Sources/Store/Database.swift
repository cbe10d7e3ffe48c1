import Foundation
import GRDB
import Model

/// Downtrack's SQLite database: one file, WAL mode, migrated on open.
///
/// Every reader and writer of the database goes through this type; records and queries
/// live in extensions named `Database+Purpose.swift`.
public final class DowntrackDatabase: Sendable {
    /// The underlying GRDB pool; many readers, one writer at a time.
    public let pool: DatabasePool
    /// Where the database file is.
    public let path: String

    /// Opens (creating folder and file on first use) and migrates the database at `path`.
    ///
    /// A new database file is created readable by its owner only (0600): it holds the secret
    /// behind client keys and subscribers' addresses. SQLite gives its `-wal` and `-shm`
    /// files the same mode. Commits are `synchronous = FULL`: once a transaction returns, a
    /// power cut cannot take it back — an acknowledged report is on disk.
    /// - Throws: `StoreError.cannotOpen` with the path and SQLite's reason.
    public init(path: String) throws {
        self.path = path
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty && !FileManager.default.fileExists(atPath: folder) {
            try? FileManager.default.createDirectory(
                atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        }
        Self.createPrivately(path)
        var configuration = Configuration()
        configuration.busyMode = .timeout(30)
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
            // After the pool's own set-up (which picks NORMAL for WAL): the one writer
            // connection commits with FULL from here on.
            try pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
            try Migrations.migrator.migrate(pool)
        } catch {
            throw StoreError.cannotOpen(path: path, reason: "\(error)")
        }
    }

    /// Creates an empty file readable by its owner only, when there is none yet.
    private static func createPrivately(_ path: String) {
        let descriptor = open(path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o600)
        if descriptor >= 0 { close(descriptor) }
    }

    /// Runs a write transaction, mapping SQLite errors to `StoreError`.
    func write<T>(_ updates: (GRDB.Database) throws -> T) throws -> T {
        do { return try pool.write(updates) } catch let error as StoreError { throw error } catch {
            throw StoreError.failed(path: path, reason: "\(error)")
        }
    }

    /// Runs a read, mapping SQLite errors to `StoreError`.
    func read<T>(_ value: (GRDB.Database) throws -> T) throws -> T {
        do { return try pool.read(value) } catch let error as StoreError { throw error } catch {
            throw StoreError.failed(path: path, reason: "\(error)")
        }
    }
}

/// What can go wrong with the database, in words an operator can act on.
public enum StoreError: Error, Equatable, CustomStringConvertible {
    case cannotOpen(path: String, reason: String)
    case failed(path: String, reason: String)

    public var description: String {
        switch self {
        case .cannotOpen(let path, let reason):
            "cannot open the database \(path): \(reason) (check the path and its permissions)"
        case .failed(let path, let reason):
            "database \(path): \(reason)"
        }
    }
}

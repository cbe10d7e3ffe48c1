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
    /// - Throws: `StoreError.cannotOpen` with the path and SQLite's reason.
    public init(path: String) throws {
        self.path = path
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty {
            try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        }
        var configuration = Configuration()
        configuration.busyMode = .timeout(30)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
            try Migrations.migrator.migrate(pool)
        } catch {
            throw StoreError.cannotOpen(path: path, reason: "\(error)")
        }
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

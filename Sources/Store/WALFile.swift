import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The database's WAL file, opened once more so that the intake can sync it itself.
///
/// `fdatasync` on any descriptor of a file writes all of that file's pages to disk, the ones
/// SQLite wrote included. So a transaction committed without waiting for the disk
/// (`synchronous = NORMAL`) is as durable as a `FULL` commit once a `sync()` that started
/// after its commit returns; meanwhile the writer can already commit the next batch.
public final class WALFile: @unchecked Sendable {
    private let path: String
    private let folder: String
    /// Syncs run one at a time on this queue, never on a thread of Swift's cooperative pool.
    private let queue = DispatchQueue(label: "downtrack.wal-sync")
    /// The open WAL, or -1; read and written only on `queue`.
    private var descriptor: Int32 = -1

    /// - Parameter databasePath: the database file; its WAL is the same path with `-wal`.
    public init(databasePath: String) {
        path = databasePath + "-wal"
        folder = (databasePath as NSString).deletingLastPathComponent
    }

    deinit { if descriptor >= 0 { close(descriptor) } }

    /// Writes every page of the WAL to disk; returns when they are there.
    /// - Throws: `StoreError.failed` when the WAL cannot be opened or synced.
    public func sync() async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, Error>) in
            queue.async { continuation.resume(with: Result { try self.syncNow() }) }
        }
    }

    private func syncNow() throws {
        if !holdsCurrentFile() {
            if descriptor >= 0 { close(descriptor) }
            descriptor = open(path, O_RDONLY | O_CLOEXEC)
            guard descriptor >= 0 else { throw failure("cannot open the WAL to sync it") }
            // A WAL made since the last sync must also be named on disk: sync its folder once.
            let directory = open(folder.isEmpty ? "." : folder, O_RDONLY | O_CLOEXEC)
            if directory >= 0 {
                defer { close(directory) }
                guard fsync(directory) == 0 else { throw failure("cannot sync the database's folder") }
            }
        }
        guard fdatasync(descriptor) == 0 else { throw failure("cannot sync the WAL") }
    }

    /// Whether the descriptor is open on the file now at `path` (SQLite removes the WAL when
    /// the last connection closes, and a later one makes a new file).
    private func holdsCurrentFile() -> Bool {
        guard descriptor >= 0 else { return false }
        var held = stat()
        var current = stat()
        guard fstat(descriptor, &held) == 0, stat(path, &current) == 0 else { return false }
        return held.st_ino == current.st_ino && held.st_dev == current.st_dev
    }

    private func failure(_ what: String) -> StoreError {
        StoreError.failed(path: path, reason: "\(what): \(String(cString: strerror(errno)))")
    }
}

import Store

/// The one writer of accepted reports: it gathers them into batches and stores each batch in
/// one SQLite transaction (group commit). A caller of `submit` returns only once its report's
/// transaction is on disk, so an acknowledged report is durable.
///
/// A batch starts as soon as the writer is free; what arrives while a transaction runs goes into
/// the next one, so batches grow with the load and a quiet server adds no delay.
///
/// Waiting for the disk is kept apart from writing: a batch commits without syncing, and a
/// second loop syncs the WAL once for every batch committed since its last sync (group sync)
/// and only then lets their callers return. So the next batch is written while the last ones
/// are being synced, instead of after.
///
/// At most `maximumWaiting` reports wait for a transaction or a sync: past that, `submit`
/// refuses at once (`WriteError.overloaded`, answered with 503 and `Retry-After`), so a slow
/// disk cannot make memory grow without bound.
public actor ReportWriter {
    /// Why a report was not stored.
    public enum WriteError: Error, Equatable {
        /// The writer is closing (the server is shutting down).
        case closed
        /// Too many reports are already waiting for the database.
        case overloaded
    }

    private struct Waiting {
        var report: ReportRecord
        var continuation: CheckedContinuation<Void, Error>
    }

    private let database: DowntrackDatabase
    /// The WAL the sync loop syncs; nil when each transaction syncs as it commits.
    private let wal: WALFile?
    private let maximumBatch: Int
    private let maximumWaiting: Int
    private var waiting: [Waiting] = []
    /// Callers whose reports are committed and not yet synced.
    private var unsynced: [CheckedContinuation<Void, Error>] = []
    private var idle: CheckedContinuation<Void, Never>?
    private var syncIdle: CheckedContinuation<Void, Never>?
    private var closed = false
    private var writingDone = false
    private var loop: Task<Void, Never>?
    private var syncLoop: Task<Void, Never>?
    /// Transactions committed, and reports in them (for tests and the shutdown line).
    public private(set) var batches = 0
    public private(set) var written = 0

    /// Reports submitted and not yet in a transaction.
    public var waitingCount: Int { waiting.count }

    /// - Parameters:
    ///   - maximumBatch: the most reports in one transaction.
    ///   - maximumWaiting: the most reports waiting for a transaction or a sync before new ones
    ///     are refused.
    ///   - groupSync: sync the WAL in a loop of its own (see above); false makes every
    ///     transaction sync as it commits.
    public init(
        database: DowntrackDatabase, maximumBatch: Int = 500, maximumWaiting: Int = 10_000, groupSync: Bool = true
    ) {
        self.database = database
        wal = groupSync ? database.walFile() : nil
        self.maximumBatch = max(1, maximumBatch)
        self.maximumWaiting = max(1, maximumWaiting)
    }

    /// Starts the writing loop (once).
    public func start() {
        guard loop == nil else { return }
        loop = Task { await self.run() }
        if wal != nil { syncLoop = Task { await self.runSyncs() } }
    }

    /// Stores `report`; returns when its transaction is on disk.
    /// - Throws: `WriteError.closed` after `close()`, `WriteError.overloaded` when the queue is
    ///   full, or the store's error for that batch.
    public func submit(_ report: ReportRecord) async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, Error>) in
            guard !closed else {
                continuation.resume(throwing: WriteError.closed)
                return
            }
            guard waiting.count + unsynced.count < maximumWaiting else {
                continuation.resume(throwing: WriteError.overloaded)
                return
            }
            waiting.append(Waiting(report: report, continuation: continuation))
            idle?.resume()
            idle = nil
        }
    }

    /// Refuses new reports, stores every report already submitted, and returns when done.
    public func close() async {
        closed = true
        idle?.resume()
        idle = nil
        if loop == nil { start() }
        await loop?.value
        await syncLoop?.value
    }

    private func run() async {
        while true {
            if waiting.isEmpty {
                if closed { break }
                await withCheckedContinuation { idle = $0 }
                continue
            }
            let batch = Array(waiting.prefix(maximumBatch))
            waiting.removeFirst(batch.count)
            do {
                if wal != nil {
                    try await database.recordUnsynced(batch.map(\.report))
                    unsynced.append(contentsOf: batch.map(\.continuation))
                    syncIdle?.resume()
                    syncIdle = nil
                } else {
                    try await database.recordAsync(batch.map(\.report))
                    for entry in batch { entry.continuation.resume() }
                }
                batches += 1
                written += batch.count
            } catch {
                for entry in batch { entry.continuation.resume(throwing: error) }
            }
        }
        writingDone = true
        syncIdle?.resume()
        syncIdle = nil
    }

    /// Syncs the WAL for every batch committed since the last sync, then lets their callers
    /// return. A failed sync fails them all: their rows are committed, but not known to be on
    /// disk, so they are not acknowledged.
    private func runSyncs() async {
        guard let wal else { return }
        while true {
            if unsynced.isEmpty {
                if writingDone { return }
                await withCheckedContinuation { syncIdle = $0 }
                continue
            }
            let group = unsynced
            unsynced = []
            do {
                try await wal.sync()
                for continuation in group { continuation.resume() }
            } catch {
                for continuation in group { continuation.resume(throwing: error) }
            }
        }
    }
}

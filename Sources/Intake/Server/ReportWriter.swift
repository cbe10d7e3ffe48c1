import Store

/// The one writer of accepted reports: it gathers them into batches and stores each batch in
/// one SQLite transaction (group commit). A caller of `submit` returns only after its report's
/// transaction committed, so an acknowledged report is durable.
///
/// A batch starts as soon as the writer is free; what arrives while a transaction runs goes into
/// the next one, so batches grow with the load and a quiet server adds no delay.
///
/// At most `maximumWaiting` reports wait for a transaction: past that, `submit` refuses at once
/// (`WriteError.overloaded`, answered with 503 and `Retry-After`), so a slow disk cannot make
/// memory grow without bound.
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
    private let maximumBatch: Int
    private let maximumWaiting: Int
    private var waiting: [Waiting] = []
    private var idle: CheckedContinuation<Void, Never>?
    private var closed = false
    private var loop: Task<Void, Never>?
    /// Transactions committed, and reports in them (for tests and the shutdown line).
    public private(set) var batches = 0
    public private(set) var written = 0

    /// Reports submitted and not yet in a transaction.
    public var waitingCount: Int { waiting.count }

    /// - Parameters:
    ///   - maximumBatch: the most reports in one transaction.
    ///   - maximumWaiting: the most reports waiting for a transaction before new ones are refused.
    public init(database: DowntrackDatabase, maximumBatch: Int = 500, maximumWaiting: Int = 10_000) {
        self.database = database
        self.maximumBatch = max(1, maximumBatch)
        self.maximumWaiting = max(1, maximumWaiting)
    }

    /// Starts the writing loop (once).
    public func start() {
        guard loop == nil else { return }
        loop = Task { await self.run() }
    }

    /// Stores `report`; returns when its transaction committed.
    /// - Throws: `WriteError.closed` after `close()`, `WriteError.overloaded` when the queue is
    ///   full, or the store's error for that batch.
    public func submit(_ report: ReportRecord) async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, Error>) in
            guard !closed else {
                continuation.resume(throwing: WriteError.closed)
                return
            }
            guard waiting.count < maximumWaiting else {
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
    }

    private func run() async {
        while true {
            if waiting.isEmpty {
                if closed { return }
                await withCheckedContinuation { idle = $0 }
                continue
            }
            let batch = Array(waiting.prefix(maximumBatch))
            waiting.removeFirst(batch.count)
            do {
                try await database.recordAsync(batch.map(\.report))
                batches += 1
                written += batch.count
                for entry in batch { entry.continuation.resume() }
            } catch {
                for entry in batch { entry.continuation.resume(throwing: error) }
            }
        }
    }
}

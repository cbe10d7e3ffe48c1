import GRDB

/// What a checkpoint found and did, in WAL frames (one frame is one page).
public struct CheckpointResult: Sendable, Equatable {
    /// Frames in the WAL.
    public var walFrames: Int
    /// Frames of those already copied into the database.
    public var copied: Int

    init(_ counts: (walFrameCount: Int, checkpointedFrameCount: Int)) {
        walFrames = counts.walFrameCount
        copied = counts.checkpointedFrameCount
    }
}

/// A connection to the database of its own that only runs checkpoints: copying committed pages
/// from the WAL into the database (and syncing it) happens here, beside the writer, instead of
/// inside one of the writer's commits. A passive checkpoint never waits for the writer or
/// blocks it; what it has copied stays committed in the WAL as well until the WAL starts over,
/// so nothing committed is ever at risk.
public final class CheckpointConnection: Sendable {
    private let queue: DatabaseQueue
    private let path: String

    /// - Throws: `StoreError.cannotOpen` when the database cannot be opened.
    init(path: String) throws {
        self.path = path
        var configuration = Configuration()
        configuration.busyMode = .timeout(5)
        configuration.label = "checkpoint"
        do { queue = try DatabaseQueue(path: path, configuration: configuration) } catch {
            throw StoreError.cannotOpen(path: path, reason: "\(error)")
        }
    }

    /// Copies into the database what the WAL holds and no reader still needs (PASSIVE). Runs on
    /// the connection's own queue; the caller's thread is not blocked while it writes and syncs.
    @discardableResult
    public func checkpoint() async throws -> CheckpointResult {
        let path = path
        return try await withCheckedThrowingContinuation { continuation in
            queue.asyncWriteWithoutTransaction { db in
                do { continuation.resume(returning: CheckpointResult(try db.checkpoint(.passive))) } catch {
                    continuation.resume(throwing: StoreError.failed(path: path, reason: "\(error)"))
                }
            }
        }
    }
}

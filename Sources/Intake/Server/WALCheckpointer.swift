import Foundation
import IntakeRules
import Store

/// Keeps WAL checkpoints off the report writer's path.
///
/// While the intake runs, the writer connection does not checkpoint after its commits (a commit
/// that has to copy a thousand pages back into the database and sync it is what made the slowest
/// answers slow). Instead this task runs a passive checkpoint every `interval` on a connection of
/// its own. Under steady load the WAL cannot start over while the writer keeps adding to it, so
/// once it is longer than `restartFrames`, one passive checkpoint runs on the writer connection
/// between two batches: most pages are copied already, and the next transaction starts the WAL
/// from its beginning.
final class WALCheckpointer: Sendable {
    private let database: DowntrackDatabase
    private let interval: Duration
    private let restartFrames: Int
    private let loop = Locked<Task<Void, Never>?>(nil)

    /// - Parameters:
    ///   - interval: time between two checkpoints.
    ///   - restartFrames: WAL length (pages) past which the writer checkpoints once itself.
    init(database: DowntrackDatabase, interval: Duration = .milliseconds(250), restartFrames: Int = 4000) {
        self.database = database
        self.interval = interval
        self.restartFrames = restartFrames
    }

    /// Turns off the writer's own checkpoints and starts the checkpoint task. When the second
    /// connection cannot be opened, the writer keeps checkpointing itself, as SQLite does by default.
    func start() async {
        guard let connection = try? database.checkpointConnection() else { return }
        do { try await database.stopAutomaticCheckpoints() } catch { return }
        let database = database
        let interval = interval
        let restartFrames = restartFrames
        loop.withLock { loop in
            loop = Task {
                while !Task.isCancelled {
                    try? await Task.sleep(for: interval)
                    guard let result = try? await connection.checkpoint() else { continue }
                    if result.walFrames > restartFrames { _ = try? await database.checkpointOnWriter() }
                }
            }
        }
    }

    /// Stops the task and gives checkpoints back to the writer connection, after one last
    /// checkpoint there.
    func stop() async {
        let task = loop.withLock { loop in
            defer { loop = nil }
            return loop
        }
        guard let task else { return }
        task.cancel()
        await task.value
        _ = try? await database.checkpointOnWriter()
        try? await database.automaticCheckpoints(pages: 1000)
    }
}

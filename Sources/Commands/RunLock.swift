import Foundation

/// An exclusive lock on a file, held until released or the process ends (even by a crash):
/// one writer command (`run`, `collect`, `build`, `notify`, `prune`, `import-reports`,
/// `demo`) at a time. `report` and the intake only add reports in single transactions and
/// run beside it.
final class RunLock {
    private let descriptor: Int32
    let path: String

    /// Takes the lock. With no `wait`, throws at once if another process holds it (cron's
    /// next minute simply skips); with `wait`, tries for that many seconds first.
    init(path: String, wait: Double? = nil, command: String = "run") throws {
        self.path = path
        try? FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        descriptor = open(path, O_CREAT | O_RDWR | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw CommandFailure("cannot open the lock file \(path): errno \(errno)") }
        let deadline = Date().addingTimeInterval(wait ?? 0)
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            if Date() >= deadline {
                close(descriptor)
                let waited = wait.map { " for \(Int($0)) s" } ?? ""
                throw CommandFailure(
                    "another downtrack command holds the lock \(path)\(waited); this \(command) exits without doing anything"
                )
            }
            usleep(100_000)
        }
        let pid = "\(getpid())\n"
        _ = ftruncate(descriptor, 0)
        _ = pid.withCString { write(descriptor, $0, strlen($0)) }
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}

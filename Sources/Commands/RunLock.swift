import Foundation

/// An exclusive lock on a file, held until released or the process ends (even by a crash):
/// one `run` at a time.
final class RunLock {
    private let descriptor: Int32
    let path: String

    /// Takes the lock, or throws at once if another process holds it.
    init(path: String) throws {
        self.path = path
        try? FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        descriptor = open(path, O_CREAT | O_RDWR | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw CommandFailure("cannot open the lock file \(path): errno \(errno)") }
        if flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            close(descriptor)
            throw CommandFailure("another downtrack run holds the lock \(path); this run exits without doing anything")
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

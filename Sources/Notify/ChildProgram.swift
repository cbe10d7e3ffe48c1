import Foundation
import IntakeRules

#if canImport(Glibc)
    import Glibc
#endif

/// Runs a program with some bytes on its standard input, the way a mail program is run:
/// `posix_spawn` with a clean signal mask and default signal actions (threads of the Swift
/// runtime block most signals, and a child would inherit that), standard output discarded,
/// standard error kept (its first 4 KB), killed after a timeout.
enum ChildProgram {
    /// How the run ended.
    struct Outcome: Sendable {
        /// The exit status, or nil when a signal ended it.
        var exitStatus: Int32?
        var signal: Int32?
        var errorOutput: String
    }

    struct SpawnError: Error, CustomStringConvertible {
        var description: String
    }

    static func run(executable: String, arguments: [String], input: Data, timeoutSeconds: Double) async throws
        -> Outcome
    {
        try await withCheckedThrowingContinuation { continuation in
            Thread {
                continuation.resume(
                    with: Result {
                        try runBlocking(
                            executable: executable, arguments: arguments, input: input, timeoutSeconds: timeoutSeconds)
                    })
            }.start()
        }
    }

    private static func runBlocking(executable: String, arguments: [String], input: Data, timeoutSeconds: Double) throws
        -> Outcome
    {
        signal(SIGPIPE, SIG_IGN)
        var stdinPipe: [Int32] = [-1, -1]
        var stderrPipe: [Int32] = [-1, -1]
        guard pipe(&stdinPipe) == 0 else { throw SpawnError(description: "pipe failed (errno \(errno))") }
        guard pipe(&stderrPipe) == 0 else {
            close(stdinPipe[0])
            close(stdinPipe[1])
            throw SpawnError(description: "pipe failed (errno \(errno))")
        }
        // Our ends must not leak into other children.
        for descriptor in stdinPipe + stderrPipe { _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, stdinPipe[0], 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, stderrPipe[1], 2)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t()
        var all = sigset_t()
        sigemptyset(&empty)
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, executable, &actions, &attributes, argv, environ)
        close(stdinPipe[0])
        close(stderrPipe[1])
        guard spawned == 0 else {
            close(stdinPipe[1])
            close(stderrPipe[0])
            throw SpawnError(description: String(cString: strerror(spawned)))
        }
        // A watchdog kills the child at the deadline; `reaped` keeps it off a reused pid.
        let reaped = Locked(false)
        let child = pid
        DispatchQueue.global().asyncAfter(deadline: .now() + timeoutSeconds) {
            reaped.withLock { if !$0 { kill(child, SIGKILL) } }
        }
        input.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = write(stdinPipe[1], buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 && errno == EINTR { continue }
                if written <= 0 { break }
                offset += written
            }
        }
        close(stdinPipe[1])
        // Read standard error until the child exits (not until EOF: a grandchild may keep it open).
        var errorBytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        var status: Int32 = 0
        var endOfErrors = false
        while true {
            if !endOfErrors {
                var ready = pollfd(fd: stderrPipe[0], events: Int16(POLLIN), revents: 0)
                if poll(&ready, 1, 20) > 0 {
                    let count = read(stderrPipe[0], &chunk, chunk.count)
                    if count == 0 || (count < 0 && errno != EINTR) { endOfErrors = true }
                    if count > 0, errorBytes.count < 4096 {
                        errorBytes += chunk[0..<min(count, 4096 - errorBytes.count)]
                    }
                }
            } else {
                usleep(5_000)
            }
            let done = reaped.withLock { reaped in
                let result = waitpid(pid, &status, WNOHANG)
                reaped = result == pid || (result < 0 && errno != EINTR)
                return reaped
            }
            if done { break }
        }
        close(stderrPipe[0])
        let text = String(decoding: errorBytes, as: UTF8.self)
        // WIFEXITED / WEXITSTATUS / WTERMSIG, spelled out (they are C macros).
        if status & 0x7f == 0 { return Outcome(exitStatus: (status >> 8) & 0xff, signal: nil, errorOutput: text) }
        return Outcome(exitStatus: nil, signal: status & 0x7f, errorOutput: text)
    }
}

import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A process the test started (the `downtrack` binary or a Python fixture), whose output is
/// collected on a background thread so the test can wait for a line with a deadline.
public final class ChildProcess: @unchecked Sendable {
    public let process: Process
    private let lock = NSLock()
    private var output = ""
    private var errors = ""
    private var readers: [Thread] = []

    /// Starts `executable arguments…`.
    public init(executable: URL, arguments: [String], environment: [String: String]? = nil) throws {
        process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let environment { process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        readers = [reader(out.fileHandleForReading, isError: false), reader(err.fileHandleForReading, isError: true)]
        for reader in readers { reader.start() }
    }

    /// `downtrack arguments…`.
    public static func downtrack(_ arguments: [String]) throws -> ChildProcess {
        try ChildProcess(executable: Binary.url, arguments: arguments)
    }

    /// `python3 Tests/<script> arguments…` (`script` is a path under `Tests`, such as
    /// `NotifyTests/Fixtures/smtp_sink.py`).
    public static func fixture(_ script: String, _ arguments: [String]) throws -> ChildProcess {
        try ChildProcess(
            executable: URL(fileURLWithPath: "/usr/bin/env"), arguments: ["python3", fixturePath(script)] + arguments)
    }

    /// The absolute path of `Tests/<script>`.
    public static func fixturePath(_ script: String) -> String {
        PackageRoot.url.appendingPathComponent("Tests/\(script)").path
    }

    private func reader(_ handle: FileHandle, isError: Bool) -> Thread {
        Thread { [self] in
            while true {
                let data = handle.availableData
                if data.isEmpty { return }
                let text = String(decoding: data, as: UTF8.self)
                lock.withLock { if isError { errors += text } else { output += text } }
            }
        }
    }

    public var stdout: String { lock.withLock { output } }
    public var stderr: String { lock.withLock { errors } }

    /// The first number after `prefix` in the output, once it is there (a port).
    public func waitForNumber(after prefix: String, seconds: Double = 30) throws -> Int {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if let range = stdout.range(of: prefix) {
                let digits = stdout[range.upperBound...].prefix { $0.isNumber }
                if let number = Int(digits), stdout[range.upperBound...].count > digits.count { return number }
            }
            if !process.isRunning { break }
            Thread.sleep(forTimeInterval: 0.02)
        }
        throw RawHTTP.Failure(
            description: "no '\(prefix)N' from \(process.executableURL?.path ?? "?"): out \(stdout) err \(stderr)")
    }

    /// Waits until the output holds the whole line `line`.
    public func waitForLine(_ line: String, seconds: Double = 30) throws {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if stdout.split(separator: "\n").contains(Substring(line)) { return }
            if !process.isRunning { break }
            Thread.sleep(forTimeInterval: 0.02)
        }
        throw RawHTTP.Failure(
            description: "no line '\(line)' from \(process.executableURL?.path ?? "?"): out \(stdout) err \(stderr)")
    }

    /// Sends `signal` and waits for the exit (at most `seconds`). - Returns: the exit status.
    @discardableResult
    public func stop(signal: Int32 = SIGTERM, seconds: Double = 30) -> Int32 {
        if process.isRunning { kill(process.processIdentifier, signal) }
        return waitForExit(seconds: seconds)
    }

    /// Waits for the process to end by itself. - Returns: the exit status.
    @discardableResult
    public func waitForExit(seconds: Double = 60) -> Int32 {
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        for reader in readers { while !reader.isFinished { Thread.sleep(forTimeInterval: 0.01) } }
        return process.terminationStatus
    }
}

import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Hands a message to a sendmail-compatible program (`/usr/sbin/sendmail -t -i` by default:
/// postfix, exim, msmtp, nullmailer…), which reads the recipients from the headers.
///
/// The command is split at spaces and run directly, without a shell.
public struct Sendmail: Sendable {
    public let arguments: [String]
    public let timeoutSeconds: Double

    public init(command: String, timeoutSeconds: Double = 30) {
        arguments = command.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        self.timeoutSeconds = timeoutSeconds
    }

    /// Runs the program with `message` on its standard input. Exit status 0 is delivered;
    /// anything else (or no such program) is retried later.
    public func send(_ message: String) async -> DeliveryResult {
        guard let program = arguments.first else { return .retry("notify.sendmail is empty") }
        guard let executable = Self.locate(program) else {
            return .retry("cannot run '\(program)': not found (install a mail transfer agent, or set notify.sendmail)")
        }
        signal(SIGPIPE, SIG_IGN)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = Array(arguments.dropFirst())
        let input = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors
        return await withCheckedContinuation { continuation in
            process.terminationHandler = { finished in
                let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile().prefix(300), as: UTF8.self)
                if finished.terminationReason == .exit, finished.terminationStatus == 0 {
                    continuation.resume(returning: .delivered)
                } else {
                    let how = finished.terminationReason == .exit
                        ? "exited with status \(finished.terminationStatus)" : "was stopped (signal \(finished.terminationStatus))"
                    let detail = text.trimmingCharacters(in: .whitespacesAndNewlines)
                    continuation.resume(returning: .retry("\(program) \(how)" + (detail.isEmpty ? "" : ": \(detail)")))
                }
            }
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                continuation.resume(returning: .retry("cannot run '\(program)': \(error.localizedDescription)"))
                return
            }
            let deadline = timeoutSeconds
            DispatchQueue.global().asyncAfter(deadline: .now() + deadline) { [process] in
                if process.isRunning { process.terminate() }
            }
            try? input.fileHandleForWriting.write(contentsOf: Data(message.utf8))
            try? input.fileHandleForWriting.close()
        }
    }

    /// An absolute path for `program`, searching `PATH` when it has no slash.
    static func locate(_ program: String) -> String? {
        if program.contains("/") { return FileManager.default.isExecutableFile(atPath: program) ? program : nil }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin"
        for folder in path.split(separator: ":") {
            let candidate = "\(folder)/\(program)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }
}

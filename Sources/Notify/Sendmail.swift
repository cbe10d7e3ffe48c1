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
        do {
            let outcome = try await ChildProgram.run(
                executable: executable, arguments: Array(arguments.dropFirst()), input: Data(message.utf8),
                timeoutSeconds: timeoutSeconds)
            if outcome.exitStatus == 0 { return .delivered }
            let how =
                outcome.exitStatus.map { "exited with status \($0)" }
                ?? "was stopped by signal \(outcome.signal ?? 0)\(outcome.signal == SIGKILL ? " (timed out?)" : "")"
            let detail = outcome.errorOutput.trimmingCharacters(in: .whitespacesAndNewlines).prefix(300)
            return .retry("\(program) \(how)" + (detail.isEmpty ? "" : ": \(detail)"))
        } catch {
            return .retry("cannot run '\(program)': \(error)")
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

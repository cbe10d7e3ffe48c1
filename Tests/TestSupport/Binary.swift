import Foundation

/// Runs the real `downtrack` executable, as cron or a shell would.
public enum Binary {
    /// The built executable beside the test bundle, or the one `DOWNTRACK_BINARY` names (to
    /// run the end-to-end suite against another build, e.g. a release or an older version).
    public static var url: URL {
        if let path = ProcessInfo.processInfo.environment["DOWNTRACK_BINARY"], !path.isEmpty {
            return URL(fileURLWithPath: path)
        }
        let bundle = Bundle.main.bundleURL
        let candidates = [
            bundle.deletingLastPathComponent().appendingPathComponent("downtrack"),
            PackageRoot.url.appendingPathComponent(".build/debug/downtrack"),
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[1]
    }

    /// The outcome of one run.
    public struct Result {
        public var status: Int32
        public var stdout: String
        public var stderr: String
    }

    /// Runs `downtrack arguments…` and waits for it.
    @discardableResult
    public static func run(_ arguments: [String], input: String? = nil) throws -> Result {
        let process = try start(arguments)
        let out = process.standardOutput as! Pipe
        let err = process.standardError as! Pipe
        // Read both pipes while the process runs so neither fills up.
        nonisolated(unsafe) var errData = Data()
        let reader = Thread { errData = err.fileHandleForReading.readDataToEndOfFile() }
        reader.start()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        while !reader.isFinished { Thread.sleep(forTimeInterval: 0.01) }
        return Result(
            status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self))
    }

    /// Starts `downtrack arguments…` without waiting.
    public static func start(_ arguments: [String]) throws -> Process {
        let process = Process()
        process.executableURL = url
        process.arguments = arguments
        process.standardOutput = Pipe()
        process.standardError = Pipe()
        try process.run()
        return process
    }
}

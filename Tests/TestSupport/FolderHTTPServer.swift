import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// `python3 -m http.server` serving a folder on 127.0.0.1 and a free port. It answers a
/// folder URL without its slash (`/inc`) with `301 Location: /inc/`, as many servers do.
public final class FolderHTTPServer {
    public let process: Process
    /// The port it listens on.
    public let port: Int
    /// `http://127.0.0.1:<port>`.
    public var baseURL: String { "http://127.0.0.1:\(port)" }

    /// Why a server did not start.
    public enum StartError: Error {
        /// It printed no port; its output so far.
        case didNotStart(String)
    }

    /// Starts serving `folder`.
    public init(serving folder: URL) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", "-u", "-m", "http.server", "0", "--bind", "127.0.0.1", "--directory", folder.path,
        ]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        self.process = process
        // "Serving HTTP on 127.0.0.1 port 41234 (http://127.0.0.1:41234/) ..."
        var text = ""
        while !text.contains(") ...") {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            text += String(decoding: chunk, as: UTF8.self)
        }
        let words = text.split(separator: " ")
        guard let port = words.firstIndex(of: "port").flatMap({ Int(words[$0 + 1]) }) else {
            process.terminate()
            throw StartError.didNotStart(text)
        }
        self.port = port
    }

    /// Stops the server with SIGKILL: started from an async test, the child may inherit a
    /// signal mask that blocks SIGTERM.
    public func stop() {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }
}

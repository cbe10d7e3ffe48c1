import Foundation
import XCTest

#if canImport(Glibc)
    import Glibc
#endif

/// Runs `Fixtures/test_server.py` (Python 3 standard library) on 127.0.0.1 and a free port.
final class TestHTTPServer {
    let process: Process
    let port: Int

    var baseURL: String { "http://127.0.0.1:\(port)" }

    /// Starts the server and waits (up to 10 s) for it to print its port.
    init() throws {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures").appendingPathComponent("test_server.py")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-u", script.path]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        self.process = process

        let handle = output.fileHandleForReading
        var line = Data()
        let deadline = Date().addingTimeInterval(10)
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = handle.availableData
            if chunk.isEmpty {
                guard process.isRunning, Date() < deadline else { break }
                usleep(20_000)
                continue
            }
            line.append(chunk)
        }
        let text = String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard let port = Int(text) else {
            process.terminate()
            throw ServerError.didNotStart(text)
        }
        self.port = port
    }

    /// Stops the server process (SIGTERM, then waits for it).
    func stop() {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
    }

    enum ServerError: Error {
        case didNotStart(String)
    }

    /// A local port with nothing listening: bound, then released.
    static func closedPort() -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                _ = bind(fd, socketAddress, length)
                _ = getsockname(fd, socketAddress, &length)
            }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

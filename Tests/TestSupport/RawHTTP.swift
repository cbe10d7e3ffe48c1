import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A bare HTTP/1.1 client over a socket to 127.0.0.1, so tests control every header and byte
/// (chunked bodies without a length, a lying Content-Length, no automatic redirects).
public enum RawHTTP {
    /// One answer.
    public struct Reply: Sendable {
        public var status: Int
        /// Header names lowercased; repeated headers joined with ", ".
        public var headers: [String: String]
        public var body: String

        /// The body read as a JSON object (empty when it is not one).
        public var json: [String: Any] {
            (try? JSONSerialization.jsonObject(with: Data(body.utf8))) as? [String: Any] ?? [:]
        }
    }

    /// A request that could not be made or answered.
    public struct Failure: Error, CustomStringConvertible {
        public var description: String

        public init(description: String) { self.description = description }
    }

    /// Sends one request on a new connection and reads the whole answer.
    public static func send(
        port: Int, method: String, path: String, headers: [(String, String)] = [], body: String? = nil,
        chunked: Bool = false, declaredLength: Int? = nil
    ) throws -> Reply {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw Failure(description: "socket() failed") }
        defer { close(socket) }
        var timeout = timeval(tv_sec: 30, tv_usec: 0)
        setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else { throw Failure(description: "cannot connect to 127.0.0.1:\(port) (errno \(errno))") }
        var head = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        var payload = Data()
        if let body {
            if chunked {
                head += "Transfer-Encoding: chunked\r\n"
                var rest = Substring(body)
                while !rest.isEmpty {
                    let piece = rest.prefix(1000)
                    rest = rest.dropFirst(piece.count)
                    payload += Data("\(String(piece.utf8.count, radix: 16))\r\n\(piece)\r\n".utf8)
                }
                payload += Data("0\r\n\r\n".utf8)
            } else {
                head += "Content-Length: \(declaredLength ?? body.utf8.count)\r\n"
                payload = Data(body.utf8)
            }
        } else if method == "POST" {
            head += "Content-Length: 0\r\n"
        }
        let request = Data((head + "\r\n").utf8) + payload
        _ = request.withUnsafeBytes { Glibc.send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        var received = Data()
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = recv(socket, &buffer, buffer.count, 0)
            if count <= 0 { break }
            received.append(contentsOf: buffer[0..<count])
        }
        return try parse(received)
    }

    /// The same, off the cooperative thread pool (a thread per request), for concurrent tests.
    public static func sendAsync(
        port: Int, method: String, path: String, headers: [(String, String)] = [], body: String? = nil,
        chunked: Bool = false
    ) async throws -> Reply {
        try await withCheckedThrowingContinuation { continuation in
            Thread {
                continuation.resume(
                    with: Result {
                        try send(port: port, method: method, path: path, headers: headers, body: body, chunked: chunked)
                    })
            }.start()
        }
    }

    /// An answer's bytes as a reply (chunked bodies joined).
    public static func parse(_ data: Data) throws -> Reply {
        let text = String(decoding: data, as: UTF8.self)
        guard let end = text.range(of: "\r\n\r\n") else { throw Failure(description: "no complete answer: '\(text)'") }
        let lines = text[..<end.lowerBound].components(separatedBy: "\r\n")
        let statusParts = lines[0].split(separator: " ")
        guard statusParts.count >= 2, let status = Int(statusParts[1]) else {
            throw Failure(description: "bad status line \(lines[0])")
        }
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = line[..<colon].lowercased()
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            headers[name] = headers[name].map { "\($0), \(value)" } ?? value
        }
        var body = String(text[end.upperBound...])
        if headers["transfer-encoding"]?.lowercased() == "chunked" { body = dechunk(body) }
        return Reply(status: status, headers: headers, body: body)
    }

    static func dechunk(_ text: String) -> String {
        var rest = Substring(text)
        var out = ""
        while let lineEnd = rest.range(of: "\r\n"), let size = Int(rest[..<lineEnd.lowerBound], radix: 16), size > 0 {
            let start = lineEnd.upperBound
            let bytes = Array(rest[start...].utf8.prefix(size))
            out += String(decoding: bytes, as: UTF8.self)
            rest = rest[start...].dropFirst(String(decoding: bytes, as: UTF8.self).count).dropFirst(2)
        }
        return out
    }
}

import Foundation
import Hummingbird
import IntakeRules

/// Reading a request's body into `PostedFields` (decoding itself lives in `IntakeRules`).
extension PostedFields {
    /// A required, non-empty field, or a 400 naming it.
    func required(_ name: String) throws(IntakeReply) -> String {
        guard let value = values[name].map(Self.trimmed), !value.isEmpty else {
            throw .error(.badRequest, "missing field '\(name)'")
        }
        return value
    }

    /// `value` without leading and trailing whitespace and newlines. A value that starts and ends
    /// with printable ASCII other than a space (every slug and problem id) has none to lose and
    /// is returned as it is.
    static func trimmed(_ value: String) -> String {
        if let first = value.utf8.first, let last = value.utf8.last, (0x21...0x7E).contains(first),
            (0x21...0x7E).contains(last)
        {
            return value
        }
        return value.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Whether the request declares more than `limit` body bytes.
    static func declaresTooMuch(_ request: Request, limit: Int) -> Bool {
        guard let length = request.headers[.contentLength].flatMap({ Int($0) }) else { return false }
        return length > limit
    }

    /// Reads and decodes the body. - Throws: 413 past `limit` bytes, 400 for a bad body.
    static func read(_ request: Request, limit: Int) async throws(IntakeReply) -> PostedFields {
        let bytes = try await readBytes(request, limit: limit)
        do {
            return try decode(body: bytes, contentType: request.headers[.contentType])
        } catch {
            throw .error(.badRequest, error.description)
        }
    }

    /// The body's bytes, read with a hard size limit. - Throws: 413 past `limit` bytes.
    static func readBytes(_ request: Request, limit: Int) async throws(IntakeReply) -> [UInt8] {
        var bytes: [UInt8] = []
        do {
            for try await chunk in request.body {
                guard bytes.count + chunk.readableBytes <= limit else {
                    throw IntakeReply.error(.contentTooLarge, "the request body is over \(limit) bytes")
                }
                bytes += chunk.readableBytesView
            }
        } catch let reply as IntakeReply {
            throw reply
        } catch {
            throw .error(.badRequest, "the request body could not be read")
        }
        return bytes
    }
}

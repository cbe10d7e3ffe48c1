import Foundation
import Hummingbird
import IntakeRules

/// Reading a request's body into `PostedFields` (decoding itself lives in `IntakeRules`).
extension PostedFields {
    /// A required, non-empty field, or a 400 naming it.
    func required(_ name: String) throws(IntakeReply) -> String {
        guard let value = values[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else {
            throw .error(.badRequest, "missing field '\(name)'")
        }
        return value
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

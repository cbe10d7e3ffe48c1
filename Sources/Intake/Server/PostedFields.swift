import Foundation
import Hummingbird

/// The fields of a POST body: a JSON object (`{"service":"wechat","problem":"login"}`) or an
/// HTML form (`service=wechat&problem=login`). The body is read with a hard size limit.
struct PostedFields: Sendable {
    var values: [String: String]
    /// Whether the body was JSON (the answer then is JSON too).
    var isJSON: Bool

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

    /// Reads and parses the body. - Throws: 413 past `limit` bytes, 400 for bad JSON.
    static func read(_ request: Request, limit: Int) async throws(IntakeReply) -> PostedFields {
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
        let type = request.headers[.contentType]?.lowercased() ?? ""
        let firstCharacter = bytes.first { $0 != 32 && $0 != 9 && $0 != 10 && $0 != 13 }
        if type.hasPrefix("application/json") || (!type.contains("form") && firstCharacter == UInt8(ascii: "{")) {
            return try parseJSON(bytes)
        }
        return PostedFields(values: parseForm(String(decoding: bytes, as: UTF8.self)), isJSON: false)
    }

    static func parseJSON(_ bytes: [UInt8]) throws(IntakeReply) -> PostedFields {
        guard let object = try? JSONSerialization.jsonObject(with: Data(bytes)) else {
            throw .error(.badRequest, "the body is not valid JSON")
        }
        guard let dictionary = object as? [String: Any] else {
            throw .error(.badRequest, "the body must be a JSON object such as {\"service\":\"wechat\",\"problem\":\"login\"}")
        }
        var values: [String: String] = [:]
        for (key, value) in dictionary {
            guard let text = value as? String else { throw .error(.badRequest, "field '\(key)' must be a string") }
            values[key] = text
        }
        return PostedFields(values: values, isJSON: true)
    }

    /// `application/x-www-form-urlencoded`: `+` is a space, `%XX` a byte.
    static func parseForm(_ text: String) -> [String: String] {
        var values: [String: String] = [:]
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ part: Substring) -> String {
                let spaced = part.replacingOccurrences(of: "+", with: " ")
                return spaced.removingPercentEncoding ?? spaced
            }
            let key = decode(parts[0])
            if values[key] == nil { values[key] = parts.count > 1 ? decode(parts[1]) : "" }
        }
        return values
    }
}

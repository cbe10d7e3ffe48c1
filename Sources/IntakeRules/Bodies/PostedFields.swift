import Foundation

/// The fields of a POST body: a JSON object (`{"service":"wechat","problem":"login"}`) or an
/// HTML form (`service=wechat&problem=login`). Pure: bytes in, fields or an error out.
public struct PostedFields: Sendable, Equatable {
    /// Field values by name (for a form, the first of a repeated name wins).
    public var values: [String: String]
    /// Whether the body was JSON (the answer then is JSON too).
    public var isJSON: Bool

    /// Fields already decoded.
    public init(values: [String: String], isJSON: Bool) {
        self.values = values
        self.isJSON = isJSON
    }

    /// Why a body could not be read, in words a caller can act on.
    public enum DecodeError: Error, Equatable, CustomStringConvertible {
        /// The body was meant as JSON but is not valid JSON.
        case notJSON
        /// Valid JSON, but not an object.
        case notAnObject
        /// A field whose value is not a string; the name when it is a plain identifier.
        case notAString(field: String?)

        public var description: String {
            switch self {
            case .notJSON: "the body is not valid JSON"
            case .notAnObject: "the body must be a JSON object such as {\"service\":\"wechat\",\"problem\":\"login\"}"
            case .notAString(let field?): "field '\(field)' must be a string"
            case .notAString(nil): "every field must be a string"
            }
        }
    }

    /// Decodes a request body.
    ///
    /// JSON when `contentType` says `application/json`, or when it names no form and the body
    /// starts with `{`; otherwise `application/x-www-form-urlencoded`. Never traps, whatever the bytes.
    /// - Parameters:
    ///   - body: the whole body (the caller enforces the size limit while reading it).
    ///   - contentType: the `Content-Type` header, if any.
    /// - Throws: `DecodeError` for a body meant as JSON that is not a JSON object of strings.
    public static func decode(body: [UInt8], contentType: String?) throws(DecodeError) -> PostedFields {
        let type = contentType?.lowercased() ?? ""
        let firstCharacter = body.first { $0 != 32 && $0 != 9 && $0 != 10 && $0 != 13 }
        if type.hasPrefix("application/json") || (!type.contains("form") && firstCharacter == UInt8(ascii: "{")) {
            return try decodeJSON(body)
        }
        return PostedFields(values: decodeForm(String(decoding: body, as: UTF8.self)), isJSON: false)
    }

    static func decodeJSON(_ bytes: [UInt8]) throws(DecodeError) -> PostedFields {
        if let values = FlatJSONObject.read(bytes) { return PostedFields(values: values, isJSON: true) }
        return try decodeAnyJSON(bytes)
    }

    /// `decodeJSON` through the general JSON parser (any valid JSON, escapes included).
    static func decodeAnyJSON(_ bytes: [UInt8]) throws(DecodeError) -> PostedFields {
        guard let object = try? JSONSerialization.jsonObject(with: Data(bytes)) else { throw .notJSON }
        guard let dictionary = object as? [String: Any] else { throw .notAnObject }
        var values: [String: String] = [:]
        for (key, value) in dictionary {
            guard let text = value as? String else { throw .notAString(field: OutsideText.identifier(key)) }
            values[key] = text
        }
        return PostedFields(values: values, isJSON: true)
    }

    /// `application/x-www-form-urlencoded`: `+` is a space, `%XX` a byte.
    static func decodeForm(_ text: String) -> [String: String] {
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

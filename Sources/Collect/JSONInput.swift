import Foundation

/// Shared checks and error wording for the JSON parsers.
enum JSONInput {
    /// Refuses empty and oversized bodies, and bodies that cannot be JSON (first byte not `{`/`[`).
    static func check(_ body: [UInt8], limits: DocumentLimits) throws {
        guard body.count <= limits.maxBytes else { throw StatusParseError.tooLarge(limit: limits.maxBytes) }
        guard let first = DocumentBytes.firstSignificantByte(body) else { throw StatusParseError.emptyDocument }
        guard first.byte == UInt8(ascii: "{") || first.byte == UInt8(ascii: "[") else {
            // Described in our words: none of the body's bytes reach a message or the page.
            throw StatusParseError.notJSON("the answer looks like \(BodySummary.describe(body))")
        }
    }

    /// Checks the body, then decodes it with snake_case keys read as camelCase.
    /// - Throws: `StatusParseError` (`check`'s errors, or `describe`'s for a decoder failure).
    static func decode<Value: Decodable>(_ type: Value.Type, from body: [UInt8], limits: DocumentLimits) throws
        -> Value
    {
        try check(body, limits: limits)
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        do {
            return try decoder.decode(type, from: Data(body))
        } catch let error as DecodingError {
            throw describe(error)
        }
    }

    /// Whether the body starts like JSON.
    static func looksLikeJSON(_ body: [UInt8]) -> Bool {
        guard let first = DocumentBytes.firstSignificantByte(body) else { return false }
        return first.byte == UInt8(ascii: "{") || first.byte == UInt8(ascii: "[")
    }

    /// A `StatusParseError` for a decoder failure: `.notJSON` for syntax, `.unexpectedJSON`
    /// for a valid document of the wrong shape, naming the field.
    static func describe(_ error: DecodingError) -> StatusParseError {
        switch error {
        case .dataCorrupted(let context) where context.codingPath.isEmpty:
            return .notJSON(syntaxErrorText(context))
        case .dataCorrupted(let context):
            return .unexpectedJSON("bad value at \(path(context.codingPath))")
        case .typeMismatch(let type, let context):
            let at = context.codingPath.isEmpty ? "the top level" : path(context.codingPath)
            return .unexpectedJSON("expected \(typeName(type)) at \(at)")
        case .valueNotFound(let type, let context):
            return .unexpectedJSON("missing \(typeName(type)) at \(path(context.codingPath))")
        case .keyNotFound(let key, let context):
            return .unexpectedJSON("missing key \"\(key.stringValue)\" at \(path(context.codingPath))")
        @unknown default:
            return .unexpectedJSON("\(error)")
        }
    }

    /// "syntax error at line 3, column 7": the decoder's position, never its quote of the body.
    private static func syntaxErrorText(_ context: DecodingError.Context) -> String {
        let underlying = context.underlyingError as NSError?
        let detail = underlying?.userInfo[NSDebugDescriptionErrorKey] as? String ?? context.debugDescription
        let words = detail.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "." })
        func number(after word: String) -> Int? {
            guard let index = words.lastIndex(where: { $0.lowercased() == word }), index + 1 < words.count else {
                return nil
            }
            return Int(words[index + 1])
        }
        if let line = number(after: "line"), let column = number(after: "column") {
            return "syntax error at line \(line), column \(column)"
        }
        return "syntax error"
    }

    private static func path(_ codingPath: [any CodingKey]) -> String {
        guard !codingPath.isEmpty else { return "the top level" }
        return codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
    }

    private static func typeName(_ type: Any.Type) -> String {
        let name = String(describing: type)
        if name.hasPrefix("Array") { return "an array" }
        if name.hasPrefix("Dictionary") || name.hasPrefix("Statuspage") { return "an object" }
        if name == "String" { return "a string" }
        if name == "Bool" { return "true or false" }
        return "a \(name)"
    }
}

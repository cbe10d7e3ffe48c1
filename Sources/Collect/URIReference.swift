/// A URI reference split into its five parts (RFC 3986 §3, the regular expression of
/// Appendix B), and reference resolution (§5.2) with dot-segment removal (§5.2.4).
///
/// It splits and joins strings and decodes nothing: percent-encoding, case and the host's
/// syntax are left as written. Whether a result is acceptable (http or https, a host) is
/// for the caller (`SafeLink`) to decide.
public struct URIReference: Sendable, Equatable {
    /// The scheme, as written (compare it lowercased), or nil for a relative reference.
    public var scheme: String?
    /// What follows `//` up to the path, or nil when there is no `//`.
    public var authority: String?
    /// The path, possibly empty.
    public var path: String
    /// What follows `?`, or nil when there is no `?`.
    public var query: String?
    /// What follows `#`, or nil when there is no `#`.
    public var fragment: String?

    /// The parts of a reference with the given values.
    public init(scheme: String?, authority: String?, path: String, query: String?, fragment: String?) {
        self.scheme = scheme
        self.authority = authority
        self.path = path
        self.query = query
        self.fragment = fragment
    }

    /// Splits `text` as Appendix B does. Any string splits; a leading `name:` is a scheme only
    /// when the name is a valid scheme (a letter, then letters, digits, `+`, `-`, `.`).
    public init(parsing text: String) {
        var rest = Substring(text)
        if let hash = rest.firstIndex(of: "#") {
            fragment = String(rest[rest.index(after: hash)...])
            rest = rest[..<hash]
        }
        if let question = rest.firstIndex(of: "?") {
            query = String(rest[rest.index(after: question)...])
            rest = rest[..<question]
        }
        if let colon = rest.firstIndex(of: ":"), Self.isScheme(rest[..<colon]) {
            scheme = String(rest[..<colon])
            rest = rest[rest.index(after: colon)...]
        }
        if rest.hasPrefix("//") {
            let afterSlashes = rest.index(rest.startIndex, offsetBy: 2)
            let end = rest[afterSlashes...].firstIndex(of: "/") ?? rest.endIndex
            authority = String(rest[afterSlashes..<end])
            rest = rest[end...]
        }
        path = String(rest)
    }

    /// A valid scheme name: `ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )`.
    static func isScheme(_ name: Substring) -> Bool {
        guard let first = name.utf8.first, isLetter(first) else { return false }
        return name.utf8.allSatisfy {
            isLetter($0) || ($0 >= 0x30 && $0 <= 0x39) || $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "-")
                || $0 == UInt8(ascii: ".")
        }
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
    }

    /// The reference written back as a string (§5.3).
    public var text: String {
        var result = ""
        if let scheme { result += scheme + ":" }
        if let authority { result += "//" + authority }
        result += path
        if let query { result += "?" + query }
        if let fragment { result += "#" + fragment }
        return result
    }

    /// `reference` resolved against this (base) URI, strictly as §5.2.2 says.
    public func resolving(_ reference: URIReference) -> URIReference {
        var target = URIReference(scheme: nil, authority: nil, path: "", query: nil, fragment: reference.fragment)
        if let scheme = reference.scheme {
            target.scheme = scheme
            target.authority = reference.authority
            target.path = Self.removingDotSegments(reference.path)
            target.query = reference.query
            return target
        }
        target.scheme = scheme
        if let authority = reference.authority {
            target.authority = authority
            target.path = Self.removingDotSegments(reference.path)
            target.query = reference.query
            return target
        }
        target.authority = authority
        if reference.path.isEmpty {
            target.path = path
            target.query = reference.query ?? query
        } else {
            target.path =
                reference.path.hasPrefix("/")
                ? Self.removingDotSegments(reference.path) : Self.removingDotSegments(merged(with: reference.path))
            target.query = reference.query
        }
        return target
    }

    /// `text` resolved against `base` (both as strings).
    public static func resolve(_ text: String, against base: String) -> String {
        URIReference(parsing: base).resolving(URIReference(parsing: text)).text
    }

    /// §5.2.3: the reference's path appended to this base path's directory.
    private func merged(with referencePath: String) -> String {
        if authority != nil && path.isEmpty { return "/" + referencePath }
        guard let slash = path.lastIndex(of: "/") else { return referencePath }
        return String(path[...slash]) + referencePath
    }

    /// §5.2.4: `.` and `..` segments interpreted and removed.
    public static func removingDotSegments(_ path: String) -> String {
        var input = Substring(path)
        var output: [Substring] = []
        while !input.isEmpty {
            if input.hasPrefix("../") {
                input = input.dropFirst(3)
            } else if input.hasPrefix("./") {
                input = input.dropFirst(2)
            } else if input.hasPrefix("/./") {
                input = input.dropFirst(2)
            } else if input == "/." {
                input = "/"
            } else if input.hasPrefix("/../") {
                input = input.dropFirst(3)
                if !output.isEmpty { output.removeLast() }
            } else if input == "/.." {
                input = "/"
                if !output.isEmpty { output.removeLast() }
            } else if input == "." || input == ".." {
                input = ""
            } else {
                // The first segment: an optional leading "/" and everything up to the next "/".
                let start = input.hasPrefix("/") ? input.index(after: input.startIndex) : input.startIndex
                let end = input[start...].firstIndex(of: "/") ?? input.endIndex
                output.append(input[..<end])
                input = input[end...]
            }
        }
        return output.joined()
    }
}

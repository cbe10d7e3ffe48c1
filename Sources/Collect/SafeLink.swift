import Model

/// Links read from a status source, reduced to what is safe to publish and to follow:
/// absolute `http` or `https` URLs with a host, nothing else.
///
/// A relative link is resolved against the document's URL (RFC 3986 §5.2, `URIReference`).
/// Before anything is decided, the text is cleaned as a browser's URL parser would clean it
/// (tabs and line breaks removed anywhere, control characters and spaces trimmed at both
/// ends), so `java\tscript:` or ` JAVASCRIPT:` are seen for what a browser would make of them
/// and dropped. `javascript:`, `data:`, `vbscript:`, `file:` and every other scheme are
/// dropped; so are links with user information (`https://bank.example@evil.example/`),
/// control characters, or more than `maximumLength` characters. Characters a URI may not
/// hold (spaces, quotes, angle brackets, non-ASCII) are percent-encoded.
public enum SafeLink {
    /// The longest link kept, in UTF-8 bytes after cleaning (`InertText.maximumURLLength`).
    public static let maximumLength = InertText.maximumURLLength

    /// `raw` as an absolute http(s) URL, resolved against `base` when it is relative, or nil.
    ///
    /// - Parameters:
    ///   - raw: the link as the document gives it.
    ///   - base: the URL the document came from; relative links without one are dropped, and
    ///     so are links relative to a base that is not itself http(s).
    public static func absoluteHTTP(_ raw: String, base: String?) -> String? {
        guard let cleaned = clean(raw) else { return nil }
        var reference = URIReference(parsing: cleaned)
        if let scheme = reference.scheme {
            reference.scheme = scheme.lowercased()
            reference.path = URIReference.removingDotSegments(reference.path)
        } else {
            guard let base, let absoluteBase = absoluteHTTP(base, base: nil) else { return nil }
            reference = URIReference(parsing: absoluteBase).resolving(reference)
        }
        guard let authority = reference.authority, isAcceptableAuthority(authority) else { return nil }
        reference.path = percentEncoded(reference.path)
        reference.query = reference.query.map(percentEncoded)
        reference.fragment = reference.fragment.map(percentEncoded)
        // The publishing rule decides the rest: an http(s) scheme, a host, the length.
        return InertText.httpURL(reference.text)
    }

    /// The scheme of `raw` as a browser would read it (lowercased), or nil when it has none.
    /// `" Java\tScript:alert(1)"` → `"javascript"`.
    public static func scheme(of raw: String) -> String? {
        guard let cleaned = clean(raw) else { return nil }
        return URIReference(parsing: cleaned).scheme?.lowercased()
    }

    /// Tabs and line breaks removed, C0 controls and spaces trimmed from both ends; nil when
    /// the rest still holds a control character or is too long.
    private static func clean(_ raw: String) -> String? {
        var scalars = raw.unicodeScalars.filter { $0 != "\t" && $0 != "\n" && $0 != "\r" }[...]
        while let first = scalars.first, first.value <= 0x20 { scalars.removeFirst() }
        while let last = scalars.last, last.value <= 0x20 { scalars.removeLast() }
        guard !scalars.isEmpty, scalars.count <= maximumLength else { return nil }
        for scalar in scalars where InertText.isControl(scalar) { return nil }
        var text = ""
        text.unicodeScalars.append(contentsOf: scalars)
        return text
    }

    /// A host (registered name, IPv4 or bracketed IPv6) with an optional port, and no user
    /// information.
    private static func isAcceptableAuthority(_ authority: String) -> Bool {
        guard !authority.isEmpty, !authority.contains("@") else { return false }
        var host = Substring(authority)
        if host.hasPrefix("[") {
            guard let close = host.firstIndex(of: "]") else { return false }
            let inside = host[host.index(after: host.startIndex)..<close]
            guard !inside.isEmpty, inside.utf8.allSatisfy({ isHexDigit($0) || $0 == 0x3A || $0 == 0x2E }) else {
                return false
            }
            host = host[host.index(after: close)...]
            guard host.isEmpty || host.hasPrefix(":") else { return false }
            return isPort(host.dropFirst())
        }
        if let colon = host.lastIndex(of: ":") {
            guard isPort(host[host.index(after: colon)...]) else { return false }
            host = host[..<colon]
        }
        guard !host.isEmpty else { return false }
        return host.unicodeScalars.allSatisfy { scalar in
            scalar.value >= 0x80 || isHostByte(UInt8(scalar.value))
        }
    }

    private static func isPort(_ text: Substring) -> Bool {
        text.utf8.count <= 5 && text.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x46) || (byte >= 0x61 && byte <= 0x66)
    }

    /// Unreserved characters, sub-delimiters and `%` (RFC 3986 `reg-name`).
    private static func isHostByte(_ byte: UInt8) -> Bool {
        if (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) {
            return true
        }
        return "-._~%!$&'()*+,;=".utf8.contains(byte)
    }

    /// Bytes a URI may hold as they are: unreserved, reserved (but `#` outside a fragment is
    /// impossible here) and `%` before two hex digits; anything else is percent-encoded.
    private static func percentEncoded(_ part: String) -> String {
        let bytes = Array(part.utf8)
        var needsWork = false
        for (index, byte) in bytes.enumerated() where !isKept(byte, at: index, in: bytes) {
            needsWork = true
            break
        }
        guard needsWork else { return part }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + 16)
        let hex = Array("0123456789ABCDEF".utf8)
        for (index, byte) in bytes.enumerated() {
            if isKept(byte, at: index, in: bytes) {
                output.append(byte)
            } else {
                output.append(UInt8(ascii: "%"))
                output.append(hex[Int(byte >> 4)])
                output.append(hex[Int(byte & 0x0F)])
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    private static func isKept(_ byte: UInt8, at index: Int, in bytes: [UInt8]) -> Bool {
        if byte == UInt8(ascii: "%") {
            return index + 2 < bytes.count && isHexDigit(bytes[index + 1]) && isHexDigit(bytes[index + 2])
        }
        if (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) {
            return true
        }
        return "-._~:/?#[]@!$&'()*+,;=".utf8.contains(byte)
    }
}

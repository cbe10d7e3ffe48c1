/// Makes third-party text safe to publish: no control characters, and links only when they
/// are absolute http(s) URLs.
///
/// Vendors' status pages, feeds and reports are written by strangers. Escaping keeps their
/// text out of our markup; this keeps it from carrying anything that is not plain text in
/// the first place: terminal escapes in logs, C0 characters that make an Atom feed
/// ill-formed, or a `javascript:` link on our page.
public enum InertText {
    /// The text without C0 and C1 control characters and DEL, cut to `limit` characters.
    ///
    /// - Parameters:
    ///   - keepingLineBreaks: keep line breaks as `\n` (`\r\n` and a lone `\r` become `\n`);
    ///     otherwise each line break (`\r\n` counting as one) becomes a single space.
    ///   - keepingTabs: keep tabs; otherwise each becomes a single space.
    ///   - limit: the most characters kept; a longer text is cut to `limit - 1` of them and
    ///     ends with "…". Nil keeps every character.
    public static func clean(
        _ text: String, keepingLineBreaks: Bool = false, keepingTabs: Bool = false, limit: Int? = nil
    ) -> String {
        let tooLong = limit.map { text.utf8.count > $0 } ?? false
        guard tooLong || needsCleaning(text) else { return text }
        var result = String.UnicodeScalarView()
        var previousWasCR = false
        for scalar in text.unicodeScalars {
            let value = scalar.value
            defer { previousWasCR = value == 0x0D }
            if value == 0x0A || value == 0x0D {
                if value == 0x0A && previousWasCR { continue }
                result.append(keepingLineBreaks ? "\n" : " ")
            } else if value == 0x09 {
                result.append(keepingTabs ? "\t" : " ")
            } else if !isControl(scalar) {
                result.append(scalar)
            }
        }
        let cleaned = String(result)
        guard let limit, cleaned.count > limit else { return cleaned }
        return String(cleaned.prefix(max(0, limit - 1))) + "…"
    }

    /// The text for a log line or a failure reason: control characters shown as `\u{1B}`-style
    /// escapes, so nothing in it can move a terminal's cursor or change its colours, and at most
    /// `limit` characters (Unicode scalars) of it, then "…".
    public static func escapedForLog(_ text: String, limit: Int = 300) -> String {
        var output = ""
        var count = 0
        for scalar in text.unicodeScalars {
            if count >= limit {
                output += "…"
                break
            }
            if isControl(scalar) {
                output += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            } else {
                output.unicodeScalars.append(scalar)
            }
            count += 1
        }
        return output
    }

    /// The longest link published, in UTF-8 bytes.
    public static let maximumURLLength = 2048

    /// `text` when it is an absolute `http` or `https` URL with a host and nothing that could
    /// change how a browser reads it (no white space, control characters, quotes or angle
    /// brackets); nil otherwise. `javascript:`, `data:` and relative links all give nil.
    public static func httpURL(_ text: String?) -> String? {
        guard let text, text.utf8.count <= maximumURLLength else { return nil }
        var bytes = text.utf8.makeIterator()
        var schemeEnd = 0
        var index = 0
        while let byte = bytes.next() {
            if byte <= 0x20 || byte == 0x7F || byte == 0x22 || byte == 0x3C || byte == 0x3E || byte == 0x5C
                || byte == 0x60
            {
                return nil
            }
            if schemeEnd == 0 && byte == 0x3A { schemeEnd = index }
            index += 1
        }
        guard schemeEnd > 0 else { return nil }
        let utf8 = Array(text.utf8)
        let scheme = String(decoding: utf8[0..<schemeEnd], as: UTF8.self).lowercased()
        guard scheme == "http" || scheme == "https" else { return nil }
        let rest = utf8[(schemeEnd + 1)...]
        guard rest.starts(with: "//".utf8) else { return nil }
        let authority = rest.dropFirst(2).prefix { $0 != 0x2F && $0 != 0x3F && $0 != 0x23 }
        let host = authority.split(separator: 0x40, omittingEmptySubsequences: false).last ?? []
        guard !host.isEmpty, host.first != 0x3A else { return nil }
        // Non-ASCII (IRIs) is published as written, but only with a scheme and host we checked.
        for scalar in text.unicodeScalars where scalar.value >= 0x80 && isControl(scalar) { return nil }
        return text
    }

    /// Whether `scalar` is a C0 control (U+0000–U+001F), DEL (U+007F) or a C1 control
    /// (U+0080–U+009F).
    @inline(__always)
    public static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (scalar.value >= 0x7F && scalar.value <= 0x9F)
    }

    private static func needsCleaning(_ text: String) -> Bool {
        for byte in text.utf8 where byte < 0x20 || byte == 0x7F || byte == 0xC2 {
            return true
        }
        return false
    }
}

extension OfficialStatus {
    /// The status with every vendor text cleaned and every link that is not http(s) dropped:
    /// what may be published on a page, in JSON or in a feed.
    public var inert: OfficialStatus {
        var copy = self
        copy.rawIndicator = rawIndicator.map { InertText.clean($0) }
        copy.description = description.map { InertText.clean($0) }
        copy.components = components.map { component in
            var component = component
            component.name = InertText.clean(component.name)
            component.rawStatus = InertText.clean(component.rawStatus)
            component.group = component.group.map { InertText.clean($0) }
            return component
        }
        copy.incidents = incidents.map { incident in
            var incident = incident
            incident.title = InertText.clean(incident.title)
            incident.rawStatus = incident.rawStatus.map { InertText.clean($0) }
            incident.rawImpact = incident.rawImpact.map { InertText.clean($0) }
            incident.url = InertText.httpURL(incident.url)
            return incident
        }
        return copy
    }
}

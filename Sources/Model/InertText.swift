/// Makes third-party text safe to publish: no control characters, and links only when they
/// are absolute http(s) URLs.
///
/// Vendors' status pages, feeds and reports are written by strangers. Escaping keeps their
/// text out of our markup; this keeps it from carrying anything that is not plain text in
/// the first place: terminal escapes in logs, C0 characters that make an Atom feed
/// ill-formed, or a `javascript:` link on our page.
public enum InertText {
    /// The text without C0 and C1 control characters and DEL. Tabs and line breaks become
    /// single spaces unless `keepingLineBreaks` is set (then `\n` stays and `\r\n`/`\r`
    /// become `\n`).
    public static func clean(_ text: String, keepingLineBreaks: Bool = false) -> String {
        guard needsCleaning(text) else { return text }
        var result = String.UnicodeScalarView()
        var previousWasCR = false
        for scalar in text.unicodeScalars {
            let value = scalar.value
            defer { previousWasCR = value == 0x0D }
            if value == 0x0A || value == 0x0D {
                if keepingLineBreaks {
                    if value == 0x0A && previousWasCR { continue }
                    result.append("\n")
                } else if value == 0x0A && previousWasCR {
                    continue
                } else {
                    result.append(" ")
                }
            } else if value == 0x09 {
                result.append(" ")
            } else if isControl(value) {
                continue
            } else {
                result.append(scalar)
            }
        }
        return String(result)
    }

    /// The text with control characters shown as `\u{…}` escapes, for log lines: nothing in
    /// it can move a terminal's cursor or change its colours.
    public static func forLog(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { isControl($0.value) }) else { return text }
        var result = ""
        for scalar in text.unicodeScalars {
            if isControl(scalar.value) {
                result += "\\u{" + String(scalar.value, radix: 16) + "}"
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// `text` when it is an absolute `http` or `https` URL with a host and nothing that could
    /// change how a browser reads it (no white space, control characters, quotes or angle
    /// brackets); nil otherwise. `javascript:`, `data:` and relative links all give nil.
    public static func httpURL(_ text: String?) -> String? {
        guard let text, text.utf8.count <= 2048 else { return nil }
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
        for scalar in text.unicodeScalars where scalar.value >= 0x80 && isControl(scalar.value) { return nil }
        return text
    }

    /// Whether a scalar value is a C0 or C1 control character or DEL.
    @inline(__always)
    static func isControl(_ value: UInt32) -> Bool {
        value < 0x20 || (value >= 0x7F && value <= 0x9F)
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

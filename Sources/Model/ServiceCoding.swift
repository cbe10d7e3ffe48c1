/// A compact text form of a parsed service's index fields (everything but the body and the
/// FAQ), for the content cache: decoding it costs a few microseconds, where parsing the YAML
/// again costs a few hundred, and a no-change build never needs the body.
public enum ServiceCoding {
    private static let field: Character = "\u{1E}"
    private static let item: Character = "\u{1F}"
    private static let part: Character = "\u{1D}"
    private static let version = "v2"

    /// The record, or nil when the service's text holds the separator characters.
    public static func encode(_ service: Service, slugLine: Int, relatedLines: [String: Int]) -> String? {
        let sources = service.statusSources.map {
            [
                $0.kind.rawValue, $0.url, $0.xpath?.indicator ?? "", $0.xpath?.incidents ?? "",
                $0.xpath?.components ?? "",
                $0.xpath == nil ? "0" : "1",
            ].joined(separator: String(part))
        }
        let fields: [String] = [
            version, service.slug, service.name, service.category, service.website ?? "",
            service.aliases.joined(separator: String(item)),
            sources.joined(separator: String(item)),
            service.problems.map { "\($0.id)\(part)\($0.title)" }.joined(separator: String(item)),
            service.related.map { "\($0)\(part)\(relatedLines[$0] ?? 0)" }.joined(separator: String(item)),
            "", service.sourcePath, String(slugLine), "",
        ]
        // The separators are C0 control characters: a byte scan finds them.
        func clean(_ value: String) -> Bool { !value.utf8.contains { $0 == 0x1D || $0 == 0x1E || $0 == 0x1F } }
        for (index, value) in fields.enumerated() where ![5, 6, 7, 8, 9].contains(index) {
            if !clean(value) { return nil }
        }
        let listed =
            service.aliases + service.problems.flatMap { [$0.id, $0.title] }
            + service.related
            + service.statusSources.flatMap {
                [$0.url, $0.xpath?.indicator ?? "", $0.xpath?.incidents ?? "", $0.xpath?.components ?? ""]
            }
        if !listed.allSatisfy(clean) { return nil }
        return fields.joined(separator: String(field))
    }

    /// The service and its line facts, or nil for a record of another version or shape.
    public static func decode(_ record: String) -> (service: Service, slugLine: Int, relatedLines: [String: Int])? {
        // Split on bytes: the separators are ASCII control characters, and a Character-wise
        // split of every cached body would cost more than the rest of a no-change build.
        let bytes = Array(record.utf8)
        func split(_ slice: ArraySlice<UInt8>, _ separator: UInt8) -> [ArraySlice<UInt8>] {
            slice.split(separator: separator, omittingEmptySubsequences: false)
        }
        func text(_ slice: ArraySlice<UInt8>) -> String { String(decoding: slice, as: UTF8.self) }
        let fields = split(bytes[...], 0x1E)
        guard fields.count == 13, text(fields[0]) == version else { return nil }
        func list(_ slice: ArraySlice<UInt8>) -> [ArraySlice<UInt8>] { slice.isEmpty ? [] : split(slice, 0x1F) }
        func pair(_ slice: ArraySlice<UInt8>) -> (String, String) {
            guard let cut = slice.firstIndex(of: 0x1D) else { return (text(slice), "") }
            return (text(slice[..<cut]), text(slice[(cut + 1)...]))
        }
        var sources: [StatusSource] = []
        for slice in list(fields[6]) {
            let parts = split(slice, 0x1D).map(text)
            guard parts.count == 6, let kind = StatusSourceKind(rawValue: parts[0]) else { return nil }
            let rules =
                parts[5] == "1"
                ? XPathRules(
                    indicator: parts[2].isEmpty ? nil : parts[2], incidents: parts[3].isEmpty ? nil : parts[3],
                    components: parts[4].isEmpty ? nil : parts[4])
                : nil
            sources.append(StatusSource(kind: kind, url: parts[1], xpath: rules))
        }
        var relatedLines: [String: Int] = [:]
        let related = list(fields[8]).map { slice -> String in
            let (slug, line) = pair(slice)
            relatedLines[slug] = Int(line) ?? 0
            return slug
        }
        let service = Service(
            slug: text(fields[1]), name: text(fields[2]), category: text(fields[3]),
            website: fields[4].isEmpty ? nil : text(fields[4]), aliases: list(fields[5]).map(text),
            statusSources: sources,
            problems: list(fields[7]).map {
                let (id, title) = pair($0)
                return Problem(id: id, title: title)
            },
            related: related, faq: [], body: "", sourcePath: text(fields[10]))
        var partial = service
        partial.detailsLoaded = false
        return (partial, Int(text(fields[11])) ?? 1, relatedLines)
    }
}

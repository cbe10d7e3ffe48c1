/// A compact text form of a parsed service, for the content cache: decoding it costs a few
/// microseconds, where parsing the YAML again costs a few hundred.
public enum ServiceCoding {
    private static let field: Character = "\u{1E}"
    private static let item: Character = "\u{1F}"
    private static let part: Character = "\u{1D}"
    private static let version = "v1"

    /// The record, or nil when the service's text holds the separator characters.
    public static func encode(_ service: Service, slugLine: Int, relatedLines: [String: Int]) -> String? {
        let sources = service.statusSources.map {
            [$0.kind.rawValue, $0.url, $0.xpath?.indicator ?? "", $0.xpath?.incidents ?? "", $0.xpath?.components ?? "",
             $0.xpath == nil ? "0" : "1"].joined(separator: String(part))
        }
        let fields: [String] = [
            version, service.slug, service.name, service.category, service.website ?? "",
            service.aliases.joined(separator: String(item)),
            sources.joined(separator: String(item)),
            service.problems.map { "\($0.id)\(part)\($0.title)" }.joined(separator: String(item)),
            service.related.map { "\($0)\(part)\(relatedLines[$0] ?? 0)" }.joined(separator: String(item)),
            service.faq.map { "\($0.question)\(part)\($0.answer)" }.joined(separator: String(item)),
            service.sourcePath, String(slugLine), service.body,
        ]
        // The separators are C0 control characters: a byte scan finds them.
        func clean(_ value: String) -> Bool { !value.utf8.contains { $0 == 0x1D || $0 == 0x1E || $0 == 0x1F } }
        for (index, value) in fields.enumerated() where ![5, 6, 7, 8, 9].contains(index) {
            if !clean(value) { return nil }
        }
        let listed = service.aliases + service.problems.flatMap { [$0.id, $0.title] }
            + service.faq.flatMap { [$0.question, $0.answer] } + service.related
            + service.statusSources.flatMap { [$0.url, $0.xpath?.indicator ?? "", $0.xpath?.incidents ?? "", $0.xpath?.components ?? ""] }
        if !listed.allSatisfy(clean) { return nil }
        return fields.joined(separator: String(field))
    }

    /// The service and its line facts, or nil for a record of another version or shape.
    public static func decode(_ record: String) -> (service: Service, slugLine: Int, relatedLines: [String: Int])? {
        let fields = record.split(separator: field, omittingEmptySubsequences: false)
        guard fields.count == 13, fields[0] == version else { return nil }
        func list(_ text: Substring) -> [Substring] {
            text.isEmpty ? [] : text.split(separator: item, omittingEmptySubsequences: false)
        }
        func pair(_ text: Substring) -> (String, String) {
            let parts = text.split(separator: part, maxSplits: 1, omittingEmptySubsequences: false)
            return (String(parts[0]), parts.count > 1 ? String(parts[1]) : "")
        }
        var sources: [StatusSource] = []
        for text in list(fields[6]) {
            let parts = text.split(separator: part, omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 6, let kind = StatusSourceKind(rawValue: parts[0]) else { return nil }
            let rules = parts[5] == "1"
                ? XPathRules(
                    indicator: parts[2].isEmpty ? nil : parts[2], incidents: parts[3].isEmpty ? nil : parts[3],
                    components: parts[4].isEmpty ? nil : parts[4])
                : nil
            sources.append(StatusSource(kind: kind, url: parts[1], xpath: rules))
        }
        var relatedLines: [String: Int] = [:]
        let related = list(fields[8]).map { text -> String in
            let (slug, line) = pair(text)
            relatedLines[slug] = Int(line) ?? 0
            return slug
        }
        let service = Service(
            slug: String(fields[1]), name: String(fields[2]), category: String(fields[3]),
            website: fields[4].isEmpty ? nil : String(fields[4]), aliases: list(fields[5]).map(String.init),
            statusSources: sources, problems: list(fields[7]).map { let (id, title) = pair($0); return Problem(id: id, title: title) },
            related: related, faq: list(fields[9]).map { let (q, a) = pair($0); return FAQItem(question: q, answer: a) },
            body: String(fields[12]), sourcePath: String(fields[10]))
        return (service, Int(fields[11]) ?? 1, relatedLines)
    }
}

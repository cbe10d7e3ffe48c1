import Foundation
import Model

/// What the content cache holds for one content file: the service's facts and the lines the
/// checks that span files cite. Not the page's text (body and FAQ): only that page needs it,
/// and a build reads it from the file when it renders the page.
///
/// Stored as named-field lines, `name<TAB>value…`, one line a field (list fields repeat their
/// line), with `\\`, `\n`, `\r` and `\t` escaped. A no-change build reads one record per service,
/// and this reads about ten times faster than the JSON decoder.
struct ServiceCacheRecord: Equatable {
    /// The shape of the stored record. Change it whenever the fields change: a record of
    /// another version (or of an older format) is a miss, and its file is parsed again, so an
    /// existing database never needs migrating.
    static let currentVersion = 4

    /// A related service's slug and the line that names it.
    struct Related: Equatable {
        var slug: String
        var line: Int
    }

    var version: Int
    var slug: String
    var name: String
    var category: String
    var website: String?
    var aliases: [String]
    var statusSources: [StatusSource]
    var problems: [Problem]
    var related: [Related]
    var sourcePath: String
    var slugLine: Int

    init(_ parsed: ParsedService) {
        let service = parsed.service
        version = Self.currentVersion
        slug = service.slug
        name = service.name
        category = service.category
        website = service.website
        aliases = service.aliases
        statusSources = service.statusSources
        problems = service.problems
        related = service.related.map { Related(slug: $0, line: parsed.relatedLines[$0] ?? 0) }
        sourcePath = service.sourcePath
        slugLine = parsed.slugLine
    }

    private init() {
        version = 0
        slug = ""
        name = ""
        category = ""
        aliases = []
        statusSources = []
        problems = []
        related = []
        sourcePath = ""
        slugLine = 0
    }

    /// The service this record describes.
    var service: Service {
        Service(
            slug: slug, name: name, category: category, website: website, aliases: aliases,
            statusSources: statusSources, problems: problems, related: related.map(\.slug), sourcePath: sourcePath)
    }

    /// The line of each related slug.
    var relatedLines: [String: Int] {
        Dictionary(related.map { ($0.slug, $0.line) }, uniquingKeysWith: { first, _ in first })
    }

    /// The record as stored in `ContentCacheEntry.record`.
    func encoded() -> String {
        var lines = [
            Self.line("version", String(version)), Self.line("slug", slug), Self.line("name", name),
            Self.line("category", category),
        ]
        if let website { lines.append(Self.line("website", website)) }
        lines += aliases.map { Self.line("alias", $0) }
        for source in statusSources {
            lines.append(Self.line("source", source.kind.rawValue, source.url))
            if let indicator = source.xpath?.indicator { lines.append(Self.line("source.indicator", indicator)) }
            if let incidents = source.xpath?.incidents { lines.append(Self.line("source.incidents", incidents)) }
            if let components = source.xpath?.components { lines.append(Self.line("source.components", components)) }
        }
        lines += problems.map { Self.line("problem", $0.id, $0.title) }
        lines += related.map { Self.line("related", $0.slug, String($0.line)) }
        lines += [Self.line("sourcePath", sourcePath), Self.line("slugLine", String(slugLine))]
        return lines.joined(separator: "\n")
    }

    /// The record stored as `text`, or nil when it is of another version or not a record at all.
    static func decode(_ text: String) -> ServiceCacheRecord? {
        var text = text
        return text.withUTF8 { bytes -> ServiceCacheRecord? in
            var record = ServiceCacheRecord()
            var seen = Set<String>()
            var lineStart = 0
            while lineStart <= bytes.count {
                let lineEnd = bytes[lineStart...].firstIndex(of: 0x0A) ?? bytes.count
                var fields: [String] = []
                var fieldStart = lineStart
                while fieldStart <= lineEnd {
                    let fieldEnd = bytes[fieldStart..<lineEnd].firstIndex(of: 0x09) ?? lineEnd
                    fields.append(unescape(UnsafeBufferPointer(rebasing: bytes[fieldStart..<fieldEnd])))
                    fieldStart = fieldEnd + 1
                }
                guard let field = fields.first, record.read(field, Array(fields.dropFirst())) else { return nil }
                seen.insert(field)
                lineStart = lineEnd + 1
            }
            guard record.version == currentVersion, seen.isSuperset(of: required) else { return nil }
            return record
        }
    }

    private static let required: Set<String> = ["version", "slug", "name", "category", "sourcePath", "slugLine"]

    /// Takes one line's values; false for a field this version does not know or a malformed value.
    private mutating func read(_ field: String, _ values: [String]) -> Bool {
        switch (field, values.count) {
        case ("version", 1):
            guard let number = Int(values[0]) else { return false }
            version = number
        case ("slug", 1): slug = values[0]
        case ("name", 1): name = values[0]
        case ("category", 1): category = values[0]
        case ("website", 1): website = values[0]
        case ("alias", 1): aliases.append(values[0])
        case ("source", 2):
            guard let kind = StatusSourceKind(rawValue: values[0]) else { return false }
            statusSources.append(StatusSource(kind: kind, url: values[1]))
        case ("source.indicator", 1), ("source.incidents", 1), ("source.components", 1):
            guard var source = statusSources.popLast() else { return false }
            var rules = source.xpath ?? XPathRules()
            switch field {
            case "source.indicator": rules.indicator = values[0]
            case "source.incidents": rules.incidents = values[0]
            default: rules.components = values[0]
            }
            source.xpath = rules
            statusSources.append(source)
        case ("problem", 2): problems.append(Problem(id: values[0], title: values[1]))
        case ("related", 2):
            guard let line = Int(values[1]) else { return false }
            related.append(Related(slug: values[0], line: line))
        case ("sourcePath", 1): sourcePath = values[0]
        case ("slugLine", 1):
            guard let number = Int(values[0]) else { return false }
            slugLine = number
        default: return false
        }
        return true
    }

    private static func line(_ field: String, _ values: String...) -> String {
        ([field] + values.map(escape)).joined(separator: "\t")
    }

    private static func escape(_ value: String) -> String {
        guard value.utf8.contains(where: { $0 == 0x5C || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) else {
            return value
        }
        var out = ""
        for character in value.unicodeScalars {
            switch character {
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default: out.unicodeScalars.append(character)
            }
        }
        return out
    }

    private static func unescape(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        guard bytes.contains(0x5C) else { return String(decoding: bytes, as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var escaping = false
        for byte in bytes {
            if escaping {
                switch byte {
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                default: out.append(byte)
                }
                escaping = false
            } else if byte == 0x5C {
                escaping = true
            } else {
                out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}

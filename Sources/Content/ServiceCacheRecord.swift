import Foundation
import Model

/// What the content cache holds for one content file: the service's facts and the lines the
/// checks that span files cite, as named JSON fields. Not the page's text (body and FAQ):
/// only that page needs it, and a build reads it from the file when it renders the page.
struct ServiceCacheRecord: Codable, Equatable {
    /// The shape of the stored record. Change it whenever the fields change: a record of
    /// another version (or of the older positional format) is a miss, and its file is parsed
    /// again, so an existing database never needs migrating.
    static let currentVersion = 3

    /// A related service's slug and the line that names it.
    struct Related: Codable, Equatable {
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
    func encoded() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }

    /// The record stored as `text`, or nil when it is of another version or not a record at all.
    static func decode(_ text: String) -> ServiceCacheRecord? {
        guard let record = try? JSONDecoder().decode(ServiceCacheRecord.self, from: Data(text.utf8)),
            record.version == currentVersion
        else { return nil }
        return record
    }
}

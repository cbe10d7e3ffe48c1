import Foundation
import Model
import Render

/// The schema.org blocks of a service page (`<script type="application/ld+json">`), built as
/// Codable values and written by the JSON encoder with sorted keys. `<` is written as
/// `\u003c`, so no text can close the script element or open a comment.
enum StructuredData {
    struct FAQPage: Encodable {
        var context = "https://schema.org"
        var type = "FAQPage"
        var mainEntity: [Question]

        enum CodingKeys: String, CodingKey {
            case context = "@context"
            case type = "@type"
            case mainEntity
        }
    }

    struct Question: Encodable {
        var type = "Question"
        var name: String
        var acceptedAnswer: Answer

        enum CodingKeys: String, CodingKey {
            case type = "@type"
            case name
            case acceptedAnswer
        }
    }

    struct Answer: Encodable {
        var type = "Answer"
        var text: String

        enum CodingKeys: String, CodingKey {
            case type = "@type"
            case text
        }
    }

    struct BreadcrumbList: Encodable {
        var context = "https://schema.org"
        var type = "BreadcrumbList"
        var itemListElement: [ListItem]

        enum CodingKeys: String, CodingKey {
            case context = "@context"
            case type = "@type"
            case itemListElement
        }
    }

    struct ListItem: Encodable {
        var type = "ListItem"
        var position: Int
        var name: String
        var item: String

        enum CodingKeys: String, CodingKey {
            case type = "@type"
            case position
            case name
            case item
        }
    }

    /// The FAQ as an `FAQPage`; answers as plain text of at most 2,000 characters.
    static func faq(_ faq: [FAQItem]) throws -> String {
        let questions = faq.map { item in
            Question(
                name: item.question,
                acceptedAnswer: Answer(text: HTML.plainText(Markdown.html(item.answer, rawHTML: false), limit: 2000)))
        }
        return try encode(FAQPage(mainEntity: questions))
    }

    /// The trail home › category › service, as absolute links.
    static func breadcrumbs(_ crumbs: [(name: String, link: String)]) throws -> String {
        let items = crumbs.enumerated().map { index, crumb in
            ListItem(position: index + 1, name: crumb.name, item: crumb.link)
        }
        return try encode(BreadcrumbList(itemListElement: items))
    }

    static func encode(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let json = String(decoding: try encoder.encode(value), as: UTF8.self)
        // In JSON a "<" can only stand inside a string, where the escape means the same.
        return json.replacingOccurrences(of: "<", with: "\\u003c")
    }
}

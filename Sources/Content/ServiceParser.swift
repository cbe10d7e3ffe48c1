import Foundation
import Model
import Yams

/// Turns one content file's text into a `Service`, collecting every problem with its line.
public enum ServiceParser {
    static let allowedKeys: Set<String> = [
        "name", "slug", "category", "website", "aliases", "status_sources", "problems", "related", "faq",
    ]

    /// Parses `text`, the content of the file at `path` (relative to the root).
    /// - Returns: the service, or nil with the problems found (each `path:line: message`).
    public static func parse(_ text: String, path: String, fileSlug: String) -> (Service?, [ContentProblem]) {
        let (parsed, problems) = parseFile(text, path: path, fileSlug: fileSlug)
        return (parsed?.service, problems)
    }

    /// Parses `text` like `parse`, keeping the page's text and the lines cross-file checks cite.
    public static func parseFile(_ text: String, path: String, fileSlug: String) -> (ParsedService?, [ContentProblem]) {
        let matter: FrontMatter
        do {
            matter = try FrontMatter.split(text)
        } catch .missingOpening {
            return (
                nil,
                [
                    ContentProblem(
                        path: path, line: 1, message: "missing front matter: the file must start with a '---' line")
                ]
            )
        } catch {
            return (
                nil,
                [ContentProblem(path: path, line: 1, message: "front matter is not closed: add a '---' line after it")]
            )
        }
        var reader = YAMLNodeReader(path: path, lineOffset: matter.yamlFirstLine - 1)
        guard let root = reader.compose(matter.yaml) else {
            if reader.problems.isEmpty {
                reader.report("missing name: front matter is empty", line: matter.yamlFirstLine)
            }
            return (nil, reader.problems)
        }
        var name: String?
        var slug = fileSlug
        var slugLine = 1
        var relatedLines: [String: Int] = [:]
        var category: String?
        var service = Service(slug: fileSlug, name: "", category: "", sourcePath: path)
        var page = ServiceText(body: matter.body)
        for (key, _, value) in reader.entries(of: root, context: "front matter", allowed: allowedKeys) {
            switch key {
            case "name": name = reader.nonEmptyString(value, key)
            case "slug":
                slugLine = reader.line(of: value)
                if let text = reader.nonEmptyString(value, key) {
                    if Slug.isValid(text) {
                        slug = text
                    } else {
                        reader.report("bad slug '\(text)': use lowercase letters, digits and hyphens", at: value)
                    }
                }
            case "category": category = reader.nonEmptyString(value, key)
            case "website":
                if let url = reader.nonEmptyString(value, key) {
                    if URLCheck.isHTTPURL(url) {
                        service.website = url
                    } else {
                        reader.report("bad URL '\(url)' in 'website': give an absolute http(s) URL", at: value)
                    }
                }
            case "aliases": service.aliases = reader.strings(value, key)
            case "status_sources": service.statusSources = statusSources(value, &reader)
            case "problems":
                let list = problems(value, &reader)
                service.problems = list.isEmpty ? Problem.defaults : list
            case "related": service.related = relatedSlugs(value, &reader, &relatedLines)
            case "faq": page.faq = faq(value, &reader)
            default: break
            }
        }
        if name == nil && !reader.problems.contains(where: { $0.message.contains("'name'") }) {
            reader.report("missing name: add 'name: …' to the front matter", line: matter.yamlFirstLine)
        }
        if category == nil && !reader.problems.contains(where: { $0.message.contains("'category'") }) {
            reader.report("missing category: add 'category: …' to the front matter", line: matter.yamlFirstLine)
        }
        if !Slug.isValid(slug) {
            reader.report(
                "bad slug '\(slug)' from the file name: use lowercase letters, digits and hyphens, or set 'slug:'",
                line: slugLine)
        }
        guard reader.problems.isEmpty, let name, let category else { return (nil, reader.problems) }
        service.slug = slug
        service.name = name
        service.category = category
        return (ParsedService(service: service, text: page, slugLine: slugLine, relatedLines: relatedLines), [])
    }

    private static func statusSources(_ node: Node, _ reader: inout YAMLNodeReader) -> [StatusSource] {
        var sources: [StatusSource] = []
        for item in reader.items(node, "status_sources") {
            var kind: StatusSourceKind?
            var url: String?
            var rules: XPathRules?
            var kindSeen = false
            for (key, _, value) in reader.entries(
                of: item, context: "status_sources", allowed: ["kind", "url", "xpath"])
            {
                switch key {
                case "kind":
                    kindSeen = true
                    guard let text = reader.nonEmptyString(value, "kind") else { break }
                    kind = StatusSourceKind(rawValue: text.lowercased())
                    if kind == nil {
                        let known = StatusSourceKind.allCases.map(\.rawValue).joined(separator: ", ")
                        reader.report("unknown source kind '\(text)' (known kinds: \(known))", at: value)
                    }
                case "url":
                    guard let text = reader.nonEmptyString(value, "url") else { break }
                    if URLCheck.isHTTPURL(text) {
                        url = text
                    } else {
                        reader.report("bad URL '\(text)' in status_sources: give an absolute http(s) URL", at: value)
                    }
                case "xpath": rules = xpathRules(value, &reader)
                default: break
                }
            }
            if !kindSeen {
                reader.report("status source needs a 'kind' (statuspage, atom, rss, html or auto)", at: item)
            }
            if url == nil && !reader.problems.contains(where: { $0.line == reader.line(of: item) }) {
                reader.report("status source needs a 'url'", at: item)
            }
            if kind == .html && rules?.indicator == nil && rules?.incidents == nil && rules?.components == nil {
                reader.report(
                    "an 'html' status source needs 'xpath' rules (indicator, incidents or components)", at: item)
            }
            if let kind, let url { sources.append(StatusSource(kind: kind, url: url, xpath: rules)) }
        }
        return sources
    }

    private static func xpathRules(_ node: Node, _ reader: inout YAMLNodeReader) -> XPathRules {
        var rules = XPathRules()
        for (key, _, value) in reader.entries(
            of: node, context: "xpath", allowed: ["indicator", "incidents", "components"])
        {
            let text = reader.nonEmptyString(value, "xpath.\(key)")
            switch key {
            case "indicator": rules.indicator = text
            case "incidents": rules.incidents = text
            case "components": rules.components = text
            default: break
            }
        }
        return rules
    }

    private static func problems(_ node: Node, _ reader: inout YAMLNodeReader) -> [Problem] {
        var list: [Problem] = []
        var seen = Set<String>()
        for item in reader.items(node, "problems") {
            var id: String?
            var title: String?
            for (key, _, value) in reader.entries(of: item, context: "problems", allowed: ["id", "title"]) {
                if key == "id" { id = reader.nonEmptyString(value, "problems.id") }
                if key == "title" { title = reader.nonEmptyString(value, "problems.title") }
            }
            guard let id else {
                reader.report("problem needs an 'id'", at: item)
                continue
            }
            guard Slug.isValid(id), id.count <= 40 else {
                reader.report("bad problem id '\(id)': use up to 40 lowercase letters, digits and hyphens", at: item)
                continue
            }
            guard seen.insert(id).inserted else {
                reader.report("duplicate problem id '\(id)'", at: item)
                continue
            }
            guard let title else {
                reader.report("problem '\(id)' needs a 'title'", at: item)
                continue
            }
            list.append(Problem(id: id, title: title))
        }
        return list
    }

    private static func relatedSlugs(
        _ node: Node, _ reader: inout YAMLNodeReader, _ lines: inout [String: Int]
    ) -> [String] {
        var slugs: [String] = []
        for item in reader.items(node, "related") {
            guard let text = reader.nonEmptyString(item, "related") else { continue }
            if Slug.isValid(text) {
                slugs.append(text)
                lines[text] = reader.line(of: item)
            } else {
                reader.report("bad slug '\(text)' in 'related'", at: item)
            }
        }
        return slugs
    }

    private static func faq(_ node: Node, _ reader: inout YAMLNodeReader) -> [FAQItem] {
        var list: [FAQItem] = []
        for item in reader.items(node, "faq") {
            var question: String?
            var answer: String?
            for (key, _, value) in reader.entries(of: item, context: "faq", allowed: ["q", "a"]) {
                if key == "q" { question = reader.nonEmptyString(value, "faq.q") }
                if key == "a" { answer = reader.nonEmptyString(value, "faq.a") }
            }
            if let question, let answer {
                list.append(FAQItem(question: question, answer: answer))
            } else {
                reader.report("each FAQ item needs 'q' (the question) and 'a' (the answer)", at: item)
            }
        }
        return list
    }
}

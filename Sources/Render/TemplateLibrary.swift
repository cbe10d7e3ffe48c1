import Foundation
import Model
import Mustache

/// The site's Mustache templates, loaded from `templates/` (partials in `templates/partials/`).
public struct TemplateLibrary: Sendable {
    let library: MustacheLibrary
    /// Template names that were loaded.
    public let names: Set<String>
    /// A hash of every template's bytes: part of every page's inputs.
    public let fingerprint: String

    /// The templates every site needs.
    public static let required = ["home", "category", "service", "history", "page", "404"]

    /// Loads every `.mustache` file under `folder`.
    /// - Throws: `RenderError.template` naming the file and line of a syntax error, or
    ///   `RenderError.missingTemplate` when a required template is absent.
    public init(folder: URL) throws {
        var library = MustacheLibrary()
        var names = Set<String>()
        var hasher = StableHasher()
        let root = folder.standardizedFileURL.path
        guard let enumerator = FileManager.default.enumerator(atPath: root) else {
            throw RenderError.missingTemplate(path: folder.path, name: "home")
        }
        var files: [String] = []
        while let item = enumerator.nextObject() as? String {
            if item.hasSuffix(".mustache") { files.append(item) }
        }
        for item in files.sorted() {
            let path = root + "/" + item
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                throw RenderError.template(path: "templates/\(item)", line: 0, message: "cannot read the file as UTF-8")
            }
            let name = String(item.dropLast(".mustache".count)).replacingOccurrences(of: "partials/", with: "")
            do {
                let template = try MustacheTemplate(string: text)
                library.register(template, named: name)
            } catch let error as MustacheTemplate.ParserError {
                throw RenderError.template(
                    path: "templates/\(item)", line: error.context.lineNumber,
                    message: "template syntax: \(error.error)")
            } catch {
                throw RenderError.template(path: "templates/\(item)", line: 0, message: "template syntax: \(error)")
            }
            names.insert(name)
            hasher.combine(item)
            hasher.combine(text)
        }
        for name in Self.required where !names.contains(name) {
            throw RenderError.missingTemplate(path: "templates/\(name).mustache", name: name)
        }
        self.library = library
        self.names = names
        self.fingerprint = hasher.hexDigest
    }

    /// Renders `context` with the template `name`.
    public func render(_ context: Any, template name: String) throws -> String {
        guard let output = library.render(context, withTemplate: name) else {
            throw RenderError.missingTemplate(path: "templates/\(name).mustache", name: name)
        }
        return output
    }
}

/// Errors from rendering, with the file and line a user should look at.
public enum RenderError: Error, Equatable, CustomStringConvertible {
    case template(path: String, line: Int, message: String)
    case missingTemplate(path: String, name: String)

    public var description: String {
        switch self {
        case .template(let path, let line, let message): "\(path):\(line): \(message)"
        case .missingTemplate(let path, let name): "\(path):0: the template '\(name)' is missing"
        }
    }
}

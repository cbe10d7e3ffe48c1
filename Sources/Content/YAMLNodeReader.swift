import Foundation
import Yams

/// Walks a composed YAML tree, turning what it finds into values and every surprise into a
/// `ContentProblem` with the file's line number.
struct YAMLNodeReader {
    let path: String
    /// Added to YAML line numbers (front matter starts below the opening `---`).
    let lineOffset: Int
    var problems: [ContentProblem] = []

    init(path: String, lineOffset: Int) {
        self.path = path
        self.lineOffset = lineOffset
    }

    func line(of node: Node?) -> Int { (node?.mark?.line ?? 0) + (node?.mark == nil ? 0 : lineOffset) }

    mutating func report(_ message: String, at node: Node?) {
        problems.append(ContentProblem(path: path, line: line(of: node), message: message))
    }

    mutating func report(_ message: String, line: Int) {
        problems.append(ContentProblem(path: path, line: line, message: message))
    }

    /// Composes `yaml`, or records the parser's error with its line.
    mutating func compose(_ yaml: String) -> Node? {
        do {
            return try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            let (line, message) = Self.describe(error)
            report("malformed YAML: \(message)", line: line + lineOffset)
            return nil
        } catch {
            report("malformed YAML: \(error)", line: lineOffset)
            return nil
        }
    }

    static func describe(_ error: YamlError) -> (Int, String) {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
            .composer(_, let problem, let mark, _):
            return (mark.line, problem)
        case .reader(let problem, _, _, _):
            return (1, problem)
        case .duplicatedKeysInMapping(let duplicates, let context):
            return (context.mark.line, "duplicate key \(duplicates.joined(separator: ", "))")
        default:
            return (1, "\(error)")
        }
    }

    /// The mapping's entries as (key, key node, value node), reporting non-string keys,
    /// duplicate keys and keys outside `allowed`.
    mutating func entries(of node: Node, context: String, allowed: Set<String>) -> [(String, Node, Node)] {
        guard case .mapping(let mapping) = node else {
            report("\(context) must be a mapping of keys to values", at: node)
            return []
        }
        var seen = Set<String>()
        var result: [(String, Node, Node)] = []
        for (keyNode, value) in mapping {
            guard let key = keyNode.scalar?.string else {
                report("\(context): keys must be plain words", at: keyNode)
                continue
            }
            if !seen.insert(key).inserted {
                report("\(context): duplicate key '\(key)'", at: keyNode)
                continue
            }
            if !allowed.contains(key) {
                let known = allowed.sorted().joined(separator: ", ")
                report("unknown key '\(Self.join(context, key))' (known keys: \(known))", at: keyNode)
                continue
            }
            result.append((key, keyNode, value))
        }
        return result
    }

    static func join(_ context: String, _ key: String) -> String {
        context.isEmpty || context == "front matter" || context == "configuration" ? key : "\(context).\(key)"
    }

    mutating func string(_ node: Node, _ field: String) -> String? {
        guard case .scalar(let scalar) = node else {
            report("'\(field)' must be text", at: node)
            return nil
        }
        return scalar.string
    }

    mutating func nonEmptyString(_ node: Node, _ field: String) -> String? {
        guard let text = string(node, field)?.trimmingCharacters(in: .whitespacesAndNewlines) else { return nil }
        if text.isEmpty {
            report("'\(field)' must not be empty", at: node)
            return nil
        }
        return text
    }

    mutating func int(_ node: Node, _ field: String, range: ClosedRange<Int>) -> Int? {
        guard let text = string(node, field), let value = Int(text) else {
            report("'\(field)' must be a whole number", at: node)
            return nil
        }
        guard range.contains(value) else {
            report("'\(field)' must be between \(range.lowerBound) and \(range.upperBound), not \(value)", at: node)
            return nil
        }
        return value
    }

    mutating func double(_ node: Node, _ field: String) -> Double? {
        guard let text = string(node, field), let value = Double(text) else {
            report("'\(field)' must be a number", at: node)
            return nil
        }
        return value
    }

    mutating func bool(_ node: Node, _ field: String) -> Bool? {
        guard let text = string(node, field)?.lowercased() else { return nil }
        switch text {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default:
            report("'\(field)' must be true or false", at: node)
            return nil
        }
    }

    /// A sequence's items; a missing value (`~`) is an empty list.
    mutating func items(_ node: Node, _ field: String) -> [Node] {
        if case .scalar(let scalar) = node, scalar.string.isEmpty || scalar.string == "~" || scalar.string == "null" {
            return []
        }
        guard case .sequence(let sequence) = node else {
            report("'\(field)' must be a list", at: node)
            return []
        }
        return Array(sequence)
    }

    mutating func strings(_ node: Node, _ field: String) -> [String] {
        items(node, field).compactMap { nonEmptyString($0, field) }
    }
}

extension Node {
    var scalar: Node.Scalar? {
        if case .scalar(let scalar) = self { return scalar }
        return nil
    }
}

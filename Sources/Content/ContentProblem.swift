/// One problem found in a content or configuration file, located by file and line.
public struct ContentProblem: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file, relative to the site root.
    public var path: String
    /// 1-based line, or 0 when the problem concerns the whole file.
    public var line: Int
    public var message: String

    public init(path: String, line: Int, message: String) {
        self.path = path
        self.line = line
        self.message = message
    }

    /// `path:line: message`, the form editors' tools understand.
    public var description: String { "\(path):\(line): \(message)" }
}

/// Thrown when content or configuration has problems; carries all of them, in file order.
public struct ContentError: Error, Sendable, Equatable, CustomStringConvertible {
    public var problems: [ContentProblem]

    public init(problems: [ContentProblem]) { self.problems = problems }

    public var description: String { problems.map(\.description).joined(separator: "\n") }
}

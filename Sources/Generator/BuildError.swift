import Content
import Render
import Store

/// Why a build failed: one message per problem, `path:line: message`, naming the step.
public struct BuildError: Error, CustomStringConvertible {
    public var step: String
    public var messages: [String]

    public init(step: String, messages: [String]) {
        self.step = step
        self.messages = messages
    }

    /// Wraps whatever a step threw into messages a user can act on.
    static func wrap(step: String, _ error: Error) -> BuildError {
        switch error {
        case let error as BuildError: return error
        case let error as ContentError: return BuildError(step: step, messages: error.problems.map(\.description))
        case let error as RenderError: return BuildError(step: step, messages: [error.description])
        case let error as StoreError: return BuildError(step: step, messages: [error.description])
        default: return BuildError(step: step, messages: ["\(step): \(error)"])
        }
    }

    public var description: String { messages.joined(separator: "\n") }
}

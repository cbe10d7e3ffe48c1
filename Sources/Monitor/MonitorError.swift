import Model
import Store

/// The steps of a collect run that can fail, in order; every failure names its step. (Fetching
/// and reading never fails the run: a source that fails is one line of the summary.)
public enum MonitorStep: String, Sendable, CaseIterable {
    case selectSources = "select due sources"
    case recordChecks = "record checks"
    case refreshBaselines = "refresh baselines"
    case decide = "decide"
    case recordChanges = "record changes"
}

/// Why a collect run failed, with a message a user can act on.
public enum MonitorError: Error, CustomStringConvertible, Equatable {
    /// `--only` named a service the content does not have.
    case unknownService(String)
    /// A step failed (most often the database: locked, full, unreadable).
    case stepFailed(MonitorStep, String)

    /// The step the failure happened in.
    public var step: MonitorStep {
        switch self {
        case .unknownService: return .selectSources
        case .stepFailed(let step, _): return step
        }
    }

    public var description: String {
        switch self {
        case .unknownService(let slug): return "collect: unknown service '\(slug)' in --only"
        case .stepFailed(let step, let message): return "collect: \(step.rawValue): \(message)"
        }
    }

    /// Wraps whatever a step threw.
    static func wrap(_ step: MonitorStep, _ error: Error) -> MonitorError {
        switch error {
        case let error as MonitorError: return error
        case let error as StoreError: return .stepFailed(step, error.description)
        default: return .stepFailed(step, "\(error)")
        }
    }
}

/// Runs one step, tagging whatever it throws with the step's name.
func step<T>(_ name: MonitorStep, _ body: () throws -> T) throws -> T {
    do { return try body() } catch { throw MonitorError.wrap(name, error) }
}

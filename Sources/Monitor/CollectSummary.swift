import Model
import Store

/// What a collect run did, for the command to print and the run log to keep.
public struct CollectSummary: Sendable, Equatable {
    /// Services considered (after `--only`).
    public var services: Int
    /// The official sources' part; nil when they were skipped (`--offline`).
    public var official: OfficialCheckSummary?
    /// The detector's part.
    public var decisions: DecisionSummary

    public init(services: Int, official: OfficialCheckSummary?, decisions: DecisionSummary) {
        self.services = services
        self.official = official
        self.decisions = decisions
    }

    /// The one line `collect` prints and the run log keeps.
    public var line: String {
        let officialPart = official?.line ?? "official sources skipped (--offline)"
        return "collect: \(services) services, \(officialPart); \(decisions.line)"
    }
}

/// A source whose check failed this run.
public struct FailedSource: Sendable, Equatable {
    public var slug: String
    public var sourceURL: String
    public var reason: String

    /// `collect: slug: url: reason`, with outside text made inert.
    public var line: String {
        "collect: \(slug): \(InertText.escapedForLog(sourceURL)): " + InertText.escapedForLog(reason, limit: 500)
    }
}

/// What the official sources said this run.
public struct OfficialCheckSummary: Sendable, Equatable {
    public var checked = 0
    public var changed = 0
    public var notModified = 0
    public var backingOff = 0
    /// Sources not due this run: checked within the interval, their minute still to come.
    public var notYet = 0
    /// The failed checks, in the order they were requested.
    public var failures: [FailedSource] = []

    public init() {}

    public var line: String {
        "\(checked) sources checked, \(changed) changed, \(notModified) not modified, "
            + "\(failures.count) failed, \(backingOff) backing off" + (notYet > 0 ? ", \(notYet) not due yet" : "")
    }
}

/// What the detector decided this run.
public struct DecisionSummary: Sendable, Equatable {
    /// State changes recorded, in the order the database applied them.
    public var changes: [StateChange]
    /// Services whose state is `possible` or worse.
    public var troubled: Int

    public init(changes: [StateChange], troubled: Int) {
        self.changes = changes
        self.troubled = troubled
    }

    public var line: String { "\(changes.count) state changes, \(troubled) with problems" }

    /// The lines announcing the changes: at most 20, after a heading when there are more.
    public var changeLines: [String] {
        var lines: [String] = []
        if changes.count > 20 { lines.append("collect: \(changes.count) state changes, the first 20:") }
        for change in changes.prefix(20) {
            lines.append("collect: \(change.slug): \(change.from.rawValue) → \(change.to.rawValue): \(change.reason)")
        }
        return lines
    }
}

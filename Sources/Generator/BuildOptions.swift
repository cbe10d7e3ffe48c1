import Foundation
import Model

/// What to build, where, and as of when.
public struct BuildOptions: Sendable {
    /// The site root (content/, templates/, downtrack.yml).
    public var root: URL
    /// The output folder.
    public var output: URL
    /// The as-of time; nil means the last collect's time (or the current minute when there was none).
    public var now: Timestamp?
    /// Render every page even when its inputs did not change.
    public var full: Bool
    /// How old (nanoseconds) input files' times must be for the build's fingerprint to be kept.
    var settleNanoseconds = BuildFingerprint.defaultSettleNanoseconds

    public init(root: URL, output: URL, now: Timestamp? = nil, full: Bool = false) {
        self.root = root
        self.output = output
        self.now = now
        self.full = full
    }
}

/// What a build did.
public struct BuildSummary: Sendable, Equatable {
    public var written = 0
    public var unchanged = 0
    public var removed = 0
    /// Services whose inputs had not changed, so nothing of theirs was rendered.
    public var servicesSkipped = 0
    public var servicesRendered = 0
    public var asOf = Timestamp(seconds: 0)
    /// The inputs were those of the last complete build: nothing was rendered or compared.
    public var nothingChanged = false

    public init() {}

    /// `build: 96 written, 4 unchanged, 0 removed (42 services rendered, 0 skipped) as of …`, ending
    /// with `: nothing changed` when the build stopped at its fingerprint.
    public var line: String {
        "build: \(written) files written, \(unchanged) unchanged, \(removed) removed "
            + "(\(servicesRendered) services rendered, \(servicesSkipped) skipped) as of \(asOf.iso8601)"
            + (nothingChanged ? ": nothing changed" : "")
    }
}

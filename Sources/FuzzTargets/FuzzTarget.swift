/// One fuzz target: a reader of outside bytes, wrapped so any byte string can be thrown at it.
///
/// The same body runs under libFuzzer (`downtrack-fuzz <name>`, built by `scripts/fuzz.sh`)
/// and in the regression tests, which replay `Tests/Fuzz/seeds/<name>/` and
/// `Tests/Fuzz/regressions/<name>/` through it. A body never does network or file I/O; it
/// returns normally for every input, and traps (crashes) only on a bug: a failed Swift
/// runtime check, a memory error, or a broken `FuzzInvariant`.
public struct FuzzTarget: Sendable {
    /// The name on the command line and the folder name under `Tests/Fuzz/`.
    public let name: String
    /// What the target reads, in a few words.
    public let summary: String
    /// The longest input worth trying (libFuzzer's `-max_len`).
    public let maxLength: Int
    /// Feeds one input to the reader and exercises everything it returns.
    public let run: @Sendable ([UInt8]) -> Void

    /// A target; `maxLength` defaults to 64 KiB.
    public init(name: String, summary: String, maxLength: Int = 64 * 1024, run: @escaping @Sendable ([UInt8]) -> Void) {
        self.name = name
        self.summary = summary
        self.maxLength = maxLength
        self.run = run
    }

    /// The target with the given name, if there is one.
    public static func named(_ name: String) -> FuzzTarget? { all.first { $0.name == name } }

    /// Every target, in the order `make fuzz` runs them.
    public static let all: [FuzzTarget] =
        TextTargets.all + StatusDocumentTargets.all + ContentTargets.all + IntakeTargets.all
}

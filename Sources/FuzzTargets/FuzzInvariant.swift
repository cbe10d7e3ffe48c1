/// A property every output must have; a broken one is a bug, and the target crashes on it so
/// libFuzzer keeps the input.
enum FuzzInvariant {
    /// Crashes with `message` when `condition` is false.
    static func require(_ condition: Bool, _ message: @autoclosure () -> String) {
        if !condition { fatalError("fuzz invariant broken: \(message())") }
    }
}

/// Where targets put what they computed from an output, so the optimiser cannot drop the work
/// (rendering every field is how bugs after parsing are reached).
enum FuzzSink {
    /// A running checksum of everything consumed; read by nothing but the optimiser's doubts.
    /// Fuzzing and replays run one input at a time on one thread.
    nonisolated(unsafe) private static var checksum: UInt64 = 0

    /// Folds a string into the checksum.
    @inline(never)
    static func consume(_ text: String) {
        var hash = checksum
        for byte in text.utf8 { hash = (hash &* 0x100_0000_01b3) ^ UInt64(byte) }
        checksum = hash &+ UInt64(truncatingIfNeeded: text.utf8.count)
    }

    /// Folds a number into the checksum.
    @inline(never)
    static func consume(_ value: Int64) {
        checksum = (checksum &* 31) &+ UInt64(bitPattern: value)
    }

    /// Folds a number into the checksum.
    static func consume(_ value: Int) { consume(Int64(value)) }

    /// Folds a flag into the checksum.
    static func consume(_ value: Bool) { consume(value ? 1 : 0) }
}

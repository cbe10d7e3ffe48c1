import Foundation
import FuzzTargets

/// The target libFuzzer drives. libFuzzer calls back through a C function pointer, which
/// cannot capture context, so the choice is kept here; it is set once, before fuzzing starts.
nonisolated(unsafe) private var selectedTarget: FuzzTarget?

/// libFuzzer's entry point: one input, handed to the selected target.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    guard let target = selectedTarget else { return 0 }
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    target.run(bytes)
    return 0
}

#if DOWNTRACK_LIBFUZZER
    /// libFuzzer's driver (in the runtime `-sanitize=fuzzer` links): parses libFuzzer's options
    /// and fuzzes `callback` until a crash or a limit.
    @_silgen_name("LLVMFuzzerRunDriver")
    private func llvmFuzzerRunDriver(
        _ argc: UnsafeMutablePointer<Int32>,
        _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
        _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
    ) -> Int32

    /// Starts libFuzzer on one target.
    enum LibFuzzerEntry {
        /// Fuzzes `target` with libFuzzer's `arguments` (options and corpus folders).
        /// - Returns: libFuzzer's exit status (it exits by itself on a crash).
        static func run(_ target: FuzzTarget, program: String, arguments: [String]) -> Int32 {
            selectedTarget = target
            let hasMaxLength = arguments.contains { $0.hasPrefix("-max_len=") }
            let all = [program] + (hasMaxLength ? [] : ["-max_len=\(target.maxLength)"]) + arguments
            // libFuzzer keeps argv for the whole run: these strings are never freed.
            var cStrings: [UnsafeMutablePointer<CChar>?] = all.map { strdup($0) } + [nil]
            var count = Int32(all.count)
            return cStrings.withUnsafeMutableBufferPointer { buffer in
                var argv = buffer.baseAddress
                return withUnsafeMutablePointer(to: &argv) { llvmFuzzerRunDriver(&count, $0, fuzzOneInput) }
            }
        }
    }
#endif

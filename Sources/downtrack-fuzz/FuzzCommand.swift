import Foundation
import FuzzTargets

/// `downtrack-fuzz`: runs one fuzz target.
///
/// - `downtrack-fuzz --list`: every target, its `-max_len` and what it reads.
/// - `downtrack-fuzz <target> [libFuzzer options and corpus folders]`: built by
///   `scripts/fuzz.sh` (with `-sanitize=fuzzer,address -DDOWNTRACK_LIBFUZZER`), hands the
///   rest of the command line to libFuzzer. The target may also come from
///   `DOWNTRACK_FUZZ_TARGET`.
/// - In an ordinary build (no libFuzzer), `downtrack-fuzz <target> <file or folder>…`
///   replays the inputs once each, as libFuzzer does when given files.
@main
struct FuzzCommand {
    static func main() {
        var arguments = CommandLine.arguments
        let program = arguments.isEmpty ? "downtrack-fuzz" : arguments.removeFirst()
        if arguments.first == "--list" {
            for target in FuzzTarget.all { print("\(target.name) \(target.maxLength) \(target.summary)") }
            return
        }
        let name: String?
        if let first = arguments.first, !first.hasPrefix("-") {
            name = first
            arguments.removeFirst()
        } else {
            name = ProcessInfo.processInfo.environment["DOWNTRACK_FUZZ_TARGET"]
        }
        guard let name, let target = FuzzTarget.named(name) else {
            let known = FuzzTarget.all.map(\.name).joined(separator: ", ")
            fail("usage: \(program) <target> [options…] (or --list); targets: \(known)")
        }
        #if DOWNTRACK_LIBFUZZER
            exit(LibFuzzerEntry.run(target, program: program, arguments: arguments))
        #else
            replay(target, arguments.filter { !$0.hasPrefix("-") })
        #endif
    }

    /// Runs every file named (folders: every file in them) through the target once.
    static func replay(_ target: FuzzTarget, _ paths: [String]) {
        guard !paths.isEmpty else {
            fail("this build has no libFuzzer (use scripts/fuzz.sh); give files or folders to replay")
        }
        let files = paths.flatMap { path -> [URL] in
            let url = URL(fileURLWithPath: path)
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue else {
                return [url]
            }
            let contents =
                (try? FileManager.default.contentsOfDirectory(at: url, includingPropertiesForKeys: nil)) ?? []
            return contents.sorted { $0.path < $1.path }
        }
        for file in files {
            guard let data = FileManager.default.contents(atPath: file.path) else { fail("cannot read \(file.path)") }
            target.run([UInt8](data))
        }
        print("\(target.name): replayed \(files.count) inputs without a crash")
    }

    static func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data((message + "\n").utf8))
        exit(2)
    }
}

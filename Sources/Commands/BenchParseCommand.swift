import ArgumentParser
import Collect
import Foundation

/// `downtrack bench-parse FILE…` (for `make bench`): our parse against a bare libxml2 parse.
struct BenchParseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-parse", abstract: "Time parsing status documents against a bare libxml2 parse.",
        shouldDisplay: false)

    @Option(help: "Parses per document.") var iterations = 50
    @Argument(help: "Status documents (HTML, Atom, RSS, JSON).") var files: [String]

    func run() async throws {
        var overheads: [Double] = []
        for file in files {
            guard let data = FileManager.default.contents(atPath: file) else {
                printError("\(file): cannot read")
                continue
            }
            let name = (file as NSString).lastPathComponent
            do {
                let figures = try ParseBenchmark.measure(
                    url: "file:///\(name)", body: Array(data), iterations: iterations)
                var line =
                    "\(name.padding(toLength: 44, withPad: " ", startingAt: 0)) \(figures.format.rawValue.padding(toLength: 15, withPad: " ", startingAt: 0)) "
                line += String(format: "ours %8.1f µs", figures.fullMicroseconds)
                if let bare = figures.bareMicroseconds, let overhead = figures.overheadPercent {
                    line += String(format: "  bare libxml2 %8.1f µs  extraction +%5.1f%%", bare, overhead)
                    overheads.append(overhead)
                }
                print(line)
            } catch {
                print("\(name): \(error)")
            }
        }
        let sorted = overheads.sorted()
        let median = sorted.isEmpty ? 0 : sorted[sorted.count / 2]
        print(
            String(
                format:
                    "bench-parse: %d documents; extraction over the bare libxml2 parse: median +%.1f%%, worst +%.1f%% (target ≤ 30%%)",
                files.count, median, sorted.last ?? 0))
    }
}

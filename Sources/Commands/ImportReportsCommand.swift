import ArgumentParser
import Foundation
import IntakeRules
import Model
import Store

/// `downtrack import-reports FILE…`: NDJSON lines or access-log lines of the report beacon.
struct ImportReportsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import-reports",
        abstract: "Import reports from NDJSON files or web-server access logs of GET /r/<service>/<problem>.")

    @OptionGroup var site: SiteOptions
    @Argument(help: "Files to import.") var files: [String]

    func run() async throws {
        try await runReporting {
            let configuration = try site.configuration()
            let content = try loadContent(site)
            let validator = ReportValidator(services: content.services)
            let database = try site.database(configuration)
            let lock = try site.lock(configuration, wait: 600, command: "import-reports")
            defer { withExtendedLifetime(lock) {} }
            let keys = ClientKeyMaker(
                secret: try ClientSecret.load(database), ipv6PrefixBits: configuration.intake.ipv6Prefix)
            let window = ReportWindowRule(minutes: configuration.intake.reportWindowMinutes)
            var totals = (lines: 0, imported: 0, duplicates: 0, limited: 0, bad: 0)
            for file in files {
                guard let data = FileManager.default.contents(atPath: file) else {
                    throw CommandFailure("\(file):0: cannot read the file")
                }
                let text = String(decoding: data, as: UTF8.self)
                var items: [(lineHash: String, report: ReportRecord)] = []
                var occurrences: [Substring: Int] = [:]
                var lastAccepted: [String: Timestamp] = [:]
                var limited = 0
                // Lines by scalar: "\r\n" is one Character, so a split on Characters would read a
                // file with Windows line endings as a single line.
                let lines = text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map {
                    Substring(String($0.last == "\r" ? $0.dropLast() : $0[...]))
                }
                for (index, line) in lines.enumerated() {
                    guard let parsed = ReportLineParser.parse(line: line) else { continue }
                    totals.lines += 1
                    let number = index + 1
                    switch parsed {
                    case .failure(let error):
                        totals.bad += 1
                        printError("\(file):\(number): \(error)")
                    case .success(let report):
                        if let problem = validator.problem(service: report.service, problem: report.problem) {
                            totals.bad += 1
                            printError("\(file):\(number): \(problem)")
                            continue
                        }
                        // The same line text twice in a file is two reports; the same file twice is not.
                        occurrences[line, default: 0] += 1
                        let lineHash = SHA256.hex(Array("\(occurrences[line]!)\u{0}\(line)".utf8))
                        var clientKey: String?
                        if let address = report.clientAddress {
                            let key = keys.key(for: address, at: report.at)
                            let memo = ReportWindowRule.key(clientKey: key, slug: report.service)
                            let last =
                                try lastAccepted[memo]
                                ?? database.lastReport(
                                    clientKey: key, slug: report.service, since: window.windowStart(before: report.at))
                            if window.wait(lastCounted: last, now: report.at) != nil {
                                limited += 1
                                continue
                            }
                            lastAccepted[memo] = report.at
                            clientKey = key
                        }
                        items.append(
                            (
                                lineHash,
                                ReportRecord(
                                    slug: report.service, problem: report.problem, at: report.at, count: report.count,
                                    clientKey: clientKey, source: "import")
                            ))
                    }
                }
                let imported = try database.importReports(items, at: currentTime())
                totals.imported += imported
                totals.duplicates += items.count - imported
                totals.limited += limited
            }
            print(
                "import-reports: \(totals.lines) lines, \(totals.imported) imported, \(totals.duplicates) already imported, "
                    + "\(totals.limited) over the once-per-\(configuration.intake.reportWindowMinutes)-minutes limit, \(totals.bad) bad"
            )
        }
    }
}

/// The secret behind client keys, made once per database (the first writer wins, so the
/// intake and an import running at the same time agree on it).
enum ClientSecret {
    static func load(_ database: DowntrackDatabase) throws -> String {
        try database.meta("client_secret", insertingIfAbsent: randomHex(bytes: 32))
    }
}

import IntakeRules
import Model
import Store

/// `import-reports`: report files — NDJSON lines or access-log lines of the report beacon
/// `GET /r/<service>/<problem>` — into the database.
///
/// Bad lines are named and skipped, good ones kept. A line with a client address counts once
/// per client and service per window (`ReportWindowRule`, as in the intake, against the reports
/// already stored). Importing the same file twice counts it once; the same line text twice in
/// one file is two reports.
public struct ReportImporter {
    let database: DowntrackDatabase
    let validator: ReportValidator
    let keys: ClientKeyMaker
    let window: ReportWindowRule

    /// An importer for the site's services, hashing addresses with the secret the intake uses.
    /// - Throws: `StoreError` when the database cannot give that secret.
    public init(configuration: SiteConfiguration, services: [Service], database: DowntrackDatabase) throws {
        self.database = database
        validator = ReportValidator(services: services)
        keys = ClientKeyMaker(
            secret: try SiteSecret.client.load(database.meta(_:insertingIfAbsent:)),
            ipv6PrefixBits: configuration.intake.ipv6Prefix)
        window = ReportWindowRule(minutes: configuration.intake.reportWindowMinutes)
    }

    /// Imports the lines of one file's text in one transaction; `now` is recorded as the time
    /// each new line was imported.
    /// - Throws: `StoreError` when the database cannot be read or written.
    public func importText(_ text: String, now: Timestamp) throws -> ReportFileImport {
        var result = ReportFileImport()
        var items: [(lineHash: String, report: ReportRecord)] = []
        var occurrences: [Substring: Int] = [:]
        var lastAccepted: [String: Timestamp] = [:]
        for (index, line) in Self.lines(of: text).enumerated() {
            guard let parsed = ReportLineParser.parse(line: line) else { continue }
            result.counts.lines += 1
            let report: ReportLine
            switch parsed {
            case .failure(let error):
                result.reject(line: index + 1, because: "\(error)")
                continue
            case .success(let read): report = read
            }
            if let problem = validator.problem(service: report.service, problem: report.problem) {
                result.reject(line: index + 1, because: problem)
                continue
            }
            let occurrence = occurrences[line, default: 0] + 1
            occurrences[line] = occurrence
            let lineHash = SHA256.hex(Array("\(occurrence)\u{0}\(line)".utf8))
            var clientKey: String?
            if let address = report.clientAddress {
                let key = keys.key(for: address, at: report.at)
                let memo = ReportWindowRule.key(clientKey: key, slug: report.service)
                let last =
                    try lastAccepted[memo]
                    ?? database.lastReport(
                        clientKey: key, slug: report.service, since: window.windowStart(before: report.at))
                if window.wait(lastCounted: last, now: report.at) != nil {
                    result.counts.limited += 1
                    continue
                }
                lastAccepted[memo] = report.at
                clientKey = key
            }
            let record = ReportRecord(
                slug: report.service, problem: report.problem, at: report.at, count: report.count,
                clientKey: clientKey, source: "import", country: report.country)
            items.append((lineHash, record))
        }
        let imported = try database.importReports(items, at: now)
        result.counts.imported = imported
        result.counts.duplicates = items.count - imported
        return result
    }

    /// The text's lines, split by scalar: `"\r\n"` is one Character, so a split on Characters
    /// would read a file with Windows line endings as a single line.
    static func lines(of text: String) -> [Substring] {
        text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map {
            Substring(String($0.last == "\r" ? $0.dropLast() : $0[...]))
        }
    }
}

/// What importing one file did.
public struct ReportFileImport: Sendable, Equatable {
    public var counts = ReportImportCounts()
    /// The lines not taken, by line number (from 1), with the reason.
    public var problems: [LineProblem] = []

    /// A line not taken.
    public struct LineProblem: Sendable, Equatable {
        public var line: Int
        public var message: String
    }

    mutating func reject(line: Int, because message: String) {
        counts.bad += 1
        problems.append(LineProblem(line: line, message: message))
    }
}

/// Lines read and what became of them, for one file or a whole import.
public struct ReportImportCounts: Sendable, Equatable {
    /// Lines that were not blank.
    public var lines = 0
    public var imported = 0
    /// Lines already imported before (the same file imported again).
    public var duplicates = 0
    /// Lines over the once-per-window rule.
    public var limited = 0
    public var bad = 0

    public init() {}

    public static func += (total: inout ReportImportCounts, file: ReportImportCounts) {
        total.lines += file.lines
        total.imported += file.imported
        total.duplicates += file.duplicates
        total.limited += file.limited
        total.bad += file.bad
    }

    /// `import-reports: 4 lines, 3 imported, …`, for a window of `windowMinutes`.
    public func line(windowMinutes: Int) -> String {
        "import-reports: \(lines) lines, \(imported) imported, \(duplicates) already imported, "
            + "\(limited) over the once-per-\(windowMinutes)-minutes limit, \(bad) bad"
    }
}

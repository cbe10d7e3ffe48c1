import Model
import Monitor
import Store
import TestSupport
import XCTest

/// `import-reports`' library side on a real SQLite file: bad lines named by number, the
/// once-per-window rule against stored reports, and a second import of the same text counting nothing.
final class ReportImporterTests: XCTestCase {
    let now = Timestamp(seconds: 1_795_730_400)  // 2026-11-26T22:00:00Z
    let services = [Service(slug: "chatapp", name: "ChatApp", category: "chat")]

    func testLinesAreCountedOnceAndBadOnesNamed() throws {
        let store = TestDatabase()
        let importer = try ReportImporter(
            configuration: SiteConfiguration(), services: services, database: store.database)
        let text = [
            #"{"service":"chatapp","problem":"login","at":"2026-11-26T21:50:00Z","count":3}"#,
            #"{"service":"nosuch","problem":"login","at":"2026-11-26T21:50:00Z"}"#,
            "",
            #"203.0.113.5 - - [26/Nov/2026:21:50:00 +0000] "GET /r/chatapp/login HTTP/1.1" 204 0 "-" "x""#,
            #"203.0.113.5 - - [26/Nov/2026:21:55:00 +0000] "GET /r/chatapp/login HTTP/1.1" 204 0 "-" "x""#,
            #"{"service":"chatapp","problem":"login","at":"2026-11-26T21:50:00Z","count":3}"#,
            "not a report",
        ].joined(separator: "\r\n")
        let first = try importer.importText(text, now: now)
        XCTAssertEqual(first.counts.lines, 6)
        XCTAssertEqual(first.counts.imported, 3, "two NDJSON lines (the same text twice is two reports) and one beacon")
        XCTAssertEqual(first.counts.limited, 1, "the same client reported chatapp 5 minutes later")
        XCTAssertEqual(first.counts.bad, 2)
        XCTAssertEqual(first.problems.map(\.line), [2, 7])
        XCTAssertTrue(first.problems[0].message.hasPrefix("unknown service"), first.problems[0].message)

        let again = try importer.importText(text, now: now)
        XCTAssertEqual(again.counts.imported, 0)
        XCTAssertEqual(again.counts.duplicates, 2, "the NDJSON lines were imported before")
        XCTAssertEqual(again.counts.limited, 2, "both beacon lines now fall in the stored report's window")

        var totals = ReportImportCounts()
        totals += first.counts
        totals += again.counts
        XCTAssertEqual(
            totals.line(windowMinutes: 15),
            "import-reports: 12 lines, 3 imported, 2 already imported, 3 over the once-per-15-minutes limit, 4 bad")
    }

    func testTheWindowComesFromTheConfiguration() throws {
        let store = TestDatabase()
        var configuration = SiteConfiguration()
        configuration.intake.reportWindowMinutes = 2
        let importer = try ReportImporter(configuration: configuration, services: services, database: store.database)
        let text = """
            203.0.113.5 - - [26/Nov/2026:21:50:00 +0000] "GET /r/chatapp/login HTTP/1.1" 204 0 "-" "x"
            203.0.113.5 - - [26/Nov/2026:21:51:00 +0000] "GET /r/chatapp/login HTTP/1.1" 204 0 "-" "x"
            203.0.113.5 - - [26/Nov/2026:21:55:00 +0000] "GET /r/chatapp/login HTTP/1.1" 204 0 "-" "x"
            """
        let result = try importer.importText(text, now: now)
        XCTAssertEqual(result.counts.imported, 2)
        XCTAssertEqual(result.counts.limited, 1)
    }
}

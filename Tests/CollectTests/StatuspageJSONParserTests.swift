import Model
import XCTest

@testable import Collect

/// The real Statuspage API captures against SOURCES.md, plus the endpoints with no capture.
final class StatuspageJSONParserTests: XCTestCase {
    private func parse(_ name: String) throws -> OfficialStatus {
        try StatuspageJSONParser.parse(
            Fixture.bytes("statuspage/\(name)"), url: "https://status.example.test/api/v2/x.json")
    }

    func testGitHubComponentsAllOperationalDeriveIndicatorNone() throws {
        let status = try parse("githubstatus-components.json")
        XCTAssertEqual(status.indicator, .none)
        XCTAssertNil(status.rawIndicator, "components.json states no indicator")
        XCTAssertEqual(status.componentCounts, [.operational: 10])
    }

    func testGitHubComponentsWithPartialOutageDeriveMinor() throws {
        let status = try parse("githubstatus-components-partial-outage.json")
        XCTAssertEqual(status.indicator, .minor)
        XCTAssertEqual(status.componentCounts, [.operational: 9, .partialOutage: 1])
        XCTAssertEqual(status.componentNames(.partialOutage), ["GitHub Actions"])
    }

    func testInstructureSummaryUsesStatedIndicatorAndSkipsGroups() throws {
        let status = try parse("instructure-summary.json")
        XCTAssertEqual(status.indicator, .minor)
        XCTAssertEqual(status.rawIndicator, "minor")
        XCTAssertEqual(status.description, "Partially Degraded Service")
        XCTAssertEqual(status.componentCounts, [.operational: 13, .degradedPerformance: 8])
        XCTAssertEqual(
            status.componentNames(.degradedPerformance),
            [
                "Website", "Canvas", "Assessments", "Benchmarks", "Web Application", "EDU Platform", "Portal",
                "Reporting",
            ])
        XCTAssertFalse(status.components.contains { $0.name == "MasteryConnect" }, "groups are not components")

        XCTAssertEqual(status.incidents.count, 1)
        let incident = try XCTUnwrap(status.incidents.first)
        XCTAssertTrue(
            incident.title.hasPrefix(
                "Amazon Web Services (AWS) is currently experiencing an outage that is affecting some Canvas users "
                    + "hosted in the IAD (North American) region."))
        XCTAssertEqual(incident.status, .identified)
        XCTAssertEqual(incident.rawStatus, "identified")
        XCTAssertEqual(incident.impact, .minor)
        XCTAssertEqual(incident.startedAt, Timestamp(iso8601: "2021-12-07T09:06:43-07:00"))
        XCTAssertEqual(incident.url, "https://stspg.io/0vf16sb2j8xn")
    }

    func testCoinbaseComponentsCountLeavesOnly() throws {
        let status = try parse("coinbase-components.json")
        XCTAssertEqual(status.components.count, 136)
        XCTAssertEqual(status.componentCounts, [.operational: 133, .partialOutage: 2, .underMaintenance: 1])
        XCTAssertEqual(status.componentNames(.partialOutage), ["GYEN", "Powerledger"])
        XCTAssertEqual(status.componentNames(.underMaintenance), ["Horizen"])
        XCTAssertEqual(status.indicator, .minor)
    }

    func testQualysMajorOutageComponentDerivesMajor() throws {
        let status = try parse("qualys-components.json")
        XCTAssertEqual(status.components.count, 259)
        XCTAssertEqual(status.componentCounts, [.operational: 254, .majorOutage: 1, .underMaintenance: 4])
        XCTAssertEqual(status.indicator, .major)
    }

    func testLinodeSevenRegionsInPartialOutage() throws {
        let status = try parse("linode-components-partial-outage.json")
        XCTAssertEqual(status.componentCounts, [.operational: 55, .partialOutage: 7])
        XCTAssertEqual(
            status.componentNames(.partialOutage),
            [
                "US-East (Newark)", "US-Central (Dallas)", "US-West (Fremont)", "EU-West (London)",
                "EU-Central (Frankfurt)", "AP-South (Singapore)", "AP-Northeast-2 (Tokyo 2)",
            ])
    }

    func testLastPassAndRedditComponents() throws {
        let lastpass = try parse("lastpass-components.json")
        XCTAssertEqual(lastpass.componentCounts, [.degradedPerformance: 3])
        XCTAssertEqual(lastpass.indicator, .minor)
        let reddit = try parse("reddit-components.json")
        XCTAssertEqual(reddit.componentCounts, [.operational: 45])
        XCTAssertEqual(reddit.indicator, .none)
    }

    func testSingleResolvedCriticalIncidentIsClosedHistory() throws {
        let status = try parse("githubstatus-incident-critical.json")
        XCTAssertEqual(status.incidents.count, 1)
        let incident = try XCTUnwrap(status.incidents.first)
        XCTAssertEqual(incident.title, "Incident On 2023-06-29")
        XCTAssertEqual(incident.status, .resolved)
        XCTAssertFalse(incident.isOpen)
        XCTAssertEqual(incident.impact, .critical)
        XCTAssertEqual(incident.startedAt, Timestamp(iso8601: "2023-06-29T17:52:11Z"))
        XCTAssertEqual(status.indicator, .none, "a resolved incident does not make the page red")
        XCTAssertTrue(status.components.isEmpty, "components embedded in an incident are not the page's")
    }

    func testStatusJSONWithoutComponents() throws {
        let json =
            #"{"page":{"id":"x","name":"X","url":"https://x.test"},"status":{"indicator":"major","description":"Partial System Outage"}}"#
        let status = try StatuspageJSONParser.parse(Array(json.utf8))
        XCTAssertEqual(status.indicator, .major)
        XCTAssertEqual(status.description, "Partial System Outage")
    }

    func testUnresolvedIncidentsDeriveIndicatorFromImpact() throws {
        let json = """
            {"page":{"id":"x","name":"X","url":"https://x.test/"},"incidents":[
             {"id":"a1","name":"Login errors","status":"identified","impact":"critical","created_at":"2024-01-01T10:00:00Z","shortlink":null},
             {"id":"a2","name":"Old","status":"postmortem","impact":"major","created_at":"2023-12-01T10:00:00Z"}]}
            """
        let status = try StatuspageJSONParser.parse(Array(json.utf8))
        XCTAssertEqual(status.indicator, .critical)
        XCTAssertNil(status.rawIndicator)
        XCTAssertEqual(status.incidents.first?.url, "https://x.test/incidents/a1")
        XCTAssertEqual(status.incidents.last?.status, .resolved, "postmortem means the incident is over")
    }

    func testNotJSONAndWrongShapeHaveClearErrors() {
        XCTAssertThrowsError(try StatuspageJSONParser.parse(Array("<html></html>".utf8))) { error in
            guard case .notJSON(let detail) = error as? StatusParseError else { return XCTFail("\(error)") }
            // Said in our words: no byte of the answer is quoted.
            XCTAssertTrue(detail.contains("HTML, 13 bytes"), detail)
            XCTAssertFalse(detail.contains("<html>"), detail)
        }
        XCTAssertThrowsError(try StatuspageJSONParser.parse(Array("[1,2]".utf8))) { error in
            guard case .unexpectedJSON = error as? StatusParseError else { return XCTFail("\(error)") }
        }
        XCTAssertThrowsError(try StatuspageJSONParser.parse(Array("{\"page\": ".utf8))) { error in
            guard case .notJSON = error as? StatusParseError else { return XCTFail("\(error)") }
        }
        XCTAssertThrowsError(try StatuspageJSONParser.parse(Array("{\"hello\": 1}".utf8))) { error in
            guard case .unexpectedJSON = error as? StatusParseError else { return XCTFail("\(error)") }
        }
    }
}

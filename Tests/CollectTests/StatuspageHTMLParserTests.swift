import Model
import XCTest

@testable import Collect

/// The real Statuspage HTML captures (all wrapped in a Markdown code fence) against SOURCES.md.
final class StatuspageHTMLParserTests: XCTestCase {
    private func parse(_ name: String) throws -> OfficialStatus {
        try StatuspageHTMLParser.parse(
            Fixture.bytes("statuspage/\(name)"), url: "https://status.example.test/", contentType: "text/html")
    }

    func testPythonPageWithoutPageStatusTakesHighestIncidentImpact() throws {
        let status = try parse("pythonstatus-page.html")
        XCTAssertEqual(status.indicator, .major)
        XCTAssertEqual(status.rawIndicator, "impact-major")
        XCTAssertEqual(status.components.count, 98, "groups are not components")
        XCTAssertEqual(status.componentCounts, [.operational: 97, .partialOutage: 1])
        XCTAssertEqual(status.componentNames(.partialOutage), ["pypi.org - Backends"])
        XCTAssertFalse(status.components.contains { $0.name == "PyPI" }, "the PyPI group header is not a component")

        XCTAssertEqual(status.incidents.count, 1)
        let incident = try XCTUnwrap(status.incidents.first)
        XCTAssertEqual(incident.title, "PyPI XMLRPC Search Disabled")
        XCTAssertEqual(incident.url, "https://status.example.test/incidents/grk0k7sz6zkp")
        XCTAssertEqual(incident.impact, .major)
        XCTAssertEqual(incident.rawImpact, "major")
    }

    func testNewestUpdateLabelledUpdateIsNotTakenAsTheStatus() throws {
        let incident = try XCTUnwrap(parse("pythonstatus-page.html").incidents.first)
        // The newest labels are all "Update"; the newest real one is Monitoring (Dec 14).
        XCTAssertEqual(incident.status, .monitoring)
        XCTAssertEqual(incident.rawStatus, "Monitoring")
        XCTAssertTrue(incident.isOpen)
        XCTAssertEqual(
            incident.updatedAt, Timestamp(iso8601: "2021-01-12T16:04:00Z"), "newest update, year from `issued`")
    }

    func testAquafadasIncidentWithUpdateLabelAndCETTimes() throws {
        let status = try parse("aquafadas-page.html")
        XCTAssertEqual(status.indicator, .minor)
        XCTAssertEqual(status.componentCounts, [.operational: 17, .degradedPerformance: 1])
        XCTAssertEqual(status.componentNames(.degradedPerformance), ["WebKioskFactory"])
        let incident = try XCTUnwrap(status.incidents.first)
        XCTAssertEqual(status.incidents.count, 1)
        XCTAssertEqual(incident.title, "Error File System Server Prod Cloudauthoring & ftp")
        XCTAssertEqual(incident.impact, .minor)
        XCTAssertEqual(incident.status, .monitoring, "the two newest labels are \"Update\"")
        XCTAssertEqual(incident.startedAt, Timestamp(iso8601: "2020-12-31T10:00:00+01:00"), "Dec 31 is last year")
        XCTAssertEqual(incident.updatedAt, Timestamp(iso8601: "2021-01-05T08:05:00+01:00"), "Jan 5, 08:05 CET")
    }

    func testFastlyInformationalIncidentKeepsIndicatorNone() throws {
        let status = try parse("fastly-page.html")
        XCTAssertEqual(status.indicator, .none)
        XCTAssertEqual(status.rawIndicator, "impact-none")
        XCTAssertEqual(status.componentCounts, [.operational: 96])
        XCTAssertEqual(status.incidents.count, 1, "past maintenance entries are not unresolved incidents")
        let incident = try XCTUnwrap(status.incidents.first)
        XCTAssertEqual(incident.title, "A COVID-19 Business Continuity Update From Fastly")
        XCTAssertEqual(incident.impact, OfficialIndicator.none)
        XCTAssertEqual(incident.status, .monitoring)
        XCTAssertEqual(
            incident.updatedAt, Timestamp(iso8601: "2020-03-16T04:38:00Z"),
            "a March date on a January page is last year")
    }

    func testAcmeDemoPageWithSevenIncidentsTakesCritical() throws {
        let status = try parse("acmeapi-demo-page.html")
        XCTAssertEqual(status.indicator, .critical)
        XCTAssertEqual(status.componentCounts, [.operational: 15, .partialOutage: 1, .majorOutage: 1])
        XCTAssertEqual(status.componentNames(.partialOutage), ["Acme.js Server"])
        XCTAssertEqual(status.componentNames(.majorOutage), ["Paradigm Shifter"])
        let table = status.incidents.map { ($0.title, $0.impact, $0.status) }
        XCTAssertEqual(table.count, 7)
        let expected: [(String, OfficialIndicator, IncidentStatus)] = [
            ("Example incident", .major, .investigating), ("test", .none, .investigating),
            ("Somethingdfngjksdfnjkasd", .critical, .identified), ("ewgtefvregvergervger", .major, .monitoring),
            ("qwrwqefrwef", .major, .identified), ("asdasd", .critical, .investigating),
            ("The Chuck Norris incident", .major, .monitoring),
        ]
        for (title, impact, incidentStatus) in expected {
            let match = status.incidents.first { $0.title.hasPrefix(title) }
            XCTAssertEqual(match?.impact, impact, title)
            XCTAssertEqual(match?.status, incidentStatus, title)
        }
        XCTAssertGreaterThan(
            status.incidents.first { $0.title.hasPrefix("Somethingdfngjksdfnjkasd") }!.title.count, 200)
    }

    func testStrideEndOfLifePageHasNoComponentsAndOneInformationalIncident() throws {
        let status = try parse("stride-eol-page.html")
        XCTAssertEqual(status.indicator, .none)
        XCTAssertTrue(status.components.isEmpty)
        XCTAssertEqual(status.incidents.map(\.title), ["Stride has reached end of life and is no longer available"])
        XCTAssertEqual(status.incidents.first?.status, .investigating)
        XCTAssertEqual(status.incidents.first?.impact, OfficialIndicator.none)
    }

    func testInactivePageIsNoDataNotOperational() throws {
        XCTAssertThrowsError(try parse("page-inactive-page.html")) { error in
            guard case .noStatusData = error as? StatusParseError else { return XCTFail("\(error)") }
        }
    }

    func testClickFunnelsDegradedWithoutIncidentReadsPageStatusText() throws {
        let status = try parse("clickfunnels-page.html")
        XCTAssertEqual(status.indicator, .minor)
        XCTAssertEqual(status.rawIndicator, "status-minor")
        XCTAssertEqual(
            status.description,
            "Experiencing Issues with CloudFlare MAA - Chennai, Tamil Nadu, India, CloudFlare BOM - Mumbai, "
                + "Maharashtra, India, and CloudFlare JNB - Johannesburg, South Africa")
        XCTAssertEqual(status.componentCounts, [.operational: 104, .partialOutage: 3])
        XCTAssertEqual(
            status.componentNames(.partialOutage),
            [
                "CloudFlare MAA - Chennai, Tamil Nadu, India", "CloudFlare BOM - Mumbai, Maharashtra, India",
                "CloudFlare JNB - Johannesburg, South Africa",
            ])
        XCTAssertTrue(status.incidents.isEmpty)
    }

    func testOperationalPagesReadAllSystemsOperational() throws {
        let pages = [
            ("zoom-page.html", 18), ("datadog-page.html", 14), ("circleci-page.html", 27),
            ("1password-page.html", 34), ("box-page.html", 42),
        ]
        for (name, leaves) in pages {
            let status = try parse(name)
            XCTAssertEqual(status.indicator, .none, name)
            XCTAssertEqual(status.rawIndicator, "status-none", name)
            XCTAssertEqual(status.description, "All Systems Operational", name)
            XCTAssertEqual(status.componentCounts, [.operational: leaves], name)
            XCTAssertTrue(status.incidents.isEmpty, name)
        }
    }

    func testMaintenanceUpdateLabelsAreRealStatuses() throws {
        let html = """
            <html><body><div class="unresolved-incidents">
            <div class="unresolved-incident impact-maintenance"><div class="incident-title">
            <a class="actual-title" href="/incidents/m1">Database upgrade</a></div>
            <div class="updates"><div class="update"><strong>Update</strong> - still going<br><small>Jan 2, 10:00 UTC</small></div>
            <div class="update"><strong>In progress</strong> - started<br><small>Jan 2, 09:00 UTC</small></div>
            <div class="update"><strong>Scheduled</strong> - planned<br><small>Jan 1, 09:00 UTC</small></div>
            </div></div></div></body></html>
            """
        let status = try StatuspageHTMLParser.parse(Array(html.utf8), url: "https://s.test/")
        XCTAssertEqual(status.indicator, .maintenance)
        XCTAssertEqual(status.incidents.first?.status, .inProgress)
        XCTAssertEqual(status.incidents.first?.rawStatus, "In progress")
        XCTAssertNil(status.incidents.first?.startedAt, "no `issued` meta, so no year to date the updates")
    }
}

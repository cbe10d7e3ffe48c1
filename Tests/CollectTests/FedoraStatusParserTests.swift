import Model
import XCTest

@testable import Collect

/// Fedora Infrastructure's statusfpo `statuses.json` captures.
final class FedoraStatusParserTests: XCTestCase {
    func testMajorDisruptionWithFourMajorServices() throws {
        let status = try FedoraStatusParser.parse(Fixture.bytes("fedora-status/fedora-statuses-major.json"))
        XCTAssertEqual(status.indicator, .major)
        XCTAssertEqual(status.rawIndicator, "major")
        XCTAssertEqual(status.description, "Major service disruption")
        XCTAssertEqual(status.components.count, 28)
        XCTAssertEqual(status.componentCounts, [.operational: 24, .majorOutage: 4])
        XCTAssertEqual(
            status.componentNames(.majorOutage),
            ["The Koji Buildsystem", "Fedora Packages App", "Package maintainers git repositories", "ABRT Server"])
        XCTAssertEqual(status.incidents.count, 4)
        XCTAssertEqual(
            status.incidents.first?.title, "The Koji Buildsystem: PDC outage ongoing and under investigation")
        XCTAssertEqual(status.incidents.last?.title, "ABRT Server: read the infra status link at the top")
        XCTAssertTrue(status.incidents.allSatisfy { $0.isOpen && $0.impact == .major })
    }

    func testScheduledServicesWhileGlobalStatusIsGood() throws {
        let status = try FedoraStatusParser.parse(Fixture.bytes("fedora-status/fedora-statuses-scheduled.json"))
        XCTAssertEqual(status.indicator, .none, "the site's own global status is kept, as served")
        XCTAssertEqual(status.rawIndicator, "good")
        XCTAssertEqual(status.description, "All systems go")
        XCTAssertEqual(status.componentCounts, [.operational: 26, .underMaintenance: 4])
        XCTAssertEqual(status.incidents.count, 4)
        XCTAssertTrue(
            status.incidents.allSatisfy { $0.status == .scheduled && $0.title.hasSuffix("planned buildsystem outage") })
    }

    func testFedoraJSONIsDetectedAutomatically() throws {
        let body = try Fixture.bytes("fedora-status/fedora-statuses-major.json")
        XCTAssertEqual(
            FormatDetector.detect(url: "https://status.fedoraproject.org/statuses.json", body: body, contentType: nil),
            .fedoraJSON)
        let status = try StatusDocumentParser.parse(
            kind: .auto, url: "https://status.fedoraproject.org/statuses.json", body: body, contentType: nil, xpath: nil
        )
        XCTAssertEqual(status.indicator, .major)
    }
}

import Foundation
import Model
import XCTest

/// Component groups in the model: a group's status is its worst child's, groups keep page
/// order, and a group name is vendor text like any other.
final class OfficialComponentGroupTests: XCTestCase {
    func testGroupStatusIsTheWorstChildInPageOrder() {
        let status = OfficialStatus(
            indicator: .major,
            components: [
                OfficialComponent(name: "Global", status: .underMaintenance, rawStatus: "m", group: "Spaces"),
                OfficialComponent(name: "API", status: .majorOutage, rawStatus: "x"),
                OfficialComponent(name: "Global", status: .majorOutage, rawStatus: "x", group: "Networking"),
                OfficialComponent(name: "NYC1", status: .operational, rawStatus: "o", group: "Spaces"),
                OfficialComponent(name: "AMS3", status: .degradedPerformance, rawStatus: "d", group: "Spaces"),
            ])
        XCTAssertEqual(status.componentGroups.map(\.name), ["Spaces", "Networking"])
        XCTAssertEqual(status.componentGroups.map(\.status), [.degradedPerformance, .majorOutage])
        XCTAssertEqual(status.componentGroups.first?.components.map(\.name), ["Global", "NYC1", "AMS3"])
        XCTAssertEqual(status.components.map(\.displayName).prefix(2), ["Spaces › Global", "API"])
    }

    func testSeverityOrdersEveryComponentStatus() {
        XCTAssertEqual(
            ComponentStatus.allCases.sorted { $0.severity < $1.severity },
            [.operational, .underMaintenance, .degradedPerformance, .partialOutage, .majorOutage])
    }

    func testInertCleansTheGroupName() {
        let status = OfficialStatus(
            indicator: .major,
            components: [
                OfficialComponent(name: "Global", status: .majorOutage, rawStatus: "x", group: "Net\u{1B}[31m")
            ]
        ).inert
        XCTAssertFalse(status.components.first?.group?.unicodeScalars.contains { $0.value == 0x1B } ?? true)
    }

    func testComponentWithoutGroupEncodesAsBefore() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let plain = OfficialComponent(name: "API", status: .operational, rawStatus: "operational")
        XCTAssertEqual(
            String(decoding: try encoder.encode(plain), as: UTF8.self),
            #"{"name":"API","rawStatus":"operational","status":"operational"}"#)
        let grouped = OfficialComponent(name: "Global", status: .operational, rawStatus: "operational", group: "Net")
        XCTAssertEqual(try JSONDecoder().decode(OfficialComponent.self, from: try encoder.encode(grouped)), grouped)
    }
}

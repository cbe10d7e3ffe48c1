import Foundation
import Model
import XCTest

@testable import Collect

/// Component groups on Statuspage pages: each component carries its group, group headers are
/// not components, equal names in different groups stay apart, and a group's status is the
/// worst of its children.
final class StatuspageGroupTests: XCTestCase {
    private func parseJSON(_ name: String) throws -> OfficialStatus {
        try StatuspageJSONParser.parse(
            Fixture.bytes("statuspage/\(name)"), url: "https://status.example.test/api/v2/components.json")
    }

    private func parseHTML(_ name: String) throws -> OfficialStatus {
        try StatuspageHTMLParser.parse(
            Fixture.bytes("statuspage/\(name)"), url: "https://status.example.test/", contentType: "text/html")
    }

    /// The group headers of a capture as it publishes them: name and the vendor's status word.
    private func publishedHeaders(_ name: String) throws -> [(name: String, status: String)] {
        let object = try JSONSerialization.jsonObject(with: Data(Fixture.bytes("statuspage/\(name)")))
        let components = try XCTUnwrap((object as? [String: Any])?["components"] as? [[String: Any]])
        return components.compactMap { component in
            guard component["group"] as? Bool == true, let name = component["name"] as? String,
                let status = component["status"] as? String
            else { return nil }
            return (name, status)
        }
    }

    func testQualysEqualNamesInDifferentGroupsStayApart() throws {
        let status = try parseJSON("qualys-components.json")
        let name = "Global AssetView (GAV) /CyberSecurity Asset Management (CSAM)"
        let same = status.components.filter { $0.name == name }
        XCTAssertEqual(same.count, 11, "one per platform group in the capture")
        XCTAssertEqual(Set(same.compactMap(\.group)).count, 11, "every one in its own group")
        let down = try XCTUnwrap(same.first { $0.status == .majorOutage })
        XCTAssertEqual(down.group, "EU Platform 1")
        XCTAssertEqual(down.displayName, "EU Platform 1 › \(name)")
        XCTAssertEqual(same.first { $0.status == .underMaintenance }?.group, "US Platform 3")
        XCTAssertEqual(status.components.filter { $0.group == nil }.map(\.name), ["PCI Platform"])
        XCTAssertEqual(status.componentGroups.first { $0.name == "EU Platform 1" }?.status, .majorOutage)
    }

    func testGroupStatusIsTheWorstChildAsTheCapturesPublishIt() throws {
        for capture in ["qualys-components.json", "linode-components-partial-outage.json", "coinbase-components.json"] {
            let status = try parseJSON(capture)
            let headers = try publishedHeaders(capture)
            XCTAssertFalse(headers.isEmpty, capture)
            XCTAssertEqual(
                status.componentGroups.map(\.name).sorted(), headers.map(\.name).sorted(),
                "\(capture): every header with children becomes a group")
            for header in headers {
                let group = try XCTUnwrap(status.componentGroups.first { $0.name == header.name }, capture)
                XCTAssertEqual(group.status.rawValue, header.status, "\(capture): \(header.name)")
                XCTAssertFalse(status.components.contains { $0.name == header.name && $0.group == nil }, capture)
            }
        }
    }

    func testCapturedChildrenCarryTheirGroupNames() throws {
        let linode = try parseJSON("linode-components-partial-outage.json")
        XCTAssertEqual(linode.components.first { $0.name == "US-East (Newark)" }?.group, "Regions")
        let coinbase = try parseJSON("coinbase-components.json")
        XCTAssertEqual(coinbase.components.first { $0.name == "GYEN" }?.group, "Digital Currencies")
        XCTAssertEqual(coinbase.components.first { $0.name == "Horizen" }?.group, "Digital Currencies")
        let instructure = try StatuspageJSONParser.parse(Fixture.bytes("statuspage/instructure-summary.json"))
        XCTAssertEqual(
            instructure.components.filter { $0.status == .degradedPerformance }.map(\.displayName),
            [
                "Portfolium › Website", "Canvas › Canvas", "MasteryConnect › Assessments",
                "MasteryConnect › Benchmarks", "Portfolium › Web Application", "Portfolium › EDU Platform",
                "MasteryConnect › Portal", "MasteryConnect › Reporting",
            ])
    }

    func testUngroupedCaptureHasNoGroups() throws {
        let status = try parseJSON("githubstatus-components.json")
        XCTAssertFalse(status.components.isEmpty)
        XCTAssertTrue(status.components.allSatisfy { $0.group == nil })
        XCTAssertEqual(status.componentGroups, [])
    }

    func testTwoGlobalComponentsInDifferentGroupsSynthetic() throws {
        let body = """
            {"page":{"id":"p","name":"Example Cloud","url":"https://status.example.test"},
             "components":[
              {"id":"net","name":"Networking","status":"major_outage","group":true,"group_id":null,
               "components":["g1"]},
              {"id":"g1","name":"Global","status":"major_outage","group":false,"group_id":"net"},
              {"id":"drop","name":"Droplets","status":"operational","group":true,"group_id":null,
               "components":["g2","d2"]},
              {"id":"g2","name":"Global","status":"operational","group":false,"group_id":"drop"},
              {"id":"d2","name":"NYC1","status":"degraded_performance","group":false,"group_id":null},
              {"id":"api","name":"API","status":"operational","group":false,"group_id":null}
             ]}
            """
        let status = try StatuspageJSONParser.parse(Array(body.utf8))
        XCTAssertEqual(
            status.components,
            [
                OfficialComponent(name: "Global", status: .majorOutage, rawStatus: "major_outage", group: "Networking"),
                OfficialComponent(name: "Global", status: .operational, rawStatus: "operational", group: "Droplets"),
                OfficialComponent(
                    name: "NYC1", status: .degradedPerformance, rawStatus: "degraded_performance", group: "Droplets"),
                OfficialComponent(name: "API", status: .operational, rawStatus: "operational"),
            ], "headers are not components; a header's child list groups a child without group_id")
        XCTAssertEqual(
            status.components.map(\.displayName),
            ["Networking › Global", "Droplets › Global", "Droplets › NYC1", "API"])
        XCTAssertEqual(status.componentGroups.map(\.name), ["Networking", "Droplets"])
        XCTAssertEqual(status.componentGroups.map(\.status), [.majorOutage, .degradedPerformance])
        XCTAssertEqual(status.indicator, .major)
    }

    func testBlankGroupNameIsNoGroup() {
        let status = OfficialStatus(
            indicator: .none,
            components: [OfficialComponent(name: "A", status: .operational, rawStatus: "operational", group: " \n ")]
        ).collected(documentURL: nil)
        XCTAssertNil(status.components.first?.group)
    }

    func testPythonHTMLPageChildrenCarryTheirGroup() throws {
        let status = try parseHTML("pythonstatus-page.html")
        XCTAssertEqual(status.components.first { $0.name == "pypi.org - Backends" }?.group, "PyPI")
        XCTAssertEqual(status.components.first { $0.name == "python.org - CDN" }?.group, "python.org")
        XCTAssertEqual(status.componentGroups.first { $0.name == "PyPI" }?.status, .partialOutage)
        XCTAssertEqual(status.componentGroups.first { $0.name == "python.org" }?.status, .operational)
        XCTAssertEqual(
            status.components.filter { $0.status != .operational }.map(\.displayName), ["PyPI › pypi.org - Backends"])
        XCTAssertFalse(status.componentGroups.map(\.name).contains(""), "every group has its header's name")
    }

    func testHTMLGroupWithoutHeaderGivesNoGroupSynthetic() throws {
        let body = """
            <html><body><div class="components-container">
            <div class="component-container is-group">
              <div data-component-status="major_outage" data-js-hook="component-group-opener">
                <span class="name"><span class="fa"></span><span> Networking </span></span></div>
              <div class="child-components-container">
                <div data-component-status="major_outage"><span class="name">Global</span></div></div></div>
            <div class="component-container is-group">
              <div class="child-components-container">
                <div data-component-status="operational"><span class="name">Orphan</span></div></div></div>
            <div class="component-container">
              <div data-component-status="partial_outage"><span class="name">Global</span></div></div>
            </div></body></html>
            """
        let status = try StatuspageHTMLParser.parse(Array(body.utf8), contentType: "text/html")
        XCTAssertEqual(
            status.components,
            [
                OfficialComponent(name: "Global", status: .majorOutage, rawStatus: "major_outage", group: "Networking"),
                OfficialComponent(name: "Orphan", status: .operational, rawStatus: "operational"),
                OfficialComponent(name: "Global", status: .partialOutage, rawStatus: "partial_outage"),
            ])
    }

    func testHTMLPageWithoutGroupContainersHasNoGroups() throws {
        let status = try parseHTML("clickfunnels-page.html")
        XCTAssertFalse(status.components.isEmpty)
        XCTAssertTrue(status.components.allSatisfy { $0.group == nil })
    }
}

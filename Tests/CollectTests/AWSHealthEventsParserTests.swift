import Foundation
import Model
import XCTest

@testable import Collect

/// The AWS Health Dashboard's public events: synthetic documents (UTF-16 with a byte-order
/// mark, as AWS serves them at times); see Tests/Fixtures/status-pages/SOURCES.md.
final class AWSHealthEventsParserTests: XCTestCase {
    private let eventsURL = "https://health.aws.amazon.com/public/currentevents"

    func testUTF16EventsBecomeOpenIncidentsWithImpactedServices() throws {
        let body = try Fixture.bytes("aws/synthetic-currentevents-utf16.json")
        XCTAssertEqual(Array(body.prefix(2)), [0xFF, 0xFE])
        let status = try StatusDocumentParser.parse(
            kind: .aws, url: eventsURL, body: body, contentType: "application/json;charset=utf-16", xpath: nil)
        XCTAssertEqual(status.indicator, .major)
        XCTAssertEqual(
            status.incidents.map(\.title),
            [
                "Increased Error Rates (Multiple services, UAE)",
                "Increased Latency (Amazon Simple Storage Service, N. Virginia)",
            ])
        XCTAssertEqual(status.incidents.map(\.status), [.investigating, .investigating])
        XCTAssertEqual(status.incidents.map(\.impact), [.major, .minor])
        // `date` as a string and as a number; the newest log entry is the update time.
        XCTAssertEqual(status.incidents[0].startedAt, Timestamp(seconds: 1_772_369_485))
        XCTAssertEqual(status.incidents[0].updatedAt, Timestamp(seconds: 1_772_380_285))
        XCTAssertEqual(status.incidents[1].startedAt, Timestamp(seconds: 1_772_430_987))
        XCTAssertEqual(
            status.components.map(\.name),
            ["Amazon Elastic Compute Cloud", "AWS Lambda", "Amazon Simple Storage Service"])
        XCTAssertEqual(status.components.map(\.status), [.majorOutage, .partialOutage, .degradedPerformance])
        XCTAssertTrue(status.incidents.allSatisfy { $0.url == nil })
    }

    func testUTF16WithoutAByteOrderMarkIsReadToo() throws {
        let marked = try Fixture.bytes("aws/synthetic-currentevents-utf16.json")
        let littleEndian = Array(marked.dropFirst(2))
        var bigEndian = littleEndian
        for index in stride(from: 0, to: bigEndian.count - 1, by: 2) { bigEndian.swapAt(index, index + 1) }
        for body in [littleEndian, bigEndian] {
            let status = try StatusDocumentParser.parse(
                kind: .aws, url: eventsURL, body: body, contentType: nil, xpath: nil)
            XCTAssertEqual(status.incidents.count, 2)
            XCTAssertEqual(status.indicator, .major)
            XCTAssertEqual(FormatDetector.detect(url: "https://x.test/", body: body, contentType: nil), .awsHealthJSON)
        }
        XCTAssertEqual(AWSHealthEventsParser.utf8IfUnmarkedUTF16(Array("[]".utf8)), Array("[]".utf8))
    }

    func testEmptyDocumentIsAllClear() throws {
        let body = try Fixture.bytes("aws/synthetic-currentevents-empty.json")
        let status = try StatusDocumentParser.parse(
            kind: .aws, url: eventsURL, body: body, contentType: nil, xpath: nil)
        XCTAssertEqual(status.indicator, .none)
        XCTAssertEqual(status.description, "No open events")
        XCTAssertTrue(status.incidents.isEmpty && status.components.isEmpty)
        // `[]` says nothing of its origin: `auto` knows it only by AWS's URL.
        XCTAssertEqual(FormatDetector.detect(url: eventsURL, body: body, contentType: nil), .awsHealthJSON)
        XCTAssertNil(FormatDetector.detect(url: "https://x.test/", body: body, contentType: nil))
    }

    func testResolvedEventAndOutOfRangeDatesAreHandled() throws {
        let body =
            #"[{"arn":"arn:aws:health:global::event/IAM/X","status":"0","summary":"Done","date":"99999999999999","event_log":[]}]"#
        let status = try AWSHealthEventsParser.parse(Array(body.utf8))
        XCTAssertEqual(status.indicator, .none)
        XCTAssertEqual(status.incidents.first?.status, .resolved)
        XCTAssertNil(status.incidents.first?.startedAt)
    }

    func testBrokenAndForeignDocumentsAreRefusedWithReasons() throws {
        XCTAssertThrowsError(
            try StatusDocumentParser.parse(
                kind: .aws, url: eventsURL, body: Fixture.bytes("aws/synthetic-truncated.json"), contentType: nil,
                xpath: nil)
        ) {
            guard case .notJSON = $0 as? StatusParseError else { return XCTFail("\($0)") }
        }
        XCTAssertThrowsError(try AWSHealthEventsParser.parse(Array(#"[{"name":"x"}]"#.utf8))) {
            guard case .unexpectedJSON = $0 as? StatusParseError else { return XCTFail("\($0)") }
        }
        XCTAssertThrowsError(try AWSHealthEventsParser.parse(Array(#"{"events":[]}"#.utf8)))
    }

    func testDetectionByContentAndURL() throws {
        let utf16 = try Fixture.bytes("aws/synthetic-currentevents-utf16.json")
        XCTAssertEqual(FormatDetector.detect(url: "https://x.test/", body: utf16, contentType: nil), .awsHealthJSON)
        for other in ["google-cloud/synthetic-open-outage.json", "upptime/upptime-demo-summary.json"] {
            let json = try JSONSerialization.jsonObject(with: Data(Fixture.bytes(other)))
            XCTAssertFalse(AWSHealthEventsParser.matches(json), other)
        }
        XCTAssertTrue(AWSHealthEventsParser.matches(url: "https://health.aws.amazon.com/public/currentevents"))
        XCTAssertFalse(AWSHealthEventsParser.matches(url: "https://health.aws.amazon.com/health/status"))
        XCTAssertEqual(StatusSourceKind(rawValue: "aws"), .aws)
    }
}

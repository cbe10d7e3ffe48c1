import Foundation
import IntakeRules
import Model
import XCTest

/// Report lines from files nobody here wrote: every number is read with checked arithmetic, and
/// a line that cannot be read is a bad line, never a crash.
final class ReportLineParserTests: XCTestCase {
    private func parse(_ line: String) -> Result<ReportLine, ReportLineParser.LineError>? {
        ReportLineParser.parse(line: Substring(line))
    }

    private func beacon(time: String) -> String {
        #"203.0.113.5 - - [\#(time)] "GET /r/chatapp/login HTTP/1.1" 204 0 "-" "UA""#
    }

    func testAGoodAccessLogLineIsRead() throws {
        let line = try XCTUnwrap(parse(beacon(time: "26/Nov/2026:22:52:00 +0100"))).get()
        XCTAssertEqual(line.at, Timestamp(iso8601: "2026-11-26T21:52:00Z"))
        XCTAssertEqual(line.clientAddress, "203.0.113.5")
    }

    func testHugeOrOutOfRangeTimeFieldsAreBadTimes() {
        for time in [
            "01/Jan/99999999999:00:00:00 +9999", "01/Jan/2026:00:00:00 +9999",
            "01/Jan/999999999999999999:00:00:00 +0000",
            "99999999999999999999/Jan/2026:00:00:00 +0000", "01/Jan/2026:9223372036854775807:00:00 +0000",
            "01/Jan/2026:00:99999999999999:00 +0000", "01/Jan/2026:00:00:-9223372036854775808 +0000",
            "32/Jan/2026:00:00:00 +0000", "00/Jan/2026:00:00:00 +0000", "01/Jan/2026:24:00:00 +0000",
            "01/Jan/-5:00:00:00 +0000", "01/Jan/2026:00:00:00 +2400", "01/Jan/2026:00:00:00 ++100",
        ] {
            guard case .failure(.badTime) = parse(beacon(time: time)) else {
                return XCTFail("\(time): \(String(describing: parse(beacon(time: time))))")
            }
        }
    }

    /// Fields that are each in range but whose zone offset moves the time outside the years a
    /// report may carry (the same `plausibleTimes` as an NDJSON line's `at`).
    func testLogTimesOutsideThePlausibleYearsAreBadTimes() {
        for time in ["01/Jan/1970:00:30:00 +0100", "31/Dec/9999:23:30:00 -0100", "01/Jan/1970:00:00:00 +2359"] {
            guard case .failure(.badTime) = parse(beacon(time: time)) else {
                return XCTFail("\(time): \(String(describing: parse(beacon(time: time))))")
            }
        }
        let edge = try? XCTUnwrap(parse(beacon(time: "01/Jan/1970:01:00:00 +0100"))).get()
        XCTAssertEqual(edge?.at, Timestamp(seconds: 0))
    }

    func testHugeOrFractionalCountsAreBadCounts() {
        for count in ["99999999999999999999", "1e300", "-1", "0", "100001", "2.5", #""5""#, "9223372036854775808"] {
            let line = #"{"service":"chatapp","problem":"login","at":"2026-11-26T21:50:00Z","count":\#(count)}"#
            XCTAssertEqual(parse(line), .failure(.badCount), count)
        }
        let good = #"{"service":"chatapp","problem":"login","at":"2026-11-26T21:50:00Z","count":100000}"#
        XCTAssertEqual(try parse(good)?.get().count, 100_000)
    }

    func testArbitraryBytesNeverTrap() {
        var generator = SeededGenerator(seed: 7)
        let pieces = [
            "[", "]", "\"", " ", "/", ":", "+", "-", "{", "}", "9999999999999999999", "Jan", "GET", "/r/a/b", "\u{0}",
            "é",
        ]
        for _ in 0..<20_000 {
            let line = (0..<Int.random(in: 1...14, using: &generator)).map { _ in
                pieces.randomElement(using: &generator)!
            }.joined()
            _ = parse(line)
            _ = ReportLineParser.parse(bytes: Array(line.utf8) + [0xFF, 0xC3])
        }
    }
}

/// A small deterministic generator (SplitMix64), so a failure can be replayed.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z &>> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z &>> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z &>> 31)
    }
}

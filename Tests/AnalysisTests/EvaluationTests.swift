import XCTest

@testable import Analysis

final class EvaluationTests: XCTestCase {
    /// A reduced run (fewer services and days than the published one, outages more frequent
    /// so there are enough to score) that must still show the detector working.
    func testASmallEvaluationDetectsStrongOutagesWithFewFalseAlarmsAndNoFlaps() {
        let configuration = EvaluationConfiguration(
            seed: 42, services: 30, days: 7, outagesPerServicePer28Days: 8, pastOutagesPerServicePer28Days: 2,
            baselineRefreshMinutes: 120)
        let report = Evaluation.run(configuration)
        print(report.summaryLines.joined(separator: "\n"))
        let strong = report.strongClearlyDetectableOutcomes
        XCTAssertGreaterThanOrEqual(strong.count, 10, "enough outages to judge")
        XCTAssertGreaterThanOrEqual(
            report.strongClearlyDetectableDetectionRate, 0.95, report.summaryLines.joined(separator: "\n"))
        XCTAssertGreaterThanOrEqual(report.detectableDetectionRate, 0.85, report.summaryLines.joined(separator: "\n"))
        XCTAssertLessThanOrEqual(report.medianMinutesToDetection ?? .infinity, 5)
        XCTAssertLessThan(report.falseAlarmsPer100ServiceDays, 1)
        XCTAssertEqual(report.flaps, 0)
        XCTAssertEqual(report.decisions, 30 * 7 * 1440)
        XCTAssertFalse(report.summaryLines.isEmpty)
    }

    func testTheSameSeedGivesTheSameReport() {
        let configuration = EvaluationConfiguration(
            seed: 7, services: 3, days: 2, warmUpWeeks: 2, outagesPerServicePer28Days: 20, baselineRefreshMinutes: 240)
        let first = Evaluation.run(configuration)
        let second = Evaluation.run(configuration)
        XCTAssertEqual(first.outcomes, second.outcomes)
        XCTAssertEqual(first.summaryLines, second.summaryLines)
        var other = configuration
        other.seed = 8
        XCTAssertNotEqual(Evaluation.run(other).outcomes, first.outcomes)
    }
}

import XCTest

@testable import Analysis

final class EvaluationTests: XCTestCase {
    /// A reduced run (fewer services and days than the published one, outages more frequent
    /// so there are enough to score) that must still show the detector working.
    func testASmallEvaluationDetectsStrongOutagesWithFewFalseAlarmsAndNoFlaps() {
        let configuration = EvaluationConfiguration(
            seed: 42, services: 30, days: 7, outagesPerServicePer28Days: 8, pastOutagesPerServicePer28Days: 2,
            baselineRefreshMinutes: 120, cohorts: [])
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
            seed: 7, services: 3, days: 2, warmUpWeeks: 2, outagesPerServicePer28Days: 20, baselineRefreshMinutes: 240,
            cohorts: [])
        let first = Evaluation.run(configuration)
        let second = Evaluation.run(configuration)
        XCTAssertEqual(first.outcomes, second.outcomes)
        XCTAssertEqual(first.summaryLines, second.summaryLines)
        var other = configuration
        other.seed = 8
        XCTAssertNotEqual(Evaluation.run(other).outcomes, first.outcomes)
    }

    func testSmallServicesAndNightTimeMediumServicesAreScoredOnTheirOwn() {
        var small = EvaluationCohort.small
        small.services = 6
        small.outagesPerServicePer28Days = 16
        var night = EvaluationCohort.nightMedium
        night.services = 4
        night.outagesPerServicePer28Days = 16
        let configuration = EvaluationConfiguration(
            seed: 11, services: 2, days: 7, warmUpWeeks: 3, baselineRefreshMinutes: 120, cohorts: [small, night])
        let report = Evaluation.run(configuration)
        let text = report.summaryLines.joined(separator: "\n")
        XCTAssertEqual(report.cohorts.map(\.cohort.name), ["small services", "medium services at night"])
        let smallOutcomes = report.cohorts[0].outcomes
        let nightOutcomes = report.cohorts[1].outcomes
        XCTAssertGreaterThanOrEqual(smallOutcomes.count, 5, text)
        XCTAssertGreaterThanOrEqual(nightOutcomes.count, 3, text)
        XCTAssertTrue(smallOutcomes.allSatisfy { $0.servicePeakPerMinute < 1 && (5...30).contains($0.multiplier) })
        XCTAssertTrue(nightOutcomes.allSatisfy(\.atNight), "every night-cohort outage starts at night")
        XCTAssertTrue(nightOutcomes.allSatisfy { (1...10).contains($0.servicePeakPerMinute) })
        // Night outages of medium services at 5× or more are plain: all of them are seen.
        XCTAssertEqual(report.cohorts[1].possibleRate, 1, text)
        XCTAssertGreaterThan(report.cohorts[0].possibleRate, 0.5, text)
        XCTAssertTrue(text.contains("Cohort: small services (6 services"), text)
        XCTAssertTrue(text.contains("Cohort: medium services at night (4 services"), text)
        XCTAssertEqual(report.cohorts.map(\.falseAlarms), [0, 0], text)
    }
}

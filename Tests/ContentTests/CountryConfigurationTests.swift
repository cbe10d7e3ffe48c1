import Content
import Model
import XCTest

/// `intake.country_header` and `site.country_minimum_reports` in `downtrack.yml`.
final class CountryConfigurationTests: XCTestCase {
    func testDefaultsAreCloudflaresHeaderAndFiveReports() throws {
        let config = try ConfigurationLoader.parse("", path: "downtrack.yml")
        XCTAssertEqual(config.intake.countryHeader, "CF-IPCountry")
        XCTAssertEqual(config.site.countryMinimumReports, 5)
    }

    func testValuesAreRead() throws {
        let config = try ConfigurationLoader.parse(
            """
            site: {country_minimum_reports: 20}
            intake: {country_header: CloudFront-Viewer-Country}
            """, path: "downtrack.yml")
        XCTAssertEqual(config.intake.countryHeader, "CloudFront-Viewer-Country")
        XCTAssertEqual(config.site.countryMinimumReports, 20)
    }

    func testABadHeaderNameOrMinimumIsNamed() {
        XCTAssertThrowsError(
            try ConfigurationLoader.parse(
                "intake:\n  country_header: \"CF IPCountry: x\"\nsite:\n  country_minimum_reports: 0\n",
                path: "downtrack.yml")
        ) { error in
            let problems = (error as? ContentError)?.problems.map(\.description) ?? []
            XCTAssertEqual(problems.count, 2, "\(problems)")
            XCTAssertTrue(problems.contains { $0.hasPrefix("downtrack.yml:2: 'intake.country_header'") }, "\(problems)")
            XCTAssertTrue(problems.contains { $0.hasPrefix("downtrack.yml:4:") }, "\(problems)")
        }
    }
}

import Content
import Model
import XCTest

final class ConfigurationLoaderTests: XCTestCase {
    func testEmptyConfigurationGivesDefaults() throws {
        XCTAssertEqual(try ConfigurationLoader.parse("", path: "downtrack.yml"), SiteConfiguration())
    }

    func testValuesAreRead() throws {
        let config = try ConfigurationLoader.parse(
            """
            site: {title: My Site, base_url: "https://down.example.com/"}
            database: db/x.sqlite
            intake: {port: 9000, trusted_proxies: [10.0.0.1]}
            collect: {concurrency: 8}
            """, path: "downtrack.yml")
        XCTAssertEqual(config.site.title, "My Site")
        XCTAssertEqual(config.site.baseURL, "https://down.example.com")
        XCTAssertEqual(config.database, "db/x.sqlite")
        XCTAssertEqual(config.intake.port, 9000)
        XCTAssertEqual(config.intake.trustedProxies, ["10.0.0.1"])
        XCTAssertEqual(config.collect.concurrency, 8)
        XCTAssertEqual(config.collect.timeoutSeconds, 10)
    }

    func testUnknownAndBadKeysAreNamedWithLines() {
        XCTAssertThrowsError(
            try ConfigurationLoader.parse(
                "site:\n  title: X\n  colour: red\ncollect:\n  concurrency: lots\n", path: "downtrack.yml")
        ) { error in
            XCTAssertEqual(
                (error as! ContentError).problems.map(\.description),
                [
                    "downtrack.yml:3: unknown key 'site.colour' (known keys: base_url, country_minimum_reports, data_license, description, language, title)",
                    "downtrack.yml:5: 'collect.concurrency' must be a whole number",
                ])
        }
    }
}

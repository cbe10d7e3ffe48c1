import Foundation
import Intake
import IntakeRules
import Model
import TestSupport
import XCTest

/// The intake's limits come from `downtrack.yml`; the command line's flags still override them.
final class ConfiguredLimitsTests: XCTestCase {
    func testSettingsTakeTheConfiguredLimits() {
        var configuration = SiteConfiguration()
        configuration.intake.clientRequestsPerMinute = 7
        configuration.intake.globalRequestsPerSecond = 70
        configuration.intake.signUpsPerHour = 3
        configuration.intake.maxQueuedReports = 99
        let settings = IntakeSettings(configuration: configuration)
        XCTAssertEqual(settings.clientLimit, RateLimit(count: 7, per: 60))
        XCTAssertEqual(settings.globalLimit, RateLimit(count: 70, per: 1))
        XCTAssertEqual(settings.signUpLimit, RateLimit(count: 3, per: 3600))
        XCTAssertEqual(settings.maximumQueuedReports, 99)
        let defaults = IntakeSettings(configuration: SiteConfiguration())
        XCTAssertEqual(defaults.clientLimit, RateLimit(count: 30, per: 60))
        XCTAssertEqual(defaults.globalLimit, RateLimit(count: 20_000, per: 1))
        XCTAssertEqual(defaults.signUpLimit, RateLimit(count: 5, per: 3600))
        XCTAssertEqual(defaults.maximumQueuedReports, 10_000)
    }

    /// The real binary with `intake.client_requests_per_minute: 2`: the third request of one
    /// client is refused; with `--client-rate 4` it is not.
    func testTheBinaryReadsTheClientRateAndTheFlagOverridesIt() throws {
        let site = TestSite(
            configuration: """
                site: {title: Test Tracker, base_url: "https://status.example.org"}
                intake: {client_requests_per_minute: 2}
                """)
        for (flags, third) in [([String](), 429), (["--client-rate", "4"], 400)] {
            let intake = try ChildProcess.downtrack(["intake", "--root", site.root.path, "--port", "0"] + flags)
            defer { intake.stop(signal: SIGKILL) }
            let port = try intake.waitForNumber(after: "listening on http://127.0.0.1:")
            // Not an address: the gate counts the request, then the endpoint refuses it with 400.
            let statuses = try (0..<3).map { _ in
                try RawHTTP.send(
                    port: port, method: "POST", path: "/api/v1/subscriptions",
                    headers: [("Content-Type", "application/json")],
                    body: #"{"service":"chatapp","email":"not-an-address"}"#
                ).status
            }
            XCTAssertEqual(statuses, [400, 400, third], "flags \(flags)")
        }
    }
}

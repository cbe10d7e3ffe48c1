import Content
import Foundation
import Model
import TestSupport
import XCTest

/// The keys that were flags or constants before, read from a real `downtrack.yml`, and the
/// shipped file kept in step with the loader.
final class ConfigurationKeysTests: XCTestCase {
    func testLimitKeysAreReadFromTheFile() throws {
        let root = TemporaryDirectory()
        root.write(
            ConfigurationLoader.fileName,
            """
            intake:
              client_requests_per_minute: 12
              global_requests_per_second: 345
              sign_ups_per_hour: 2
              max_queued_reports: 777
            notify:
              notices_per_address_per_hour: 9
              webhook_secret: s3cret
            serve:
              host: 0.0.0.0
              port: 9090
            """)
        let config = try ConfigurationLoader.load(root: root.url)
        XCTAssertEqual(config.intake.clientRequestsPerMinute, 12)
        XCTAssertEqual(config.intake.globalRequestsPerSecond, 345)
        XCTAssertEqual(config.intake.signUpsPerHour, 2)
        XCTAssertEqual(config.intake.maxQueuedReports, 777)
        XCTAssertEqual(config.notify.noticesPerAddressPerHour, 9)
        XCTAssertEqual(config.notify.webhookSecret, "s3cret")
        XCTAssertEqual(config.serve.host, "0.0.0.0")
        XCTAssertEqual(config.serve.port, 9090)
    }

    func testBadValuesNameTheirKeyAndLine() {
        let root = TemporaryDirectory()
        root.write(
            ConfigurationLoader.fileName,
            """
            intake:
              client_requests_per_minute: 0
              global_requests_per_second: fast
              sign_ups_per_hour: -1
              max_queued_reports: 0
            notify:
              notices_per_address_per_hour: 1001
            serve:
              port: 70000
              host: ""
            """)
        XCTAssertThrowsError(try ConfigurationLoader.load(root: root.url)) { error in
            XCTAssertEqual(
                (error as? ContentError)?.problems.map(\.description),
                [
                    "downtrack.yml:2: 'intake.client_requests_per_minute' must be between 1 and 1000000, not 0",
                    "downtrack.yml:3: 'intake.global_requests_per_second' must be a whole number",
                    "downtrack.yml:4: 'intake.sign_ups_per_hour' must be between 1 and 1000000, not -1",
                    "downtrack.yml:5: 'intake.max_queued_reports' must be between 1 and 10000000, not 0",
                    "downtrack.yml:7: 'notify.notices_per_address_per_hour' must be between 1 and 1000, not 1001",
                    "downtrack.yml:9: 'serve.port' must be between 1 and 65535, not 70000",
                    "downtrack.yml:10: 'serve.host' must not be empty",
                ])
        }
    }

    func testANullWebhookSecretLeavesBodiesUnsigned() throws {
        for text in ["notify: {webhook_secret: ~}", "notify: {webhook_secret: null}", "notify:\n  webhook_secret:\n"] {
            XCTAssertNil(try ConfigurationLoader.parse(text, path: "downtrack.yml").notify.webhookSecret, text)
        }
        XCTAssertEqual(
            try ConfigurationLoader.parse("notify: {webhook_secret: \"~\"}", path: "downtrack.yml").notify
                .webhookSecret,
            "~")
    }

    /// Fails when the loader learns a key that the shipped file does not list.
    func testShippedFileListsEveryKnownKey() throws {
        let text = try String(
            contentsOf: PackageRoot.url.appendingPathComponent(ConfigurationLoader.fileName), encoding: .utf8)
        let listed = Self.keys(in: text)
        let missing = ConfigurationLoader.knownKeys.filter { !listed.contains($0) }
        XCTAssertEqual(missing, [], "downtrack.yml does not list these keys")
        XCTAssertEqual(ConfigurationLoader.knownKeys.count, Set(ConfigurationLoader.knownKeys).count)
        XCTAssertTrue(ConfigurationLoader.knownKeys.contains("intake.client_requests_per_minute"))
    }

    /// The shipped file's values are the defaults, but for the loopback proxies it trusts.
    func testShippedFileHoldsTheDefaults() throws {
        var expected = SiteConfiguration()
        expected.intake.trustedProxies = ["127.0.0.1", "::1"]
        XCTAssertEqual(try ConfigurationLoader.load(root: PackageRoot.url), expected)
    }

    /// Keys of a block-style YAML file, dotted by indentation: `section:` then `  key:`.
    static func keys(in text: String) -> Set<String> {
        var keys = Set<String>()
        var section: String?
        for line in text.split(separator: "\n") {
            let indent = line.prefix { $0 == " " }.count
            let rest = line.dropFirst(indent)
            guard !rest.hasPrefix("#"), let colon = rest.firstIndex(of: ":") else { continue }
            let key = String(rest[..<colon])
            guard key.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else { continue }
            if indent == 0 {
                section = key
                keys.insert(key)
            } else if let section {
                keys.insert("\(section).\(key)")
            }
        }
        return keys
    }
}

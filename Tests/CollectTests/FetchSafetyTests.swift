import Foundation
import Model
import TestSupport
import XCTest

@testable import Collect

/// Redirects followed by Downtrack itself, and the address rules on every hop.
final class FetchSafetyTests: XCTestCase {
    nonisolated(unsafe) private static var server: TestHTTPServer?
    private let now = Timestamp(iso8601: "2026-11-26T22:00:00Z")!

    override class func setUp() {
        super.setUp()
        server = try? TestHTTPServer()
    }

    override class func tearDown() {
        server?.stop()
        server = nil
        super.tearDown()
    }

    private func base() throws -> String {
        try XCTUnwrap(Self.server, "python3 test server did not start").baseURL
    }

    private func check(
        _ url: String, kind: StatusSourceKind = .auto, allowPrivate: Bool,
        resolver: any HostResolving = SystemHostResolver()
    ) async -> SourceCheckResult {
        let configuration = FetchConfiguration(timeoutSeconds: 5, allowPrivateAddresses: allowPrivate)
        let request = SourceCheckRequest(slug: "test", source: StatusSource(kind: kind, url: url))
        return await StatusFetcher(configuration: configuration, resolver: resolver).check(request, now: now)
    }

    func testFolderRedirectOfPythonsServerIsFollowedToTheSlash() async throws {
        let folder = TemporaryDirectory(prefix: "downtrack-folder")
        folder.write(
            "inc/index.html",
            """
            <!DOCTYPE html><html><head><title>T</title></head><body>
            <div class="page-status status-minor"><span class="status">Minor Service Outage</span></div>
            <div data-component-status="partial_outage"><span class="name">API</span></div>
            </body></html>
            """)
        let server = try FolderHTTPServer(serving: folder.url)
        defer { server.stop() }
        let result = await check(server.baseURL + "/inc", kind: .html, allowPrivate: true)
        XCTAssertEqual(result.status?.indicator, .minor, "\(result.outcome)")
        XCTAssertEqual(result.fetchedURL, server.baseURL + "/inc/")
    }

    func testRelativeAndDotSegmentLocationsAreResolvedAgainstTheRequest() async throws {
        let relative = await check(try base() + "/redirect-to/..%2Fjson", allowPrivate: true)
        XCTAssertEqual(relative.fetchedURL, try base() + "/json", "\(relative.outcome)")
        XCTAssertNotNil(relative.status)
    }

    func testScriptAndFileLocationsAreRefusedInOurWords() async throws {
        let script = await check(try base() + "/redirect-to/javascript%3Aalert(1)", allowPrivate: true)
        XCTAssertEqual(
            script.failureReason, "refused a redirect to a javascript: URL: only http and https are followed")
        let file = await check(try base() + "/redirect-file", allowPrivate: true)
        XCTAssertEqual(file.failureReason, "refused a redirect to a file: URL: only http and https are followed")
        // FoundationNetworking drops a 3xx without Location before the delegate sees it.
        let missing = await check(try base() + "/no-location", allowPrivate: true)
        XCTAssertTrue(
            ["HTTP 301 without a usable Location header", "the server sent no usable response"].contains(
                missing.failureReason ?? ""), "\(missing.outcome)")
    }

    func testLoopbackSourceIsRefusedUnlessPrivateAddressesAreAllowed() async throws {
        let refused = await check(try base() + "/json", allowPrivate: false)
        XCTAssertEqual(
            refused.failureReason,
            "refused: 127.0.0.1 resolves to a loopback address (127.0.0.1); set collect.allow_private_addresses to allow it"
        )
        XCTAssertNil(refused.httpStatus, "nothing was requested")
        let allowed = await check(try base() + "/json", allowPrivate: true)
        XCTAssertNotNil(allowed.status)
    }

    func testNamesThatResolveToPrivateAddressesAreRefused() async throws {
        let port = try XCTUnwrap(Self.server).port
        for host in ["localhost", "[::1]", "0.0.0.0", "[::ffff:127.0.0.1]", "2130706433", "0x7f.1"] {
            let result = await check("http://\(host):\(port)/json", allowPrivate: false)
            let reason = try XCTUnwrap(result.failureReason, host)
            XCTAssertTrue(reason.hasPrefix("refused: "), "\(host): \(reason)")
            XCTAssertTrue(reason.hasSuffix("set collect.allow_private_addresses to allow it"), reason)
        }
    }

    func testRedirectFromAnAllowedHostToAPrivateOneIsRefused() async throws {
        // 127.0.0.1 stands in for a public host here; the redirect goes to `localhost`.
        let resolver = StandInResolver(answers: ["127.0.0.1": [IPAddress("198.51.100.7")!]])
        let port = try XCTUnwrap(Self.server).port
        let target = "http%3A%2F%2Flocalhost%3A\(port)%2Fjson"
        let result = await check(try base() + "/redirect-to/\(target)", allowPrivate: false, resolver: resolver)
        let reason = try XCTUnwrap(result.failureReason, "\(result.outcome)")
        XCTAssertTrue(reason.hasPrefix("refused: localhost resolves to a loopback address ("), reason)
        // The first hop itself passed the rules.
        let direct = await check(try base() + "/json", allowPrivate: false, resolver: resolver)
        XCTAssertNotNil(direct.status, "\(direct.outcome)")
        let metadata = await check(
            try base() + "/redirect-to/http%3A%2F%2F169.254.169.254%2Flatest%2Fmeta-data%2F", allowPrivate: false,
            resolver: resolver)
        XCTAssertEqual(
            metadata.failureReason,
            "refused: 169.254.169.254 resolves to the cloud metadata address (169.254.169.254); "
                + "set collect.allow_private_addresses to allow it")
    }
}

/// Answers some names with fixed addresses, the rest through the system.
private struct StandInResolver: HostResolving {
    let answers: [String: [IPAddress]]

    func addresses(of host: String, timeout: Double) async -> Result<[IPAddress], FetchFailure> {
        if let fixed = answers[host] { return .success(fixed) }
        return await SystemHostResolver().addresses(of: host, timeout: timeout)
    }
}

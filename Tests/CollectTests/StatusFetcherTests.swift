import Foundation
import Model
import XCTest

@testable import Collect

/// Fetching against a real HTTP server on 127.0.0.1 (`Fixtures/test_server.py`).
final class StatusFetcherTests: XCTestCase {
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
        _ path: String, kind: StatusSourceKind = .auto, etag: String? = nil, lastModified: String? = nil,
        configuration: FetchConfiguration = FetchConfiguration(timeoutSeconds: 5)
    ) async throws -> SourceCheckResult {
        // The server is on 127.0.0.1: these tests allow private addresses.
        var configuration = configuration
        configuration.allowPrivateAddresses = true
        let url = path.contains("://") ? path : try base() + path
        let request = SourceCheckRequest(
            slug: "test", source: StatusSource(kind: kind, url: url), etag: etag, lastModified: lastModified)
        return await StatusFetcher(configuration: configuration).check(request, now: now)
    }

    func testOKJSONIsParsedWithETagAndBodyHash() async throws {
        let result = try await check("/json")
        XCTAssertEqual(result.httpStatus, 200)
        XCTAssertEqual(result.status?.indicator, OfficialIndicator.none)
        XCTAssertEqual(result.status?.components.count, 1)
        XCTAssertEqual(result.etag, "\"v1\"")
        XCTAssertEqual(result.bodySHA256?.count, 64)
        XCTAssertEqual(result.checkedAt, now)
        XCTAssertTrue(result.fetchedURL.hasSuffix("/json"))
    }

    func testMatchingETagGivesNotModified() async throws {
        let result = try await check("/json", etag: "\"v1\"")
        XCTAssertEqual(result.outcome, .notModified)
        XCTAssertEqual(result.httpStatus, 304)
        XCTAssertEqual(result.etag, "\"v1\"")
        XCTAssertNil(result.bodySHA256)
    }

    func testMatchingLastModifiedGivesNotModified() async throws {
        let first = try await check("/modified")
        XCTAssertEqual(first.lastModified, "Wed, 01 May 2024 10:00:00 GMT")
        let second = try await check("/modified", lastModified: first.lastModified)
        XCTAssertEqual(second.outcome, .notModified)
    }

    func testRedirectChainOfThreeIsFollowed() async throws {
        let result = try await check("/redirect/3")
        XCTAssertNotNil(result.status, "\(result.outcome)")
        XCTAssertTrue(result.fetchedURL.hasSuffix("/json"), result.fetchedURL)
    }

    func testRedirectLoopFailsWithTooManyRedirects() async throws {
        let result = try await check("/loop")
        XCTAssertEqual(result.failureReason, "too many redirects (more than 5); check the URL for a redirect loop")
        let strict = try await check(
            "/redirect/3", configuration: FetchConfiguration(timeoutSeconds: 5, maxRedirects: 2))
        XCTAssertEqual(strict.failureReason, "too many redirects (more than 2); check the URL for a redirect loop")
    }

    func testRedirectToALocalFileIsNeverFollowed() async throws {
        // The delegate refuses non-http(s) targets; FoundationNetworking on Linux already
        // rewrites such a Location onto the same server, which is harmless too.
        let result = try await check("/redirect-file")
        XCTAssertNil(result.status)
        XCTAssertFalse(result.fetchedURL.hasPrefix("file:"), result.fetchedURL)
        XCTAssertFalse(result.failureReason?.contains("root:") ?? true)
    }

    func testHTTPErrorsAreFailuresWithTheStatus() async throws {
        let notFound = try await check("/status/404")
        XCTAssertEqual(notFound.failureReason, "HTTP 404 Not Found")
        XCTAssertEqual(notFound.httpStatus, 404)
        let serverError = try await check("/status/500")
        XCTAssertEqual(serverError.failureReason, "HTTP 500 Internal Server Error")
        XCTAssertNil(serverError.retryAfterSeconds)
    }

    func testRetryAfterInSecondsAndAsHTTPDate() async throws {
        let busy = try await check("/retry-seconds")
        XCTAssertEqual(busy.failureReason, "HTTP 503 Service Unavailable")
        XCTAssertEqual(busy.retryAfterSeconds, 120)
        let limited = try await check("/retry-date")
        XCTAssertEqual(limited.failureReason, "HTTP 429 Too Many Requests")
        XCTAssertEqual(limited.retryAfterSeconds, 90)
    }

    func testServerThatNeverAnswersTimesOutAtTheDeadline() async throws {
        let started = Date()
        let result = try await check("/hang", configuration: FetchConfiguration(timeoutSeconds: 1))
        let elapsed = Date().timeIntervalSince(started)
        XCTAssertEqual(result.failureReason, "timed out after 1 s")
        XCTAssertGreaterThanOrEqual(elapsed, 0.9)
        XCTAssertLessThan(elapsed, 3)
    }

    func testHugeStreamedBodyIsCutOffAndRefused() async throws {
        let started = Date()
        let result = try await check(
            "/big", configuration: FetchConfiguration(timeoutSeconds: 5, maxBodyBytes: 64 * 1024))
        XCTAssertEqual(result.failureReason, "body larger than 64 KiB")
        XCTAssertLessThan(Date().timeIntervalSince(started), 4)
        let declared = try await check(
            "/big-declared", configuration: FetchConfiguration(timeoutSeconds: 5, maxBodyBytes: 64 * 1024))
        XCTAssertEqual(declared.failureReason, "body larger than 64 KiB")
    }

    func testGzipBombIsCutOffAfterDecoding() async throws {
        let result = try await check(
            "/gzip-bomb", configuration: FetchConfiguration(timeoutSeconds: 5, maxBodyBytes: 64 * 1024))
        XCTAssertEqual(result.failureReason, "body larger than 64 KiB")
    }

    func testTricklingServerIsStoppedByTheWholeRequestDeadline() async throws {
        // Bytes keep arriving, so an inactivity timeout alone would never fire.
        let started = Date()
        let result = try await check("/trickle", configuration: FetchConfiguration(timeoutSeconds: 1))
        XCTAssertEqual(result.failureReason, "timed out after 1 s")
        XCTAssertLessThan(Date().timeIntervalSince(started), 3)
    }

    func testGzipBodyIsDecoded() async throws {
        let result = try await check("/gzip")
        XCTAssertEqual(result.status?.description, "compressed", "\(result.outcome)")
    }

    func testUserAgentAndAcceptEncodingAreSent() async throws {
        let configuration = FetchConfiguration(
            userAgent: FetchConfiguration.userAgent(siteBaseURL: "https://downtrack.test"))
        let result = try await check("/headers", configuration: configuration)
        let echo = try XCTUnwrap(result.status?.description)
        XCTAssertTrue(echo.hasPrefix("Downtrack/1.0 (+https://downtrack.test) | "), echo)
        XCTAssertTrue(echo.contains("gzip"), echo)
    }

    func testRefusedPortFailsFast() async throws {
        let started = Date()
        let result = try await check("http://127.0.0.1:\(TestHTTPServer.closedPort())/json")
        XCTAssertEqual(result.failureReason, "connection refused")
        XCTAssertNil(result.httpStatus)
        XCTAssertLessThan(Date().timeIntervalSince(started), 3)
    }

    func testUnknownHostIsReportedAsSuch() async throws {
        let result = try await check(
            "http://downtrack-test.invalid/", configuration: FetchConfiguration(timeoutSeconds: 2))
        // `.invalid` never resolves (RFC 6761); a machine without a resolver times out instead.
        let reason = try XCTUnwrap(result.failureReason)
        XCTAssertTrue(
            reason == "could not resolve host downtrack-test.invalid" || reason == "timed out after 2 s", reason)
    }

    func testStatuspageBaseURLReadsSummaryJSON() async throws {
        let result = try await check("/sp", kind: .statuspage)
        XCTAssertEqual(result.status?.indicator, .major)
        XCTAssertTrue(result.fetchedURL.hasSuffix("/sp/api/v2/summary.json"), result.fetchedURL)
    }

    func testStatuspageFallsBackToHTMLWhenTheAPIIsMissing() async throws {
        for path in ["/sp-html/", "/sp-nonjson/"] {
            let result = try await check(path, kind: .statuspage)
            XCTAssertEqual(result.status?.indicator, .minor, "\(path): \(result.outcome)")
            XCTAssertEqual(result.status?.components.first?.status, .partialOutage, path)
            XCTAssertTrue(result.fetchedURL.hasSuffix(path), result.fetchedURL)
        }
    }

    func testStatuspageJSONURLIsUsedAsIs() async throws {
        let result = try await check("/sp/api/v2/summary.json", kind: .statuspage)
        XCTAssertEqual(result.status?.indicator, .major)
    }

    func testUnparseableBodyIsAFailureWithTheParserReason() async throws {
        let result = try await check("/status/200")
        XCTAssertEqual(result.httpStatus, 200)
        XCTAssertEqual(result.failureReason, "could not parse: \(StatusParseError.emptyDocument)")
    }

    func testFeedSourceIsRead() async throws {
        let result = try await check("/feed.atom", kind: .atom)
        XCTAssertEqual(result.status?.indicator, .minor)
        XCTAssertEqual(result.status?.openIncidents.first?.status, .investigating)
    }

    func testNonHTTPURLIsRefused() async throws {
        let result = try await check("file:///etc/passwd")
        XCTAssertEqual(result.failureReason, "not an http or https URL: file:///etc/passwd")
    }
}

import Foundation
import Model
import XCTest

@testable import Collect

/// Many sources at once: every source gets a result, failures stay per source, and no more
/// than the configured number of requests are in flight.
final class SourceCollectorTests: XCTestCase {
    private var server: TestHTTPServer!
    private let now = Timestamp(iso8601: "2026-11-26T22:00:00Z")!

    override func setUpWithError() throws {
        server = try TestHTTPServer()
    }

    override func tearDown() {
        server?.stop()
        server = nil
        super.tearDown()
    }

    private func request(_ slug: String, _ path: String, kind: StatusSourceKind = .auto) -> SourceCheckRequest {
        let url = path.contains("://") ? path : server.baseURL + path
        return SourceCheckRequest(slug: slug, source: StatusSource(kind: kind, url: url))
    }

    func testEverySourceGetsAResultInOrderEvenWhenSomeFail() async throws {
        let requests = [
            request("ok", "/json"), request("missing", "/status/404"), request("broken", "/status/500"),
            request("busy", "/retry-seconds"), request("refused", "http://127.0.0.1:\(TestHTTPServer.closedPort())/"),
            request("hangs", "/hang"), request("loops", "/loop"), request("page", "/sp-html/", kind: .statuspage),
            request("feed", "/feed.atom", kind: .atom), request("empty", "/status/200"),
        ]
        let collector = SourceCollector(
            configuration: FetchConfiguration(concurrency: 4, timeoutSeconds: 1, allowPrivateAddresses: true))
        var progress: [(Int, Int)] = []
        let started = Date()
        let results = await collector.collect(requests, now: now) { progress.append(($0, $1)) }
        XCTAssertLessThan(Date().timeIntervalSince(started), 5, "the hanging source must not hold up the rest")

        XCTAssertEqual(results.map(\.slug), requests.map(\.slug))
        XCTAssertEqual(results.map(\.sourceURL), requests.map(\.source.url))
        XCTAssertTrue(results.allSatisfy { $0.checkedAt == now })
        XCTAssertEqual(results[0].status?.indicator, OfficialIndicator.none)
        XCTAssertEqual(results[1].failureReason, "HTTP 404 Not Found")
        XCTAssertEqual(results[2].failureReason, "HTTP 500 Internal Server Error")
        XCTAssertEqual(results[3].retryAfterSeconds, 120)
        XCTAssertEqual(results[4].failureReason, "connection refused")
        XCTAssertEqual(results[5].failureReason, "timed out after 1 s")
        XCTAssertEqual(results[6].failureReason?.hasPrefix("too many redirects"), true)
        XCTAssertEqual(results[7].status?.indicator, .minor)
        XCTAssertEqual(results[8].status?.openIncidents.count, 1)
        XCTAssertEqual(results[9].failureReason?.hasPrefix("could not parse: "), true)

        XCTAssertEqual(progress.count, requests.count)
        XCTAssertEqual(progress.last?.0, requests.count)
        XCTAssertTrue(progress.allSatisfy { $0.1 == requests.count })
    }

    func testConcurrencyIsBounded() async throws {
        _ = await StatusFetcher(configuration: FetchConfiguration(allowPrivateAddresses: true)).get(
            server.baseURL + "/stats/reset", accept: "*/*", etag: nil, lastModified: nil)
        let requests = (0..<8).map { request("s\($0)", "/slow") }
        let collector = SourceCollector(
            configuration: FetchConfiguration(concurrency: 2, timeoutSeconds: 5, allowPrivateAddresses: true))
        let started = Date()
        let results = await collector.collect(requests, now: now)
        let elapsed = Date().timeIntervalSince(started)
        XCTAssertTrue(results.allSatisfy { $0.status != nil }, "\(results.map(\.outcome))")

        let stats = await StatusFetcher(configuration: FetchConfiguration(allowPrivateAddresses: true)).get(
            server.baseURL + "/stats", accept: "*/*", etag: nil, lastModified: nil)
        let body = try XCTUnwrap(try? stats.get().body)
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(body)) as? [String: Int])
        XCTAssertEqual(object["max_in_flight"], 2, "two at a time, never more")
        XCTAssertGreaterThanOrEqual(elapsed, 1.1, "8 requests of 0.3 s, 2 at a time, take at least 1.2 s")
    }

    func testNoRequestsGiveNoResults() async {
        let results = await SourceCollector().collect([], now: now, progress: nil)
        XCTAssertTrue(results.isEmpty)
    }
}

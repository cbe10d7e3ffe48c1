import Foundation
import GRDB
import Intake
import IntakeRules
import Logging
import Model
import Store
import TestSupport

/// The intake server in this process on 127.0.0.1 (a free port), with a test database,
/// a hand-moved clock and recorded mail.
final class IntakeHarness: @unchecked Sendable {
    static let start = Timestamp(iso8601: "2026-11-26T14:00:00Z")!
    static let clientSecret = "test-client-secret"
    static let services = [
        Service(
            slug: "chatapp", name: "Chat App", category: "Messaging",
            problems: [
                Problem(id: "messages", title: "Messages not sending"), Problem(id: "login", title: "Login & sign-in"),
            ]),
        Service(slug: "mailbox", name: "Mailbox", category: "Messaging"),
    ]

    let database = TestDatabase()
    let clock = ManualClock(IntakeHarness.start)
    let mail = RecordingTransport()
    let server: IntakeServer
    private(set) var port = 0
    private var task: Task<Void, Error>?

    /// Starts a server; `configure` adjusts the settings made from a site at https://status.example.org.
    init(configure: (inout IntakeSettings) -> Void = { _ in }) async throws {
        var configuration = SiteConfiguration()
        configuration.site.baseURL = "https://status.example.org"
        configuration.site.title = "Test Tracker"
        configuration.notify.from = "Downtrack <noreply@status.example.org>"
        var settings = IntakeSettings(configuration: configuration)
        configure(&settings)
        server = try IntakeServer(
            settings: settings, services: Self.services, database: database.database, clientSecret: Self.clientSecret,
            tokenSecret: "test-token-secret", transport: mail.transport, clock: clock.clock)
        await server.start()
        var logger = Logger(label: "intake-test")
        logger.logLevel = .critical
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let app = server.application(host: "127.0.0.1", port: 0, logger: logger) { continuation.yield($0) }
        task = Task { try await app.run() }
        for await bound in ports {
            port = bound
            break
        }
    }

    /// Stops the server and the writer (every accepted report stored).
    func stop() async {
        task?.cancel()
        _ = await task?.result
        await server.stop()
    }

    /// The client key the server gives `address` now.
    func clientKey(_ address: String) -> String {
        ClientKeyMaker(secret: Self.clientSecret).key(for: address, at: clock.now)
    }

    func post(
        _ path: String, json: String? = nil, form: String? = nil, headers: [(String, String)] = []
    ) async throws -> RawHTTP.Reply {
        var all = headers
        if json != nil { all.append(("Content-Type", "application/json")) }
        if form != nil { all.append(("Content-Type", "application/x-www-form-urlencoded")) }
        return try await RawHTTP.sendAsync(port: port, method: "POST", path: path, headers: all, body: json ?? form)
    }

    func get(_ path: String, headers: [(String, String)] = []) async throws -> RawHTTP.Reply {
        try await RawHTTP.sendAsync(port: port, method: "GET", path: path, headers: headers)
    }

    /// Raw report rows: client key, slug, problem, source.
    func storedReports() throws -> [(clientKey: String?, slug: String, problem: String, source: String)] {
        try database.database.pool.read { db in
            try Row.fetchAll(db, sql: "SELECT client_key, slug, problem, source FROM report ORDER BY id").map {
                ($0[0], $0[1], $0[2], $0[3])
            }
        }
    }
}

import Foundation
import Model
import Store
import TestSupport
import XCTest

/// Every command that writes more than a single report takes the run lock: a cron `collect`
/// skips while another holds it; `prune`, `notify` and `import-reports` wait their turn.
final class WriterLockTests: XCTestCase {
    /// A site whose configuration any version reads (nothing here fetches).
    func makeSite() -> TestSite {
        TestSite(configuration: "site: {title: Test Tracker, base_url: \"https://status.example.org\"}\n")
    }

    /// Holds the site's lock from this process, as a running `downtrack run` would.
    final class HeldLock {
        let descriptor: Int32
        init(_ site: TestSite) {
            let path = site.databasePath + ".lock"
            try? FileManager.default.createDirectory(
                atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            descriptor = open(path, O_CREAT | O_RDWR, 0o644)
            precondition(flock(descriptor, LOCK_EX | LOCK_NB) == 0, "the lock is free in a new site")
        }
        func release() {
            flock(descriptor, LOCK_UN)
            close(descriptor)
        }
    }

    func testCollectSkipsWhileAnotherCommandHoldsTheLock() throws {
        let site = makeSite()
        let lock = HeldLock(site)
        let result = try Binary.run(["collect", "--root", site.root.path, "--offline", "--now", "2026-11-26T22:00:00Z"])
        lock.release()
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains("holds the lock"), result.stderr)
        XCTAssertTrue(result.stderr.contains("this collect exits without doing anything"), result.stderr)
        let again = try Binary.run(["collect", "--root", site.root.path, "--offline", "--now", "2026-11-26T22:00:00Z"])
        XCTAssertEqual(again.status, 0, again.stderr)
    }

    func testWriterCommandsWaitForTheLockAndThenDoTheirWork() throws {
        let site = makeSite()
        let now = "2026-11-26T22:00:00Z"
        XCTAssertEqual(
            try Binary.run(["report", "--root", site.root.path, "chatapp", "login", "--at", "2026-07-01T12:00:00Z"])
                .status, 0)
        site.directory.write(
            "reports.ndjson", #"{"service":"chatapp","problem":"login","at":"2026-11-26T21:50:00Z"}"# + "\n")
        let lock = HeldLock(site)
        let commands: [[String]] = [
            ["prune", "--root", site.root.path, "--now", now],
            ["notify", "--root", site.root.path, "--now", now],
            ["import-reports", "--root", site.root.path, site.root.appendingPathComponent("reports.ndjson").path],
        ]
        let processes = try commands.map { try Binary.start($0) }
        Thread.sleep(forTimeInterval: 1.5)
        for (process, command) in zip(processes, commands) {
            XCTAssertTrue(process.isRunning, "\(command[0]) must wait while the lock is held")
        }
        let database = try DowntrackDatabase(path: site.databasePath)
        let before = try database.bucketCounts(
            from: Timestamp(iso8601: "2026-01-01T00:00:00Z")!, to: Timestamp(iso8601: now)!)
        XCTAssertEqual(before["chatapp"]?.values.reduce(0, +), 1, "nothing pruned or imported while the lock is held")
        lock.release()
        for (process, command) in zip(processes, commands) {
            process.waitUntilExit()
            XCTAssertEqual(process.terminationStatus, 0, "\(command[0]) failed after the lock was released")
        }
        let after = try database.bucketCounts(
            from: Timestamp(iso8601: "2026-01-01T00:00:00Z")!, to: Timestamp(iso8601: now)!)
        XCTAssertEqual(after["chatapp"]?.values.reduce(0, +), 1, "the old report pruned, the new one imported")
        XCTAssertNotNil(after["chatapp"]?[Timestamp(iso8601: "2026-11-26T21:45:00Z")!.seconds])
    }
}

import Foundation
import Model
import Store
import TestSupport
import XCTest

final class CommandLineTests: XCTestCase {
    func testCheckIsCleanOnShippedContent() throws {
        let result = try Binary.run(["check", "--root", PackageRoot.url.path])
        XCTAssertEqual(result.status, 0, result.stdout + result.stderr)
        XCTAssertTrue(result.stdout.contains("configuration and templates are fine"))
    }

    func testCheckPrintsEveryProblemWithFileAndLineAndExitsOne() throws {
        var services = TestSite.services
        services["broken"] = "---\nname: Broken\ncategory: X\nwebsite: nope\nfoo: 1\n---\n"
        let site = TestSite(services: services)
        site.directory.write("downtrack.yml", "site:\n  titel: typo\n")
        let result = try Binary.run(["check", "--root", site.root.path])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stdout.contains("downtrack.yml:2: unknown key 'site.titel'"), result.stdout)
        XCTAssertTrue(result.stdout.contains("content/services/broken.md:4: bad URL 'nope'"), result.stdout)
        XCTAssertTrue(result.stdout.contains("content/services/broken.md:5: unknown key 'foo'"), result.stdout)
        XCTAssertTrue(result.stdout.contains("check: 3 problems found"), result.stdout)
    }

    func testFailedBuildExitsOneAndKeepsOutput() throws {
        let site = TestSite()
        XCTAssertEqual(try Binary.run(["build", "--root", site.root.path, "--now", "2026-11-26T22:00:00Z"]).status, 0)
        let before = site.outputFiles()
        site.directory.write("content/services/gamehub.md", "---\nname: GameHub\n---\n")
        let result = try Binary.run(["build", "--root", site.root.path, "--now", "2026-11-26T22:05:00Z"])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains("content/services/gamehub.md:2: missing category"), result.stderr)
        XCTAssertTrue(result.stderr.contains("previous output was left as it was"))
        XCTAssertEqual(site.outputFiles(), before)
    }

    func testSecondRunExitsAtOnceWhileTheLockIsHeld() throws {
        let site = TestSite()
        let lockPath = site.databasePath + ".lock"
        try FileManager.default.createDirectory(
            atPath: (lockPath as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let descriptor = open(lockPath, O_CREAT | O_RDWR, 0o644)
        XCTAssertEqual(flock(descriptor, LOCK_EX | LOCK_NB), 0)
        let result = try Binary.run(["run", "--root", site.root.path, "--offline"])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains("another downtrack command holds the lock"), result.stderr)
        flock(descriptor, LOCK_UN)
        close(descriptor)
        let second = try Binary.run(["run", "--root", site.root.path, "--offline", "--now", "2026-11-26T22:00:00Z"])
        XCTAssertEqual(second.status, 0, second.stderr)
        XCTAssertTrue(second.stdout.contains("collect: 3 services"), second.stdout)
        XCTAssertTrue(second.stdout.contains("build: "), second.stdout)
    }

    func testReportRejectsUnknownServiceAndProblem() throws {
        let site = TestSite()
        let unknown = try Binary.run(["report", "--root", site.root.path, "nowhere", "login"])
        XCTAssertEqual(unknown.status, 1)
        XCTAssertTrue(unknown.stderr.contains("unknown service 'nowhere'"))
        let badProblem = try Binary.run(["report", "--root", site.root.path, "chatapp", "teleport"])
        XCTAssertEqual(badProblem.status, 1)
        XCTAssertTrue(badProblem.stderr.contains("unknown problem 'teleport'"))
        let good = try Binary.run([
            "report", "--root", site.root.path, "chatapp", "login", "--count", "3", "--at", "2026-11-26T21:59:00Z",
        ])
        XCTAssertEqual(good.status, 0, good.stderr)
    }

    func testBuildKilledMidwayLeavesWholeFilesAndTheNextBuildCompletes() throws {
        var services: [String: String] = [:]
        for index in 0..<400 {
            services["svc\(index)"] =
                "---\nname: Service \(index)\ncategory: Group \(index % 7)\n---\n"
                + String(repeating: "Some *text* about service \(index).\n\n", count: 40)
        }
        let site = TestSite(services: services)
        let now = "2026-11-26T22:00:00Z"
        XCTAssertEqual(try Binary.run(["build", "--root", site.root.path, "--now", now]).status, 0)
        // Change every page, then kill the rebuild at several moments.
        for index in 0..<400 {
            site.directory.write(
                "content/services/svc\(index).md",
                "---\nname: Service \(index) v2\ncategory: Group \(index % 7)\n---\nNew.\n")
        }
        for delay in [0.05, 0.2, 0.4] {
            let process = try Binary.start(["build", "--root", site.root.path, "--now", now])
            Thread.sleep(forTimeInterval: delay)
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            for (path, data) in site.outputFiles() where path.hasSuffix(".html") {
                let text = String(decoding: data, as: UTF8.self)
                XCTAssertTrue(text.hasSuffix("</html>\n"), "\(path) is not whole after kill -9 at \(delay)s")
            }
        }
        let finish = try Binary.run(["build", "--root", site.root.path, "--now", now])
        XCTAssertEqual(finish.status, 0, finish.stderr)
        let clean = TestSite(services: services)
        for index in 0..<400 {
            clean.directory.write(
                "content/services/svc\(index).md",
                "---\nname: Service \(index) v2\ncategory: Group \(index % 7)\n---\nNew.\n")
        }
        XCTAssertEqual(try Binary.run(["build", "--root", clean.root.path, "--now", now]).status, 0)
        XCTAssertEqual(site.outputFiles(), clean.outputFiles())
    }
}

import Foundation
import TestSupport
import XCTest

/// The history as open data, through the real binary: `demo` then `build` writes each
/// service's history.json (valid against docs/schema/history.schema.json, with the site's
/// licence and at least one lag) and history.csv (parseable, a row per episode and incident).
final class HistoryEndToEndTests: XCTestCase {
    private static let now = "2026-11-26T22:00:00Z"

    /// Eight services, each with an official source, so the demo's incidents have a home.
    private static var services: [String: String] {
        var result: [String: String] = [:]
        for name in ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel"] {
            result[name] = """
                ---
                name: \(name.capitalized)
                category: Tools
                status_sources:
                  - {kind: statuspage, url: "https://status.\(name).example.com"}
                ---
                \(name.capitalized) does things.
                """
        }
        return result
    }

    func testDemoSiteHistoryValidatesAndShowsALag() throws {
        let site = TestSite(
            services: Self.services,
            configuration: """
                site: {title: Test Tracker, base_url: "https://status.example.org", data_license: CC BY 4.0}
                """)
        let demo = try Binary.run(["demo", "--root", site.root.path, "--now", Self.now, "--weeks", "8"])
        XCTAssertEqual(demo.status, 0, demo.stderr)
        let build = try Binary.run(["build", "--root", site.root.path, "--now", Self.now])
        XCTAssertEqual(build.status, 0, build.stderr)

        let files = site.outputFiles()
        for slug in Self.services.keys {
            XCTAssertNotNil(files["api/v1/services/\(slug)/history.json"], slug)
            XCTAssertNotNil(files["api/v1/services/\(slug)/history.csv"], slug)
        }
        let check = try Self.python(
            """
            csv, io, json, pathlib, sys, jsonschema = map(
                __import__, ["csv", "io", "json", "pathlib", "sys", "jsonschema"])
            schema = json.loads(pathlib.Path(sys.argv[1]).read_text())
            validator = jsonschema.Draft202012Validator(schema)
            lags = episodes = incidents = problems = 0
            for path in sorted(pathlib.Path(sys.argv[2]).glob("api/v1/services/*/history.json")):
                document = json.loads(path.read_text(encoding="utf-8"))
                for error in validator.iter_errors(document):
                    problems += 1
                    print(f"{path.parent.name}: {error.message} at {list(error.absolute_path)}")
                assert document["license"] == "CC BY 4.0", document["license"]
                for lag in document["lags"]:
                    assert lag["incident"] < len(document["incidents"]) and lag["episode"] < len(document["episodes"])
                text = (path.parent / "history.csv").read_text(encoding="utf-8")
                rows = list(csv.reader(io.StringIO(text, newline=""), strict=True))
                assert len(rows) == 1 + len(document["episodes"]) + len(document["incidents"]), path
                assert all(len(row) == len(rows[0]) for row in rows), path
                lags += len(document["lags"])
                episodes += len(document["episodes"])
                incidents += len(document["incidents"])
            print(f"lags {lags} episodes {episodes} incidents {incidents}")
            sys.exit(1 if problems else 0)
            """,
            arguments: [
                PackageRoot.url.appendingPathComponent("docs/schema/history.schema.json").path, site.output.path,
            ])
        XCTAssertEqual(check.status, 0, check.output)
        let summary = try XCTUnwrap(check.output.split(separator: "\n").last.map(String.init))
        let numbers = summary.split(separator: " ").compactMap { Int($0) }
        XCTAssertEqual(numbers.count, 3, check.output)
        XCTAssertTrue(summary.hasPrefix("lags "), check.output)
        XCTAssertGreaterThan(numbers.first ?? 0, 0, "the demo shows at least one lag: \(check.output)")

        // Nothing changed: the history files are kept as they are.
        let before = site.modified("api/v1/services/alpha/history.json")
        let again = try Binary.run(["build", "--root", site.root.path, "--now", Self.now])
        XCTAssertEqual(again.status, 0, again.stderr)
        XCTAssertTrue(again.stdout.contains("build: 0 files written"), again.stdout)
        XCTAssertEqual(site.modified("api/v1/services/alpha/history.json"), before)

        // The demo's episodes and incidents leave with the demo data.
        XCTAssertEqual(try Binary.run(["demo", "--root", site.root.path, "--remove"]).status, 0)
        XCTAssertEqual(try Binary.run(["build", "--root", site.root.path, "--now", Self.now]).status, 0)
        let after = try XCTUnwrap(site.outputFiles()["api/v1/services/alpha/history.json"])
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: after) as? [String: Any])
        XCTAssertEqual((json["incidents"] as? [Any])?.count, 0)
        XCTAssertEqual((json["lags"] as? [Any])?.count, 0)
    }

    /// Runs a Python script with the test tools' interpreter (the one `make test` installs
    /// jsonschema into), else the system's.
    private static func python(_ script: String, arguments: [String]) throws -> (status: Int32, output: String) {
        let venv = PackageRoot.url.appendingPathComponent(".build/venv/bin/python")
        let process = Process()
        if FileManager.default.isExecutableFile(atPath: venv.path) {
            process.executableURL = venv
            process.arguments = ["-c", script] + arguments
        } else {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["python3", "-c", script] + arguments
        }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }
}

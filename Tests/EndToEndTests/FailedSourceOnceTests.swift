import Foundation
import TestSupport
import XCTest

/// A source that fails is reported once per run: one line naming the service, the URL and the
/// reason, then the summary that counts it.
final class FailedSourceOnceTests: XCTestCase {
    private var server: Process?
    private var port = 0
    private let folder = TemporaryDirectory(prefix: "downtrack-failing-source")

    override func setUpWithError() throws {
        folder.write("index.html", "<html><body>nothing here</body></html>")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", "-u", "-m", "http.server", "0", "--bind", "127.0.0.1", "--directory", folder.url.path,
        ]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        server = process
        var text = ""
        while !text.contains(") ...") {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            text += String(decoding: chunk, as: UTF8.self)
        }
        let words = text.split(separator: " ")
        port = words.firstIndex(of: "port").flatMap { Int(words[$0 + 1]) } ?? 0
        XCTAssertGreaterThan(port, 0, text)
    }

    override func tearDown() {
        server?.terminate()
        server?.waitUntilExit()
    }

    func testAFailedSourceIsReportedOnceByCollectAndRun() throws {
        let url = "http://127.0.0.1:\(port)/missing.json"
        for command in ["collect", "run"] {
            let site = TestSite(services: [
                "broken": """
                ---
                name: Broken
                category: Developer Tools
                status_sources:
                  - {kind: statuspage, url: "\(url)"}
                ---
                Broken.
                """
            ])
            let result = try Binary.run([command, "--root", site.root.path, "--now", "2026-11-26T22:00:00Z"])
            XCTAssertEqual(result.status, 0, result.stderr)
            let output = result.stdout + result.stderr
            let lines = output.split(separator: "\n").filter { $0.contains("missing.json") }
            XCTAssertEqual(lines.count, 1, "\(command):\n\(output)")
            XCTAssertTrue(lines.first?.hasPrefix("collect: broken: \(url): ") == true, "\(command): \(lines)")
            XCTAssertTrue(lines.first?.contains("404") == true, "the reason is given: \(lines)")
            XCTAssertTrue(result.stdout.contains("1 failed"), result.stdout)
        }
    }
}

import Foundation
import TestSupport
import XCTest

@testable import Notify

final class SendmailTests: XCTestCase {
    func testAHangingMailProgramIsKilledAtTheDeadlineAndRetried() async {
        let started = Date()
        let result = await Sendmail(command: "/bin/sleep 30", timeoutSeconds: 0.5).send("x")
        XCTAssertLessThan(Date().timeIntervalSince(started), 5)
        guard case .retry(let reason) = result else { return XCTFail("\(result)") }
        XCTAssertTrue(reason.contains("signal 9"), reason)
    }

    func testTheMailProgramGetsTheMessageAndCleanSignals() async throws {
        let folder = TemporaryDirectory()
        let out = folder.url.appendingPathComponent("out").path
        // The masks are read first, with shell builtins only: while the shell forks a command it
        // blocks signals for a moment itself, which a later `grep` of its status would catch.
        let script = folder.write(
            "capture.sh",
            """
            #!/bin/sh
            while IFS= read -r line; do case "$line" in SigBlk*|SigIgn*) echo "$line";; esac; done < /proc/$$/status > \(out).signals
            cat > \(out)
            cat \(out).signals >> \(out)
            echo oops >&2
            exit 3

            """)
        chmod(script.path, 0o755)
        let result = await Sendmail(command: script.path).send("To: a@example.org\n\nHello\n")
        XCTAssertEqual(result, .retry("\(script.path) exited with status 3: oops"))
        let text = try String(contentsOfFile: out, encoding: .utf8)
        XCTAssertTrue(text.hasPrefix("To: a@example.org\n\nHello\n"), text)
        // No ordinary signal (1…31) blocked or ignored; glibc's own real-time ones may be.
        for name in ["SigBlk", "SigIgn"] {
            let line = try XCTUnwrap(text.split(separator: "\n").first { $0.hasPrefix(name) })
            let mask = try XCTUnwrap(UInt64(line.split(separator: "\t").last ?? "", radix: 16))
            XCTAssertEqual(mask & 0x7fff_ffff, 0, String(line))
        }
    }

    func testSendmailThatFailsOrIsMissingIsRetried() async {
        let missing = await Sendmail(command: "/nonexistent/sendmail -t -i").send("To: a@example.org\n\nx")
        guard case .retry(let reason) = missing else { return XCTFail("\(missing)") }
        XCTAssertTrue(reason.contains("not found"), reason)
        let fine = await Sendmail(command: "/bin/true").send("x")
        XCTAssertEqual(fine, .delivered)
        let failing = await Sendmail(command: "/bin/false").send("x")
        guard case .retry = failing else { return XCTFail("\(failing)") }
    }
}

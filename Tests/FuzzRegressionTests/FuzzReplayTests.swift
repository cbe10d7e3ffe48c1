import Foundation
import FuzzTargets
import XCTest

/// Replays every kept fuzz input through its target's body, without libFuzzer: the inputs that
/// once crashed (`Tests/Fuzz/regressions/<target>/`) and the seed corpora
/// (`Tests/Fuzz/seeds/<target>/`). An input that crashes again crashes this test run; the
/// line printed before it names the input. `Tests/Fuzz/pending/<target>/` holds crashes found
/// but not fixed yet: they are listed, not run.
final class FuzzReplayTests: XCTestCase {
    /// `Tests/Fuzz`, found from this file's path.
    static let fuzzFolder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // FuzzRegressionTests
        .deletingLastPathComponent()  // Tests
        .appendingPathComponent("Fuzz")

    func testEveryRegressionInputRunsWithoutCrashing() throws {
        var replayed = 0
        for target in FuzzTarget.all {
            for file in try inputs(in: "regressions", of: target) {
                announce("\(target.name) regressions/\(target.name)/\(file.lastPathComponent)")
                target.run(try bytes(of: file))
                replayed += 1
            }
        }
        announce("\(replayed) regression inputs ran")
    }

    func testEverySeedRunsWithoutCrashing() throws {
        for target in FuzzTarget.all {
            let files = try inputs(in: "seeds", of: target)
            announce("\(target.name): \(files.count) seeds")
            for file in files { target.run(try bytes(of: file)) }
        }
    }

    func testEveryTargetHasASeedCorpus() throws {
        for target in FuzzTarget.all {
            let count = try inputs(in: "seeds", of: target).count
            XCTAssertTrue(
                (3...20).contains(count), "Tests/Fuzz/seeds/\(target.name) holds \(count) seeds; keep 3 to 20")
        }
    }

    /// A folder named after no target would be silently skipped; a renamed target must take its inputs along.
    func testEveryInputFolderNamesATarget() throws {
        let names = Set(FuzzTarget.all.map(\.name))
        XCTAssertEqual(names.count, FuzzTarget.all.count, "target names are unique")
        for kind in ["seeds", "regressions", "pending"] {
            for folder in try subfolders(of: kind) {
                XCTAssertTrue(
                    names.contains(folder), "Tests/Fuzz/\(kind)/\(folder) is not a fuzz target (\(names.sorted()))")
            }
        }
        for folder in try subfolders(of: "pending") {
            let count = try inputs(in: "pending", of: folder).count
            announce("\(count) pending crash inputs of \(folder) are not run until fixed")
        }
    }

    func testEveryInputFitsItsTargetsLengthLimit() throws {
        for target in FuzzTarget.all {
            for file in try inputs(in: "seeds", of: target) + inputs(in: "regressions", of: target) {
                let size = try bytes(of: file).count
                XCTAssertLessThanOrEqual(
                    size, target.maxLength,
                    "\(file.lastPathComponent) is longer than libFuzzer's -max_len for \(target.name)")
            }
        }
    }

    // MARK: Helpers

    /// A line on standard error, which is not buffered: it is out before a crash that follows.
    private func announce(_ line: String) {
        FileHandle.standardError.write(Data("fuzz replay: \(line)\n".utf8))
    }

    private func inputs(in kind: String, of target: FuzzTarget) throws -> [URL] {
        try inputs(in: kind, of: target.name)
    }

    /// The files of a target's folder, plus the captures its `fixtures.txt` names (paths
    /// under `Tests/Fixtures`, one a line): seeds reuse the real captures rather than copy them.
    private func inputs(in kind: String, of name: String) throws -> [URL] {
        let folder = Self.fuzzFolder.appendingPathComponent(kind).appendingPathComponent(name)
        guard FileManager.default.fileExists(atPath: folder.path) else { return [] }
        var files = try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
            .filter { !$0.lastPathComponent.hasPrefix(".") && $0.lastPathComponent != Self.fixtureList }
        let list = folder.appendingPathComponent(Self.fixtureList)
        if let text = try? String(contentsOf: list, encoding: .utf8) {
            let fixtures = Self.fuzzFolder.deletingLastPathComponent().appendingPathComponent("Fixtures")
            for line in text.split(separator: "\n") where !line.trimmingCharacters(in: .whitespaces).isEmpty {
                let file = fixtures.appendingPathComponent(String(line))
                XCTAssertTrue(
                    FileManager.default.fileExists(atPath: file.path),
                    "\(kind)/\(name)/\(Self.fixtureList) names a missing capture: \(line)")
                files.append(file)
            }
        }
        return files.sorted { $0.lastPathComponent < $1.lastPathComponent }
    }

    /// The file in a seed folder that names captures in `Tests/Fixtures` to start from.
    static let fixtureList = "fixtures.txt"

    private func subfolders(of kind: String) throws -> [String] {
        let folder = Self.fuzzFolder.appendingPathComponent(kind)
        guard FileManager.default.fileExists(atPath: folder.path) else { return [] }
        return try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { !$0.hasPrefix(".") }.sorted()
    }

    private func bytes(of file: URL) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: file))
    }
}

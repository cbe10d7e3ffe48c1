import Model
import TestSupport
import XCTest

@testable import Collect

/// Small helpers shared by the parser tests.
enum Fixture {
    static func bytes(_ path: String) throws -> [UInt8] { try FixtureFiles.statusPage(path) }

    static func url(_ path: String) -> String { "https://status.example.test/\(path)" }
}

extension OfficialStatus {
    /// How many components have each status.
    var componentCounts: [ComponentStatus: Int] {
        components.reduce(into: [:]) { $0[$1.status, default: 0] += 1 }
    }

    /// The names of components with the given status, in page order.
    func componentNames(_ status: ComponentStatus) -> [String] {
        components.filter { $0.status == status }.map(\.name)
    }
}

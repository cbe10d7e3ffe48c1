import Foundation

/// Locates the fixtures kept in the repository (`Tests/Fixtures`) and reads them.
public enum FixtureFiles {
    /// The package root (the folder holding `Package.swift`), found from this file's path.
    public static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // TestSupport
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()

    /// `Tests/Fixtures`: real captures, byte for byte, with their provenance in each folder's SOURCES.md.
    public static let fixtures: URL = packageRoot.appendingPathComponent("Tests").appendingPathComponent("Fixtures")

    /// The URL of a file under `Tests/Fixtures/status-pages/`.
    public static func statusPageURL(_ relativePath: String) -> URL {
        fixtures.appendingPathComponent("status-pages").appendingPathComponent(relativePath)
    }

    /// The bytes of a file under `Tests/Fixtures/status-pages/` (e.g. `statuspage/zoom-page.html`).
    public static func statusPage(_ relativePath: String) throws -> [UInt8] {
        let url = statusPageURL(relativePath)
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw FixtureError.missing(url.path)
        }
        return [UInt8](try Data(contentsOf: url))
    }

    /// Why a fixture could not be read.
    public enum FixtureError: Error, CustomStringConvertible {
        case missing(String)

        public var description: String {
            switch self {
            case .missing(let path):
                "fixture not found at \(path); the repository's Tests/Fixtures folder is incomplete"
            }
        }
    }
}

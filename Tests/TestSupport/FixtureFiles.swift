import Foundation

/// Locates the shared fixtures (`../shared/fixtures` next to the package root) and reads them.
public enum FixtureFiles {
    /// The package root (the folder holding `Package.swift`), found from this file's path.
    public static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // TestSupport
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()

    /// `../shared/fixtures`, relative to the package root.
    public static let sharedFixtures: URL = packageRoot.deletingLastPathComponent()
        .appendingPathComponent("shared").appendingPathComponent("fixtures")

    /// The URL of a file under `../shared/fixtures/status-pages/`.
    public static func statusPageURL(_ relativePath: String) -> URL {
        sharedFixtures.appendingPathComponent("status-pages").appendingPathComponent(relativePath)
    }

    /// The bytes of a file under `../shared/fixtures/status-pages/` (e.g. `statuspage/zoom-page.html`).
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
            case .missing(let path): "fixture not found at \(path); the shared fixtures must sit next to the package"
            }
        }
    }
}

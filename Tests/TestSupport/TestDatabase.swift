import Foundation
import Store

/// A real SQLite database file in a temporary folder.
public final class TestDatabase {
    public let directory = TemporaryDirectory(prefix: "downtrack-db")
    public let database: DowntrackDatabase
    public var path: String { database.path }

    public init() {
        database = try! DowntrackDatabase(path: directory.url.appendingPathComponent("test.sqlite").path)
    }
}

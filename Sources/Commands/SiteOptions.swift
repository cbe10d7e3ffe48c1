import ArgumentParser
import Content
import Foundation
import Model
import Store

/// `--root`, shared by every command, and the loading that follows from it.
struct SiteOptions: ParsableArguments {
    @Option(name: .long, help: "The site root: downtrack.yml, content/, templates/.")
    var root: String = "."

    var rootURL: URL { URL(fileURLWithPath: root, isDirectory: true).standardizedFileURL }

    /// The configuration, or a clear failure naming the key.
    func configuration() throws -> SiteConfiguration {
        do { return try ConfigurationLoader.load(root: rootURL) } catch let error as ContentError {
            throw CommandFailure(error.description)
        }
    }

    /// A path from the configuration, resolved against the root.
    func resolve(_ path: String) -> URL {
        path.hasPrefix("/") ? URL(fileURLWithPath: path) : rootURL.appendingPathComponent(path)
    }

    /// The database named in the configuration, created and migrated on first use.
    func database(_ configuration: SiteConfiguration) throws -> DowntrackDatabase {
        do { return try DowntrackDatabase(path: resolve(configuration.database).path) } catch {
            throw CommandFailure("\(error)")
        }
    }
}

extension SiteOptions {
    /// The lock every writer command holds (beside the database: `<database>.lock`).
    func lock(_ configuration: SiteConfiguration, wait: Double? = nil, command: String) throws -> RunLock {
        try RunLock(path: resolve(configuration.database).path + ".lock", wait: wait, command: command)
    }
}

/// Loads the content, turning problems into one failure listing them.
func loadContent(_ site: SiteOptions) throws -> SiteContent {
    do { return try ContentLoader.load(root: site.rootURL) } catch let error as ContentError {
        throw CommandFailure(error.description)
    }
}

/// A failure already explained to the user: printed as is, exit status 1.
struct CommandFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Parses `--now`/`--at` values.
func parseTime(_ text: String?, option: String) throws -> Timestamp? {
    guard let text else { return nil }
    guard let time = Timestamp(iso8601: text) else {
        throw ValidationError("\(option) must be an ISO 8601 time such as 2026-11-26T22:00:00Z, not '\(text)'")
    }
    return time
}

/// The current time in whole seconds.
func currentTime() -> Timestamp { Timestamp(seconds: Int64(Date().timeIntervalSince1970)) }

/// Runs a command body, turning known failures into a message and exit status 1.
func runReporting(_ body: () async throws -> Void) async throws {
    do { try await body() } catch let failure as CommandFailure {
        FileHandle.standardError.write(Data((failure.description + "\n").utf8))
        throw ExitCode(1)
    }
}

/// Writes a line to standard error (progress, problems).
func printError(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}

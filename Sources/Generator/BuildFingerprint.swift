import Content
import Foundation
import Model

/// A digest of everything a build reads, taken before it reads any of it: when it equals the
/// last complete build's (and the output folder is as that build left it), a build would
/// write the very same bytes, so it can stop at once.
///
/// It covers the files without reading them (`FileTreeStamp`: every content file, template and
/// asset, the country names, the running executable), the configuration as loaded, the output
/// folder, the as-of time and how the crowd's freshness reads at build time, and the
/// database's build input version, which a trigger moves on every change to a table the
/// build reads. A file the build comes to read outside `content/services/` and `templates/`
/// must be stamped here too.
struct BuildFingerprint: Equatable {
    /// Changes younger than this (nanoseconds) are too recent to trust: a file system's
    /// timestamps are coarse, so an edit right after the stamp could leave them as they were.
    static let defaultSettleNanoseconds: Int64 = 2_000_000_000

    /// The digest of the inputs.
    var digest: String
    /// Whether some input file changed too recently to be trusted; then the fingerprint is
    /// not stored and the next build works out what changed the usual way.
    var unsettled: Bool

    /// The fingerprint of a build's inputs.
    /// - Parameters:
    ///   - freshness: how crowd states read at build time (see `CrowdFreshness.key`).
    ///   - databaseVersion: the database's build input version, read before any of its data.
    ///   - settleNanoseconds: how old a file's times must be to be trusted.
    static func inputs(
        options: BuildOptions, configuration: SiteConfiguration, asOf: Timestamp, freshness: String,
        databaseVersion: Int64, settleNanoseconds: Int64 = defaultSettleNanoseconds
    ) -> BuildFingerprint {
        let root = options.root.standardizedFileURL.path
        var stamp = FileTreeStamp()
        // The code that renders: a new binary may render differently.
        stamp.add(path: "/proc/self/exe")
        stamp.add(path: CommandLine.arguments.first ?? "")
        stamp.addTree(path: root + "/" + ContentLoader.servicesFolder)
        stamp.addTree(path: root + "/templates")
        stamp.add(path: CountryNames.debianPath)
        var hasher = StableHasher()
        hasher.combine("build-fingerprint-v1")
        hasher.combine(root)
        hasher.combine(options.output.standardizedFileURL.path)
        hasher.combine("\(configuration)")
        hasher.combine(asOf.seconds)
        hasher.combine(freshness)
        hasher.combine(databaseVersion)
        hasher.combine(Int64(stamp.entries))
        hasher.combine(stamp.digest)
        let now = Self.nanosecondsNow()
        return BuildFingerprint(digest: hasher.hexDigest, unsettled: stamp.newest > now &- settleNanoseconds)
    }

    /// A digest of the output folder as a build leaves it: the folder itself and the folders
    /// that hold one entry per service. Replacing or emptying the output, or deleting a
    /// service's folder, JSON or badge, changes it; a file deleted inside a service's folder
    /// comes back with the next build that has something to do (or `--full`).
    static func outputs(_ output: URL) -> String {
        let path = output.standardizedFileURL.path
        var stamp = FileTreeStamp()
        stamp.add(path: path)
        for folder in ["services", "api", "api/v1", "api/v1/services", "badges", "categories", "assets"] {
            stamp.add(path: path + "/" + folder)
        }
        stamp.add(path: path + "/index.html")
        stamp.add(path: path + "/api/v1/summary.json")
        return stamp.digest
    }

    private static func nanosecondsNow() -> Int64 {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return Int64(now.tv_sec) &* 1_000_000_000 &+ Int64(now.tv_nsec)
    }
}

extension CrowdFreshness {
    /// How crowd states read at `now`, as text: empty while collection is fresh, else the
    /// reason every state then shows (which names how long collection has been silent).
    func key(at now: Timestamp) -> String {
        let probe = CurrentState(slug: "", state: .ok, since: Timestamp(seconds: 0), reason: "")
        return states(["": probe], at: now)[""]?.reason ?? ""
    }
}

import Analysis
import Foundation
import Model
import Render
import Store

/// Writes each service's open history data: `api/v1/services/<slug>/history.json` and
/// `history.csv` (crowd episodes, official incidents and the lags between them, over the last
/// `days` days). Ended episodes carry the peak the collector stored when they ended, so only a
/// service with an open episode costs a query; an unchanged service's files are kept as they are.
struct HistoryFilesBuilder {
    /// How far back the history goes, in days (the 15-minute history's retention).
    static let days = 120
    /// The manifest item of a service's history files; slugs cannot contain a colon.
    static func manifestItem(_ slug: String) -> String { "history:\(slug)" }

    let shell: SiteShell
    let database: DowntrackDatabase
    let asOf: Timestamp
    let services: [Service]

    /// The first moment of the window: whole days, so the window moves once a day.
    var from: Timestamp { asOf.floored(to: 86_400).adding(seconds: -Int64(Self.days) * 86_400) }

    /// Stages the history files of every service whose inputs changed (every service with
    /// `full`), keeps the others, and notes each in `newManifest`.
    /// - Returns: how many services' files were rendered.
    @discardableResult
    func stage(
        into writer: OutputWriter, manifest: [String: ManifestEntry], full: Bool,
        newManifest: inout [String: ManifestEntry]
    ) throws -> Int {
        let episodes = try database.episodes(since: from)
        let incidents = try database.incidents(since: from)
        var rendered = 0
        for service in services {
            let item = Self.manifestItem(service.slug)
            let serviceEpisodes = episodes[service.slug] ?? []
            let serviceIncidents = incidents[service.slug] ?? []
            let hash = inputHash(service, episodes: serviceEpisodes, incidents: serviceIncidents)
            if !full, let previous = manifest[item], previous.inputHash == hash,
                previous.files.allSatisfy(writer.exists)
            {
                previous.files.forEach(writer.keepExisting)
                newManifest[item] = previous
                continue
            }
            let files = try render(service, episodes: serviceEpisodes, incidents: serviceIncidents)
            for (path, bytes) in files { try writer.stage(path, bytes) }
            newManifest[item] = ManifestEntry(inputHash: hash, files: files.keys.sorted())
            rendered += 1
        }
        return rendered
    }

    /// A hash of everything the service's history files show; an open episode's peak moves
    /// with each 15-minute bucket, so it counts the current one.
    func inputHash(_ service: Service, episodes: [OutageEpisode], incidents: [IncidentRecord]) -> String {
        var hasher = StableHasher()
        hasher.combine("history-v1|\(service.slug)|\(service.name)|\(shell.configuration.site.baseURL)")
        hasher.combine(shell.configuration.site.dataLicense ?? "-")
        hasher.combine(from.seconds)
        for episode in episodes {
            hasher.combine("\(episode.start.seconds)|\(episode.end?.seconds ?? -1)|\(episode.worstState.rawValue)")
            if episode.isOpen { hasher.combine(asOf.floored(to: BucketSize.chart).seconds) }
            if let peak = episode.peak { hasher.combine("\(peak.at.seconds)|\(peak.count)|\(peak.expected)") }
            for problem in episode.topProblems { hasher.combine("\(problem.id):\(problem.share)") }
        }
        for incident in incidents {
            hasher.combine(
                "\(incident.key)|\(incident.title)|\(incident.impact?.rawValue ?? "-")|\(incident.firstPost.seconds)|"
                    + "\(incident.resolved?.seconds ?? -1)|\(incident.url ?? "-")|\(incident.sourceURL)")
        }
        return hasher.hexDigest
    }

    /// The service's history document.
    func document(_ service: Service, episodes: [OutageEpisode], incidents: [IncidentRecord]) throws
        -> HistoryDocument
    {
        var summarized = episodes
        for index in summarized.indices where summarized[index].isOpen {
            try database.summarize(&summarized[index], until: asOf)
        }
        let lags = OutageLagAnalysis.summary(incidents: incidents, episodes: summarized, now: asOf)
        var times: [Timestamp] = summarized.map(\.start) + summarized.compactMap(\.end)
        times += incidents.map(\.firstPost) + incidents.compactMap(\.resolved)
        let updated = times.filter { $0 <= asOf }.max() ?? from
        return HistoryDocument(
            slug: service.slug, name: service.name, url: shell.absolute("services/\(service.slug)/"),
            license: shell.configuration.site.dataLicense, from: from.iso8601, days: Self.days,
            updatedAt: max(updated, from).iso8601, episodes: summarized.map(HistoryDocument.Episode.init),
            incidents: incidents.map(HistoryDocument.Incident.init), lags: lags.lags,
            summary: HistoryDocument.Summary(lags))
    }

    /// The service's history files, path → bytes.
    func render(_ service: Service, episodes: [OutageEpisode], incidents: [IncidentRecord]) throws -> [String: Data] {
        let document = try document(service, episodes: episodes, incidents: incidents)
        let folder = "api/v1/services/\(service.slug)"
        return [
            "\(folder)/history.json": try JSONOutput.encode(document),
            "\(folder)/history.csv": Data(HistoryCSV.text(document).utf8),
        ]
    }
}

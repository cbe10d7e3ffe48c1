import Foundation
import GRDB
import Model

extension DowntrackDatabase {
    /// Keeps the crowd episodes up to date with newly recorded state changes: a change into
    /// "possible" or "outage" opens an episode (or raises the open one's worst state), a
    /// change back to "ok" ends it, and an ended episode keeps its busiest 15 minutes (against
    /// the baseline in force) and its top problems, so a build never recounts it. One
    /// transaction.
    public func recordEpisodes(for changes: [StateChange]) throws {
        guard !changes.isEmpty else { return }
        try write { db in
            let bySlug = Dictionary(grouping: changes, by: \.slug)
            for slug in bySlug.keys.sorted() {
                let steps = (bySlug[slug] ?? []).sorted { $0.at < $1.at }
                let row = try Row.fetchOne(
                    db,
                    sql: """
                        SELECT id, started_at, worst_state FROM outage_episode
                        WHERE slug = ? AND ended_at IS NULL AND demo = 0 ORDER BY started_at DESC LIMIT 1
                        """, arguments: [slug])
                let openID: Int64? = row?[0]
                let open = row.map {
                    OutageEpisode(
                        slug: slug, start: Timestamp(seconds: $0[1]),
                        worstState: ServiceState(rawValue: $0[2]) ?? .possible)
                }
                for var episode in OutageEpisode.apply(steps, to: open) {
                    if let end = episode.end { try Self.summarize(&episode, until: end, db) }
                    try Self.save(episode, id: episode.start == open?.start ? openID : nil, demo: false, db)
                }
            }
        }
    }

    /// Stores simulated past episodes and incidents, marked as demo data (removed by
    /// `removeDemoData`). Ended episodes get their peak and top problems from the stored counts.
    public func recordDemoHistory(episodes: [OutageEpisode], incidents: [IncidentRecord]) throws {
        try write { db in
            for var episode in episodes {
                if let end = episode.end { try Self.summarize(&episode, until: end, db) }
                try Self.save(episode, id: nil, demo: true, db)
            }
            for incident in incidents {
                try db.execute(
                    sql: """
                        INSERT OR REPLACE INTO official_incident (slug, source_url, incident_key, title, impact, url,
                            first_post, resolved_at, last_seen, demo) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1)
                        """,
                    arguments: [
                        incident.slug, incident.sourceURL, incident.key, incident.title, incident.impact?.rawValue,
                        incident.url, incident.firstPost.seconds, incident.resolved?.seconds,
                        (incident.resolved ?? incident.firstPost).seconds,
                    ])
            }
        }
    }

    /// Every service's episodes that lasted into `since` or later, by slug, oldest first. Open
    /// episodes come without peak and top problems: `summarize` fills them in.
    public func episodes(since: Timestamp) throws -> [String: [OutageEpisode]] {
        let decoder = JSONDecoder()
        return try read { db in
            var result: [String: [OutageEpisode]] = [:]
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT slug, started_at, ended_at, worst_state, peak_at, peak_count, peak_expected, top_problems
                    FROM outage_episode WHERE ended_at IS NULL OR ended_at >= ? ORDER BY slug, started_at, id
                    """, arguments: [since.seconds])
            while let row = try rows.next() {
                let slug: String = row[0]
                var episode = OutageEpisode(
                    slug: slug, start: Timestamp(seconds: row[1]),
                    end: (row[2] as Int64?).map(Timestamp.init(seconds:)),
                    worstState: ServiceState(rawValue: row[3]) ?? .possible)
                if let at = row[4] as Int64?, let count = row[5] as Int?, let expected = row[6] as Double? {
                    episode.peak = OutageEpisode.Peak(at: Timestamp(seconds: at), count: count, expected: expected)
                }
                let problems: String? = row[7]
                episode.topProblems =
                    problems.flatMap { try? decoder.decode([OutageEpisode.ProblemShare].self, from: Data($0.utf8)) }
                    ?? []
                result[slug, default: []].append(episode)
            }
            return result
        }
    }

    /// Fills in an episode's peak and top problems from the stored counts up to `end`
    /// (for an open episode: up to the build's time).
    public func summarize(_ episode: inout OutageEpisode, until end: Timestamp) throws {
        try read { db in try Self.summarize(&episode, until: end, db) }
    }

    /// How many problems an episode names.
    static let topProblemCount = 3

    static func summarize(_ episode: inout OutageEpisode, until end: Timestamp, _ db: GRDB.Database) throws {
        let first = episode.start.floored(to: BucketSize.chart).seconds
        let arguments: StatementArguments = [episode.slug, first, end.seconds]
        let peak = try Row.fetchOne(
            db,
            sql: """
                SELECT bucket, SUM(count) AS total FROM report_bucket WHERE slug = ? AND bucket >= ? AND bucket <= ?
                GROUP BY bucket ORDER BY total DESC, bucket LIMIT 1
                """, arguments: arguments)
        if let peak {
            let at = Timestamp(seconds: peak[0])
            var expected = 0.0
            if let data = try Data.fetchOne(
                db, sql: "SELECT slots FROM baseline WHERE slug = ?", arguments: [episode.slug]),
                data.count == 672 * MemoryLayout<Double>.size
            {
                let slots: [Double] = data.withUnsafeBytes { Array($0.bindMemory(to: Double.self)) }
                expected = (slots[at.secondOfWeek / Int(BucketSize.chart) % 672] * 100).rounded() / 100
            }
            episode.peak = OutageEpisode.Peak(at: at, count: peak[1], expected: expected)
        }
        let problems = try Row.fetchAll(
            db,
            sql: """
                SELECT problem, SUM(count) AS total FROM report_bucket WHERE slug = ? AND bucket >= ? AND bucket <= ?
                GROUP BY problem ORDER BY total DESC, problem
                """, arguments: arguments)
        let total = problems.reduce(0) { $0 + ($1[1] as Int) }
        episode.topProblems = problems.prefix(topProblemCount).map { row in
            let count: Int = row[1]
            return OutageEpisode.ProblemShare(
                id: row[0], share: total > 0 ? (Double(count) / Double(total) * 1000).rounded() / 1000 : 0)
        }
    }

    private static func save(_ episode: OutageEpisode, id: Int64?, demo: Bool, _ db: GRDB.Database) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let problems =
            episode.end == nil ? nil : String(decoding: try encoder.encode(episode.topProblems), as: UTF8.self)
        let values: [(any DatabaseValueConvertible)?] = [
            episode.end?.seconds, episode.worstState.rawValue, episode.peak?.at.seconds, episode.peak?.count,
            episode.peak?.expected, problems,
        ]
        if let id {
            try db.execute(
                sql: """
                    UPDATE outage_episode SET ended_at = ?, worst_state = ?, peak_at = ?, peak_count = ?,
                        peak_expected = ?, top_problems = ? WHERE id = ?
                    """, arguments: StatementArguments(values + [id]))
        } else {
            try db.execute(
                sql: """
                    INSERT INTO outage_episode (ended_at, worst_state, peak_at, peak_count, peak_expected,
                        top_problems, slug, started_at, demo) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: StatementArguments(values + [episode.slug, episode.start.seconds, demo ? 1 : 0]))
        }
    }

    /// Every service's official incidents not resolved before `since`, by slug, oldest first.
    public func incidents(since: Timestamp) throws -> [String: [IncidentRecord]] {
        try read { db in
            var result: [String: [IncidentRecord]] = [:]
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT slug, source_url, incident_key, title, impact, url, first_post, resolved_at
                    FROM official_incident WHERE resolved_at IS NULL OR resolved_at >= ?
                    ORDER BY slug, first_post, source_url, incident_key
                    """, arguments: [since.seconds])
            while let row = try rows.next() {
                let slug: String = row[0]
                let impact: String? = row[4]
                result[slug, default: []].append(
                    IncidentRecord(
                        slug: slug, sourceURL: row[1], key: row[2], title: row[3],
                        impact: impact.flatMap(OfficialIndicator.init(rawValue:)),
                        firstPost: Timestamp(seconds: row[6]),
                        resolved: (row[7] as Int64?).map(Timestamp.init(seconds:)), url: row[5]))
            }
            return result
        }
    }
}

import Foundation
import GRDB
import Model

extension DowntrackDatabase {
    /// Keeps the official incidents over time from parsed checks: each incident a source lists
    /// is added or refreshed (keyed by source and `IncidentRecord.key`), its first post the
    /// vendor's own start time or, without one, when it was first seen; it is resolved when the
    /// source marks it so (at the vendor's update time, else the check's time) or when it is no
    /// longer listed (at the check's time). Maintenance is left out. One transaction.
    public func recordIncidents(from checks: [OfficialCheckRecord]) throws {
        let parsed = checks.filter { $0.outcome == .parsed && $0.status != nil }
        guard !parsed.isEmpty else { return }
        try write { db in
            let upsert = try db.makeStatement(
                sql: """
                    INSERT INTO official_incident (slug, source_url, incident_key, title, impact, url, first_post,
                        resolved_at, last_seen) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT(slug, source_url, incident_key) DO UPDATE SET title = excluded.title,
                        impact = COALESCE(excluded.impact, official_incident.impact),
                        url = COALESCE(excluded.url, official_incident.url),
                        resolved_at = CASE WHEN excluded.resolved_at IS NULL THEN NULL
                            ELSE COALESCE(official_incident.resolved_at, excluded.resolved_at) END,
                        last_seen = excluded.last_seen
                    """)
            let open = try db.makeStatement(
                sql: """
                    SELECT incident_key FROM official_incident
                    WHERE slug = ? AND source_url = ? AND resolved_at IS NULL AND demo = 0
                    """)
            let close = try db.makeStatement(
                sql: """
                    UPDATE official_incident SET resolved_at = ?, last_seen = ?
                    WHERE slug = ? AND source_url = ? AND incident_key = ? AND resolved_at IS NULL
                    """)
            for check in parsed {
                guard let status = check.status else { continue }
                var listed = Set<String>()
                for incident in status.incidents where !IncidentRecord.isMaintenance(incident) {
                    let key = IncidentRecord.key(of: incident)
                    guard listed.insert(key).inserted else { continue }
                    let firstPost = min(incident.startedAt ?? check.checkedAt, check.checkedAt)
                    let resolved =
                        incident.isOpen
                        ? nil : max(firstPost, min(incident.updatedAt ?? check.checkedAt, check.checkedAt))
                    try upsert.execute(arguments: [
                        check.slug, check.sourceURL, key, InertText.clean(incident.title),
                        incident.impact?.rawValue, incident.url, firstPost.seconds, resolved?.seconds,
                        check.checkedAt.seconds,
                    ])
                }
                let stillOpen = try String.fetchAll(open, arguments: [check.slug, check.sourceURL])
                for key in stillOpen where !listed.contains(key) {
                    try close.execute(arguments: [
                        check.checkedAt.seconds, check.checkedAt.seconds, check.slug, check.sourceURL, key,
                    ])
                }
            }
        }
    }
}

import Foundation
import GRDB
import Model

/// What the store remembers about one official source between runs.
public struct OfficialSourceState: Sendable, Equatable {
    public var slug: String
    public var sourceURL: String
    public var etag: String?
    public var lastModified: String?
    public var failures: Int
    public var nextAttemptAt: Timestamp?
    public var lastGoodAt: Timestamp?
    /// Hash of the last body fetched, to tell a changed page from the same one again.
    public var bodyHash: String?
    /// When the source was last checked, whatever the outcome (the schedule's catch-up rule).
    public var lastCheckedAt: Timestamp?

    public init(
        slug: String, sourceURL: String, etag: String? = nil, lastModified: String? = nil, failures: Int = 0,
        nextAttemptAt: Timestamp? = nil, lastGoodAt: Timestamp? = nil, bodyHash: String? = nil,
        lastCheckedAt: Timestamp? = nil
    ) {
        self.bodyHash = bodyHash
        self.lastCheckedAt = lastCheckedAt
        self.slug = slug
        self.sourceURL = sourceURL
        self.etag = etag
        self.lastModified = lastModified
        self.failures = failures
        self.nextAttemptAt = nextAttemptAt
        self.lastGoodAt = lastGoodAt
    }
}

/// One check of an official source, to be stored.
public struct OfficialCheckRecord: Sendable, Equatable {
    public enum Outcome: String, Sendable {
        case parsed
        case notModified = "not_modified"
        case failed
    }

    public var slug: String
    public var sourceURL: String
    public var checkedAt: Timestamp
    public var outcome: Outcome
    public var status: OfficialStatus?
    public var error: String?
    public var httpStatus: Int?
    public var etag: String?
    public var lastModified: String?
    public var bodyHash: String?
    public var elapsedMilliseconds: Int?
    /// When a failing source may be tried again.
    public var nextAttemptAt: Timestamp?

    public init(
        slug: String, sourceURL: String, checkedAt: Timestamp, outcome: Outcome, status: OfficialStatus? = nil,
        error: String? = nil, httpStatus: Int? = nil, etag: String? = nil, lastModified: String? = nil,
        bodyHash: String? = nil, elapsedMilliseconds: Int? = nil, nextAttemptAt: Timestamp? = nil
    ) {
        self.slug = slug
        self.sourceURL = sourceURL
        self.checkedAt = checkedAt
        self.outcome = outcome
        self.status = status
        self.error = error
        self.httpStatus = httpStatus
        self.etag = etag
        self.lastModified = lastModified
        self.bodyHash = bodyHash
        self.elapsedMilliseconds = elapsedMilliseconds
        self.nextAttemptAt = nextAttemptAt
    }
}

extension DowntrackDatabase {
    /// Every source's remembered state, keyed by "slug source-url".
    public func officialSourceStates() throws -> [String: OfficialSourceState] {
        try read { db in
            var result: [String: OfficialSourceState] = [:]
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT slug, source_url, etag, last_modified, failures, next_attempt_at, last_good_at, body_hash,
                        last_checked_at
                    FROM official_source
                    """)
            while let row = try rows.next() {
                let state = OfficialSourceState(
                    slug: row[0], sourceURL: row[1], etag: row[2], lastModified: row[3], failures: row[4],
                    nextAttemptAt: (row[5] as Int64?).map(Timestamp.init(seconds:)),
                    lastGoodAt: (row[6] as Int64?).map(Timestamp.init(seconds:)), bodyHash: row[7],
                    lastCheckedAt: (row[8] as Int64?).map(Timestamp.init(seconds:)))
                result["\(state.slug) \(state.sourceURL)"] = state
            }
            return result
        }
    }

    /// Stores checks and updates each source's remembered state, in one transaction.
    /// A `notModified` check keeps the last parsed status and counts as good.
    ///
    /// Every check updates the source's row (when, outcome, status code, validators, body
    /// hash, result or error); the `official_check` history gets a row only when something
    /// differs from the previous check — a new body, a failure, a recovery — so 20,000
    /// sources read every minute do not add 29 million rows a day.
    public func record(_ checks: [OfficialCheckRecord]) throws {
        guard !checks.isEmpty else { return }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        try write { db in
            let insert = try db.makeStatement(
                sql: """
                    INSERT INTO official_check (slug, source_url, checked_at, outcome, http_status, etag, last_modified,
                        body_hash, status_json, indicator, error, elapsed_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """)
            let good = try db.makeStatement(
                sql: """
                    INSERT INTO official_source (slug, source_url, last_checked_at, last_good_at, status_json, indicator,
                        etag, last_modified, body_hash, failures, next_attempt_at, last_error)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, NULL, NULL)
                    ON CONFLICT(slug, source_url) DO UPDATE SET last_checked_at = excluded.last_checked_at,
                        last_good_at = excluded.last_good_at,
                        status_json = COALESCE(excluded.status_json, official_source.status_json),
                        indicator = COALESCE(excluded.indicator, official_source.indicator),
                        etag = COALESCE(excluded.etag, official_source.etag),
                        last_modified = COALESCE(excluded.last_modified, official_source.last_modified),
                        body_hash = COALESCE(excluded.body_hash, official_source.body_hash),
                        failures = 0, next_attempt_at = NULL, last_error = NULL
                    """)
            let bad = try db.makeStatement(
                sql: """
                    INSERT INTO official_source (slug, source_url, last_checked_at, failures, next_attempt_at, last_error)
                    VALUES (?, ?, ?, 1, ?, ?)
                    ON CONFLICT(slug, source_url) DO UPDATE SET last_checked_at = excluded.last_checked_at,
                        failures = official_source.failures + 1, next_attempt_at = excluded.next_attempt_at,
                        last_error = excluded.last_error
                    """)
            var previous: [String: (outcome: String?, bodyHash: String?)] = [:]
            let rows = try Row.fetchCursor(
                db, sql: "SELECT slug, source_url, last_outcome, body_hash FROM official_source")
            while let row = try rows.next() {
                previous["\(row[0] as String) \(row[1] as String)"] = (row[2], row[3])
            }
            let outcome = try db.makeStatement(
                sql: """
                    UPDATE official_source SET last_outcome = ?, last_http_status = ? WHERE slug = ? AND source_url = ?
                    """)
            for check in checks {
                let json = try check.status.map { String(decoding: try encoder.encode($0), as: UTF8.self) }
                let before = previous["\(check.slug) \(check.sourceURL)"]
                let same =
                    before != nil && before?.outcome != OfficialCheckRecord.Outcome.failed.rawValue
                    && check.outcome != .failed
                    && (check.outcome == .notModified || check.bodyHash == before?.bodyHash)
                if !same {
                    try insert.execute(arguments: [
                        check.slug, check.sourceURL, check.checkedAt.seconds, check.outcome.rawValue, check.httpStatus,
                        check.etag, check.lastModified, check.bodyHash, json, check.status?.indicator.rawValue,
                        check.error, check.elapsedMilliseconds,
                    ])
                }
                switch check.outcome {
                case .parsed, .notModified:
                    try good.execute(arguments: [
                        check.slug, check.sourceURL, check.checkedAt.seconds, check.checkedAt.seconds, json,
                        check.status?.indicator.rawValue, check.etag, check.lastModified, check.bodyHash,
                    ])
                case .failed:
                    try bad.execute(arguments: [
                        check.slug, check.sourceURL, check.checkedAt.seconds, check.nextAttemptAt?.seconds, check.error,
                    ])
                }
                try outcome.execute(arguments: [check.outcome.rawValue, check.httpStatus, check.slug, check.sourceURL])
            }
        }
    }

    /// The latest official view of every service's sources, by slug.
    public func officialSnapshots() throws -> [String: [OfficialSnapshot]] {
        let decoder = JSONDecoder()
        return try read { db in
            var result: [String: [OfficialSnapshot]] = [:]
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT slug, source_url, status_json, last_good_at, last_checked_at, last_error
                    FROM official_source ORDER BY slug, source_url
                    """)
            while let row = try rows.next() {
                let json: String? = row[2]
                let status = json.flatMap { try? decoder.decode(OfficialStatus.self, from: Data($0.utf8)) }
                let snapshot = OfficialSnapshot(
                    sourceURL: row[1], status: status, lastGoodAt: (row[3] as Int64?).map(Timestamp.init(seconds:)),
                    lastCheckedAt: (row[4] as Int64?).map(Timestamp.init(seconds:)), lastError: row[5])
                result[row[0], default: []].append(snapshot)
            }
            return result
        }
    }

    /// Each source's latest indicator and last good check, by slug: what the decision needs of
    /// `officialSnapshots()`, read from plain columns without decoding any JSON.
    public func officialIndicators() throws -> [String: [OfficialSourceIndicator]] {
        try read { db in
            var result: [String: [OfficialSourceIndicator]] = [:]
            let rows = try Row.fetchCursor(
                db,
                sql: "SELECT slug, source_url, indicator, last_good_at FROM official_source ORDER BY slug, source_url")
            while let row = try rows.next() {
                let indicator = (row[2] as String?).map { OfficialIndicator(rawValue: $0) ?? .unknown }
                result[row[0], default: []].append(
                    OfficialSourceIndicator(
                        sourceURL: row[1], indicator: indicator,
                        lastGoodAt: (row[3] as Int64?).map(Timestamp.init(seconds:))))
            }
            return result
        }
    }
}

/// The latest indicator of one official source and when it was last read well.
public struct OfficialSourceIndicator: Sendable, Equatable {
    public var sourceURL: String
    /// The indicator of the last good check (nil: never read well).
    public var indicator: OfficialIndicator?
    /// When the source was last read successfully.
    public var lastGoodAt: Timestamp?

    public init(sourceURL: String, indicator: OfficialIndicator?, lastGoodAt: Timestamp?) {
        self.sourceURL = sourceURL
        self.indicator = indicator
        self.lastGoodAt = lastGoodAt
    }
}

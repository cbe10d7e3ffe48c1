import Collect
import Model
import Store

/// Step three: what each check said, as records for the store, and the counts of the run.
enum CheckRecording {
    /// The records to store and the summary, for results of requests made with `states`.
    static func records(
        for results: [SourceCheckResult], states: [String: OfficialSourceState], backingOff: Int
    ) -> (records: [OfficialCheckRecord], summary: OfficialCheckSummary) {
        var summary = OfficialCheckSummary()
        summary.checked = results.count
        summary.backingOff = backingOff
        var records: [OfficialCheckRecord] = []
        for result in results {
            let state = states[DueSources.key(result.slug, result.sourceURL)]
            var record = OfficialCheckRecord(
                slug: result.slug, sourceURL: result.sourceURL, checkedAt: result.checkedAt, outcome: .failed,
                httpStatus: result.httpStatus, etag: result.etag, lastModified: result.lastModified,
                bodyHash: result.bodySHA256, elapsedMilliseconds: result.elapsedMilliseconds)
            switch result.outcome {
            case .parsed(let status):
                record.outcome = .parsed
                record.status = status
                if result.bodySHA256 != state?.bodyHash { summary.changed += 1 }
            case .notModified:
                record.outcome = .notModified
                summary.notModified += 1
            case .failed(let reason):
                record.error = reason
                record.nextAttemptAt = BackoffPolicy.nextAttempt(
                    after: (state?.failures ?? 0) + 1, lastCheckedAt: result.checkedAt,
                    retryAfterSeconds: result.retryAfterSeconds)
                summary.failures.append(FailedSource(slug: result.slug, sourceURL: result.sourceURL, reason: reason))
            }
            records.append(record)
        }
        return (records, summary)
    }
}

import IntakeRules
import Model
import Store

/// What `downtrack notify` did, for its one-line summary.
public struct NotifySummary: Sendable, Equatable {
    public var changes = 0
    public var queued = 0
    public var interrupted = 0
    public var delivery = DeliverySummary()

    public init() {}

    /// `notify: 2 state changes, 3 queued; sent 2 mails, 1 webhook; 0 to retry, 0 failed, …`.
    public var line: String {
        var text =
            "notify: \(changes) state change\(changes == 1 ? "" : "s"), \(queued) queued; "
            + "sent \(delivery.mailsSent) mail\(delivery.mailsSent == 1 ? "" : "s"), "
            + "\(delivery.webhooksSent) webhook\(delivery.webhooksSent == 1 ? "" : "s"); "
            + "\(delivery.retrying) to retry, \(delivery.failed) failed, \(delivery.capped) over the hourly cap, "
            + "\(interrupted) interrupted earlier (not resent)"
        if let error = delivery.lastError { text += "; last error: \(error)" }
        return text
    }
}

/// Turns recorded state changes into notices: queues a mail for every confirmed subscriber of
/// the service and a call to every webhook (one transaction per batch of changes, which also
/// moves the cursor), then delivers what is due.
public struct Notifier: Sendable {
    let database: DowntrackDatabase
    let composer: NoticeComposer
    /// Service names by slug, asked for only when there is something to announce.
    let serviceNames: @Sendable () throws -> [String: String]
    let webhooks: [String]
    let deliverer: OutboxDeliverer
    let clock: IntakeClock
    /// Unconfirmed sign-ups are deleted after this many seconds.
    let confirmationLifetime: Int64

    public init(
        database: DowntrackDatabase, composer: NoticeComposer,
        serviceNames: @escaping @Sendable () throws -> [String: String],
        webhooks: [String],
        deliverer: OutboxDeliverer, clock: IntakeClock, confirmationLifetime: Int64 = 48 * 3600
    ) {
        self.database = database
        self.composer = composer
        self.serviceNames = serviceNames
        self.webhooks = webhooks
        self.deliverer = deliverer
        self.clock = clock
        self.confirmationLifetime = confirmationLifetime
    }

    /// One notify pass: recover interrupted rows, queue new changes, deliver, tidy up.
    /// On the very first run, changes of the last hour are announced, older ones are not.
    public func run() async throws -> NotifySummary {
        var summary = NotifySummary()
        summary.interrupted = try await deliverer.recoverInterrupted()
        try queueChanges(into: &summary)
        summary.delivery = try await deliverer.deliverDue()
        let now = clock.now
        try database.purgeUnconfirmed(before: now.adding(seconds: -confirmationLifetime))
        try database.pruneOutbox(before: now.adding(seconds: -7 * 86_400))
        return summary
    }

    private func queueChanges(into summary: inout NotifySummary) throws {
        let now = clock.now
        var cursor = try database.notifyCursor()
        var subscribers: [String: [SubscriptionRecord]] = [:]
        var names: [String: String]?
        while true {
            let changes = try database.stateChanges(afterID: cursor, since: now.adding(seconds: -3600), limit: 500)
            guard let last = changes.last else {
                if cursor == nil {
                    try database.queueNotices([], advancingCursorTo: try database.latestStateChangeID())
                }
                return
            }
            var items: [OutboxItem] = []
            if names == nil { names = try serviceNames() }
            let ended = try endedEpisodes(changes)
            for numbered in changes {
                let slug = numbered.change.slug
                let name = names?[slug] ?? slug
                let episode = ended[slug]?.first { $0.end == numbered.change.at }
                if subscribers[slug] == nil { subscribers[slug] = try database.confirmedSubscriptions(slug: slug) }
                for subscription in subscribers[slug] ?? [] {
                    if let item = composer.notice(
                        numbered, serviceName: name, to: subscription, at: now, ending: episode)
                    {
                        items.append(item)
                    }
                }
                for url in webhooks {
                    if let item = composer.webhook(
                        numbered, serviceName: name, url: url, at: now, ending: episode)
                    {
                        items.append(item)
                    }
                }
            }
            summary.changes += changes.count
            summary.queued += try database.queueNotices(items, advancingCursorTo: last.id)
            cursor = last.id
        }
    }

    /// The stored episodes that end at or after the earliest change back to normal in `changes`
    /// (none to read when no change is one), by slug: a notice of such a change says how long
    /// the trouble lasted.
    private func endedEpisodes(_ changes: [NumberedStateChange]) throws -> [String: [OutageEpisode]] {
        guard let earliest = changes.filter({ $0.change.to == .ok }).map(\.change.at).min() else { return [:] }
        return try database.episodes(since: earliest)
    }
}

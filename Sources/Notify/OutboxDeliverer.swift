import IntakeRules
import Model
import Store

/// What one delivery pass did.
public struct DeliverySummary: Sendable, Equatable {
    public var mailsSent = 0
    public var webhooksSent = 0
    /// Put back for a later attempt.
    public var retrying = 0
    /// Given up for good.
    public var failed = 0
    /// Not sent: the subscriber's hourly cap was reached.
    public var capped = 0
    /// Not sent: the address unsubscribed meanwhile.
    public var dropped = 0
    /// The last error, to show the operator.
    public var lastError: String?

    public init() {}
}

/// Delivers due outbox rows at least once: each row is claimed (`sending`) before the attempt and
/// recorded (`sent`) after it; failures are retried with exponential backoff. A row found still
/// `sending` by a dead process is not sent again (it may have gone out): see `recoverInterrupted`.
public struct OutboxDeliverer: Sendable {
    let database: DowntrackDatabase
    let transport: DeliveryTransport
    /// Signs generic webhook bodies when set (`notify.webhook_secret`).
    let webhookSecret: String?
    let clock: IntakeClock
    /// Notice mails one address gets per hour at most.
    public var hourlyCapPerSubscriber = 4
    /// Attempts before a row is given up.
    public var maximumAttempts = 8
    /// First retry delay in seconds; doubled after every failure, at most an hour.
    public var firstRetryDelay: Int64 = 60

    public init(database: DowntrackDatabase, transport: DeliveryTransport, webhookSecret: String?, clock: IntakeClock) {
        self.database = database
        self.transport = transport
        self.webhookSecret = webhookSecret
        self.clock = clock
    }

    /// Marks rows abandoned mid-delivery by a process that is gone (or claimed over `lease`
    /// seconds ago) as `interrupted`. - Returns: how many.
    public func recoverInterrupted(lease: Int64 = 900) async throws -> Int {
        try await database.recoverInterruptedOutbox(now: clock.now, lease: lease, isAlive: DeliveryOwner.isAlive)
    }

    /// Delivers every row due now (of one purpose, or all), in batches, until none is left.
    public func deliverDue(purpose: OutboxItem.Purpose? = nil) async throws -> DeliverySummary {
        var summary = DeliverySummary()
        let owner = DeliveryOwner.current
        while true {
            let batch = try await database.claimDueOutbox(now: clock.now, claimer: owner, purpose: purpose, limit: 50)
            if batch.isEmpty { return summary }
            for entry in batch { try await deliver(entry, into: &summary) }
        }
    }

    private func deliver(_ entry: OutboxEntry, into summary: inout DeliverySummary) async throws {
        let item = entry.item
        if item.channel == .email, let id = item.subscriptionID, try database.subscription(id: id) == nil {
            summary.dropped += 1
            return try await database.finishOutbox(id: entry.id, status: .dropped, at: clock.now, error: "unsubscribed")
        }
        if item.channel == .email, item.purpose == .notice {
            let sent = try database.outboxSentCount(
                recipient: item.recipient, purpose: .notice, since: clock.now.adding(seconds: -3600))
            if sent >= hourlyCapPerSubscriber {
                summary.capped += 1
                return try await database.finishOutbox(
                    id: entry.id, status: .capped, at: clock.now,
                    error: "over \(hourlyCapPerSubscriber) notices an hour")
            }
        }
        let result: DeliveryResult
        switch item.channel {
        case .email: result = await transport.sendMail(item.payload)
        case .webhook:
            var headers = ["X-Downtrack-Delivery": item.key]
            if let webhookSecret, WebhookPayload.flavor(of: item.recipient) == .generic {
                headers["X-Downtrack-Signature"] = WebhookPayload.signature(body: item.payload, secret: webhookSecret)
            }
            result = await transport.postWebhook(item.recipient, item.payload, headers)
        }
        let now = clock.now
        switch result {
        case .delivered:
            if item.channel == .email { summary.mailsSent += 1 } else { summary.webhooksSent += 1 }
            try await database.finishOutbox(id: entry.id, status: .sent, at: now)
        case .retry(let reason) where entry.attempts + 1 < maximumAttempts:
            summary.retrying += 1
            summary.lastError = reason
            let delay = min(3600, firstRetryDelay << min(entry.attempts, 20))
            try await database.finishOutbox(
                id: entry.id, status: .pending, at: now, error: reason, retryAt: now.adding(seconds: delay))
        case .retry(let reason), .failed(let reason):
            summary.failed += 1
            summary.lastError = reason
            try await database.finishOutbox(id: entry.id, status: .failed, at: now, error: reason)
        }
    }
}

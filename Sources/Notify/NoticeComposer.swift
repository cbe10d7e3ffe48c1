import IntakeRules
import Model
import Store

/// Writes the mail and webhook bodies Downtrack sends, as outbox items ready to deliver.
public struct NoticeComposer: Sendable {
    let links: SiteLinks
    let from: String
    let tokens: SubscriptionTokens

    public init(links: SiteLinks, from: String, tokens: SubscriptionTokens) {
        self.links = links
        self.from = from
        self.tokens = tokens
    }

    /// The headline of a change ("WeChat is back: no problems reported since 14:05 UTC", or with
    /// the episode it ends, "WeChat is back to normal after 47 minutes"), or nil for changes nobody
    /// is told about (to or from "not enough data", or between equal states).
    public static func title(for change: StateChange, serviceName name: String, ending episode: OutageEpisode? = nil)
        -> String?
    {
        switch (change.from, change.to) {
        case (.outage, .outage), (.possible, .possible): return nil
        case (_, .outage): return "Problems detected at \(name)"
        case (.ok, .possible): return "Possible problems at \(name)"
        case (.possible, .ok), (.outage, .ok):
            if let minutes = episode.flatMap(durationMinutes) {
                return "\(name) is back to normal after \(duration(minutes: minutes))"
            }
            return "\(name) is back: no problems reported since \(clockTime(change.at)) UTC"
        default: return nil
        }
    }

    /// `14:05`.
    static func clockTime(_ time: Timestamp) -> String {
        let (_, _, _, hour, minute, _) = time.civil
        return (hour < 10 ? "0" : "") + "\(hour):" + (minute < 10 ? "0" : "") + "\(minute)"
    }

    /// The confirmation mail for a sign-up, with a link that works for `lifetime` seconds.
    public func confirmation(
        _ record: SubscriptionRecord, serviceName: String, at now: Timestamp, lifetime: Int64
    ) -> OutboxItem {
        let expires = now.adding(seconds: lifetime)
        let token = tokens.make(.confirm, id: record.id, nonce: record.nonce, expires: expires)
        let key = "confirm:\(record.id):\(now.seconds)"
        let body = """
            Someone, probably you, asked \(links.siteTitle) to email \(record.email)
            when \(serviceName) has problems or is back.

            To confirm, open this link within \(lifetime / 3600) hours and press "Confirm":
            \(links.confirm(token: token))

            If it was not you, ignore this mail: nothing is sent unless someone confirms,
            and the address is deleted after \(lifetime / 3600) hours.

            """
        let message = MailMessage(
            from: from, to: record.email, subject: "Confirm: email me about \(serviceName)", date: now,
            messageID: MailMessage.messageID(key: key, from: from), body: body)
        return OutboxItem(
            key: key, channel: .email, purpose: .confirm, recipient: record.email, subscriptionID: record.id,
            payload: message.rendered(), createdAt: now)
    }

    /// The notice mail of `change` for one confirmed subscriber, or nil when the change is not announced.
    /// - Parameter episode: the crowd episode the change ends, if it ends one: the mail says how long it lasted.
    public func notice(
        _ change: NumberedStateChange, serviceName: String, to subscription: SubscriptionRecord, at now: Timestamp,
        ending episode: OutageEpisode? = nil
    ) -> OutboxItem? {
        guard let title = Self.title(for: change.change, serviceName: serviceName, ending: episode) else { return nil }
        let key = "change:\(change.id):subscription:\(subscription.id)"
        let unsubscribe = links.unsubscribe(
            token: tokens.make(.unsubscribe, id: subscription.id, nonce: subscription.nonce, expires: nil))
        let body = """
            \(title).

            \(Self.episodeLine(change.change, ending: episode))\(change.change.reason)
            Live status: \(links.servicePage(change.change.slug))

            --
            You get this because you asked \(links.siteTitle) to email you about \(serviceName).
            Unsubscribe here (your address is then deleted):
            \(unsubscribe)

            """
        let message = MailMessage(
            from: from, to: subscription.email, subject: title, date: now,
            messageID: MailMessage.messageID(key: key, from: from),
            headers: [
                ("List-Unsubscribe", "<\(unsubscribe)>"),
                ("List-Unsubscribe-Post", "List-Unsubscribe=One-Click"),
                (
                    "List-Id",
                    "\(serviceName) on \(links.siteTitle) <\(change.change.slug).notices.\(MailMessage.domain(of: from))>"
                ),
            ],
            body: body)
        return OutboxItem(
            key: key, channel: .email, purpose: .notice, recipient: subscription.email,
            subscriptionID: subscription.id, payload: message.rendered(), createdAt: now)
    }

    /// The webhook call of `change` to `url`, or nil when the change is not announced.
    /// - Parameter episode: the crowd episode the change ends, if it ends one.
    public func webhook(
        _ change: NumberedStateChange, serviceName: String, url: String, at now: Timestamp,
        ending episode: OutageEpisode? = nil
    ) -> OutboxItem? {
        guard let title = Self.title(for: change.change, serviceName: serviceName, ending: episode) else { return nil }
        var payload = WebhookPayload(
            changeID: change.id, change: change.change, serviceName: serviceName, title: title,
            pageURL: links.servicePage(change.change.slug))
        if change.change.to == .ok { payload.episode = episode }
        return OutboxItem(
            key: "change:\(change.id):webhook:\(SHA256.hex(Array(url.utf8)).prefix(16))", channel: .webhook,
            purpose: .notice, recipient: url, subscriptionID: nil, payload: payload.body(for: url), createdAt: now)
    }
}

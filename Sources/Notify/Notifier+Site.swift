import IntakeRules
import Model
import Store

extension Notifier {
    /// The notifier of one site: mail through the configured sendmail from `notify.from`, links
    /// signed with the secret kept in its database, the configured webhooks and hourly cap.
    /// - Parameters:
    ///   - serviceNames: service names by slug, asked for only when there is something to announce.
    ///   - hourlyCap: notice mails one address gets per hour, in place of `notify.notices_per_address_per_hour`.
    /// - Throws: `StoreError` when the database cannot give the links' secret.
    public init(
        configuration: SiteConfiguration, database: DowntrackDatabase,
        serviceNames: @escaping @Sendable () throws -> [String: String], clock: IntakeClock, hourlyCap: Int? = nil
    ) throws {
        let tokens = SubscriptionTokens(
            secret: try SiteSecret.subscription.load(database.meta(_:insertingIfAbsent:)))
        var deliverer = OutboxDeliverer(
            database: database, transport: .live(sendmailCommand: configuration.notify.sendmail),
            webhookSecret: configuration.notify.webhookSecret, clock: clock)
        deliverer.hourlyCapPerSubscriber = hourlyCap ?? configuration.notify.noticesPerAddressPerHour
        self.init(
            database: database,
            composer: NoticeComposer(
                links: SiteLinks(configuration: configuration), from: configuration.notify.from, tokens: tokens),
            serviceNames: serviceNames, webhooks: configuration.notify.webhooks, deliverer: deliverer, clock: clock)
    }
}

import IntakeRules
import Model
import Notify
import Store

extension IntakeServer {
    /// The intake of one site: settings from its configuration, its services, the secrets kept in
    /// its database, and confirmation mail through the configured sendmail.
    /// - Parameter adjust: changes to the settings before the server is made (the command line's
    ///   overrides of the configured limits).
    /// - Throws: `IntakeSetupError` for bad settings, `StoreError` when the database cannot be read.
    public convenience init(
        configuration: SiteConfiguration, services: [Service], database: DowntrackDatabase,
        adjust: (inout IntakeSettings) -> Void = { _ in }
    ) throws {
        var settings = IntakeSettings(configuration: configuration)
        adjust(&settings)
        try self.init(
            settings: settings, services: services, database: database,
            clientSecret: try SiteSecret.client.load(database.meta(_:insertingIfAbsent:)),
            tokenSecret: try SiteSecret.subscription.load(database.meta(_:insertingIfAbsent:)),
            transport: .live(sendmailCommand: configuration.notify.sendmail),
            webhookSecret: configuration.notify.webhookSecret)
    }
}

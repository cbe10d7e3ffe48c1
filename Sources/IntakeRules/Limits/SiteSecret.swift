/// The secrets a site keeps in its database, each made once (the first writer wins, so the
/// intake, `import-reports` and `notify` running at the same time agree on it) and never published.
public enum SiteSecret: String, Sendable, CaseIterable {
    /// Behind client keys (`ClientKeyMaker`): the intake and `import-reports` hash addresses with it.
    case client = "client_secret"
    /// Signs confirmation and unsubscribe links (`SubscriptionTokens`).
    case subscription = "subscription_secret"

    /// The stored secret, made and stored first when there is none.
    /// - Parameter storeIfAbsent: keeps `(name, value)` unless the name already has a value, and
    ///   returns the value kept (the database's `meta(_:insertingIfAbsent:)`).
    public func load(_ storeIfAbsent: (String, String) throws -> String) rethrows -> String {
        try storeIfAbsent(rawValue, randomHex(bytes: 32))
    }
}

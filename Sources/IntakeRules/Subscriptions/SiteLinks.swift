import Model

/// Absolute URLs of the site's pages and of the intake API.
public struct SiteLinks: Sendable, Equatable {
    public var siteTitle: String
    /// `site.base_url`, without a trailing slash.
    public var baseURL: String
    /// The API's absolute URL (`intake.url`, made absolute against the site origin).
    public var apiURL: String

    public init(configuration: SiteConfiguration) {
        siteTitle = configuration.site.title
        baseURL = configuration.site.baseURL
        var api = configuration.intake.url
        while api.hasSuffix("/") { api.removeLast() }
        if !api.hasPrefix("http://") && !api.hasPrefix("https://") {
            api = configuration.siteOrigin + (api.hasPrefix("/") ? api : "/" + api)
        }
        apiURL = api
    }

    /// A service's page.
    public func servicePage(_ slug: String) -> String { "\(baseURL)/services/\(slug)/" }
    /// The page that confirms a sign-up (GET shows a button; POST confirms).
    public func confirm(token: String) -> String { "\(apiURL)/subscriptions/confirm?token=\(token)" }
    /// The page behind the one-click unsubscribe link (GET shows a button; POST unsubscribes).
    public func unsubscribe(token: String) -> String { "\(apiURL)/subscriptions/unsubscribe?token=\(token)" }
}

import Foundation
import Model
import Render

/// What every page shares: site settings, navigation and asset URLs.
struct SiteShell {
    var configuration: SiteConfiguration
    /// Path prefix of the site under its host ("" at the root, "/status" under a folder).
    var basePath: String
    var assetURLs: [String: String]
    var categories: [(name: String, slug: String, count: Int)]
    var fingerprint: String
    /// The page's own copy of the policy (without `frame-ancestors`, which only a header can carry).
    let contentSecurityPolicy: String
    /// The category links of the navigation, the same on every page: rendered once.
    var navigationHTML: String

    init(configuration: SiteConfiguration, assetURLs: [String: String], services: [Service], templates: String) {
        self.configuration = configuration
        var path = URLComponents(string: configuration.site.baseURL)?.path ?? ""
        while path.hasSuffix("/") { path.removeLast() }
        basePath = path
        self.assetURLs = assetURLs
        contentSecurityPolicy = ContentSecurityPolicy.policy(for: configuration, header: false)
        var counts: [String: (String, Int)] = [:]
        for service in services { counts[service.categorySlug, default: (service.category, 0)].1 += 1 }
        categories = counts.map { (name: $0.value.0, slug: $0.key, count: $0.value.1) }.sorted { $0.name < $1.name }
        let prefix = basePath
        navigationHTML = categories.map {
            "<li><a href=\"\(prefix)/categories/\($0.slug)/\">\(HTMLEscaping.escape($0.name))</a></li>"
        }.joined(separator: "\n")
        var hasher = StableHasher()
        hasher.combine(templates)
        hasher.combine("\(configuration)")
        for (name, url) in assetURLs.sorted(by: { $0.key < $1.key }) { hasher.combine(name + url) }
        for category in categories { hasher.combine("\(category.slug)|\(category.name)|\(category.count)") }
        fingerprint = hasher.hexDigest
    }

    func path(_ relative: String) -> String { basePath + "/" + relative }
    func absolute(_ relative: String) -> String {
        configuration.site.baseURL + "/" + relative
    }

    /// The intake endpoint for an API path ("reports", "subscriptions").
    func intake(_ endpoint: String) -> String {
        let base =
            configuration.intake.url.hasSuffix("/")
            ? String(configuration.intake.url.dropLast()) : configuration.intake.url
        return base + "/" + endpoint
    }

    /// The context every template gets, merged with the page's own.
    func context(title: String, description: String, canonical: String, extra: [String: Any]) -> [String: Any] {
        var context: [String: Any] = [
            "site_title": configuration.site.title,
            "language": configuration.site.language,
            "page_title": title,
            "description": description,
            "canonical": canonical,
            "home_url": path(""),
            "methodology_url": path("methodology/"),
            "feed_url": path("feed.xml"),
            "summary_url": path("api/v1/summary.json"),
            "css_url": assetURLs["site.css"] ?? "",
            "js_url": assetURLs["site.js"] ?? "",
            "favicon_url": assetURLs["favicon.svg"] ?? "",
            "navigation_html": navigationHTML,
            "content_security_policy": contentSecurityPolicy,
        ]
        for (key, value) in extra { context[key] = value }
        return context
    }
}

extension ServiceState {
    /// CSS class and icon-free word for state chips.
    var cssClass: String { "state-\(rawValue)" }
}

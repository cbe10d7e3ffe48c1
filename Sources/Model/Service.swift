/// A service that Downtrack tracks: the facts of its content file's front matter that every
/// page, the collector and the intake use. Its page's own text (body and FAQ) is a
/// `ServiceText`, read only when that page is rendered.
public struct Service: Sendable, Equatable, Hashable {
    /// URL-safe identifier: lowercase letters, digits and hyphens.
    public var slug: String
    public var name: String
    public var category: String
    public var website: String?
    public var aliases: [String]
    public var statusSources: [StatusSource]
    /// The problems readers can report; the site defaults when the file names none.
    public var problems: [Problem]
    /// Slugs of related services.
    public var related: [String]
    /// The content file this service was read from, relative to the site root.
    public var sourcePath: String

    public init(
        slug: String, name: String, category: String, website: String? = nil, aliases: [String] = [],
        statusSources: [StatusSource] = [], problems: [Problem] = Problem.defaults,
        related: [String] = [], sourcePath: String = ""
    ) {
        self.slug = slug
        self.name = name
        self.category = category
        self.website = website
        self.aliases = aliases
        self.statusSources = statusSources
        self.problems = problems
        self.related = related
        self.sourcePath = sourcePath
    }

    /// The slug of this service's category page.
    public var categorySlug: String { Slug.make(from: category) }

    /// The problem with the given id, if this service offers it.
    public func problem(withID id: String) -> Problem? { problems.first { $0.id == id } }
}

/// A kind of problem readers can report ("Login & authentication").
public struct Problem: Sendable, Equatable, Hashable, Codable {
    public var id: String
    public var title: String

    public init(id: String, title: String) {
        self.id = id
        self.title = title
    }

    /// The four generic problems every service offers unless its file lists its own.
    public static let defaults: [Problem] = [
        Problem(id: "login", title: "Login & authentication"),
        Problem(id: "website", title: "Website or app not loading"),
        Problem(id: "connection", title: "Connection & server errors"),
        Problem(id: "other", title: "Something else"),
    ]
}

/// Where a service publishes its own status.
public struct StatusSource: Sendable, Equatable, Hashable, Codable {
    public var kind: StatusSourceKind
    public var url: String
    /// For `html` sources: where on the page the facts are.
    public var xpath: XPathRules?

    public init(kind: StatusSourceKind, url: String, xpath: XPathRules? = nil) {
        self.kind = kind
        self.url = url
        self.xpath = xpath
    }
}

/// The formats of official status sources Downtrack reads.
public enum StatusSourceKind: String, Sendable, Codable, CaseIterable {
    /// Atlassian Statuspage: its `api/v2/summary.json`, or the HTML page.
    case statuspage
    case atom
    case rss
    /// Any HTML page, read with the XPath rules the content file gives.
    case html
    /// Google Cloud's `incidents.json`: its whole incident history; one without an end is open.
    case googleCloud = "google-cloud"
    /// Slack's status API (`api/v2.0.0/current`).
    case slack
    /// An incident.io status page's widget API (`api/v1/summary`).
    case incidentIO = "incident-io"
    /// An Instatus page's `summary.json`.
    case instatus
    /// Cachet's API v1: `api/v1/components` or `api/v1/incidents`.
    case cachet
    /// A cState site's `index.json`.
    case cstate
    /// status.io's public status API (`api.status.io/1.0/status/<page-id>`).
    case statusIO = "status-io"
    /// A Better Stack status page's public `index.json`.
    case betterStack = "better-stack"
    /// The AWS Health Dashboard's public events (`health.aws.amazon.com/public/currentevents`).
    case aws
    /// Decide from the URL and what it serves.
    case auto
}

/// XPath expressions that find the facts on a plain HTML status page.
public struct XPathRules: Sendable, Equatable, Hashable, Codable {
    /// Its text becomes the description and, through keywords, the indicator.
    public var indicator: String?
    /// Each match is one open incident; its text is the title.
    public var incidents: String?
    /// Each match is one component: name, then status words.
    public var components: String?

    public init(indicator: String? = nil, incidents: String? = nil, components: String? = nil) {
        self.indicator = indicator
        self.incidents = incidents
        self.components = components
    }
}

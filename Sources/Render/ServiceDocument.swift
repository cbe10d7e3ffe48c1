import Foundation
import Model

/// The service JSON (`api/v1/services/<slug>.json`), version 1: the contract scripts rely on.
public struct ServiceDocument: Codable, Sendable, Equatable {
    public var slug: String
    public var name: String
    public var category: String
    public var url: String
    public var updatedAt: String
    public var state: String
    public var stateSince: String?
    public var stateReason: String
    public var reports: Reports
    public var official: Official?
    /// Where reports came from, by country (see `Countries`). Every build writes it; nil only
    /// in documents from before countries were counted.
    public var countries: Countries?

    public struct Reports: Codable, Sendable, Equatable {
        public var bucketMinutes: Int
        public var series: [Point]
        public var lastHour: Int
        public var last24h: Int
        public var problems: [ProblemShare]

        enum CodingKeys: String, CodingKey {
            case bucketMinutes, series, lastHour, problems
            case last24h = "last_24h"
        }

        public init(bucketMinutes: Int, series: [Point], lastHour: Int, last24h: Int, problems: [ProblemShare]) {
            self.bucketMinutes = bucketMinutes
            self.series = series
            self.lastHour = lastHour
            self.last24h = last24h
            self.problems = problems
        }
    }

    public struct Point: Codable, Sendable, Equatable {
        public var start: String
        public var count: Int
        public var expected: Double

        public init(start: String, count: Int, expected: Double) {
            self.start = start
            self.count = count
            self.expected = expected
        }
    }

    public struct ProblemShare: Codable, Sendable, Equatable {
        public var id: String
        public var title: String
        public var count: Int
        public var share: Double

        public init(id: String, title: String, count: Int, share: Double) {
            self.id = id
            self.title = title
            self.count = count
            self.share = share
        }
    }

    public struct Official: Codable, Sendable, Equatable {
        public var indicator: String
        public var rawIndicator: String?
        public var description: String?
        public var checkedAt: String?
        public var source: String
        public var error: String?
        public var components: [Component]
        /// The page's component groups as wholes, each with its worst child's status; absent
        /// when the page has no groups.
        public var groups: [Group]?
        public var incidents: [Incident]

        public init(
            indicator: String, rawIndicator: String?, description: String?, checkedAt: String?, source: String,
            error: String?, components: [Component], groups: [Group]? = nil, incidents: [Incident]
        ) {
            self.indicator = indicator
            self.rawIndicator = rawIndicator
            self.description = description
            self.checkedAt = checkedAt
            self.source = source
            self.error = error
            self.components = components
            self.groups = groups
            self.incidents = incidents
        }
    }

    public struct Component: Codable, Sendable, Equatable {
        public var name: String
        public var status: String
        public var rawStatus: String
        /// The component's group on the vendor's page; absent when the page does not group it.
        public var group: String?

        /// The name a reader sees: "Networking › Global" in a group, else just the name.
        public var displayName: String { group.map { "\($0) › \(name)" } ?? name }
    }

    /// A component group as a whole: its name and the worst status of its components.
    public struct Group: Codable, Sendable, Equatable {
        public var name: String
        public var status: String
    }

    public struct Incident: Codable, Sendable, Equatable {
        public var title: String
        public var status: String?
        public var impact: String?
        public var startedAt: String?
        public var url: String?
    }

    public init(
        slug: String, name: String, category: String, url: String, updatedAt: String, state: String,
        stateSince: String?, stateReason: String, reports: Reports, official: Official?
    ) {
        self.slug = slug
        self.name = name
        self.category = category
        self.url = url
        self.updatedAt = updatedAt
        self.state = state
        self.stateSince = stateSince
        self.stateReason = stateReason
        self.reports = reports
        self.official = official
    }
}

extension ServiceDocument.Component {
    public init(_ component: OfficialComponent) {
        self.init(
            name: component.name, status: component.status.rawValue, rawStatus: component.rawStatus,
            group: component.group)
    }
}

extension ServiceDocument.Group {
    public init(_ group: OfficialComponentGroup) {
        self.init(name: group.name, status: group.status.rawValue)
    }
}

extension ServiceDocument.Incident {
    public init(_ incident: OfficialIncident) {
        self.init(
            title: incident.title, status: incident.status?.rawValue ?? incident.rawStatus,
            impact: incident.impact?.rawValue, startedAt: incident.startedAt?.iso8601, url: incident.url)
    }
}

/// `api/v1/summary.json`: every service's state, and the site's freshness.
public struct SummaryDocument: Codable, Sendable, Equatable {
    public var generatedAt: String
    public var lastCollect: String?
    public var services: [Entry]

    public struct Entry: Codable, Sendable, Equatable {
        public var slug: String
        public var name: String
        public var category: String
        public var aliases: [String]
        public var state: String
        public var stateSince: String?
        public var reportsLastHour: Int
        public var officialIndicator: String?

        public init(
            slug: String, name: String, category: String, aliases: [String], state: String, stateSince: String?,
            reportsLastHour: Int, officialIndicator: String?
        ) {
            self.slug = slug
            self.name = name
            self.category = category
            self.aliases = aliases
            self.state = state
            self.stateSince = stateSince
            self.reportsLastHour = reportsLastHour
            self.officialIndicator = officialIndicator
        }
    }

    public init(generatedAt: String, lastCollect: String?, services: [Entry]) {
        self.generatedAt = generatedAt
        self.lastCollect = lastCollect
        self.services = services
    }
}

/// JSON encoding with stable (sorted) keys, snake_case names and no escaped slashes.
///
/// Foundation's `JSONEncoder`: a hand-written encoder measured 0.79× its speed on a real
/// service document (release build), so it was not worth keeping.
public enum JSONOutput {
    /// UTF-8 JSON text of `value`, with a final newline.
    public static func encode<T: Encodable>(_ value: T) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        var data = try encoder.encode(value)
        data.append(0x0A)
        return data
    }
}

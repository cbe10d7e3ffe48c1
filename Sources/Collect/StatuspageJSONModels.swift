/// The parts of Statuspage's `/api/v2/*.json` documents Downtrack reads. Every field is
/// optional: the endpoints return different subsets of the same objects.
struct StatuspageDocument: Decodable {
    var page: Page?
    var status: Status?
    var components: [Component]?
    var incidents: [Incident]?
    var incident: Incident?
    var scheduledMaintenances: [Incident]?

    struct Page: Decodable {
        var id: String?
        var name: String?
        var url: String?
        var updatedAt: String?
    }

    struct Status: Decodable {
        var indicator: String?
        var description: String?
    }

    struct Component: Decodable {
        var id: String?
        var name: String?
        var status: String?
        var group: Bool?
        var groupId: String?
        var components: [String]?
    }

    struct Incident: Decodable {
        var id: String?
        var name: String?
        var status: String?
        var impact: String?
        var createdAt: String?
        var startedAt: String?
        var updatedAt: String?
        var resolvedAt: String?
        var scheduledFor: String?
        var shortlink: String?
        var incidentUpdates: [Update]?
    }

    struct Update: Decodable {
        var status: String?
        var body: String?
        var createdAt: String?
    }
}

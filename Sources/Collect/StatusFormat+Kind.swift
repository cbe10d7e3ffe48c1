import Model

extension StatusFormat {
    /// The source kind to declare for a document in this format.
    public var sourceKind: StatusSourceKind {
        switch self {
        case .statuspageJSON, .statuspageHTML: .statuspage
        case .atom: .atom
        case .rss: .rss
        case .hundHTML, .upptimeJSON, .fedoraJSON: .auto
        case .googleCloudJSON: .googleCloud
        case .slackJSON: .slack
        case .incidentIOJSON: .incidentIO
        case .instatusJSON: .instatus
        case .cachetJSON: .cachet
        case .cstateJSON: .cstate
        case .statusIOJSON: .statusIO
        case .betterStackJSON: .betterStack
        case .awsHealthJSON: .aws
        }
    }

    /// The format's name in messages ("Slack's status API").
    public var title: String {
        switch self {
        case .statuspageJSON: "Atlassian Statuspage API JSON"
        case .statuspageHTML: "an Atlassian Statuspage HTML page"
        case .atom: "an Atom feed"
        case .rss: "an RSS feed"
        case .hundHTML: "a Hund status page"
        case .upptimeJSON: "Upptime's summary JSON"
        case .fedoraJSON: "Fedora's statuses JSON"
        case .googleCloudJSON: "Google Cloud's incidents JSON"
        case .slackJSON: "Slack's status API"
        case .incidentIOJSON: "an incident.io status page's JSON"
        case .instatusJSON: "an Instatus page's JSON"
        case .cachetJSON: "Cachet's API"
        case .cstateJSON: "a cState index.json"
        case .statusIOJSON: "status.io's status API"
        case .betterStackJSON: "a Better Stack status page's JSON"
        case .awsHealthJSON: "AWS Health's public events JSON"
        }
    }

    /// Whether `source`'s declared kind is the right reader for this format: its own kind;
    /// either feed kind for either feed syntax (and `statuspage` for a Statuspage history
    /// feed); `html` for the HTML pages it recognises (a page no reader recognises is
    /// never a mismatch).
    func isRead(by source: StatusSource) -> Bool {
        switch (source.kind, self) {
        case (.auto, _): true
        case (.atom, .atom), (.atom, .rss), (.rss, .atom), (.rss, .rss): true
        case (.statuspage, .atom), (.statuspage, .rss): true
        case (.html, .statuspageHTML), (.html, .hundHTML): true
        case (.html, _): false
        default: sourceKind == source.kind
        }
    }
}

import Model

/// Components gathered from incidents, for formats that list no components of their own
/// (Google Cloud's products, Slack's services): each name once, in first-seen order, with the
/// worst status any open incident gave it.
struct ComponentTally {
    private var order: [String] = []
    private var entries: [String: OfficialComponent] = [:]

    /// How bad a component status is: operational < under maintenance < degraded < partial < major.
    static func rank(_ status: ComponentStatus) -> Int {
        switch status {
        case .operational: 0
        case .underMaintenance: 1
        case .degradedPerformance: 2
        case .partialOutage: 3
        case .majorOutage: 4
        }
    }

    /// Records `name` with `status`, keeping the worse of this and any earlier status.
    mutating func add(name: String, status: ComponentStatus, rawStatus: String) {
        let name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty else { return }
        if let existing = entries[name] {
            if Self.rank(status) > Self.rank(existing.status) {
                entries[name] = OfficialComponent(name: name, status: status, rawStatus: rawStatus)
            }
            return
        }
        guard order.count < OfficialStatus.maximumComponents else { return }
        order.append(name)
        entries[name] = OfficialComponent(name: name, status: status, rawStatus: rawStatus)
    }

    /// The components, in first-seen order.
    var components: [OfficialComponent] { order.compactMap { entries[$0] } }
}

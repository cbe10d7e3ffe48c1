/// A group of components on an official status page ("Networking"), with the worst status
/// of its children. A group header is never a component itself.
public struct OfficialComponentGroup: Sendable, Equatable {
    /// The group's name as the page shows it.
    public var name: String
    /// The worst status among the group's components.
    public var status: ComponentStatus
    /// The group's components, in the page's order.
    public var components: [OfficialComponent]

    public init(name: String, status: ComponentStatus, components: [OfficialComponent]) {
        self.name = name
        self.status = status
        self.components = components
    }
}

extension OfficialStatus {
    /// The component groups, in the order their first component appears; a group's status is
    /// the worst of its children's. Ungrouped components belong to no group.
    public var componentGroups: [OfficialComponentGroup] {
        var order: [String] = []
        var members: [String: [OfficialComponent]] = [:]
        for component in components {
            guard let group = component.group else { continue }
            if members[group] == nil { order.append(group) }
            members[group, default: []].append(component)
        }
        return order.compactMap { name in
            guard let children = members[name],
                let worst = children.map(\.status).max(by: { $0.severity < $1.severity })
            else { return nil }
            return OfficialComponentGroup(name: name, status: worst, components: children)
        }
    }
}

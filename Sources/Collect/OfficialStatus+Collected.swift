import Foundation
import Model

/// The last step of every parser: what a source said, made safe to store and publish.
extension OfficialStatus {
    /// The most components kept from one document.
    public static let maximumComponents = 500
    /// The most incidents kept from one document (open ones first).
    public static let maximumIncidents = 500

    /// This status with every vendor text cleaned (`VendorText`), every link an absolute
    /// http(s) URL or nil (`SafeLink`, relative links resolved against `documentURL`), and the
    /// component and incident lists bounded. What a vendor body can put in the database is
    /// thereby bounded too, whatever the body's size.
    public func collected(documentURL: String?) -> OfficialStatus {
        var result = self
        result.rawIndicator = rawIndicator.map { VendorText.line($0) }
        result.description = description.map { VendorText.text($0) }
        result.components = components.prefix(Self.maximumComponents).map { component in
            var clean = component
            clean.name = VendorText.line(component.name, limit: VendorText.Limit.name)
            clean.rawStatus = VendorText.line(component.rawStatus)
            // A blank group name is no group.
            clean.group = component.group.map {
                VendorText.line($0, limit: VendorText.Limit.name).trimmingCharacters(in: .whitespaces)
            }.flatMap { $0.isEmpty ? nil : $0 }
            return clean
        }
        // Over the limit, open incidents go first so none is lost to old history.
        let chosen =
            incidents.count <= Self.maximumIncidents
            ? incidents
            : Array((incidents.filter(\.isOpen) + incidents.filter { !$0.isOpen }).prefix(Self.maximumIncidents))
        result.incidents = chosen.map { $0.collected(documentURL: documentURL) }
        return result
    }
}

extension OfficialIncident {
    /// This incident with its texts cleaned and its link safe (see `OfficialStatus.collected`).
    public func collected(documentURL: String?) -> OfficialIncident {
        var result = self
        result.title = VendorText.text(title)
        result.rawStatus = rawStatus.map { VendorText.line($0) }
        result.rawImpact = rawImpact.map { VendorText.line($0) }
        result.url = url.flatMap { URLText.resolve($0, against: documentURL) }
        return result
    }
}

extension ParsedFeed {
    /// This feed with its texts cleaned and its links safe (see `OfficialStatus.collected`).
    public func collected(documentURL: String?) -> ParsedFeed {
        var result = self
        result.title = title.map { VendorText.text($0) }
        result.entries = entries.map { entry in
            var clean = entry
            clean.title = VendorText.text(entry.title)
            clean.link = entry.link.flatMap { URLText.resolve($0, against: documentURL) }
            clean.id = entry.id.map { VendorText.line($0, limit: SafeLink.maximumLength) }
            clean.updateLabels = entry.updateLabels.map { VendorText.line($0) }
            clean.summary = entry.summary.map { VendorText.text($0, limit: 10 * VendorText.Limit.text) }
            return clean
        }
        return result
    }
}

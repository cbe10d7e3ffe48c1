import Model

/// Embeddable SVG status badges (`badges/<slug>.svg`).
public enum BadgeRenderer {
    /// A two-part badge: the service name, then its state in words.
    public static func svg(name: String, state: ServiceState) -> String {
        let label = HTMLEscaping.escape(name)
        let value: String
        let color: String
        switch state {
        case .ok: (value, color) = ("no problems", "#1a7f37")
        case .possible: (value, color) = ("possible problems", "#9a6700")
        case .outage: (value, color) = ("problems detected", "#cf222e")
        case .unknown: (value, color) = ("no data yet", "#57606a")
        }
        let labelWidth = 12 + name.count * 7
        let valueWidth = 12 + value.count * 7
        let total = labelWidth + valueWidth
        return """
            <svg xmlns="http://www.w3.org/2000/svg" width="\(total)" height="20" role="img">\
            <title>\(label): \(value)</title>\
            <rect width="\(labelWidth)" height="20" fill="#24292f"/>\
            <rect x="\(labelWidth)" width="\(valueWidth)" height="20" fill="\(color)"/>\
            <g fill="#fff" font-family="Verdana,DejaVu Sans,sans-serif" font-size="11">\
            <text x="6" y="14">\(label)</text><text x="\(labelWidth + 6)" y="14">\(value)</text></g></svg>

            """
    }
}

import Model
import Render

/// Small lists of the service page, as escaped HTML: cheaper than template loops.
enum PageFragments {
    /// "Most reported problems": title, share and a bar.
    static func problemShares(_ problems: [ServiceDocument.ProblemShare]) -> String {
        guard !problems.isEmpty else { return "<li class=\"muted\">No problems reported in the last 24 hours.</li>" }
        var out = ""
        for problem in problems {
            let percent = Int((problem.share * 100).rounded())
            out +=
                "<li><span class=\"problem-title\">\(HTMLEscaping.escape(problem.title))</span> <span class=\"share\">\(percent)%</span> "
            // An SVG bar: its width is an attribute, not an inline style the CSP would block.
            out +=
                "<svg class=\"bar-track\" viewBox=\"0 0 100 6\" preserveAspectRatio=\"none\" aria-hidden=\"true\" "
                + "focusable=\"false\"><rect class=\"bar-fill\" width=\"\(percent)\" height=\"6\"/></svg></li>\n"
        }
        return out
    }

    /// The radio buttons of "Report a problem".
    static func problemChoices(_ problems: [Problem]) -> String {
        problems.map {
            "<label class=\"choice\"><input type=\"radio\" name=\"problem\" value=\"\(HTMLEscaping.escape($0.id))\" required> \(HTMLEscaping.escape($0.title))</label>"
        }.joined(separator: "\n")
    }

    /// Related services with their state in words.
    static func related(_ items: [(name: String, url: String, state: ServiceState)]) -> String {
        items.map {
            "<li><a href=\"\($0.url)\">\(HTMLEscaping.escape($0.name))</a> <span class=\"chip state-\($0.state.rawValue)\">\($0.state.headline)</span></li>"
        }.joined()
    }
}

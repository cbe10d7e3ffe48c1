import Foundation
import Model

/// Draws the 24-hour report chart as inline SVG, with an accessible table beside it.
///
/// Built in Swift rather than in a template: a Mustache loop over 96 buckets costs more
/// than the rest of the page.
public enum ChartRenderer {
    /// An SVG of bars (reports per bucket) over the expected band, with labelled axes.
    /// Times on the axis are UTC hours; the page's script relabels them in the reader's zone.
    public static func svg(series: [ReportBucket], title: String) -> String {
        let width = 720.0
        let height = 200.0
        let left = 36.0
        let right = 8.0
        let top = 10.0
        let bottom = 28.0
        let plotWidth = width - left - right
        let plotHeight = height - top - bottom
        let maxCount = series.map { max(Double($0.count), ($0.expected ?? 0) * 1.6) }.max() ?? 0
        // Four grid steps of a round size, so every label is a whole number.
        let scaleMax = niceCeiling(max(maxCount, 4) / 4) * 4
        let step = series.isEmpty ? plotWidth : plotWidth / Double(series.count)
        func y(_ value: Double) -> Double { top + plotHeight - value / scaleMax * plotHeight }
        var out = """
            <svg class="chart" viewBox="0 0 \(Int(width)) \(Int(height))" role="img" aria-labelledby="chart-title" \
            preserveAspectRatio="none" xmlns="http://www.w3.org/2000/svg"><title id="chart-title">\(HTMLEscaping.escape(title))</title>
            """
        // Horizontal grid lines with count labels.
        for index in 0...4 {
            let value = scaleMax * Double(index) / 4
            let lineY = format(y(value))
            out +=
                "<line class=\"grid\" x1=\"\(format(left))\" x2=\"\(format(width - right))\" y1=\"\(lineY)\" y2=\"\(lineY)\"/>"
            out +=
                "<text class=\"axis\" x=\"\(format(left - 4))\" y=\"\(lineY)\" text-anchor=\"end\" dominant-baseline=\"middle\">\(Int(value))</text>"
        }
        // Expected band: from 0 to the expected level ×1.5, as one path.
        if series.contains(where: { ($0.expected ?? 0) > 0 }) {
            var upper = ""
            var lower = ""
            for (index, point) in series.enumerated() {
                let x = left + step * (Double(index) + 0.5)
                let high = y(min(scaleMax, (point.expected ?? 0) * 1.5 + 1))
                upper += (index == 0 ? "M" : "L") + "\(format(x)) \(format(high))"
                lower = "L\(format(x)) \(format(y(0)))" + lower
            }
            out += "<path class=\"band\" d=\"\(upper)\(lower)Z\"><title>Expected range</title></path>"
        }
        for (index, point) in series.enumerated() where point.count > 0 {
            let x = left + step * Double(index) + step * 0.12
            let barTop = y(Double(point.count))
            let expected = point.expected ?? 0
            let hot = Double(point.count) > expected * 3 + 5
            out +=
                "<rect class=\"bar\(hot ? " hot" : "")\" x=\"\(format(x))\" y=\"\(format(barTop))\" width=\"\(format(step * 0.76))\" height=\"\(format(y(0) - barTop))\"/>"
        }
        // Time labels every 6 hours (by bucket index).
        for (index, point) in series.enumerated() where index % 24 == 0 || index == series.count - 1 {
            let x = left + step * (Double(index) + 0.5)
            let (_, _, _, hour, minute, _) = point.start.civil
            let label = "\(hour < 10 ? "0" : "")\(hour):\(minute < 10 ? "0" : "")\(minute)"
            let anchor = index == series.count - 1 ? "end" : (index == 0 ? "start" : "middle")
            out +=
                "<text class=\"axis time\" x=\"\(format(x))\" y=\"\(format(height - 8))\" text-anchor=\"\(anchor)\" data-time=\"\(point.start.iso8601)\">\(label)</text>"
        }
        out += "</svg>"
        return out
    }

    /// A table of the same data, newest first, for screen readers and people who prefer numbers.
    public static func table(series: [ReportBucket]) -> String {
        var out = "<table class=\"chart-table\"><caption>Reports per 15 minutes, last 24 hours (newest first)</caption>"
        out +=
            "<thead><tr><th scope=\"col\">From</th><th scope=\"col\">Reports</th><th scope=\"col\">Typical</th></tr></thead><tbody>"
        for point in series.reversed() {
            let time = point.start.iso8601
            let (y, m, d, hour, minute, _) = point.start.civil
            let label = "\(y)-\(two(m))-\(two(d)) \(two(hour)):\(two(minute)) UTC"
            out += "<tr><td><time datetime=\"\(time)\">\(label)</time></td>"
            out += "<td>\(point.count)</td><td>\(formatExpected(point.expected ?? 0))</td></tr>"
        }
        out += "</tbody></table>"
        return out
    }

    static func two(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }

    static func formatExpected(_ value: Double) -> String {
        if value >= 10 { return String(Int(value.rounded())) }
        let tenths = Int((value * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)"
    }

    static func niceCeiling(_ value: Double) -> Double {
        let magnitude = pow(10, floor(log10(value)))
        for factor in [1.0, 2.0, 5.0, 10.0] where factor * magnitude >= value { return max(1, factor * magnitude) }
        return 10 * magnitude
    }

    static func format(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }
}

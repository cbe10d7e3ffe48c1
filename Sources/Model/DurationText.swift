/// How long something lasted, in the words every page, feed and notice uses.
public enum DurationText {
    /// "1 minute", "47 minutes", "3 hours 5 minutes", "2 days 4 hours" (the sign is ignored).
    public static func words(minutes: Int) -> String {
        let value = minutes.magnitude
        func unit(_ count: UInt, _ name: String) -> String { count == 1 ? "1 \(name)" : "\(count) \(name)s" }
        if value < 60 { return unit(value, "minute") }
        if value < 24 * 60 {
            let rest = value % 60
            return unit(value / 60, "hour") + (rest == 0 ? "" : " " + unit(rest, "minute"))
        }
        let hours = (value % (24 * 60)) / 60
        return unit(value / (24 * 60), "day") + (hours == 0 ? "" : " " + unit(hours, "hour"))
    }
}

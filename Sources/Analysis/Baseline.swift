import Model

/// What is normal for one service: the expected number of reports in each 15-minute slot of
/// the UTC week (7 × 96 = 672 slots, Monday 00:00 first), as `BaselineEstimator` learned it.
///
/// Between slots the rate is interpolated linearly from one slot's centre to the next, so the
/// expectation for a window that straddles slots changes smoothly minute by minute.
public struct Baseline: Sendable, Equatable, Codable {
    /// Slots in a week.
    public static let slotCount = 672
    /// Seconds in one slot.
    public static let slotSeconds: Int64 = 900
    private static let weekSeconds: Int64 = 604_800

    /// Expected reports in each 15-minute slot of the week; `slotCount` values.
    public var slots: [Double]
    /// How the baseline was obtained.
    public var source: Source
    /// How many days of history it was learned from (0 for the prior alone).
    public var historyDays: Double
    /// The overdispersion φ the count model should use for this service.
    public var overdispersion: Double
    /// When it was estimated.
    public var computedAt: Timestamp

    /// Where a baseline's numbers come from.
    public enum Source: String, Sendable, Codable {
        /// At least a week of the service's own history (the prior's weight is negligible).
        case history
        /// Less than a week of history, blended with the prior.
        case partial
        /// No history at all: the prior alone.
        case prior
    }

    /// A baseline with the given slots (padded or cut to `slotCount`).
    public init(
        slots: [Double], source: Source, historyDays: Double, overdispersion: Double, computedAt: Timestamp
    ) {
        var values = Array(slots.prefix(Baseline.slotCount))
        if values.count < Baseline.slotCount {
            values += Array(repeating: values.last ?? 0, count: Baseline.slotCount - values.count)
        }
        self.slots = values
        self.source = source
        self.historyDays = historyDays
        self.overdispersion = overdispersion
        self.computedAt = computedAt
    }

    /// The same expected count in every slot.
    public static func flat(perSlot: Double, overdispersion: Double = DetectionSettings.standard.overdispersion)
        -> Baseline
    {
        Baseline(
            slots: Array(repeating: perSlot, count: slotCount), source: .prior, historyDays: 0,
            overdispersion: overdispersion, computedAt: Timestamp(seconds: 0))
    }

    /// Whether it was learned from any history at all.
    public var hasHistory: Bool { historyDays > 0 }

    /// The slot of the week (0 ..< 672) that holds `time`.
    public static func slotIndex(of time: Timestamp) -> Int {
        time.secondOfWeek / Int(slotSeconds)
    }

    /// The expected count in the 15-minute slot of the week that holds `time`.
    public func expectedInSlot(of time: Timestamp) -> Double {
        slots[Baseline.slotIndex(of: time)]
    }

    /// The expected number of reports in the `minutes` minutes that end at `time`.
    public func expected(at time: Timestamp, minutes: Int) -> Double {
        guard minutes > 0 else { return 0 }
        // Work in slot units from the start of the week: x = seconds / 900.
        let end = Double(time.secondOfWeek) / Double(Baseline.slotSeconds)
        var length = Double(minutes) * 60 / Double(Baseline.slotSeconds)
        let n = Double(Baseline.slotCount)
        var total = 0.0
        if length >= n {
            let weeks = (length / n).rounded(.down)
            total += weeks * slots.reduce(0, +)
            length -= weeks * n
        }
        var start = end - length
        if start < 0 { start += n }
        if start <= end {
            total += integral(from: start, to: end)
        } else {
            total += integral(from: start, to: n) + integral(from: 0, to: end)
        }
        return total
    }

    /// ∫ of the interpolated rate over [a, b] in slot units, 0 ≤ a ≤ b ≤ 672.
    private func integral(from a: Double, to b: Double) -> Double {
        guard b > a else { return 0 }
        // Knots at slot centres j + 0.5; segment j runs from knot j to knot j + 1.
        var total = 0.0
        var x = a
        var segment = Int((x - 0.5).rounded(.down))
        while x < b {
            let left = Double(segment) + 0.5
            let right = left + 1
            let upper = min(b, right)
            let v0 = value(segment)
            let v1 = value(segment + 1)
            // Rate at u: v0 + (u − left)(v1 − v0); integrate from x to upper.
            let d0 = x - left
            let d1 = upper - left
            total += v0 * (d1 - d0) + 0.5 * (v1 - v0) * (d1 * d1 - d0 * d0)
            x = upper
            segment += 1
        }
        return total
    }

    private func value(_ index: Int) -> Double {
        let n = Baseline.slotCount
        return slots[((index % n) + n) % n]
    }
}

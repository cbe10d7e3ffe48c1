import Model

/// Learns a service's `Baseline` from its own 15-minute report history.
///
/// The model is multiplicative: a time-of-day profile (96 slots, pooled over every day and
/// smoothed over neighbouring slots, so even a sparse service gets a daily shape) × a factor
/// per weekday × a residual per slot of the week (shrunk towards 1 unless there is plenty of
/// data, so large services keep their own weekly pattern, e.g. a later Sunday morning).
///
/// Robustness: the fit is repeated on counts cut down to `expected + clipZ·sd + 1` of the
/// previous fit, so a past outage enters as a busy slot rather than its full spike; the first
/// fit uses only the pooled profile × weekday, which one outage barely moves.
///
/// A service with little history is blended with the prior (`priorReportsPerHour`, flat over
/// the day) weighted as `priorWeightHours` of observation. Cost: a few passes over at most
/// `baselineWeeks × 672` slots — about 0.1 ms per service in a release build.
public enum BaselineEstimator {
    /// Estimates the baseline at `now` from `history`, 15-minute buckets in any order where
    /// missing buckets mean zero reports. Only complete buckets of the last
    /// `settings.baselineWeeks` weeks before `now` are used.
    ///
    /// - Parameter observedSince: when the service started being observed. By default the
    ///   start of its earliest bucket: before its first report nothing is known, not zero.
    public static func estimate(
        history: [ReportBucket], now: Timestamp, settings: DetectionSettings = .standard,
        observedSince: Timestamp? = nil
    ) -> Baseline {
        let slot = Baseline.slotSeconds
        let end = now.floored(to: slot)
        let windowStart = end.adding(seconds: -Int64(max(settings.baselineWeeks, 1)) * 7 * 86_400)
        var earliest = observedSince?.floored(to: slot)
        if earliest == nil {
            for bucket in history where earliest == nil || bucket.start < earliest! {
                earliest = bucket.start.floored(to: slot)
            }
        }
        guard let first = earliest else {
            return estimate(counts: [], start: end, now: now, settings: settings)
        }
        let start = max(first, windowStart)
        let n = start < end ? Int((end.seconds - start.seconds) / slot) : 0
        var counts = [Double](repeating: 0, count: n)
        for bucket in history {
            let s = bucket.start.floored(to: slot)
            guard s >= start, s < end, bucket.count > 0 else { continue }
            counts[Int((s.seconds - start.seconds) / slot)] += Double(bucket.count)
        }
        return estimate(counts: counts[...], start: start, now: now, settings: settings)
    }

    /// The core: `counts` are consecutive 15-minute slots, the first starting at `start`.
    static func estimate(
        counts: ArraySlice<Double>, start: Timestamp, now: Timestamp, settings: DetectionSettings
    ) -> Baseline {
        let slotCount = Baseline.slotCount
        let prior = max(settings.priorReportsPerHour / 4, settings.minimumExpectedPerBucket)
        let phi0 = max(settings.overdispersion, 0)
        let n = counts.count
        guard n > 0 else {
            return Baseline(
                slots: Array(repeating: prior, count: slotCount), source: .prior, historyDays: 0,
                overdispersion: phi0, computedAt: now)
        }
        let firstSlot = Baseline.slotIndex(of: start)
        let z = settings.clipZ

        // How often each slot of the week was observed.
        var seen = [Double](repeating: 0, count: slotCount)
        let fullWeeks = n / slotCount
        for s in 0..<slotCount { seen[s] = Double(fullWeeks) }
        var s0 = firstSlot
        for _ in 0..<(n % slotCount) {
            seen[s0] += 1
            s0 = s0 == slotCount - 1 ? 0 : s0 + 1
        }

        // Sums per slot of the week of the counts, each cut down to `bound` of its slot.
        func sums(clippedAt bound: [Double]?) -> [Double] {
            var out = [Double](repeating: 0, count: slotCount)
            counts.withUnsafeBufferPointer { y in
                out.withUnsafeMutableBufferPointer { out in
                    var s = firstSlot
                    if let bound {
                        bound.withUnsafeBufferPointer { bound in
                            for i in 0..<n {
                                out[s] += min(y[i], bound[s])
                                s = s == slotCount - 1 ? 0 : s + 1
                            }
                        }
                    } else {
                        for i in 0..<n {
                            out[s] += y[i]
                            s = s == slotCount - 1 ? 0 : s + 1
                        }
                    }
                }
            }
            return out
        }
        func bounds(_ prediction: [Double], _ phi: Double, _ z: Double) -> [Double] {
            prediction.map { mu in mu + z * (mu * (1 + phi * mu)).squareRoot() + 1 }
        }

        // Overdispersion by moments on the 15-minute counts (cut at 4 sd so outages do not
        // count as noise): Σ[(y − μ)² − μ] / Σ μ², shrunk towards the configured value by
        // 5,000 (in units of μ²: a few days of a mid-sized service) and never below it. The
        // cut uses the previous estimate, so a noisy service's own spread is not cut away.
        func overdispersion(_ prediction: [Double], cutWith cutPhi: Double) -> Double {
            let wide = bounds(prediction, cutPhi, 4)
            var excess = 0.0
            var weight = 0.0
            counts.withUnsafeBufferPointer { y in
                var s = firstSlot
                for i in 0..<n {
                    let mu = prediction[s]
                    let d = min(y[i], wide[s]) - mu
                    excess += d * d - mu
                    weight += mu * mu
                    s = s == slotCount - 1 ? 0 : s + 1
                }
            }
            let shrinkWeight = 5000.0
            let estimate = (excess + phi0 * shrinkWeight) / (weight + shrinkWeight)
            return min(max(estimate, phi0), 0.5)
        }

        let first = fit(sums(clippedAt: nil), seen: seen, withResidual: false)
        let second = fit(sums(clippedAt: bounds(first, phi0, z)), seen: seen, withResidual: true)
        let third = fit(sums(clippedAt: bounds(second, phi0, z)), seen: seen, withResidual: true)
        let phi = overdispersion(third, cutWith: overdispersion(third, cutWith: phi0))
        let fitted = fit(sums(clippedAt: bounds(third, phi, z)), seen: seen, withResidual: true)

        let hours = Double(n) / 4
        let w = hours / (hours + max(settings.priorWeightHours, 0))
        let floor = settings.minimumExpectedPerBucket
        let slots = fitted.map { max(w * $0 + (1 - w) * prior, floor) }
        let days = Double(n) / 96
        return Baseline(
            slots: slots, source: days >= 7 ? .history : .partial, historyDays: days,
            overdispersion: phi, computedAt: now)
    }

    /// One fit of profile × weekday (× residual) from the sums of counts per slot of the week
    /// and how often each slot was observed: expected counts per slot of the week.
    private static func fit(_ sum: [Double], seen: [Double], withResidual: Bool) -> [Double] {
        let slotCount = Baseline.slotCount

        // Time-of-day profile, pooled over all days, smoothed over ±2 slots and shrunk
        // towards the overall level by two days' worth of observations.
        var todSum = [Double](repeating: 0, count: 96)
        var todN = [Double](repeating: 0, count: 96)
        var daySum = [Double](repeating: 0, count: 7)
        var total = 0.0
        var observations = 0.0
        for d in 0..<7 {
            for j in 0..<96 {
                let s = d * 96 + j
                todSum[j] += sum[s]
                todN[j] += seen[s]
                daySum[d] += sum[s]
            }
        }
        for j in 0..<96 {
            total += todSum[j]
            observations += todN[j]
        }
        let level = observations > 0 ? total / observations : 0
        let kernel: [Double] = [1, 2, 3, 2, 1]
        var profile = [Double](repeating: level, count: 96)
        let pseudo = 2.0 * 9  // two days of observations, in kernel weight units
        for j in 0..<96 {
            var smoothedSum = 0.0
            var smoothedN = 0.0
            for k in -2...2 {
                let index = (j + k + 96) % 96
                smoothedSum += kernel[k + 2] * todSum[index]
                smoothedN += kernel[k + 2] * todN[index]
            }
            profile[j] = (smoothedSum + pseudo * level) / (smoothedN + pseudo)
        }

        // Weekday factors, shrunk towards 1 by 20 expected reports.
        var pooled = [Double](repeating: 0, count: slotCount)
        for d in 0..<7 {
            var expected = 0.0
            for j in 0..<96 { expected += profile[j] * seen[d * 96 + j] }
            let factor = (daySum[d] + 20) / (expected + 20)
            for j in 0..<96 { pooled[d * 96 + j] = profile[j] * factor }
        }
        guard withResidual else { return pooled }

        // Residual per slot of the week from it and its two neighbours, shrunk towards 1 by
        // 30 expected reports, so only well-observed weekly patterns stand on their own.
        var full = pooled
        for s in 0..<slotCount {
            var observed = 0.0
            var expected = 0.0
            for k in -1...1 {
                let index = (s + k + slotCount) % slotCount
                observed += sum[index]
                expected += pooled[index] * seen[index]
            }
            full[s] = pooled[s] * (observed + 30) / (expected + 30)
        }
        return full
    }
}

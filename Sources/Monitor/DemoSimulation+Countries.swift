import Analysis
import Model
import Store

extension DemoSimulation {
    /// Countries are simulated for the last this many hours: enough for every period a page
    /// shows, without weeks of rows per country.
    public static let countryHours: Int64 = 48

    /// Countries a simulated report may come from.
    static let demoCountries = ["US", "DE", "GB", "IN", "BR", "JP", "FR", "CN", "CA", "MX", "ES", "ID", "KR", "NG"]

    /// A service's simulated audience: four countries with falling weights, the same for a
    /// seed and slug; about a tenth of reports stay of unknown country.
    func audience(of slug: String) -> [(country: String, weight: Double)] {
        let stream = UInt64(StableHasher.digest("countries|" + slug).prefix(16), radix: 16) ?? 0
        var random = SplitMix64(seed: seed ^ stream)
        let picked = Self.demoCountries.shuffled(using: &random).prefix(4)
        return zip(picked, [0.5, 0.22, 0.12, 0.06]).map { ($0, $1) }
    }

    /// `count` reports of one bucket spread over the service's audience, deterministically
    /// (the bucket's time picks the rounding); what is left over is of unknown country.
    func countryCounts(
        _ count: Int, _ slug: String, _ time: Timestamp, audience: [(country: String, weight: Double)]
    ) -> [CountrySlotCount] {
        var random = SplitMix64(seed: seed ^ UInt64(bitPattern: time.seconds) ^ 0x636F_756E_7472_79)
        var left = count
        var result: [CountrySlotCount] = []
        for (country, weight) in audience where left > 0 {
            let share = min(left, Int(Double(count) * weight + random.uniform()))
            if share > 0 { result.append(CountrySlotCount(slug: slug, country: country, start: time, count: share)) }
            left -= share
        }
        return result
    }
}

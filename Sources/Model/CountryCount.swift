/// How many reports of one service came from one country in a period.
public struct CountryCount: Sendable, Equatable, Codable {
    /// ISO 3166-1 alpha-2 code, upper case (`DE`).
    public var country: String
    public var count: Int

    public init(country: String, count: Int) {
        self.country = country
        self.count = count
    }
}

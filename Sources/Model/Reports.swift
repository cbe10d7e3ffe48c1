/// Community report counts for one service in one time bucket.
public struct ReportBucket: Sendable, Equatable, Codable {
    public var start: Timestamp
    public var count: Int
    /// What is normal for this slot of the week, when known.
    public var expected: Double?

    public init(start: Timestamp, count: Int, expected: Double? = nil) {
        self.start = start
        self.count = count
        self.expected = expected
    }
}

/// How often one problem was reported in a period.
public struct ProblemCount: Sendable, Equatable, Codable {
    public var problemID: String
    public var count: Int

    public init(problemID: String, count: Int) {
        self.problemID = problemID
        self.count = count
    }
}

/// Time bucket sizes the store and the pages use.
public enum BucketSize {
    /// Long-term history and charts: 15 minutes.
    public static let chart: Int64 = 900
    /// Fast detection: one minute.
    public static let minute: Int64 = 60
}

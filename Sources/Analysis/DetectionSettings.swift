/// The parameters of the rule that turns report counts into a state.
///
/// Every value has a default chosen with the seeded evaluation (`Evaluation`); the comment on
/// each says what it does and why it has that value. Decoding accepts any subset of the keys:
/// a missing key keeps its default, so a configuration file only names what it changes.
public struct DetectionSettings: Sendable, Equatable, Codable {
    // MARK: Windows

    /// The live count: reports in the last this many minutes are compared with what is normal
    /// then. 15 minutes, as on the charts and in the one-client-once rule: long enough for a
    /// small service to gather a meaningful number of reports.
    public var windowMinutes: Int
    /// A second, shorter window tested beside the live one so a sharp spike is caught within a
    /// couple of minutes, before it dominates the 15-minute count. 5 minutes.
    public var shortWindowMinutes: Int
    /// The size of the history buckets the baseline learns from: 15 minutes (`BucketSize.chart`).
    /// The baseline's slots are 15 minutes; finer buckets are summed into them, coarser ones
    /// are not supported.
    public var bucketMinutes: Int

    // MARK: Baseline

    /// How many past weeks the baseline learns from. 8 weeks: each slot of the week is then seen
    /// 8 times, enough for a robust level that one or two past outages cannot move much.
    public var baselineWeeks: Int
    /// Reports per hour assumed for a service with no history yet (spread evenly over the day).
    /// 1 per hour: a new page is quiet; the tail test and the report floors below keep it from
    /// alarming on a handful of first reports.
    public var priorReportsPerHour: Double
    /// How many hours of observation the prior is worth when it is blended with a short
    /// history. 12 hours: after a day of data the service's own level dominates.
    public var priorWeightHours: Double
    /// The lowest expected count per 15-minute slot, so quiet hours never expect exactly zero.
    /// 0.05 reports per 15 minutes (one report every five hours).
    public var minimumExpectedPerBucket: Double
    /// Observations above `expected + clipZ × sd + 1` are cut down to that bound before the
    /// baseline averages them, so a past outage counts as a slightly busy slot, not as its
    /// full spike. 2 standard deviations: clean data lose almost nothing (< 1 % of a sd).
    public var clipZ: Double

    // MARK: Count model

    /// Overdispersion φ of the negative binomial count model: the variance of a count with mean
    /// μ is μ(1 + φμ). Report counts vary more than Poisson from day to day (news, time of
    /// year) and the baseline itself is an estimate. This is the floor and the prior: each
    /// baseline estimates its service's own φ from its history (a bursty service gets a wider
    /// model), never below this. 0.02 allows about 14 % extra relative spread on large
    /// counts; 0 would be the Poisson model.
    public var overdispersion: Double

    // MARK: Entering a state

    /// A floor, not the rule: at least this many reports in the tested window before `possible`
    /// is considered. Whether a count is a problem is decided by its improbability
    /// (`possibleTail`); the floor only keeps a few reports on a near-silent service (whose
    /// expectation is almost zero, so that even 3 would be "improbable") from raising one. 5:
    /// one or two people never make a problem, while a near-silent service that suddenly gets
    /// 8 reports in 15 minutes is at least `possible`.
    public var minimumReportsPossible: Int
    /// The same floor for `outage` (10).
    public var minimumReportsOutage: Int
    /// The count must be at least this many times the expected one for `possible` (1.5): for
    /// a very large service a few percent more is significant but not a problem.
    public var possibleRatio: Double
    /// The count must be at least this many times the expected one for `outage` (3).
    public var outageRatio: Double
    /// Upper-tail probability P(X ≥ observed) under the count model below which a window is
    /// abnormal enough for `possible`: this, not a report count, is what makes a problem. It is
    /// tested every minute on two windows for every service, so it is small: 3e-7 (about the
    /// chance of 8 reports in 15 minutes where 0.7 are expected). With the floors lowered to
    /// 5 and 10 reports, 1e-6 let pure chance on small services through; 3e-7 keeps false
    /// alarms below what the fixed floors of 10 and 20 had (`downtrack evaluate`).
    public var possibleTail: Double
    /// Upper-tail probability below which a window is abnormal enough for `outage` (1e-10).
    public var outageTail: Double
    /// Consecutive abnormal minutes needed to enter a worse state. 2: one odd minute is not an
    /// outage, two are worth saying so.
    public var enterMinutes: Int

    // MARK: Leaving a state

    /// While in `possible`, a minute still counts as elevated when a window's tail probability
    /// is below this: a much looser test than to enter (0.05 against 3e-7), so an outage whose
    /// reports wobble around the entry threshold does not flicker in and out. It only ever
    /// prolongs a state, so it cannot raise false alarms.
    public var stayPossibleTail: Double
    /// …and its count is at least this many times the expected one (1.25).
    public var stayPossibleRatio: Double
    /// …and the window has at least this many reports (2, for both stay tests): a single report
    /// on a near-silent service is not evidence that a problem goes on.
    public var stayMinimumReports: Int
    /// While in `outage`, a minute still counts as an outage when a window's tail probability is
    /// below this (1e-3)…
    public var stayOutageTail: Double
    /// …and its count is at least this many times the expected one (2).
    public var stayOutageRatio: Double
    /// The live window's evidence holds a state only while its last `shortWindowMinutes` are
    /// consistent with the rate of its earlier minutes: when the probability of so few recent
    /// reports, had that rate gone on, is below this (0.01), the reports have fallen back and
    /// the spike still inside the live window is the past. This is what lets a state end soon
    /// after an outage does, instead of a whole window later; a small service, whose few
    /// reports prove nothing either way, keeps its live window. 0 turns the check off.
    public var stayConsistencyTail: Double
    /// A state is left only once the live window's count would be improbable (below this
    /// lower-tail probability, 1e-6) at the highest rate the reports reached during the
    /// problem, or once the calm has lasted `problemCalmMinutes`: a lull in a weak outage on a
    /// small service, likely at that rate, does not end it only for the problem to be entered
    /// again minutes later. 0 turns the check off.
    public var leaveProblemTail: Double
    /// The longest calm that `leaveProblemTail` can demand (60 minutes).
    public var problemCalmMinutes: Int
    /// A state is left only after this many consecutive minutes that do not pass its stay test
    /// (the hold time of the hysteresis). 10 minutes: long enough that an outage whose reports
    /// dip for a few minutes is not declared over, short enough that a service is back to `ok`
    /// about a quarter of an hour after the reports fall back.
    public var calmMinutes: Int
    /// For a small service the calm must also last until `calmExpectedReports` reports would
    /// normally have come in it (1): a quiet spell that short proves nothing where reports are
    /// rare, and leaving on it would flap in and out of a weak outage.
    public var calmExpectedReports: Double
    /// …but never longer than this many minutes (30).
    public var maximumCalmMinutes: Int
    /// When the previous decision is older than this, the streaks of abnormal and calm minutes
    /// start again: the gap says nothing about them.
    public var maximumGapMinutes: Int

    /// The defaults described on each property.
    public init(
        windowMinutes: Int = 15,
        shortWindowMinutes: Int = 5,
        bucketMinutes: Int = 15,
        baselineWeeks: Int = 8,
        priorReportsPerHour: Double = 1,
        priorWeightHours: Double = 12,
        minimumExpectedPerBucket: Double = 0.05,
        clipZ: Double = 2,
        overdispersion: Double = 0.02,
        minimumReportsPossible: Int = 5,
        minimumReportsOutage: Int = 10,
        possibleRatio: Double = 1.5,
        outageRatio: Double = 3,
        possibleTail: Double = 3e-7,
        outageTail: Double = 1e-10,
        enterMinutes: Int = 2,
        stayPossibleTail: Double = 0.05,
        stayPossibleRatio: Double = 1.25,
        stayMinimumReports: Int = 2,
        stayOutageTail: Double = 1e-3,
        stayOutageRatio: Double = 2,
        stayConsistencyTail: Double = 0.01,
        leaveProblemTail: Double = 1e-6,
        problemCalmMinutes: Int = 60,
        calmMinutes: Int = 10,
        calmExpectedReports: Double = 1,
        maximumCalmMinutes: Int = 30,
        maximumGapMinutes: Int = 30
    ) {
        self.windowMinutes = windowMinutes
        self.shortWindowMinutes = shortWindowMinutes
        self.bucketMinutes = bucketMinutes
        self.baselineWeeks = baselineWeeks
        self.priorReportsPerHour = priorReportsPerHour
        self.priorWeightHours = priorWeightHours
        self.minimumExpectedPerBucket = minimumExpectedPerBucket
        self.clipZ = clipZ
        self.overdispersion = overdispersion
        self.minimumReportsPossible = minimumReportsPossible
        self.minimumReportsOutage = minimumReportsOutage
        self.possibleRatio = possibleRatio
        self.outageRatio = outageRatio
        self.possibleTail = possibleTail
        self.outageTail = outageTail
        self.enterMinutes = enterMinutes
        self.stayPossibleTail = stayPossibleTail
        self.stayPossibleRatio = stayPossibleRatio
        self.stayMinimumReports = stayMinimumReports
        self.stayOutageTail = stayOutageTail
        self.stayOutageRatio = stayOutageRatio
        self.stayConsistencyTail = stayConsistencyTail
        self.leaveProblemTail = leaveProblemTail
        self.problemCalmMinutes = problemCalmMinutes
        self.calmMinutes = calmMinutes
        self.calmExpectedReports = calmExpectedReports
        self.maximumCalmMinutes = maximumCalmMinutes
        self.maximumGapMinutes = maximumGapMinutes
    }

    /// The shipped defaults.
    public static let standard = DetectionSettings()

    private enum CodingKeys: String, CodingKey {
        case windowMinutes = "window_minutes"
        case shortWindowMinutes = "short_window_minutes"
        case bucketMinutes = "bucket_minutes"
        case baselineWeeks = "baseline_weeks"
        case priorReportsPerHour = "prior_reports_per_hour"
        case priorWeightHours = "prior_weight_hours"
        case minimumExpectedPerBucket = "minimum_expected_per_bucket"
        case clipZ = "clip_z"
        case overdispersion
        case minimumReportsPossible = "minimum_reports_possible"
        case minimumReportsOutage = "minimum_reports_outage"
        case possibleRatio = "possible_ratio"
        case outageRatio = "outage_ratio"
        case possibleTail = "possible_tail"
        case outageTail = "outage_tail"
        case enterMinutes = "enter_minutes"
        case stayPossibleTail = "stay_possible_tail"
        case stayPossibleRatio = "stay_possible_ratio"
        case stayMinimumReports = "stay_minimum_reports"
        case stayOutageTail = "stay_outage_tail"
        case stayOutageRatio = "stay_outage_ratio"
        case stayConsistencyTail = "stay_consistency_tail"
        case leaveProblemTail = "leave_problem_tail"
        case problemCalmMinutes = "problem_calm_minutes"
        case calmMinutes = "calm_minutes"
        case calmExpectedReports = "calm_expected_reports"
        case maximumCalmMinutes = "maximum_calm_minutes"
        case maximumGapMinutes = "maximum_gap_minutes"
    }

    /// Decodes any subset of the keys; missing ones keep their defaults.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = DetectionSettings()
        func value<T: Decodable>(_ key: CodingKeys, _ fallback: T) throws -> T {
            try c.decodeIfPresent(T.self, forKey: key) ?? fallback
        }
        windowMinutes = try value(.windowMinutes, d.windowMinutes)
        shortWindowMinutes = try value(.shortWindowMinutes, d.shortWindowMinutes)
        bucketMinutes = try value(.bucketMinutes, d.bucketMinutes)
        baselineWeeks = try value(.baselineWeeks, d.baselineWeeks)
        priorReportsPerHour = try value(.priorReportsPerHour, d.priorReportsPerHour)
        priorWeightHours = try value(.priorWeightHours, d.priorWeightHours)
        minimumExpectedPerBucket = try value(.minimumExpectedPerBucket, d.minimumExpectedPerBucket)
        clipZ = try value(.clipZ, d.clipZ)
        overdispersion = try value(.overdispersion, d.overdispersion)
        minimumReportsPossible = try value(.minimumReportsPossible, d.minimumReportsPossible)
        minimumReportsOutage = try value(.minimumReportsOutage, d.minimumReportsOutage)
        possibleRatio = try value(.possibleRatio, d.possibleRatio)
        outageRatio = try value(.outageRatio, d.outageRatio)
        possibleTail = try value(.possibleTail, d.possibleTail)
        outageTail = try value(.outageTail, d.outageTail)
        enterMinutes = try value(.enterMinutes, d.enterMinutes)
        stayPossibleTail = try value(.stayPossibleTail, d.stayPossibleTail)
        stayPossibleRatio = try value(.stayPossibleRatio, d.stayPossibleRatio)
        stayMinimumReports = try value(.stayMinimumReports, d.stayMinimumReports)
        stayOutageTail = try value(.stayOutageTail, d.stayOutageTail)
        stayOutageRatio = try value(.stayOutageRatio, d.stayOutageRatio)
        stayConsistencyTail = try value(.stayConsistencyTail, d.stayConsistencyTail)
        leaveProblemTail = try value(.leaveProblemTail, d.leaveProblemTail)
        problemCalmMinutes = try value(.problemCalmMinutes, d.problemCalmMinutes)
        calmMinutes = try value(.calmMinutes, d.calmMinutes)
        calmExpectedReports = try value(.calmExpectedReports, d.calmExpectedReports)
        maximumCalmMinutes = try value(.maximumCalmMinutes, d.maximumCalmMinutes)
        maximumGapMinutes = try value(.maximumGapMinutes, d.maximumGapMinutes)
    }
}

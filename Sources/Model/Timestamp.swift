import Foundation

/// A point in time in whole UTC seconds since 1970: what Downtrack stores and publishes.
///
/// Whole seconds keep builds reproducible and comparisons exact; formatting and parsing
/// are done here, without locale or time-zone state.
public struct Timestamp: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public var seconds: Int64

    public init(seconds: Int64) { self.seconds = seconds }

    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool { lhs.seconds < rhs.seconds }

    /// This time moved by `delta` seconds; at the ends of `Int64` it stops there instead of
    /// overflowing.
    public func adding(seconds delta: Int64) -> Timestamp {
        let (sum, overflow) = seconds.addingReportingOverflow(delta)
        guard overflow else { return Timestamp(seconds: sum) }
        return Timestamp(seconds: delta > 0 ? .max : .min)
    }

    /// The start of the bucket of `size` seconds that holds this time (unchanged for a size
    /// that is not positive, and at the very start of `Int64`).
    public func floored(to size: Int64) -> Timestamp {
        guard size > 0 else { return self }
        let (start, overflow) = seconds.subtractingReportingOverflow(((seconds % size) + size) % size)
        return Timestamp(seconds: overflow ? .min : start)
    }

    /// `2026-11-26T22:00:00Z`.
    public var iso8601: String {
        let (y, m, d, hh, mm, ss) = civil
        guard (0...9999).contains(y) else {
            return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))T\(pad(hh, 2)):\(pad(mm, 2)):\(pad(ss, 2))Z"
        }
        // Written digit by digit: this runs for every point of every chart.
        return String(unsafeUninitializedCapacity: 20) { buffer in
            func put(_ value: Int, _ at: Int, _ width: Int) {
                var value = value
                for index in stride(from: at + width - 1, through: at, by: -1) {
                    buffer[index] = UInt8(48 + value % 10)
                    value /= 10
                }
            }
            put(y, 0, 4)
            buffer[4] = 45
            put(m, 5, 2)
            buffer[7] = 45
            put(d, 8, 2)
            buffer[10] = 84
            put(hh, 11, 2)
            buffer[13] = 58
            put(mm, 14, 2)
            buffer[16] = 58
            put(ss, 17, 2)
            buffer[19] = 90
            return 20
        }
    }

    public var description: String { iso8601 }

    /// Year, month, day, hour, minute, second in UTC.
    public var civil: (Int, Int, Int, Int, Int, Int) {
        let days = Int(floorDiv(seconds, 86_400))
        let rest = Int(floorMod(seconds, 86_400))
        let (y, m, d) = Timestamp.civilFromDays(days)
        return (y, m, d, rest / 3600, (rest % 3600) / 60, rest % 60)
    }

    /// Day of the week, Monday = 0 … Sunday = 6 (UTC).
    public var weekday: Int {
        let days = floorDiv(seconds, 86_400)
        // 1970-01-01 was a Thursday (3 when Monday is 0).
        return Int(((days + 3) % 7 + 7) % 7)
    }

    /// Seconds since the start of the UTC week (Monday 00:00).
    public var secondOfWeek: Int {
        weekday * 86_400 + Int(floorMod(seconds, 86_400))
    }

    /// A time from civil fields, for values the program itself writes (constants, tests).
    ///
    /// Fields outside their ranges are clamped into them (years to ±1,000,000), so even absurd
    /// values never trap; dates read from outside use `init?(checkedYear:…)`, which refuses them.
    public init(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0) {
        func clamp(_ value: Int, _ range: ClosedRange<Int>) -> Int {
            min(max(value, range.lowerBound), range.upperBound)
        }
        let days = Timestamp.daysFromCivil(
            clamp(year, -1_000_000...1_000_000), clamp(month, 1...12), clamp(day, 1...31))
        let time = clamp(hour, 0...23) * 3600 + clamp(minute, 0...59) * 60 + clamp(second, 0...60)
        seconds = Int64(days) * 86_400 + Int64(time)
    }

    /// The years a date read from outside may name; any other year is not a date.
    public static let plausibleYears: ClosedRange<Int> = 1970...9999

    /// A time from civil fields read from outside (a feed, a header, a log line), or nil when
    /// any field is out of its range: the year outside `plausibleYears`, month 1–12, day 1–31,
    /// hour 0–23, minute 0–59, second 0–60, and a zone offset (seconds east of UTC) under a day.
    /// No arithmetic is done before every field is known to be small, so nothing can overflow.
    public init?(
        checkedYear year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0,
        offsetSeconds: Int = 0
    ) {
        guard Timestamp.plausibleYears.contains(year), (1...12).contains(month), (1...31).contains(day),
            (0...23).contains(hour), (0...59).contains(minute), (0...60).contains(second),
            offsetSeconds > -86_400, offsetSeconds < 86_400
        else { return nil }
        let days = Timestamp.daysFromCivil(year, month, day)
        seconds = Int64(days) * 86_400 + Int64(hour * 3600 + minute * 60 + second) - Int64(offsetSeconds)
    }

    /// Parses ISO 8601 / RFC 3339: `2026-11-26T22:00:00Z`, with optional fraction and offset
    /// (`+01:00`, `-0500`), or a bare date. Returns nil for anything else.
    public init?(iso8601 text: String) {
        var utf8 = Array(text.trimmingCharacters(in: .whitespaces).utf8)
        guard let parsed = utf8.withUnsafeMutableBufferPointer({ Timestamp.parseISO8601(UnsafeBufferPointer($0)) })
        else {
            return nil
        }
        self = parsed
    }

    /// `init?(iso8601:)` on ASCII bytes without surrounding white space, for parsers that
    /// already hold bytes.
    public static func parseISO8601(_ chars: UnsafeBufferPointer<UInt8>) -> Timestamp? {
        var index = 0
        func number(_ count: Int) -> Int? {
            guard index + count <= chars.count else { return nil }
            var value = 0
            for i in index..<(index + count) {
                let c = chars[i]
                guard c >= 48 && c <= 57 else { return nil }
                value = value * 10 + Int(c - 48)
            }
            index += count
            return value
        }
        func expect(_ c: UInt8) -> Bool {
            guard index < chars.count, chars[index] == c else { return false }
            index += 1
            return true
        }
        guard let year = number(4), expect(45), let month = number(2), expect(45), let day = number(2),
            (1...12).contains(month), (1...31).contains(day)
        else { return nil }
        var hour = 0
        var minute = 0
        var second = 0
        var offset = 0
        if index < chars.count {
            guard chars[index] == 84 || chars[index] == 116 || chars[index] == 32 else { return nil }
            index += 1
            guard let h = number(2), expect(58), let mi = number(2) else { return nil }
            hour = h
            minute = mi
            if expect(58) {
                guard let s = number(2) else { return nil }
                second = s
                if expect(46) || expect(44) {
                    while index < chars.count, chars[index] >= 48, chars[index] <= 57 { index += 1 }
                }
            }
            if index < chars.count {
                let sign = chars[index]
                if sign == 90 || sign == 122 {
                    index += 1
                } else if sign == 43 || sign == 45 {
                    index += 1
                    guard let oh = number(2), oh < 24 else { return nil }
                    _ = expect(58)
                    let om = number(2) ?? 0
                    guard om < 60 else { return nil }
                    offset = (oh * 3600 + om * 60) * (sign == 43 ? 1 : -1)
                } else {
                    return nil
                }
            }
            guard index == chars.count, hour < 24, minute < 60, second < 61 else { return nil }
        }
        return Timestamp(
            checkedYear: year, month: month, day: day, hour: hour, minute: minute, second: second,
            offsetSeconds: offset)
    }

    // Howard Hinnant's civil-date algorithms (public-domain formulas).
    static func daysFromCivil(_ year: Int, _ month: Int, _ day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func civilFromDays(_ days: Int) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }
}

private func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
    let q = a / b
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
}

/// The remainder of `a / b` rounded down, in `0..<b` for a positive `b`.
private func floorMod(_ a: Int64, _ b: Int64) -> Int64 {
    let r = a % b
    return r < 0 ? r + b : r
}

private func pad(_ value: Int, _ width: Int) -> String {
    let text = String(value)
    return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
}

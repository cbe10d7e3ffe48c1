import Model

/// Parses the date formats status sources use, without locale or time-zone state.
public enum DateText {
    /// ISO 8601 / RFC 3339 (`2021-12-07T11:07:15.773-07:00`), RFC 822 / RFC 1123 / HTTP dates
    /// (`Mon, 10 Jun 2024 11:10:42 +0000`, `Sun, 06 Nov 1994 08:49:37 GMT`), RFC 850
    /// (`Sunday, 06-Nov-94 08:49:37 GMT`), C `asctime` (`Sun Nov  6 08:49:37 1994`) and Go's
    /// `2021-05-13 12:00:00 +0000 UTC`. Returns nil for anything else.
    public static func parse(_ text: String) -> Timestamp? {
        var text = text
        return text.withUTF8 { parse($0) }
    }

    /// `parse` on UTF-8 bytes. Surrounding whitespace is ignored.
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Timestamp? {
        let text = UTF8Bytes.trimmingWhitespace(bytes)
        guard !text.isEmpty else { return nil }
        if let iso = Timestamp.parseISO8601(text) { return iso }
        if let go = goStyle(text) { return go }
        return rfc822(text)
    }

    /// Seconds east of UTC for `+0200`, `-07:00`, `GMT`, `UTC`, `Z` or a North American /
    /// European zone abbreviation.
    static func zoneOffset(_ token: String) -> Int? {
        var token = token
        return token.withUTF8 { $0.isEmpty ? nil : zoneOffset($0, 0..<$0.count) }
    }

    /// Go's `2021-05-13 12:00:00 +0000 UTC`: at least three space-separated pieces, the first
    /// a 10-character date, the third a `+hhmm` offset; read as ISO 8601 with that offset.
    private static func goStyle(_ text: UnsafeBufferPointer<UInt8>) -> Timestamp? {
        let count = text.count
        var index = 0
        /// The next space-separated piece, or nil when there is none.
        func nextPiece() -> Range<Int>? {
            while index < count && text[index] == 0x20 { index += 1 }
            guard index < count else { return nil }
            let start = index
            while index < count && text[index] != 0x20 { index += 1 }
            return start..<index
        }
        guard let date = nextPiece(), date.count == 10, text[date].contains(UInt8(ascii: "-")),
            let time = nextPiece(), let zone = nextPiece(),
            zone.count == 5, text[zone.lowerBound] == 43 || text[zone.lowerBound] == 45
        else { return nil }
        // `date` "T" `time` `zone`, read as ISO 8601.
        let length = date.count + 1 + time.count + zone.count
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: length) { iso in
            var written = 0
            func copy(_ range: Range<Int>) {
                for position in range {
                    iso[written] = text[position]
                    written += 1
                }
            }
            copy(date)
            iso[written] = UInt8(ascii: "T")
            written += 1
            copy(time)
            copy(zone)
            return Timestamp.parseISO8601(UnsafeBufferPointer(iso))
        }
    }

    /// The number an optional sign and at least one ASCII digit spell, or nil (also when it
    /// does not fit in `Int`).
    private static func integer(_ text: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int? {
        var index = range.lowerBound
        guard index < range.upperBound else { return nil }
        var negative = false
        if text[index] == 43 || text[index] == 45 {
            negative = text[index] == 45
            index += 1
            guard index < range.upperBound else { return nil }
        }
        var value = 0
        while index < range.upperBound {
            let c = text[index]
            guard c >= 48 && c <= 57 else { return nil }
            let (times, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (next, overflow2) =
                negative ? times.subtractingReportingOverflow(Int(c - 48)) : times.addingReportingOverflow(Int(c - 48))
            if overflow1 || overflow2 { return nil }
            value = next
            index += 1
        }
        return value
    }

    /// 1…12 for an English month name or abbreviation (its first three letters, any case).
    private static func month(_ text: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int? {
        guard range.count >= 3 else { return nil }
        let a = lower(text[range.lowerBound])
        let b = lower(text[range.lowerBound + 1])
        let c = lower(text[range.lowerBound + 2])
        switch (a, b, c) {
        case (0x6A, 0x61, 0x6E): return 1  // jan
        case (0x66, 0x65, 0x62): return 2  // feb
        case (0x6D, 0x61, 0x72): return 3  // mar
        case (0x61, 0x70, 0x72): return 4  // apr
        case (0x6D, 0x61, 0x79): return 5  // may
        case (0x6A, 0x75, 0x6E): return 6  // jun
        case (0x6A, 0x75, 0x6C): return 7  // jul
        case (0x61, 0x75, 0x67): return 8  // aug
        case (0x73, 0x65, 0x70): return 9  // sep
        case (0x6F, 0x63, 0x74): return 10  // oct
        case (0x6E, 0x6F, 0x76): return 11  // nov
        case (0x64, 0x65, 0x63): return 12  // dec
        default: return nil
        }
    }

    /// `zoneOffset` for `text[range]` (not empty).
    private static func zoneOffset(_ text: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int? {
        let first = text[range.lowerBound]
        if first == 43 || first == 45 {
            var value = 0
            var digits = 0
            for index in (range.lowerBound + 1)..<range.upperBound where text[index] >= 48 && text[index] <= 57 {
                digits += 1
                if digits <= 4 { value = value * 10 + Int(text[index] - 48) }
            }
            guard digits == 4, value / 100 < 24, value % 100 < 60 else { return nil }
            let seconds = (value / 100) * 3600 + (value % 100) * 60
            return first == 43 ? seconds : -seconds
        }
        guard range.count <= 4 else { return nil }  // the longest abbreviation has 4 letters
        let upper = String(decoding: text[range].map { ($0 >= 0x61 && $0 <= 0x7A) ? $0 - 0x20 : $0 }, as: UTF8.self)
        return zoneAbbreviations[upper]
    }

    /// RFC 822 and friends: an optional weekday, day, month name, year, time, zone; or asctime.
    private static func rfc822(_ text: UnsafeBufferPointer<UInt8>) -> Timestamp? {
        // Tokens: split at " " and ",", empty pieces omitted; at most one per two bytes, plus
        // two more when the first becomes RFC 850's three.
        withUnsafeTemporaryAllocation(of: Range<Int>.self, capacity: text.count / 2 + 4) { storage in
            rfc822(text, tokens: storage.baseAddress!)
        }
    }

    private static func rfc822(_ text: UnsafeBufferPointer<UInt8>, tokens: UnsafeMutablePointer<Range<Int>>)
        -> Timestamp?
    {
        let count = text.count
        var tokenCount = 0
        var index = 0
        while index < count {
            while index < count && (text[index] == 0x20 || text[index] == 0x2C) { index += 1 }
            let start = index
            while index < count && text[index] != 0x20 && text[index] != 0x2C { index += 1 }
            if index > start {
                (tokens + tokenCount).initialize(to: start..<index)
                tokenCount += 1
            }
        }
        guard tokenCount > 0 else { return nil }
        var first = 0  // tokens[first..<tokenCount] are the ones read
        let firstByte = text[tokens[0].lowerBound]
        let startsWithLetter =
            (firstByte >= 0x41 && firstByte <= 0x5A) || (firstByte >= 0x61 && firstByte <= 0x7A)
            || (firstByte >= 0x80 && String(decoding: text[tokens[0]], as: UTF8.self).first?.isLetter == true)
        // A leading word that is not a month is a weekday.
        if startsWithLetter, month(text, tokens[0]) == nil { first = 1 }
        // RFC 850: "06-Nov-94" becomes three tokens.
        var dashed: (Range<Int>, Range<Int>, Range<Int>)?
        if first < tokenCount {
            let token = tokens[first]
            var pieces = (0..<0, 0..<0, 0..<0)
            var pieceCount = 0
            var position = token.lowerBound
            while position < token.upperBound && pieceCount <= 3 {
                while position < token.upperBound && text[position] == 45 { position += 1 }
                let start = position
                while position < token.upperBound && text[position] != 45 { position += 1 }
                guard position > start else { continue }
                switch pieceCount {
                case 0: pieces.0 = start..<position
                case 1: pieces.1 = start..<position
                case 2: pieces.2 = start..<position
                default: break
                }
                pieceCount += 1
            }
            if pieceCount == 3 { dashed = pieces }
        }
        var day: Int?
        var monthNumber: Int?
        var year: Int?
        var time: (Int, Int, Int)?
        var offset = 0
        var position = first
        var pendingCount = 0
        if dashed != nil {
            pendingCount = 3
            position += 1
        }
        var pendingIndex = 0
        while true {
            let token: Range<Int>
            if pendingIndex < pendingCount, let dashed {
                token = pendingIndex == 0 ? dashed.0 : (pendingIndex == 1 ? dashed.1 : dashed.2)
                pendingIndex += 1
            } else if position < tokenCount {
                token = tokens[position]
                position += 1
            } else {
                break
            }
            let lead = text[token.lowerBound]
            if time == nil, token.contains(where: { text[$0] == 58 }) {
                // `token.split(separator: ":").compactMap { Int($0) }`: the first three fields.
                var fields = (0, 0, 0)
                var fieldCount = 0
                var cursor = token.lowerBound
                while cursor < token.upperBound {
                    while cursor < token.upperBound && text[cursor] == 58 { cursor += 1 }
                    let start = cursor
                    while cursor < token.upperBound && text[cursor] != 58 { cursor += 1 }
                    guard cursor > start else { continue }
                    guard let value = integer(text, start..<cursor) else {
                        // Digits too long for `Int`: an absurd time, not a missing field.
                        if isSignedDigits(text, start..<cursor) { return nil }
                        continue
                    }
                    switch fieldCount {
                    case 0: fields.0 = value
                    case 1: fields.1 = value
                    case 2: fields.2 = value
                    default: break
                    }
                    fieldCount += 1
                }
                guard fieldCount >= 2 else { return nil }
                time = (fields.0, fields.1, fieldCount > 2 ? fields.2 : 0)
            } else if monthNumber == nil, let number = month(text, token) {
                monthNumber = number
            } else if let number = integer(text, token), lead != 43, lead != 45 {
                if day == nil, token.count <= 2 {
                    day = number
                } else if year == nil {
                    year = token.count == 2 ? (number < 50 ? 2000 + number : 1900 + number) : number
                }
            } else if token.count > 1, lead == 43 || lead == 45 {
                guard let zone = zoneOffset(text, token) else { return nil }
                offset = zone
            } else if let zone = zoneOffset(text, token) {
                offset = zone
            }
        }
        guard let day, let monthNumber, let year else { return nil }
        let (hour, minute, second) = time ?? (0, 0, 0)
        return Timestamp(
            checkedYear: year, month: monthNumber, day: day, hour: hour, minute: minute, second: second,
            offsetSeconds: offset)
    }

    /// An optional sign, then one or more ASCII digits (a number, unless it is too long for `Int`).
    private static func isSignedDigits(_ text: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        var index = range.lowerBound
        if index < range.upperBound, text[index] == 43 || text[index] == 45 { index += 1 }
        guard index < range.upperBound else { return false }
        for position in index..<range.upperBound where text[position] < 48 || text[position] > 57 { return false }
        return true
    }

    private static func lower(_ byte: UInt8) -> UInt8 { (byte >= 0x41 && byte <= 0x5A) ? byte + 0x20 : byte }

    /// Zone abbreviations seen on status pages and in feeds, in seconds east of UTC.
    static let zoneAbbreviations: [String: Int] = [
        "UT": 0, "UTC": 0, "GMT": 0, "Z": 0, "WET": 0, "BST": 3600, "WEST": 3600,
        "CET": 3600, "CEST": 7200, "MET": 3600, "MEST": 7200, "EET": 7200, "EEST": 10800,
        "EST": -18000, "EDT": -14400, "CST": -21600, "CDT": -18000,
        "MST": -25200, "MDT": -21600, "PST": -28800, "PDT": -25200,
        "AKST": -32400, "AKDT": -28800, "HST": -36000, "IST": 19800, "JST": 32400,
        "AEST": 36000, "AEDT": 39600,
    ]
}

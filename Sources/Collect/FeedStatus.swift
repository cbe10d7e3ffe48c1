import Model

/// Turns a parsed feed into an `OfficialStatus`.
///
/// - Each entry's status is its newest real update label (Statuspage's `<strong>` labels;
///   "Update" is skipped), else a status word in its title ("[RESOLVED] …", "Investigating: …").
/// - In a feed where some entries have a status, entries without one are taken as closed
///   history (`status` resolved, `rawStatus` nil). The indicator is `none` with no open
///   incident, else the worst open impact (feeds carry none, so `minor`; `maintenance` for
///   maintenance in progress). `rawIndicator` is nil: a feed states no indicator of its own.
/// - A feed where no entry has a status is a log of status changes (Fedora's `changes.rss`):
///   the newest title is the current status, read by keywords (`StatusWords.indicator`),
///   and the description; older entries are closed history.
enum FeedStatus {
    static func status(of feed: ParsedFeed) -> OfficialStatus {
        let statuses = feed.entries.map(entryStatus)
        guard statuses.contains(where: { $0 != nil }) else { return statusChangeLog(feed) }
        var incidents: [OfficialIncident] = []
        incidents.reserveCapacity(statuses.count)
        for (entry, found) in zip(feed.entries, statuses) {
            incidents.append(incident(entry, status: found?.status ?? .resolved, rawStatus: found?.raw))
        }
        let open = incidents.filter(\.isOpen)
        let indicator = StatusWords.derivedIndicator(components: [], incidents: open)
        return OfficialStatus(
            indicator: indicator, rawIndicator: nil,
            description: open.isEmpty ? "No open incidents" : open.map(\.title).joined(separator: "; "),
            components: [], incidents: incidents)
    }

    private static func statusChangeLog(_ feed: ParsedFeed) -> OfficialStatus {
        guard let newest = feed.entries.first else {
            return OfficialStatus(indicator: .none, rawIndicator: nil, description: "No entries", incidents: [])
        }
        let current = StatusWords.indicator(forText: newest.title)
        let problem = current.severity > OfficialIndicator.none.severity
        var incidents = feed.entries.map { incident($0, status: .resolved, rawStatus: nil) }
        if problem {
            incidents[0].status = nil
            incidents[0].impact = current
        }
        return OfficialStatus(
            indicator: current, rawIndicator: nil, description: newest.title.nonEmpty, incidents: incidents)
    }

    private static func incident(_ entry: FeedEntry, status: IncidentStatus?, rawStatus: String?) -> OfficialIncident {
        let impact: OfficialIndicator? =
            (status == .inProgress || status == .verifying || status == .scheduled) ? .maintenance : nil
        return OfficialIncident(
            title: entry.title, status: status, rawStatus: rawStatus, impact: impact, rawImpact: nil,
            startedAt: entry.published, updatedAt: entry.updated, url: entry.link)
    }

    /// The entry's status and the vendor word it came from, or nil when it shows none.
    static func entryStatus(_ entry: FeedEntry) -> (status: IncidentStatus, raw: String)? {
        for label in entry.updateLabels {
            if let status = IncidentStatusWord.parse(label) { return (status, label) }
        }
        return titleStatus(entry.title)
    }

    /// A status word at the start of a title or in brackets: "[RESOLVED] …", "Resolved: …",
    /// "Investigating - …", "Service is operating normally: [RESOLVED] …".
    static func titleStatus(_ title: String) -> (status: IncidentStatus, raw: String)? {
        var bytes = title
        if let answer = bytes.withUTF8({ asciiTitleStatus($0) }) { return answer }
        return titleStatusWithStrings(title)
    }

    /// `titleStatus` through String operations only (the reference for the ASCII path).
    static func titleStatusWithStrings(_ title: String) -> (status: IncidentStatus, raw: String)? {
        let lower = title.lowercased()
        let words: [(String, IncidentStatus)] = [
            ("resolved", .resolved), ("completed", .completed), ("postmortem", .resolved),
            ("investigating", .investigating), ("identified", .identified), ("monitoring", .monitoring),
            ("in progress", .inProgress), ("verifying", .verifying), ("scheduled", .scheduled),
        ]
        for (word, status) in words {
            if lower.contains("[\(word)]") || lower.hasPrefix("\(word):") || lower.hasPrefix("\(word) -")
                || lower.hasPrefix("\(word) –")
            {
                return (status, word)
            }
        }
        return nil
    }

    /// The status words of `titleStatus`, in its order, as bytes.
    private static let titleWords: [(word: [UInt8], status: IncidentStatus)] = [
        ("resolved", IncidentStatus.resolved), ("completed", .completed), ("postmortem", .resolved),
        ("investigating", .investigating), ("identified", .identified), ("monitoring", .monitoring),
        ("in progress", .inProgress), ("verifying", .verifying), ("scheduled", .scheduled),
    ].map { (Array($0.0.utf8), $0.1) }

    /// `titleStatus` for an ASCII title, where lowercasing and the String searches are byte
    /// operations (no Character can span or join the ASCII patterns); nil for other titles.
    private static func asciiTitleStatus(_ title: UnsafeBufferPointer<UInt8>) -> (status: IncidentStatus, raw: String)??
    {
        for byte in title where byte >= 0x80 { return nil }
        let count = title.count
        // `title.lowercased()` compared with the lowercase words, without making the copy.
        func lowered(_ index: Int) -> UInt8 {
            let byte = title[index]
            return (byte >= 0x41 && byte <= 0x5A) ? byte + 0x20 : byte
        }
        func matches(_ word: [UInt8], at start: Int) -> Bool {
            guard start + word.count <= count else { return false }
            for index in 0..<word.count where lowered(start + index) != word[index] { return false }
            return true
        }
        func hasPrefix(_ word: [UInt8], _ suffix: UInt8...) -> Bool {
            guard matches(word, at: 0), word.count + suffix.count <= count else { return false }
            for index in 0..<suffix.count where title[word.count + index] != suffix[index] { return false }
            return true
        }
        func containsBracketed(_ word: [UInt8]) -> Bool {
            let length = word.count + 2
            guard count >= length else { return false }
            for start in 0...(count - length) where title[start] == UInt8(ascii: "[") {
                if title[start + length - 1] == UInt8(ascii: "]"), matches(word, at: start + 1) { return true }
            }
            return false
        }
        for (word, status) in titleWords {
            // "word –" (en dash) cannot match ASCII text.
            if containsBracketed(word) || hasPrefix(word, UInt8(ascii: ":")) || hasPrefix(word, 0x20, UInt8(ascii: "-"))
            {
                return .some((status, String(decoding: word, as: UTF8.self)))
            }
        }
        return .some(nil)
    }
}

/// `IncidentStatus.parse` without Foundation for ASCII labels (trim, lowercase, `" "` and
/// `"-"` to `"_"`, then the raw value or "postmortem"); other labels go to it.
enum IncidentStatusWord {
    static func parse(_ label: String) -> IncidentStatus? {
        var label = label
        let fast: IncidentStatus?? = label.withUTF8 { bytes in
            for byte in bytes where byte >= 0x80 { return nil }
            func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) }
            var start = 0
            var end = bytes.count
            while start < end && isSpace(bytes[start]) { start += 1 }
            while end > start && isSpace(bytes[end - 1]) { end -= 1 }
            /// The trimmed label, lowercased with " " and "-" as "_", equals `word`.
            func spells(_ word: StaticString) -> Bool {
                guard end - start == word.utf8CodeUnitCount else { return false }
                let letters = word.utf8Start
                for offset in 0..<(end - start) {
                    var byte = bytes[start + offset]
                    if byte == 0x20 || byte == 0x2D {
                        byte = 0x5F
                    } else if byte >= 0x41 && byte <= 0x5A {
                        byte += 0x20
                    }
                    if byte != letters[offset] { return false }
                }
                return true
            }
            switch end - start {
            case 8:
                return .some(spells("resolved") ? .resolved : nil)
            case 9:
                if spells("scheduled") { return .some(.scheduled) }
                if spells("verifying") { return .some(.verifying) }
                if spells("completed") { return .some(.completed) }
                return .some(nil)
            case 10:
                if spells("identified") { return .some(.identified) }
                if spells("monitoring") { return .some(.monitoring) }
                if spells("postmortem") { return .some(.resolved) }
                return .some(nil)
            case 11: return .some(spells("in_progress") ? .inProgress : nil)
            case 13: return .some(spells("investigating") ? .investigating : nil)
            default: return .some(nil)
            }
        }
        if let fast { return fast }
        return IncidentStatus.parse(label)
    }
}

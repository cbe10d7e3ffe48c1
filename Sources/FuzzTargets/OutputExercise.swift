import Foundation
import Model

/// Reads every field of a parser's result and renders it the way the rest of Downtrack does,
/// so a bug that only shows after parsing (in a label, a date, the stored JSON) is reached too.
enum OutputExercise {
    /// Every field of a status, and its round trip through the JSON the store keeps.
    static func status(_ status: OfficialStatus) {
        FuzzSink.consume(status.indicator.rawValue)
        FuzzSink.consume(status.indicator.label)
        FuzzSink.consume(status.indicator.severity)
        FuzzSink.consume(status.rawIndicator ?? "")
        FuzzSink.consume(status.description ?? "")
        for component in status.components {
            FuzzSink.consume(component.name)
            FuzzSink.consume(component.status.rawValue)
            FuzzSink.consume(component.status.label)
            FuzzSink.consume(component.rawStatus)
        }
        for incident in status.incidents {
            FuzzSink.consume(incident.title)
            FuzzSink.consume(incident.status?.rawValue ?? "")
            FuzzSink.consume(incident.rawStatus ?? "")
            FuzzSink.consume(incident.impact?.label ?? "")
            FuzzSink.consume(incident.rawImpact ?? "")
            FuzzSink.consume(incident.url ?? "")
            FuzzSink.consume(incident.isOpen)
            if let startedAt = incident.startedAt { timestamp(startedAt) }
            if let updatedAt = incident.updatedAt { timestamp(updatedAt) }
        }
        FuzzSink.consume(status.openIncidents.count)
        storedJSONRoundTrip(status)
        published(status.inert)
    }

    /// What may be published (`OfficialStatus.inert`): no control characters in any text, only
    /// absolute http(s) links, and nothing left for a second cleaning to change.
    private static func published(_ status: OfficialStatus) {
        var texts = [status.rawIndicator, status.description].compactMap { $0 }
        texts += status.components.flatMap { [$0.name, $0.rawStatus] }
        texts += status.incidents.flatMap { [$0.title, $0.rawStatus, $0.rawImpact].compactMap { $0 } }
        for text in texts {
            FuzzSink.consume(text)
            FuzzInvariant.require(
                !text.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) },
                "published text \(text.debugDescription) holds a control character")
        }
        for url in status.incidents.compactMap(\.url) {
            FuzzSink.consume(url)
            let lowered = url.lowercased()
            FuzzInvariant.require(
                (lowered.hasPrefix("http://") || lowered.hasPrefix("https://"))
                    && !url.utf8.contains { $0 <= 0x20 || $0 == 0x7F || $0 == 0x22 || $0 == 0x3C || $0 == 0x3E },
                "published link \(url.debugDescription) is not a plain http(s) URL")
        }
        FuzzInvariant.require(status.inert == status, "cleaning a published status again changes it")
    }

    /// The status as the store writes it (sorted-key JSON text) must read back unchanged:
    /// a status that does not is silently lost from the service page.
    private static func storedJSONRoundTrip(_ status: OfficialStatus) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let text: String
        do {
            text = String(decoding: try encoder.encode(status), as: UTF8.self)
        } catch {
            FuzzInvariant.require(false, "a parsed status cannot be encoded as JSON: \(error)")
            return
        }
        FuzzSink.consume(text)
        let decoded = try? JSONDecoder().decode(OfficialStatus.self, from: Data(text.utf8))
        FuzzInvariant.require(decoded == status, "a parsed status does not read back from its stored JSON: \(text)")
    }

    /// Every view of a timestamp; one in `Timestamp.plausibleYears` must survive its own ISO 8601 text.
    static func timestamp(_ time: Timestamp) {
        FuzzSink.consume(time.seconds)
        let text = time.iso8601
        FuzzSink.consume(text)
        let (year, month, day, hour, minute, second) = time.civil
        for field in [year, month, day, hour, minute, second, time.weekday, time.secondOfWeek] {
            FuzzSink.consume(field)
        }
        FuzzSink.consume(time.floored(to: 900).seconds)
        if Timestamp.plausibleYears.contains(year) {
            let again = Timestamp(iso8601: text)
            let readBack = again.map { "\($0.seconds) s" } ?? "nothing"
            FuzzInvariant.require(again == time, "\(time.seconds) s formats as \(text), which reads as \(readBack)")
        }
    }

    /// Every field of a service read from a content file, and of its page's text.
    static func service(_ service: Service, text: ServiceText) {
        for text in [
            service.slug, service.name, service.category, service.website ?? "", text.body, service.sourcePath,
        ] {
            FuzzSink.consume(text)
        }
        FuzzSink.consume(service.categorySlug)
        service.aliases.forEach(FuzzSink.consume)
        service.related.forEach(FuzzSink.consume)
        for source in service.statusSources {
            FuzzSink.consume(source.kind.rawValue)
            FuzzSink.consume(source.url)
            for rule in [source.xpath?.indicator, source.xpath?.incidents, source.xpath?.components] {
                FuzzSink.consume(rule ?? "")
            }
        }
        for problem in service.problems {
            FuzzSink.consume(problem.id)
            FuzzSink.consume(problem.title)
            FuzzSink.consume(service.problem(withID: problem.id) != nil)
        }
        for item in text.faq {
            FuzzSink.consume(item.question)
            FuzzSink.consume(item.answer)
        }
    }

    /// Every field of a site configuration.
    static func configuration(_ config: SiteConfiguration) {
        let site = config.site
        for text in [
            site.title, site.baseURL, site.language, site.description, config.database, config.output,
            config.siteOrigin,
        ] {
            FuzzSink.consume(text)
        }
        let intake = config.intake
        FuzzSink.consume(intake.url)
        FuzzSink.consume(intake.host)
        intake.trustedProxies.forEach(FuzzSink.consume)
        let collect = config.collect
        let detection = config.detection
        let reports = config.reports
        for number in [
            intake.port, intake.reportWindowMinutes, intake.ipv6Prefix, collect.concurrency, collect.timeoutSeconds,
            collect.maxBodyBytes, collect.staleAfterMinutes, collect.maxRedirects, detection.windowMinutes,
            detection.minimumReports, detection.calmMinutes, reports.minuteRetentionDays,
            reports.historyRetentionDays, config.notify.confirmationsPerHour,
        ] {
            FuzzSink.consume(number)
        }
        FuzzSink.consume(collect.allowPrivateAddresses)
        FuzzSink.consume(config.content.allowRawHTML)
        FuzzSink.consume(config.notify.from)
        FuzzSink.consume(config.notify.sendmail)
        config.notify.webhooks.forEach(FuzzSink.consume)
        FuzzSink.consume(config.notify.webhookSecret ?? "")
    }

    /// The words a user would read for an error.
    static func error(_ error: any Error) {
        FuzzSink.consume(String(describing: error))
    }
}

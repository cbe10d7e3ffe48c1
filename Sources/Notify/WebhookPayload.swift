import Foundation
import Model

/// What a webhook is told about a state change, in the shape its receiver expects: Slack
/// (`{"text"}`) for hooks.slack.com, Discord (`{"content"}`) for discord.com, and otherwise
/// Downtrack's own JSON, signed (`X-Downtrack-Signature: sha256=<hex HMAC of the body>`).
public struct WebhookPayload: Sendable {
    /// Which body a URL gets.
    public enum Flavor: Sendable, Equatable { case generic, slack, discord }

    public var changeID: Int64
    public var change: StateChange
    public var serviceName: String
    public var title: String
    public var pageURL: String
    /// The crowd episode a change back to normal ends, if any: the generic body then carries
    /// `episode` (`start`, `end`, `duration_minutes`, `worst_state`).
    public var episode: OutageEpisode?

    /// The flavor for a webhook URL, by its host.
    public static func flavor(of url: String) -> Flavor {
        let host = URLComponents(string: url)?.host?.lowercased() ?? ""
        if host == "hooks.slack.com" { return .slack }
        if host == "discord.com" || host == "discordapp.com" || host.hasSuffix(".discord.com") { return .discord }
        return .generic
    }

    /// The JSON body for `url`.
    public func body(for url: String) -> String {
        var object: [String: Any]
        switch Self.flavor(of: url) {
        case .slack: object = ["text": "\(title) <\(pageURL)|Live status>"]
        case .discord: object = ["content": "\(title) \(pageURL)"]
        case .generic:
            object = [
                "event": "state_change", "id": changeID, "service": change.slug, "name": serviceName,
                "state": change.to.rawValue, "previous_state": change.from.rawValue, "at": change.at.iso8601,
                "reason": change.reason, "title": title, "url": pageURL,
            ]
            if let episode, let end = episode.end, let minutes = NoticeComposer.durationMinutes(episode) {
                object["episode"] = [
                    "start": episode.start.iso8601, "end": end.iso8601, "duration_minutes": minutes,
                    "worst_state": episode.worstState.rawValue,
                ]
            }
        }
        let data =
            (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]))
            ?? Data()
        return String(decoding: data, as: UTF8.self)
    }

    /// The value of `X-Downtrack-Signature` for `body` under `secret`.
    public static func signature(body: String, secret: String) -> String {
        "sha256=" + HMACSHA256.hex(key: Array(secret.utf8), message: Array(body.utf8))
    }
}

import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// How one delivery attempt ended.
public enum DeliveryResult: Sendable, Equatable {
    case delivered
    /// Worth trying again later (the relay or receiver is down, busy, or timed out).
    case retry(String)
    /// Trying again will not help (the receiver refused it).
    case failed(String)
}

/// The two ways out: a mail message to a sendmail-compatible program, and an HTTP POST.
/// Tests pass their own to watch what is sent.
public struct DeliveryTransport: Sendable {
    public var sendMail: @Sendable (_ message: String) async -> DeliveryResult
    public var postWebhook:
        @Sendable (_ url: String, _ body: String, _ headers: [String: String]) async -> DeliveryResult

    public init(
        sendMail: @escaping @Sendable (String) async -> DeliveryResult,
        postWebhook: @escaping @Sendable (String, String, [String: String]) async -> DeliveryResult
    ) {
        self.sendMail = sendMail
        self.postWebhook = postWebhook
    }

    /// Mail through `sendmailCommand` (`notify.sendmail`), webhooks over HTTP.
    public static func live(sendmailCommand: String, timeoutSeconds: Double = 30) -> DeliveryTransport {
        let sendmail = Sendmail(command: sendmailCommand, timeoutSeconds: timeoutSeconds)
        return DeliveryTransport(
            sendMail: { await sendmail.send($0) },
            postWebhook: { await postJSON(url: $0, body: $1, headers: $2, timeoutSeconds: timeoutSeconds) })
    }

    /// One POST of a JSON body. 2xx is delivered; 408, 425, 429, 5xx and network errors are
    /// retried; other answers are final.
    static func postJSON(url: String, body: String, headers: [String: String], timeoutSeconds: Double) async
        -> DeliveryResult
    {
        guard let target = URL(string: url) else { return .failed("'\(url)' is not a URL") }
        var request = URLRequest(url: target, timeoutInterval: timeoutSeconds)
        request.httpMethod = "POST"
        request.httpBody = Data(body.utf8)
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.setValue("Downtrack", forHTTPHeaderField: "User-Agent")
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        let session = URLSession(configuration: .ephemeral)
        defer { session.finishTasksAndInvalidate() }
        do {
            let (_, response) = try await session.data(for: request)
            let status = (response as? HTTPURLResponse)?.statusCode ?? 0
            switch status {
            case 200..<300: return .delivered
            case 408, 425, 429, 500...599: return .retry("HTTP \(status) from \(target.host ?? url)")
            default: return .failed("HTTP \(status) from \(target.host ?? url)")
            }
        } catch {
            return .retry("cannot reach \(target.host ?? url): \(error.localizedDescription)")
        }
    }
}

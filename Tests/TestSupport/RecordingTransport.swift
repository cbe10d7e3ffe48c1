import Foundation
import Notify

/// Records what would have been mailed or posted, and answers as told.
public final class RecordingTransport: @unchecked Sendable {
    private let lock = NSLock()
    private var mails: [String] = []
    private var calls: [(url: String, body: String, headers: [String: String])] = []
    private var answer: DeliveryResult = .delivered

    public init() {}

    /// The mails sent so far, in order.
    public var sentMails: [String] { lock.withLock { mails } }
    /// The webhook calls made so far, in order.
    public var webhookCalls: [(url: String, body: String, headers: [String: String])] { lock.withLock { calls } }

    /// What every following attempt returns.
    public func answer(_ result: DeliveryResult) { lock.withLock { answer = result } }

    /// The transport to hand to the code under test.
    public var transport: DeliveryTransport {
        DeliveryTransport(
            sendMail: { [self] message in
                lock.withLock {
                    if answer == .delivered { mails.append(message) }
                    return answer
                }
            },
            postWebhook: { [self] url, body, headers in
                lock.withLock {
                    if answer == .delivered { calls.append((url, body, headers)) }
                    return answer
                }
            })
    }

    /// Waits until `count` mails were sent.
    public func waitForMails(_ count: Int, seconds: Double = 10) async -> [String] {
        let deadline = Date().addingTimeInterval(seconds)
        while sentMails.count < count, Date() < deadline { try? await Task.sleep(nanoseconds: 20_000_000) }
        return sentMails
    }
}

import Foundation
import IntakeRules

/// The intake's own delivery loop for confirmation mail: a sign-up pokes it, and it retries
/// every `interval` seconds. Notices are left to `downtrack notify`.
public final class ConfirmationMailer: Sendable {
    private let deliverer: OutboxDeliverer
    private let wake: AsyncStream<Void>.Continuation
    private let stream: AsyncStream<Void>
    private let tasks = Locked<(loop: Task<Void, Never>?, timer: Task<Void, Never>?)>((nil, nil))
    private let interval: Double

    /// A mailer that delivers confirmation mail through `deliverer`, retrying every `interval` seconds.
    public init(deliverer: OutboxDeliverer, interval: Double = 30) {
        self.deliverer = deliverer
        self.interval = interval
        (stream, wake) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
    }

    /// Starts the loop (and delivers anything already due).
    public func start() {
        let stream = stream
        let deliverer = deliverer
        let wake = wake
        let interval = interval
        tasks.withLock { tasks in
            guard tasks.loop == nil else { return }
            tasks.loop = Task {
                for await _ in stream {
                    do {
                        let summary = try await deliverer.deliverDue(purpose: .confirm)
                        if let error = summary.lastError { Self.warn("confirmation mail not sent yet: \(error)") }
                    } catch {
                        Self.warn("confirmation mail: \(error)")
                    }
                }
            }
            tasks.timer = Task {
                while !Task.isCancelled {
                    wake.yield()
                    try? await Task.sleep(nanoseconds: UInt64(interval * 1_000_000_000))
                }
            }
        }
    }

    private static func warn(_ text: String) {
        FileHandle.standardError.write(Data("intake: \(text)\n".utf8))
    }

    /// Asks for a delivery pass soon.
    public func poke() { wake.yield() }

    /// Stops after the pass under way, if any.
    public func stop() async {
        let (loop, timer) = tasks.withLock { ($0.loop, $0.timer) }
        timer?.cancel()
        wake.finish()
        await loop?.value
    }
}

import Foundation
import IntakeRules
import Model

/// Watches for signs that the proxy set-up is wrong and says so once: in the log when first
/// seen, and from then on in `/healthz`.
///
/// The sign: `X-Forwarded-For`, `Forwarded` or `X-Real-IP` arriving from a peer that is not in
/// `intake.trusted_proxies`. Those headers are then ignored (as they must be), so every visitor
/// who comes through that proxy counts as one client. No client address is ever named.
final class ProxySetupMonitor: Sendable {
    /// The headers that mean "a proxy forwarded this".
    static let forwardingHeaders = ["X-Forwarded-For", "Forwarded", "X-Real-IP"]

    private let warnings = Locked<[String]>([])
    private let log: @Sendable (String) -> Void

    /// - Parameter log: where a new warning is written (standard error by default).
    init(log: @escaping @Sendable (String) -> Void = ProxySetupMonitor.standardError) {
        self.log = log
    }

    static func standardError(_ line: String) {
        FileHandle.standardError.write(Data("intake: warning: \(line)\n".utf8))
    }

    /// Every warning so far, oldest first (at most a handful: one per kind).
    var current: [String] { warnings.withLock { $0 } }

    /// Notes that `header` came from an untrusted peer of kind `peer` ("a loopback address").
    func forwardedHeaderFromUntrustedPeer(_ header: String, peer: String) {
        note(
            "\(header) arrived from \(peer) that is not in intake.trusted_proxies, so it is ignored and every visitor "
                + "coming through that proxy counts as one client; list the proxy's address (or the CDN's ranges) "
                + "in intake.trusted_proxies")
    }

    /// Notes, at start, a configuration that cannot be right: a loopback listener that trusts no proxy.
    func loopbackListenerTrustsNoProxy() {
        note(
            "the intake listens on a loopback address but intake.trusted_proxies is empty: behind a proxy on this "
                + "machine, every visitor counts as one client; list the proxy (e.g. \"127.0.0.1\", \"::1\")")
    }

    private func note(_ warning: String) {
        let isNew = warnings.withLock { warnings in
            guard !warnings.contains(warning) else { return false }
            warnings.append(warning)
            return true
        }
        if isNew { log(warning) }
    }

    /// A word for the kind of `address`, without the address itself.
    static func kind(of address: IPAddress?) -> String {
        guard let address else { return "a peer without an IP address" }
        if loopback.contains(where: { $0.contains(address) }) { return "a loopback address" }
        if privateRanges.contains(where: { $0.contains(address) }) { return "a private-network address" }
        return "a public address"
    }

    /// Whether `address` is on this machine (127.0.0.0/8, ::1).
    static func isLoopback(_ address: IPAddress) -> Bool { loopback.contains { $0.contains(address) } }

    private static let loopback = ["127.0.0.0/8", "::1/128"].compactMap(AddressRange.init)
    private static let privateRanges = [
        "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "169.254.0.0/16", "fc00::/7", "fe80::/10",
    ]
    .compactMap(AddressRange.init)
}

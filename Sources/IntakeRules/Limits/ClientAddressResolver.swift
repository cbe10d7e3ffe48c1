import Model

/// Decides which address a request comes from: the connection's, or — only when the
/// connection is a trusted proxy (`intake.trusted_proxies`) — the client named in
/// `X-Forwarded-For`. The address is only ever hashed into a client key, never kept.
public struct ClientAddressResolver: Sendable {
    let trusted: [AddressRange]

    /// - Throws: `IntakeSetupError.badTrustedProxy` naming an entry that is neither an address nor a range.
    public init(trustedProxies: [String]) throws {
        trusted = try trustedProxies.map { entry in
            guard let range = AddressRange(entry) else { throw IntakeSetupError.badTrustedProxy(entry) }
            return range
        }
    }

    package func isTrusted(_ address: IPAddress) -> Bool { trusted.contains { $0.contains(address) } }

    /// The client's address. `forwardedFor` holds every `X-Forwarded-For` value in order.
    /// Walking from the right, the first hop that is not a trusted proxy is the client; a
    /// malformed hop stops the walk at the last good one.
    public func clientAddress(connection: String?, forwardedFor: [String]) -> String {
        guard let connection, let direct = IPAddress(connection) else { return connection ?? "unknown" }
        return AddressText.describe(client(connection: direct, forwardedFor: forwardedFor))
    }

    /// `clientAddress(connection:forwardedFor:)` for a connection whose address is already read,
    /// as an address rather than text.
    public func client(connection direct: IPAddress, forwardedFor: [String]) -> IPAddress {
        guard !forwardedFor.isEmpty, isTrusted(direct) else { return direct }
        var client = direct
        for value in forwardedFor.reversed() {
            for hop in value.split(separator: ",").reversed() {
                guard let address = AddressText.parse(hop) else { return client }
                client = address
                if !isTrusted(address) { return client }
            }
        }
        return client
    }
}

/// A setting the intake cannot start with, in words an operator can act on.
public enum IntakeSetupError: Error, Equatable, CustomStringConvertible {
    case badTrustedProxy(String)

    public var description: String {
        switch self {
        case .badTrustedProxy(let entry):
            "intake.trusted_proxies: '\(entry)' is neither an IP address nor a CIDR range (e.g. 10.0.0.0/8)"
        }
    }
}

import Foundation
import Hummingbird
import IntakeRules
import Model

/// The request context of the intake routes: Hummingbird's core context plus the address of
/// the connection (only ever hashed into a client key, never stored or logged).
public struct IntakeRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The peer's IP address, when the connection has one (read from the socket address as
    /// bytes, without a round trip through text).
    public let connectionIP: IPAddress?

    /// The peer's IP address as text (an IPv4-mapped IPv6 peer in its IPv4 form), when the
    /// connection has one.
    public var connectionAddress: String? { connectionIP.map(AddressText.describe) }

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        switch source.channel.remoteAddress {
        case .v4(let v4)?: connectionIP = withUnsafeBytes(of: v4.address.sin_addr) { IPAddress(bytes: Array($0)) }
        case .v6(let v6)?: connectionIP = withUnsafeBytes(of: v6.address.sin6_addr) { IPAddress(bytes: Array($0)) }
        default: connectionIP = nil
        }
    }
}

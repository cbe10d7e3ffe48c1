import Hummingbird

/// The request context of the intake routes: Hummingbird's core context plus the address of
/// the connection (only ever hashed into a client key, never stored or logged).
public struct IntakeRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The peer's IP address as text, when the connection has one.
    public let connectionAddress: String?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        connectionAddress = source.channel.remoteAddress?.ipAddress
    }
}

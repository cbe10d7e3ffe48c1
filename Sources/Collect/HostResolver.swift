import Foundation
import Model

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Turns a host name into the addresses a connection to it may use. A seam, so tests can
/// stand a public-looking answer in for a name.
public protocol HostResolving: Sendable {
    /// Every address `host` resolves to (an address literal resolves to itself), or why not.
    /// - Parameters:
    ///   - host: a name or an address literal, without brackets.
    ///   - timeout: the most seconds to wait for an answer.
    func addresses(of host: String, timeout: Double) async -> Result<[IPAddress], FetchFailure>
}

/// The system resolver (`getaddrinfo`), the same one the HTTP transfer then uses. The call
/// blocks, so it runs on its own thread; past the timeout the answer is abandoned.
public struct SystemHostResolver: HostResolving {
    /// The system resolver.
    public init() {}

    public func addresses(of host: String, timeout: Double) async -> Result<[IPAddress], FetchFailure> {
        let answer = ResolverAnswer()
        return await withCheckedContinuation { continuation in
            answer.install(continuation)
            Thread.detachNewThread { answer.deliver(Self.lookUp(host)) }
            DispatchQueue.global().asyncAfter(deadline: .now() + max(0.05, timeout)) {
                answer.deliver(.failure(.timedOut(seconds: timeout)))
            }
        }
    }

    /// `getaddrinfo` for TCP, any family.
    static func lookUp(_ host: String) -> Result<[IPAddress], FetchFailure> {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        #if canImport(Glibc)
            hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        #else
            hints.ai_socktype = SOCK_STREAM
        #endif
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, nil, &hints, &list) == 0, let first = list else {
            return .failure(.hostNotFound(host))
        }
        defer { freeaddrinfo(first) }
        var addresses: [IPAddress] = []
        var current: UnsafeMutablePointer<addrinfo>? = first
        while let entry = current {
            current = entry.pointee.ai_next
            guard let socketAddress = entry.pointee.ai_addr else { continue }
            switch entry.pointee.ai_family {
            case AF_INET:
                let address = UnsafeRawPointer(socketAddress).loadUnaligned(as: sockaddr_in.self)
                var raw = address.sin_addr
                if let ip = IPAddress(bytes: withUnsafeBytes(of: &raw) { Array($0) }) { addresses.append(ip) }
            case AF_INET6:
                let address = UnsafeRawPointer(socketAddress).loadUnaligned(as: sockaddr_in6.self)
                var raw = address.sin6_addr
                if let ip = IPAddress(bytes: withUnsafeBytes(of: &raw) { Array($0) }) { addresses.append(ip) }
            default:
                continue
            }
        }
        return addresses.isEmpty ? .failure(.hostNotFound(host)) : .success(addresses)
    }
}

/// The first answer of a resolution (the lookup or the deadline), delivered exactly once.
private final class ResolverAnswer: @unchecked Sendable {
    private let lock = NSLock()
    private var continuation: CheckedContinuation<Result<[IPAddress], FetchFailure>, Never>?

    func install(_ continuation: CheckedContinuation<Result<[IPAddress], FetchFailure>, Never>) {
        lock.withLock { self.continuation = continuation }
    }

    func deliver(_ result: Result<[IPAddress], FetchFailure>) {
        let waiting = lock.withLock { () -> CheckedContinuation<Result<[IPAddress], FetchFailure>, Never>? in
            defer { continuation = nil }
            return continuation
        }
        waiting?.resume(returning: result)
    }
}

import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Who claimed an outbox row: `host:pid`. Lets a later run tell a delivery that is still under
/// way (its process lives) from one whose process died between sending and recording.
public enum DeliveryOwner {
    /// This process.
    public static var current: String { "\(hostName):\(getpid())" }

    /// The machine's name, without a DNS lookup.
    static var hostName: String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return "localhost" }
        return String(cString: buffer)
    }

    /// Whether the process named by `owner` may still be running. Owners on another host are
    /// assumed alive (the claim's lease decides for them).
    public static func isAlive(_ owner: String) -> Bool {
        guard let colon = owner.lastIndex(of: ":"), let pid = Int32(owner[owner.index(after: colon)...]) else {
            return false
        }
        guard owner[..<colon] == hostName else { return true }
        if pid == getpid() { return true }
        return kill(pid, 0) == 0 || errno == EPERM
    }
}

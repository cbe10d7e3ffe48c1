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
    public static var current: String { "\(ProcessInfo.processInfo.hostName):\(getpid())" }

    /// Whether the process named by `owner` may still be running. Owners on another host are
    /// assumed alive (the claim's lease decides for them).
    public static func isAlive(_ owner: String) -> Bool {
        guard let colon = owner.lastIndex(of: ":"), let pid = Int32(owner[owner.index(after: colon)...]) else { return false }
        guard owner[..<colon] == ProcessInfo.processInfo.hostName else { return true }
        if pid == getpid() { return true }
        return kill(pid, 0) == 0 || errno == EPERM
    }
}

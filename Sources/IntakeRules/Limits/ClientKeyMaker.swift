import Foundation
import Model

/// Turns a client address into a key that tells clients apart for a day without storing
/// the address: a keyed hash with a secret that changes every UTC day.
///
/// An IPv4 client is its whole address; an IPv6 client is its leading `ipv6PrefixBits` bits
/// (a /64 by default: one home or one server usually holds a whole /64, so its addresses are
/// one client). An IPv4-mapped IPv6 address (`::ffff:192.0.2.1`) counts as IPv4.
public struct ClientKeyMaker: Sendable {
    /// The secret all keys are derived from (kept in the database, never published).
    let secret: String
    /// Leading bits of an IPv6 address that name a client (1…128).
    public let ipv6PrefixBits: Int
    /// The HMAC of the last day a key was made for (the key of a day changes once a day).
    private let daily = Locked<(day: Int64, hmac: KeyedHMAC)?>(nil)

    /// - Parameters:
    ///   - secret: the secret behind every key.
    ///   - ipv6PrefixBits: `intake.ipv6_prefix`; values outside 1…128 are clamped.
    public init(secret: String, ipv6PrefixBits: Int = 64) {
        self.secret = secret
        self.ipv6PrefixBits = min(128, max(1, ipv6PrefixBits))
    }

    /// The key of `address` on the UTC day of `at`. Text that is not an IP address is hashed as is.
    public func key(for address: String, at: Timestamp) -> String {
        key(name: clientName(address), at: at)
    }

    /// The key of the client at `address` on the UTC day of `at` (the same as for its text).
    public func key(for address: IPAddress, at: Timestamp) -> String {
        key(name: clientName(address), at: at)
    }

    private func key(name: String, at: Timestamp) -> String {
        let day = at.seconds / 86_400
        let hmac = daily.withLock { daily in
            if let daily, daily.day == day { return daily.hmac }
            let hmac = KeyedHMAC(key: Array("\(secret):\(day)".utf8))
            daily = (day, hmac)
            return hmac
        }
        return hexString(hmac.mac(Array(name.utf8)))
    }

    /// What names the client behind `address`: the IPv4 address, or the IPv6 prefix (`2001:db8:1:2::/64`).
    public func clientName(_ address: String) -> String {
        guard let parsed = AddressText.parse(address) else { return address }
        return clientName(parsed)
    }

    /// What names the client at `address` (see `clientName(_:)` for its text).
    public func clientName(_ address: IPAddress) -> String {
        if address.isIPv4 { return AddressText.describe(address) }
        return "\(address.masked(toPrefixBits: ipv6PrefixBits).description)/\(ipv6PrefixBits)"
    }
}

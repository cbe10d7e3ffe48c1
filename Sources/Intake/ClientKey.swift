import Foundation
import Model

/// Turns a client address into a key that tells clients apart for a day without storing
/// the address: a keyed hash with a secret that changes every UTC day.
public struct ClientKeyMaker: Sendable {
    /// The secret all keys are derived from (kept in the database, never published).
    let secret: String

    public init(secret: String) { self.secret = secret }

    /// The key of `address` on the UTC day of `at`.
    public func key(for address: String, at: Timestamp) -> String {
        let day = at.seconds / 86_400
        return HMACSHA256.hex(key: Array("\(secret):\(day)".utf8), message: Array(address.utf8))
    }
}

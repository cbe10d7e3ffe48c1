import Model

/// Signed links for "Notify me": a confirmation link that expires, and an unsubscribe link.
///
/// A token is `<purpose>.<id>.<nonce>.<expires>.<mac>`: the sign-up's row id and nonce, the
/// expiry (0 for none) and an HMAC-SHA256 of the rest with a secret kept in the database.
/// Changing any character makes it invalid; a confirm token cannot unsubscribe and vice versa.
public struct SubscriptionTokens: Sendable {
    /// What a token is for.
    public enum Purpose: String, Sendable {
        case confirm = "c"
        case unsubscribe = "u"
    }

    /// What a valid token says.
    public struct Claims: Sendable, Equatable {
        public var purpose: Purpose
        public var id: Int64
        public var nonce: String
        public var expires: Timestamp?
    }

    /// Why a token was refused.
    public enum Failure: Error, Equatable {
        /// Cut off, changed, or made for another purpose.
        case invalid
        /// Genuine, but too old.
        case expired(Timestamp)
    }

    private let key: [UInt8]

    /// - Parameter secret: the signing secret (never published).
    public init(secret: String) { key = Array("downtrack-subscription-token:\(secret)".utf8) }

    /// A token for sign-up `id` with `nonce`, valid until `expires` (forever when nil).
    public func make(_ purpose: Purpose, id: Int64, nonce: String, expires: Timestamp?) -> String {
        let body = "\(purpose.rawValue).\(id).\(nonce).\(expires?.seconds ?? 0)"
        return body + "." + mac(body)
    }

    /// Checks a token given as raw bytes (decoded as UTF-8, bad sequences replaced), as a
    /// link's query may carry anything. Never traps, whatever the bytes.
    public func verify(bytes: [UInt8], purpose: Purpose, now: Timestamp) -> Result<Claims, Failure> {
        verify(String(decoding: bytes, as: UTF8.self), purpose: purpose, now: now)
    }

    /// Checks `token` for `purpose` at `now`: well formed, signed with this secret, made for
    /// `purpose`, and not expired.
    public func verify(_ token: String, purpose: Purpose, now: Timestamp) -> Result<Claims, Failure> {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 5, parts[0] == purpose.rawValue, let id = Int64(parts[1]), let expires = Int64(parts[3]),
            !parts[2].isEmpty, parts[2].allSatisfy({ $0.isLetter || $0.isNumber })
        else { return .failure(.invalid) }
        let body = parts[0...3].joined(separator: ".")
        guard constantTimeEqual(Array(mac(body).utf8), Array(parts[4].utf8)) else { return .failure(.invalid) }
        let expiry = expires == 0 ? nil : Timestamp(seconds: expires)
        if let expiry, now > expiry { return .failure(.expired(expiry)) }
        return .success(Claims(purpose: purpose, id: id, nonce: String(parts[2]), expires: expiry))
    }

    private func mac(_ body: String) -> String {
        String(HMACSHA256.hex(key: key, message: Array(body.utf8)).prefix(32))
    }

    private func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for index in a.indices { difference |= a[index] ^ b[index] }
        return difference == 0
    }
}

/// Random hex for nonces and secrets.
public func randomHex(bytes count: Int) -> String {
    var generator = SystemRandomNumberGenerator()
    return hexString((0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) })
}

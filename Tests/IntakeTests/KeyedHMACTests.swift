import Model
import XCTest

@testable import IntakeRules

/// The client keys' HMAC, with its key's blocks hashed once, gives libcrypto's HMAC-SHA256 for
/// keys and messages of every length around SHA-256's block and padding boundaries.
final class KeyedHMACTests: XCTestCase {
    func testEqualsLibcryptoForKeysAndMessagesOfEveryLength() {
        var generator = SystemRandomNumberGenerator()
        for keyLength in [0, 1, 20, 55, 56, 63, 64, 65, 70, 128, 200] {
            let key = (0..<keyLength).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let keyed = KeyedHMAC(key: key)
            for messageLength in 0...140 {
                let message = (0..<messageLength).map { _ in UInt8.random(in: 0...255, using: &generator) }
                XCTAssertEqual(
                    keyed.mac(message), HMACSHA256.mac(key: key, message: message),
                    "key \(keyLength) bytes, message \(messageLength) bytes")
            }
        }
    }

    func testRFC4231TestCaseTwo() {
        let mac = KeyedHMAC(key: Array("Jefe".utf8)).mac(Array("what do ya want for nothing?".utf8))
        XCTAssertEqual(hexString(mac), "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
    }

    func testClientKeysStayWhatTheyWereAndChangeWithTheDay() {
        let keys = ClientKeyMaker(secret: "s")
        let day = Timestamp(iso8601: "2026-11-26T14:00:00Z")!
        let expected = HMACSHA256.hex(key: Array("s:\(day.seconds / 86_400)".utf8), message: Array("198.51.100.1".utf8))
        XCTAssertEqual(keys.key(for: "198.51.100.1", at: day), expected)
        XCTAssertEqual(keys.key(for: "198.51.100.1", at: day.adding(seconds: 3600)), expected)
        XCTAssertNotEqual(keys.key(for: "198.51.100.1", at: day.adding(seconds: 86_400)), expected)
    }
}

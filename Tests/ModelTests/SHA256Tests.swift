import Model
import XCTest

/// Known answers: FIPS 180-4's examples for SHA-256 and RFC 4231's test cases for HMAC-SHA256.
final class SHA256Tests: XCTestCase {
    func testSHA256OfTheFIPSExamples() {
        XCTAssertEqual(
            SHA256.hex(Array("abc".utf8)), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        XCTAssertEqual(SHA256.hex([]), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        XCTAssertEqual(
            SHA256.hex(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        XCTAssertEqual(
            SHA256.hex([UInt8](repeating: 0x61, count: 1_000_000)),
            "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    func testDigestIsThirtyTwoBytesOfTheHex() {
        let digest = SHA256.digest(Array("abc".utf8))
        XCTAssertEqual(digest.count, 32)
        XCTAssertEqual(hexString(digest), SHA256.hex(Array("abc".utf8)))
        XCTAssertEqual(Array(digest.prefix(4)), [0xba, 0x78, 0x16, 0xbf])
    }

    func testHMACOfRFC4231Cases() {
        let cases: [(key: [UInt8], message: [UInt8], mac: String)] = [
            (
                [UInt8](repeating: 0x0b, count: 20), Array("Hi There".utf8),
                "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"
            ),
            (
                Array("Jefe".utf8), Array("what do ya want for nothing?".utf8),
                "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
            ),
            (
                [UInt8](repeating: 0xaa, count: 20), [UInt8](repeating: 0xdd, count: 50),
                "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"
            ),
            (
                Array(1...25), [UInt8](repeating: 0xcd, count: 50),
                "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b"
            ),
            (
                [UInt8](repeating: 0xaa, count: 131),
                Array("Test Using Larger Than Block-Size Key - Hash Key First".utf8),
                "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"
            ),
            (
                [UInt8](repeating: 0xaa, count: 131),
                Array(
                    ("This is a test using a larger than block-size key and a larger than block-size data. "
                        + "The key needs to be hashed before being used by the HMAC algorithm.").utf8),
                "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2"
            ),
        ]
        for (number, test) in zip([1, 2, 3, 4, 6, 7], cases) {
            XCTAssertEqual(HMACSHA256.hex(key: test.key, message: test.message), test.mac, "RFC 4231 case \(number)")
            XCTAssertEqual(hexString(HMACSHA256.mac(key: test.key, message: test.message)), test.mac)
        }
    }

    func testHMACTakesAnEmptyKeyAndAnEmptyMessage() {
        // A webhook secret may be configured as an empty string; HMAC pads it to 64 zero bytes.
        let expected = "b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad"
        XCTAssertEqual(HMACSHA256.hex(key: [], message: []), expected)
        XCTAssertEqual(HMACSHA256.hex(key: [0], message: []), expected)
        XCTAssertEqual(
            HMACSHA256.hex(key: Array("key".utf8), message: Array("The quick brown fox jumps over the lazy dog".utf8)),
            "f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8")
    }

    func testHMACHashesAKeyLongerThanOneBlock() {
        let key = [UInt8](repeating: 0x5a, count: 65)
        let message = Array("block edge".utf8)
        XCTAssertEqual(
            HMACSHA256.hex(key: key, message: message), HMACSHA256.hex(key: SHA256.digest(key), message: message))
        XCTAssertNotEqual(
            HMACSHA256.hex(key: Array(key.prefix(64)), message: message),
            HMACSHA256.hex(key: SHA256.digest(Array(key.prefix(64))), message: message))
    }
}

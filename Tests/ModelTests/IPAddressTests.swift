import Model
import XCTest

/// One address type for the collector's address rules and the intake's client keys.
final class IPAddressTests: XCTestCase {
    func testEverySpellingOfOneAddressIsOneValue() {
        XCTAssertEqual(IPAddress("192.0.2.1"), IPAddress("::ffff:192.0.2.1"))
        XCTAssertEqual(IPAddress("192.0.2.1"), IPAddress(bytes: [192, 0, 2, 1]))
        XCTAssertEqual(IPAddress(" 192.0.2.1:8080 "), IPAddress("192.0.2.1"))
        XCTAssertEqual(IPAddress("[2001:DB8::1]:443"), IPAddress("2001:db8::1"))
        XCTAssertEqual(IPAddress("fe80::1%eth0"), IPAddress("fe80::1"))
        XCTAssertEqual(IPAddress("::ffff:10.0.0.5")?.description, "10.0.0.5")
        XCTAssertEqual(IPAddress("2001:DB8::1")?.description, "2001:db8::1")
        XCTAssertEqual(IPAddress("::ffff:10.0.0.5")?.ipv4Bytes, [10, 0, 0, 5])
        XCTAssertNil(IPAddress("2001:db8::1")?.ipv4Bytes)
    }

    func testNamesAndMalformedTextAreNotAddresses() {
        for text in ["status.example.com", "999.1.1.1", "", "1.2.3", "2130706433", "0x7f.1", "[::1"] {
            XCTAssertNil(IPAddress(text), text)
        }
        XCTAssertNil(IPAddress(bytes: [1, 2, 3]))
    }

    func testMaskingKeepsOnlyThePrefix() {
        XCTAssertEqual(IPAddress("2001:db8:1:2:ffff::9")?.masked(toPrefixBits: 64), IPAddress("2001:db8:1:2::"))
        XCTAssertEqual(IPAddress("10.1.2.3")?.masked(toPrefixBits: 96 + 8), IPAddress("10.0.0.0"))
        XCTAssertEqual(IPAddress("10.1.2.3")?.masked(toPrefixBits: 500), IPAddress("10.1.2.3"))
        XCTAssertEqual(IPAddress("10.1.2.3")?.masked(toPrefixBits: -1), IPAddress("::"))
    }
}

import Model
import XCTest

@testable import Collect

/// Which addresses count as public.
final class AddressPolicyTests: XCTestCase {
    private func kind(_ text: String) -> String? {
        guard let address = IPAddress(text) else {
            XCTFail("not an address: \(text)")
            return nil
        }
        return AddressPolicy.restriction(of: address)
    }

    func testNonPublicAddressesAreNamed() {
        let refused: [(String, String)] = [
            ("127.0.0.1", "a loopback address"), ("127.255.255.254", "a loopback address"),
            ("0.0.0.0", "an unspecified address"), ("0.1.2.3", "an unspecified address"),
            ("10.0.0.5", "a private address"), ("172.16.0.1", "a private address"),
            ("172.31.255.255", "a private address"),
            ("192.168.1.1", "a private address"), ("100.64.0.1", "a shared (carrier-grade NAT) address"),
            ("100.127.255.255", "a shared (carrier-grade NAT) address"), ("169.254.1.1", "a link-local address"),
            ("169.254.169.254", "the cloud metadata address"), ("224.0.0.1", "a multicast address"),
            ("239.255.255.250", "a multicast address"), ("255.255.255.255", "the broadcast address"),
            ("240.0.0.1", "a reserved address"), ("::1", "a loopback address"), ("::", "an unspecified address"),
            ("fc00::1", "a private (unique local) address"), ("fd12:3456::1", "a private (unique local) address"),
            ("fe80::1", "a link-local address"), ("febf::1", "a link-local address"),
            ("ff02::1", "a multicast address"),
            ("::ffff:127.0.0.1", "a loopback address"), ("::ffff:10.0.0.1", "a private address"),
            ("::ffff:169.254.169.254", "the cloud metadata address"), ("::127.0.0.1", "a loopback address"),
            ("::10.1.2.3", "a private address"), ("64:ff9b::a9fe:a9fe", "the cloud metadata address"),
            ("2002:7f00:1::", "a loopback address"), ("[::1]", "a loopback address"),
        ]
        for (address, expected) in refused { XCTAssertEqual(kind(address), expected, address) }
    }

    func testPublicAddressesPass() {
        for address in [
            "93.184.216.34", "1.1.1.1", "8.8.8.8", "172.15.255.255", "172.32.0.1", "100.63.255.255", "100.128.0.1",
            "169.253.1.1", "192.169.0.1", "2606:4700::1111", "2001:4860:4860::8888", "::ffff:8.8.8.8",
            "64:ff9b::808:808", "2002:808:808::",
        ] {
            XCTAssertNil(kind(address), address)
        }
    }

    func testAddressTextRoundTrips() {
        XCTAssertEqual(IPAddress("10.0.0.5")?.description, "10.0.0.5")
        // An IPv4-mapped address is the IPv4 address it carries, and is written as one.
        XCTAssertEqual(IPAddress("::ffff:10.0.0.5"), IPAddress("10.0.0.5"))
        XCTAssertEqual(IPAddress("::ffff:10.0.0.5")?.description, "10.0.0.5")
        XCTAssertEqual(IPAddress("2001:DB8::1")?.description, "2001:db8::1")
        XCTAssertNil(IPAddress("status.example.com"))
        XCTAssertNil(IPAddress("999.1.1.1"))
    }
}

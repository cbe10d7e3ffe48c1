import Foundation
import Model
import XCTest

@testable import Intake
@testable import IntakeRules

/// The intake's fast readers (flat JSON bodies, plain IPv4 addresses, field trimming) give
/// exactly what the general readers give, for the bodies and addresses they take and for the
/// ones they hand on.
final class FastReaderTests: XCTestCase {
    static let bodies: [String] = [
        #"{"service":"chatapp","problem":"login"}"#,
        " \t\r\n{ \"service\" : \"chatapp\" ,\n\"problem\":\"login\" } \n",
        #"{}"#, #"{ }"#, #"{"a":""}"#, #"{"":"x"}"#,
        #"{"service":"chat\"app","problem":"login"}"#, #"{"service":"chat\\app"}"#, #"{"service":"\u0041"}"#,
        #"{"service":"caf\#u{E9}","problem":"login"}"#, #"{"service":"a","service":"b"}"#,
        #"{"service":"chatapp","problem":5}"#, #"{"service":null}"#, #"{"service":["x"]}"#,
        #"{"service":{"a":"b"}}"#, #"{"service":"chatapp""#, #"{"service":"chatapp",}"#, #"{,}"#,
        #"{"service":"chatapp"} x"#, #"{"service":"chatapp"}{}"#, #"["chatapp"]"#, #""chatapp""#, "{\"a\":\"\u{7}\"}",
        "{\"a\":\"tab\there\"}", #"{"a" "b"}"#, #"{"a":"b" "c":"d"}"#, #"{a:"b"}"#, "", " ", "{",
    ]

    func testFlatJSONIsReadAsTheGeneralParserReadsIt() {
        var bodies = Self.bodies
        // Every prefix of a typical body, and single-byte changes of it.
        let base = Array(#"{"service":"chatapp","problem":"login"}"#.utf8)
        for end in 0...base.count { bodies.append(String(decoding: base[..<end], as: UTF8.self)) }
        for index in base.indices {
            for byte: UInt8 in [0x20, 0x22, 0x2C, 0x3A, 0x5C, 0x7B, 0x7D, 0x30, 0x00, 0xC3] {
                var changed = base
                changed[index] = byte
                bodies.append(String(decoding: changed, as: UTF8.self))
            }
        }
        for body in bodies {
            let bytes = Array(body.utf8)
            let fast = Result { () throws(PostedFields.DecodeError) in try PostedFields.decodeJSON(bytes) }
            let general = Result { () throws(PostedFields.DecodeError) in try PostedFields.decodeAnyJSON(bytes) }
            XCTAssertEqual(fast, general, body)
        }
        XCTAssertNotNil(FlatJSONObject.read(base), "the usual body takes the fast path")
        XCTAssertNil(FlatJSONObject.read(Array(#"{"a":"b","a":"c"}"#.utf8)), "a repeated key is left to the parser")
    }

    func testPlainIPv4IsReadAndWrittenAsIPAddressDoes() {
        let texts = [
            "198.51.100.7", "0.0.0.0", "255.255.255.255", " 10.0.0.1", "10.0.0.1 ", "\t10.0.0.1\t", "256.1.1.1",
            "01.2.3.4", "1.02.3.4", "1.2.3", "1.2.3.4.5", "1..2.3", ".1.2.3", "1.2.3.", "1.2.3.4:80", "1 .2.3.4",
            "1.2.3.4x", "1234.1.1.1", "", "::1", "2001:db8::1", "::ffff:1.2.3.4", "[2001:db8::1]:443", "fe80::1%eth0",
            "garbage", "1.2.3.4\u{A0}",
        ]
        for text in texts {
            XCTAssertEqual(AddressText.parse(text), IPAddress(text), text)
            XCTAssertEqual(AddressText.parse(Substring(text)), IPAddress(text), text)
        }
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<500 {
            let bytes = (0..<4).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let address = IPAddress(bytes: bytes)!
            XCTAssertEqual(AddressText.describe(address), address.description)
            XCTAssertEqual(AddressText.parse(address.description), address)
        }
        let six = IPAddress("2001:db8::7")!
        XCTAssertEqual(AddressText.describe(six), six.description)
    }

    func testTrustedRangesMatchAsMaskingDoes() {
        let ranges = ["10.0.0.0/8", "127.0.0.1", "172.16.0.0/12", "2001:db8::/32", "::/0", "0.0.0.0/0", "fe80::/10"]
            .compactMap(AddressRange.init)
        let addresses = [
            "10.1.2.3", "11.0.0.1", "127.0.0.1", "127.0.0.2", "172.31.255.255", "172.32.0.0",
            "2001:db8:1::1", "2001:db9::1", "fe80::1", "febf::1", "::1",
        ].compactMap { IPAddress($0) }
        for range in ranges {
            for address in addresses {
                XCTAssertEqual(
                    range.contains(address), address.masked(toPrefixBits: range.prefixBits) == range.base,
                    "\(range.base) \(address)")
            }
        }
    }

    func testFieldsAreTrimmedAsFoundationTrims() {
        let values = ["chatapp", " chatapp", "chatapp\n", "\u{A0}chatapp", "chatapp\u{2028}", "a", " ", "", "x y", "é"]
        for value in values {
            XCTAssertEqual(PostedFields.trimmed(value), value.trimmingCharacters(in: .whitespacesAndNewlines), value)
        }
    }

    func testJSONIsAskedForAsBeforeWhateverTheCase() {
        XCTAssertTrue(RequestGate.acceptsJSON(accept: "text/html, Application/JSON;q=0.9", contentType: nil))
        XCTAssertTrue(RequestGate.acceptsJSON(accept: nil, contentType: "APPLICATION/json; charset=utf-8"))
        XCTAssertFalse(RequestGate.acceptsJSON(accept: "text/html", contentType: "text/plain; application/json"))
        XCTAssertFalse(RequestGate.acceptsJSON(accept: "application/jso", contentType: "application/jso"))
        XCTAssertFalse(RequestGate.acceptsJSON(accept: "", contentType: ""))
        XCTAssertTrue(RequestGate.acceptsJSON(accept: "\u{E9}, application/json", contentType: nil))
    }
}

import Model

/// Reading and writing client addresses on the intake's hot path: a plain dotted IPv4 address
/// (`198.51.100.7`, the usual `X-Forwarded-For` hop) is read and written here directly;
/// everything else goes through `IPAddress`, so the result is always what `IPAddress` gives.
package enum AddressText {
    /// `IPAddress(text)`.
    package static func parse(_ text: some StringProtocol) -> IPAddress? {
        if let four = plainIPv4(text.utf8) { return IPAddress(bytes: four) }
        return IPAddress(text)
    }

    /// `address.description`.
    package static func describe(_ address: IPAddress) -> String {
        guard address.isIPv4 else { return address.description }
        let bytes = address.bytes
        return "\(bytes[12]).\(bytes[13]).\(bytes[14]).\(bytes[15])"
    }

    /// The four bytes of `a.b.c.d` (each part 0…255 in decimal without leading zeros, as
    /// `inet_pton` reads them), with spaces and tabs around it; nil for any other text.
    static func plainIPv4(_ utf8: some Collection<UInt8>) -> [UInt8]? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(4)
        var value = 0
        var digits = 0
        var started = false
        var ended = false
        for byte in utf8 {
            switch byte {
            case UInt8(ascii: " "), UInt8(ascii: "\t"):
                if started { ended = true }
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                guard !ended, digits < 3, !(digits == 1 && value == 0) else { return nil }
                started = true
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
                digits += 1
            case UInt8(ascii: "."):
                guard !ended, digits > 0, value <= 255, bytes.count < 3 else { return nil }
                bytes.append(UInt8(value))
                value = 0
                digits = 0
            default:
                return nil
            }
        }
        guard digits > 0, value <= 255, bytes.count == 3 else { return nil }
        bytes.append(UInt8(value))
        return bytes
    }
}

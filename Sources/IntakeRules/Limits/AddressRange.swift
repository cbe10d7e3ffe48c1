/// An address or a CIDR range (`10.0.0.0/8`, `2001:db8::/32`, `127.0.0.1`).
public struct AddressRange: Sendable, Equatable {
    let base: [UInt8]
    let prefixBits: Int

    /// Parses an address or `address/bits`; nil for anything else.
    public init?(_ text: String) {
        let parts = text.split(separator: "/", maxSplits: 1)
        guard let first = parts.first, let address = IPAddress(first) else { return nil }
        let maximum = address.isIPv4 ? 32 : 128
        var bits = maximum
        if parts.count == 2 {
            guard let value = Int(parts[1]), (0...maximum).contains(value) else { return nil }
            bits = value
        }
        base = address.bytes
        prefixBits = address.isIPv4 ? bits + 96 : bits
    }

    /// Whether `address` is in the range.
    public func contains(_ address: IPAddress) -> Bool {
        var remaining = prefixBits
        for index in 0..<16 where remaining > 0 {
            let mask: UInt8 = remaining >= 8 ? 0xff : ~(0xff >> UInt8(remaining))
            if base[index] & mask != address.bytes[index] & mask { return false }
            remaining -= 8
        }
        return true
    }
}

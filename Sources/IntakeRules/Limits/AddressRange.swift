import Model

/// An address or a CIDR range (`10.0.0.0/8`, `2001:db8::/32`, `127.0.0.1`).
public struct AddressRange: Sendable, Equatable {
    /// The range's first address (every bit after the prefix cleared).
    let base: IPAddress
    /// Leading bits of the 16-byte form that every address in the range shares (96 more than
    /// written for IPv4, whose addresses are held IPv4-mapped).
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
        prefixBits = address.isIPv4 ? bits + 96 : bits
        base = address.masked(toPrefixBits: prefixBits)
    }

    /// Whether `address` is in the range.
    public func contains(_ address: IPAddress) -> Bool {
        // Bytes past the prefix are zero in `base`, so only the prefix's bytes are compared.
        let bytes = address.bytes
        let baseBytes = base.bytes
        guard bytes.count == 16, baseBytes.count == 16 else { return address.masked(toPrefixBits: prefixBits) == base }
        var remaining = prefixBits
        var index = 0
        while remaining > 0, index < 16 {
            let keep = min(8, remaining)
            let mask = ~UInt8(0xFF >> keep)
            if bytes[index] & mask != baseBytes[index] { return false }
            remaining -= keep
            index += 1
        }
        return true
    }
}

import Model

/// Which addresses a source may be fetched from: public ones only, unless the site allows
/// private ones (`collect.allow_private_addresses`).
///
/// A content file names a URL, and the collector publishes what the answer said; without this
/// rule a source (or a redirect) could make the collector read the machine's own services,
/// the local network or a cloud metadata endpoint (169.254.169.254), and put a summary of it
/// on the public page.
public enum AddressPolicy {
    /// What kind of non-public address this is ("a loopback address", "a private address",
    /// "the cloud metadata address" …), or nil for a public address.
    public static func restriction(of address: IPAddress) -> String? {
        // IPv4, written as such or IPv4-mapped (::ffff:a.b.c.d): the IPv4 rules apply.
        address.ipv4Bytes.map(restriction(ipv4:)) ?? restriction(ipv6: address.bytes)
    }

    private static func restriction(ipv4 b: [UInt8]) -> String? {
        switch (b[0], b[1]) {
        case (0, _): return "an unspecified address"
        case (10, _): return "a private address"
        case (100, 64...127): return "a shared (carrier-grade NAT) address"
        case (127, _): return "a loopback address"
        case (169, 254): return b[2] == 169 && b[3] == 254 ? "the cloud metadata address" : "a link-local address"
        case (172, 16...31): return "a private address"
        case (192, 0) where b[2] == 0: return "a reserved address"
        case (192, 168): return "a private address"
        case (198, 18...19): return "a reserved address"
        case (224...239, _): return "a multicast address"
        case (240...255, _): return b == [255, 255, 255, 255] ? "the broadcast address" : "a reserved address"
        default: return nil
        }
    }

    private static func restriction(ipv6 b: [UInt8]) -> String? {
        if b[0..<12].allSatisfy({ $0 == 0 }) {
            if b[12..<15].allSatisfy({ $0 == 0 }) {
                if b[15] == 0 { return "an unspecified address" }
                if b[15] == 1 { return "a loopback address" }
            }
            // IPv4-compatible (::a.b.c.d, deprecated): the IPv4 rules apply, and nothing is public.
            return restriction(ipv4: Array(b[12..<16])) ?? "a reserved address"
        }
        // NAT64 (64:ff9b::/96) and 6to4 (2002::/16) carry an IPv4 address inside.
        if b[0] == 0x00, b[1] == 0x64, b[2] == 0xFF, b[3] == 0x9B, b[4..<12].allSatisfy({ $0 == 0 }) {
            return restriction(ipv4: Array(b[12..<16]))
        }
        if b[0] == 0x20, b[1] == 0x02, let inner = restriction(ipv4: Array(b[2..<6])) { return inner }
        if b[0] & 0xFE == 0xFC { return "a private (unique local) address" }
        if b[0] == 0xFE, b[1] & 0xC0 == 0x80 { return "a link-local address" }
        if b[0] == 0xFE, b[1] & 0xC0 == 0xC0 { return "a site-local address" }
        if b[0] == 0xFF { return "a multicast address" }
        if b[0] == 0x01, b[1..<8].allSatisfy({ $0 == 0 }) { return "a discard-only address" }
        return nil
    }
}

import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An IPv4 or IPv6 address as 16 bytes (IPv4 as an IPv4-mapped IPv6 address), so both
/// spellings of one client give one key.
public struct IPAddress: Hashable, Sendable, CustomStringConvertible {
    /// The 16 bytes, network order.
    public let bytes: [UInt8]

    /// Parses `1.2.3.4`, `::1`, `::ffff:1.2.3.4`, and the same with a port (`1.2.3.4:80`, `[::1]:80`).
    public init?(_ text: some StringProtocol) {
        var text = String(text).trimmingCharacters(in: .whitespaces)
        if text.hasPrefix("["), let close = text.firstIndex(of: "]") {
            text = String(text[text.index(after: text.startIndex)..<close])
        } else if text.filter({ $0 == ":" }).count == 1, let colon = text.firstIndex(of: ":") {
            text = String(text[..<colon])
        }
        if let zone = text.firstIndex(of: "%") { text = String(text[..<zone]) }
        var v4 = in_addr()
        if inet_pton(AF_INET, text, &v4) == 1 {
            let value = withUnsafeBytes(of: &v4) { Array($0) }
            bytes = [UInt8](repeating: 0, count: 10) + [0xff, 0xff] + value
            return
        }
        var v6 = in6_addr()
        guard inet_pton(AF_INET6, text, &v6) == 1 else { return nil }
        bytes = withUnsafeBytes(of: &v6) { Array($0) }
    }

    /// Whether this is an IPv4 address (written as one, or IPv4-mapped IPv6).
    public var isIPv4: Bool { bytes.prefix(10).allSatisfy { $0 == 0 } && bytes[10] == 0xff && bytes[11] == 0xff }

    /// The address with every bit after the first `bits` cleared (`bits` from 0 to 128).
    public func masked(toPrefixBits bits: Int) -> IPAddress {
        var result = bytes
        var remaining = min(128, max(0, bits))
        for index in 0..<16 {
            let keep = min(8, remaining)
            result[index] &= keep == 0 ? 0 : ~UInt8(0xff >> keep)
            remaining -= keep
        }
        return IPAddress(bytes: result)
    }

    private init(bytes: [UInt8]) { self.bytes = bytes }

    /// The canonical spelling: dotted for IPv4, RFC 5952 for IPv6.
    public var description: String {
        if isIPv4 { return bytes.suffix(4).map(String.init).joined(separator: ".") }
        var v6 = in6_addr()
        withUnsafeMutableBytes(of: &v6) { $0.copyBytes(from: bytes) }
        var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        guard inet_ntop(AF_INET6, &v6, &buffer, socklen_t(buffer.count)) != nil else { return "::" }
        return String(cString: buffer)
    }
}

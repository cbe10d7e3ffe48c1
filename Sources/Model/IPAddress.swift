import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An IPv4 or IPv6 address as 16 bytes in network order, an IPv4 address held as its
/// IPv4-mapped IPv6 form (`::ffff:a.b.c.d`), so both spellings of one address are one value.
///
/// Reading and writing use `inet_pton` and `inet_ntop`, which are pure conversions; nothing
/// here resolves a name or touches the network.
public struct IPAddress: Hashable, Sendable, CustomStringConvertible {
    /// The 16 bytes, network order.
    public let bytes: [UInt8]

    /// An address from its bytes as a socket API gives them: 4 for IPv4, 16 for IPv6; nil for
    /// any other count.
    public init?(bytes: [UInt8]) {
        switch bytes.count {
        case 4: self.bytes = Self.mappedPrefix + bytes
        case 16: self.bytes = bytes
        default: return nil
        }
    }

    /// Parses `1.2.3.4`, `2001:db8::1`, `::ffff:1.2.3.4`, and the same with surrounding spaces,
    /// brackets, a port (`1.2.3.4:80`, `[::1]:80`) or a zone (`fe80::1%eth0`). Nil for anything
    /// else, host names included.
    public init?(_ text: some StringProtocol) {
        var text = String(text).trimmingCharacters(in: .whitespaces)
        if text.hasPrefix("["), let close = text.firstIndex(of: "]") {
            text = String(text[text.index(after: text.startIndex)..<close])
        } else if text.filter({ $0 == ":" }).count == 1, let colon = text.firstIndex(of: ":") {
            text = String(text[..<colon])
        }
        if let zone = text.firstIndex(of: "%") { text = String(text[..<zone]) }
        var four = in_addr()
        if inet_pton(AF_INET, text, &four) == 1 {
            bytes = Self.mappedPrefix + withUnsafeBytes(of: &four) { Array($0) }
            return
        }
        var six = in6_addr()
        guard inet_pton(AF_INET6, text, &six) == 1 else { return nil }
        bytes = withUnsafeBytes(of: &six) { Array($0) }
    }

    private init(exactly bytes: [UInt8]) { self.bytes = bytes }

    /// `::ffff:0:0/96`, the prefix of an IPv4-mapped address.
    private static let mappedPrefix: [UInt8] = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF]

    /// Whether this is an IPv4 address (written as one, or IPv4-mapped IPv6).
    public var isIPv4: Bool { bytes.starts(with: Self.mappedPrefix) }

    /// The four bytes of an IPv4 address, or nil for an IPv6 address.
    public var ipv4Bytes: [UInt8]? { isIPv4 ? Array(bytes[12..<16]) : nil }

    /// The address with every bit after the first `bits` of the 16 bytes cleared (`bits` is
    /// clamped to 0…128; for an IPv4 address the first 96 bits are the mapped prefix).
    public func masked(toPrefixBits bits: Int) -> IPAddress {
        var result = bytes
        var remaining = min(128, max(0, bits))
        for index in 0..<16 {
            let keep = min(8, remaining)
            result[index] &= keep == 0 ? 0 : ~UInt8(0xFF >> keep)
            remaining -= keep
        }
        return IPAddress(exactly: result)
    }

    /// The canonical spelling: dotted for IPv4, RFC 5952 for IPv6.
    public var description: String {
        if let four = ipv4Bytes { return four.map(String.init).joined(separator: ".") }
        var six = in6_addr()
        withUnsafeMutableBytes(of: &six) { $0.copyBytes(from: bytes) }
        var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        guard inet_ntop(AF_INET6, &six, &buffer, socklen_t(buffer.count)) != nil else { return "::" }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

import Foundation

/// A small, stable, non-cryptographic 128-bit hash (two FNV-1a lanes) for change detection:
/// the same input gives the same digest on every machine and run.
public struct StableHasher: Sendable {
    private var a: UInt64 = 0xcbf2_9ce4_8422_2325
    private var b: UInt64 = 0x8422_2325_cbf2_9ce4

    public init() {}

    public mutating func combine(_ bytes: some Sequence<UInt8>) {
        for byte in bytes {
            a = (a ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
            b = (b ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 &+ 0x9E37
        }
        // A separator so ("ab","c") and ("a","bc") differ.
        a = (a ^ 0xFF) &* 0x0000_0100_0000_01B3
        b = (b ^ 0xFE) &* 0x0000_0100_0000_01B3
    }

    public mutating func combine(_ text: String) {
        var text = text
        text.withUTF8 { combine(UnsafeRawBufferPointer($0)) }
    }

    /// The fast path for contiguous bytes.
    public mutating func combine(_ bytes: UnsafeRawBufferPointer) {
        var a = self.a
        var b = self.b
        for byte in bytes {
            a = (a ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
            b = (b ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 &+ 0x9E37
        }
        a = (a ^ 0xFF) &* 0x0000_0100_0000_01B3
        b = (b ^ 0xFE) &* 0x0000_0100_0000_01B3
        self.a = a
        self.b = b
    }

    /// Hashes the bytes of `data` in place.
    public mutating func combine(data: some ContiguousBytes) {
        data.withUnsafeBytes { combine($0) }
    }

    public mutating func combine(_ value: Int64) {
        withUnsafeBytes(of: value.littleEndian) { combine($0 as UnsafeRawBufferPointer) }
    }

    /// 32 hex digits.
    public var hexDigest: String {
        func hex(_ value: UInt64) -> String {
            let text = String(value, radix: 16)
            return String(repeating: "0", count: 16 - text.count) + text
        }
        return hex(a) + hex(b)
    }

    /// Digest of one string.
    public static func digest(_ text: String) -> String {
        var hasher = StableHasher()
        hasher.combine(text)
        return hasher.hexDigest
    }
}

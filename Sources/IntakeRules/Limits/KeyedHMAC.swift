import Model

/// HMAC-SHA256 (RFC 2104) under one key, for many short messages: the key's inner and outer
/// blocks are hashed once, when the key is made (RFC 2104, section 4), so each message costs
/// only its own blocks. The intake makes one per UTC day for client keys.
///
/// Equal to `HMACSHA256.mac(key:message:)` for every key and message (a test compares them).
struct KeyedHMAC: Sendable {
    private let inner: SHA256Blocks
    private let outer: SHA256Blocks

    init(key: [UInt8]) {
        var block = key.count > SHA256Blocks.blockLength ? SHA256.digest(key) : key
        block += [UInt8](repeating: 0, count: SHA256Blocks.blockLength - block.count)
        var inner = SHA256Blocks()
        inner.compress(block.map { $0 ^ 0x36 }[...])
        var outer = SHA256Blocks()
        outer.compress(block.map { $0 ^ 0x5C }[...])
        self.inner = inner
        self.outer = outer
    }

    /// The 32-byte HMAC of `message`.
    func mac(_ message: [UInt8]) -> [UInt8] {
        outer.finish(inner.finish(message, after: 1), after: 1)
    }
}

/// SHA-256's state after whole 64-byte blocks (FIPS 180-4, section 6.2), from which a message
/// that follows them is finished.
struct SHA256Blocks: Sendable {
    static let blockLength = 64
    private var state: (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32) = (
        0x6a09_e667, 0xbb67_ae85, 0x3c6e_f372, 0xa54f_f53a, 0x510e_527f, 0x9b05_688c, 0x1f83_d9ab, 0x5be0_cd19
    )

    /// The digest of the blocks already hashed (`blocks` of them) followed by `message`.
    func finish(_ message: [UInt8], after blocks: Int) -> [UInt8] {
        var copy = self
        var padded = message
        padded.append(0x80)
        while padded.count % Self.blockLength != 56 { padded.append(0) }
        let bits = UInt64(blocks * Self.blockLength + message.count) &* 8
        for shift in stride(from: 56, through: 0, by: -8) {
            padded.append(UInt8(truncatingIfNeeded: bits >> UInt64(shift)))
        }
        var start = 0
        while start < padded.count {
            copy.compress(padded[start..<start + Self.blockLength])
            start += Self.blockLength
        }
        let words = [
            copy.state.0, copy.state.1, copy.state.2, copy.state.3, copy.state.4, copy.state.5, copy.state.6,
            copy.state.7,
        ]
        return words.flatMap { word in [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: word >> UInt32($0)) } }
    }

    /// Hashes one 64-byte block into the state.
    mutating func compress(_ block: ArraySlice<UInt8>) {
        state = withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { w in
            compress(block, schedule: w)
        }
    }

    /// The state after `block`, with `w` as the room for its message schedule (64 words).
    private func compress(
        _ block: ArraySlice<UInt8>, schedule w: UnsafeMutableBufferPointer<UInt32>
    ) -> (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32) {
        var index = block.startIndex
        for t in 0..<16 {
            w[t] =
                UInt32(block[index]) << 24 | UInt32(block[index + 1]) << 16 | UInt32(block[index + 2]) << 8
                | UInt32(block[index + 3])
            index += 4
        }
        for t in 16..<64 {
            let s0 = rotate(w[t - 15], 7) ^ rotate(w[t - 15], 18) ^ (w[t - 15] >> 3)
            let s1 = rotate(w[t - 2], 17) ^ rotate(w[t - 2], 19) ^ (w[t - 2] >> 10)
            w[t] = w[t - 16] &+ s0 &+ w[t - 7] &+ s1
        }
        var (a, b, c, d, e, f, g, h) = state
        for t in 0..<64 {
            let s1 = rotate(e, 6) ^ rotate(e, 11) ^ rotate(e, 25)
            let choice = (e & f) ^ (~e & g)
            let temp1 = h &+ s1 &+ choice &+ Self.constants[t] &+ w[t]
            let s0 = rotate(a, 2) ^ rotate(a, 13) ^ rotate(a, 22)
            let majority = (a & b) ^ (a & c) ^ (b & c)
            let temp2 = s0 &+ majority
            (h, g, f, e, d, c, b, a) = (g, f, e, d &+ temp1, c, b, a, temp1 &+ temp2)
        }
        return (
            state.0 &+ a, state.1 &+ b, state.2 &+ c, state.3 &+ d, state.4 &+ e, state.5 &+ f, state.6 &+ g,
            state.7 &+ h
        )
    }

    private func rotate(_ value: UInt32, _ count: UInt32) -> UInt32 { (value >> count) | (value << (32 - count)) }

    /// The first 32 bits of the fractional parts of the cube roots of the first 64 primes.
    private static let constants: [UInt32] = [
        0x428a_2f98, 0x7137_4491, 0xb5c0_fbcf, 0xe9b5_dba5, 0x3956_c25b, 0x59f1_11f1, 0x923f_82a4, 0xab1c_5ed5,
        0xd807_aa98, 0x1283_5b01, 0x2431_85be, 0x550c_7dc3, 0x72be_5d74, 0x80de_b1fe, 0x9bdc_06a7, 0xc19b_f174,
        0xe49b_69c1, 0xefbe_4786, 0x0fc1_9dc6, 0x240c_a1cc, 0x2de9_2c6f, 0x4a74_84aa, 0x5cb0_a9dc, 0x76f9_88da,
        0x983e_5152, 0xa831_c66d, 0xb003_27c8, 0xbf59_7fc7, 0xc6e0_0bf3, 0xd5a7_9147, 0x06ca_6351, 0x1429_2967,
        0x27b7_0a85, 0x2e1b_2138, 0x4d2c_6dfc, 0x5338_0d13, 0x650a_7354, 0x766a_0abb, 0x81c2_c92e, 0x9272_2c85,
        0xa2bf_e8a1, 0xa81a_664b, 0xc24b_8b70, 0xc76c_51a3, 0xd192_e819, 0xd699_0624, 0xf40e_3585, 0x106a_a070,
        0x19a4_c116, 0x1e37_6c08, 0x2748_774c, 0x34b0_bcb5, 0x391c_0cb3, 0x4ed8_aa4a, 0x5b9c_ca4f, 0x682e_6ff3,
        0x748f_82ee, 0x78a5_636f, 0x84c8_7814, 0x8cc7_0208, 0x90be_fffa, 0xa450_6ceb, 0xbef9_a3f7, 0xc671_78f2,
    ]
}

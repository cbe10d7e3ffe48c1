internal import CLibCrypto

/// SHA-256 (FIPS 180-4), computed by the system's libcrypto.
public enum SHA256 {
    /// Bytes in a digest.
    static let digestLength = 32

    /// The 32-byte digest of `message`.
    public static func digest(_ message: [UInt8]) -> [UInt8] {
        var digest = [UInt8](repeating: 0, count: digestLength)
        var written: UInt32 = 0
        let status = message.withUnsafeBytes { input in
            digest.withUnsafeMutableBufferPointer { output in
                EVP_Digest(input.baseAddress, input.count, output.baseAddress, &written, EVP_sha256(), nil)
            }
        }
        // libcrypto fails here only when it cannot allocate or has no SHA-256 provider at all.
        precondition(status == 1 && written == digestLength, "libcrypto could not compute SHA-256")
        return digest
    }

    /// Lowercase hex of the digest.
    public static func hex(_ message: [UInt8]) -> String { hexString(digest(message)) }
}

/// HMAC with SHA-256 (RFC 2104), computed by the system's libcrypto.
public enum HMACSHA256 {
    /// SHA-256's block size: HMAC hashes a longer key down to a digest first.
    private static let blockLength = 64

    /// The 32-byte HMAC of `message` under `key` (any length, empty included).
    public static func mac(key: [UInt8], message: [UInt8]) -> [UInt8] {
        // Hashing a long key here is what HMAC does anyway (RFC 2104, section 2); it keeps the
        // length within libcrypto's `int`. An empty key is padded to the same 64 zero bytes as
        // a single zero byte, and the zero byte gives libcrypto a key pointer that is never nil.
        let key = key.count > blockLength ? SHA256.digest(key) : key.isEmpty ? [0] : key
        let keyLength = Int32(key.count)  // 1...64 after the line above.
        var mac = [UInt8](repeating: 0, count: SHA256.digestLength)
        var written: UInt32 = 0
        let result = key.withUnsafeBytes { keyBytes in
            message.withUnsafeBufferPointer { input in
                mac.withUnsafeMutableBufferPointer { output in
                    HMAC(
                        EVP_sha256(), keyBytes.baseAddress, keyLength, input.baseAddress, input.count,
                        output.baseAddress, &written)
                }
            }
        }
        precondition(result != nil && written == SHA256.digestLength, "libcrypto could not compute HMAC-SHA256")
        return mac
    }

    /// Lowercase hex of the HMAC.
    public static func hex(key: [UInt8], message: [UInt8]) -> String { hexString(mac(key: key, message: message)) }
}

/// Lowercase hex of bytes.
public func hexString(_ bytes: [UInt8]) -> String {
    let digits = Array("0123456789abcdef".utf8)
    var out = [UInt8]()
    out.reserveCapacity(bytes.count * 2)
    for byte in bytes {
        out.append(digits[Int(byte >> 4)])
        out.append(digits[Int(byte & 15)])
    }
    return String(decoding: out, as: UTF8.self)
}

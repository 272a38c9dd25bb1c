import Crypto
import Foundation

/// Turns organisation names into pseudonyms with HMAC-SHA256 under a key supplied for one release.
///
/// A plain hash of a name can be reversed by hashing every municipality's name; a keyed hash cannot without the
/// key. A new key per release keeps pseudonyms from linking one release to the next: the ledger records each
/// key's fingerprint and refuses a key used before unless the releases are meant to be linked.
public struct Pseudonymiser: Sendable {
    private let key: SymmetricKey
    /// The fingerprint of the key: the first 16 hex digits of its SHA-256.
    public let fingerprint: String

    /// The shortest key accepted, in bytes: 256 bits.
    public static let minimumKeyLength = 32

    /// A pseudonymiser keyed with `key`, which must be random.
    ///
    /// - Throws: ``KeyError`` when the key is shorter than ``minimumKeyLength`` bytes or looks typed rather than
    ///   random (printable text, or too few distinct bytes).
    public init(key: [UInt8]) throws(KeyError) {
        guard key.count >= Self.minimumKeyLength else {
            throw KeyError(
                message:
                    "the key is \(key.count) bytes; it must be at least \(Self.minimumKeyLength) random bytes (or \(2 * Self.minimumKeyLength) hex digits)"
            )
        }
        if key.allSatisfy({ (0x20...0x7E).contains($0) }) {
            throw KeyError(message: "the key is printable text, as a typed password is; it must be random bytes")
        }
        // 32 random bytes have about 30 distinct values; fewer than 16 is a pattern, not a key.
        if Set(key).count < 16 {
            throw KeyError(message: "the key repeats too few byte values to be random")
        }
        self.key = SymmetricKey(data: key)
        fingerprint = keyFingerprint(Self.effectiveKey(key))
    }

    /// The key HMAC-SHA256 really uses: one over its 64-byte block is hashed, and a shorter one is padded with
    /// zeros, so `K` and `K` followed by zero bytes are the same key and must have the same fingerprint.
    static func effectiveKey(_ key: [UInt8]) -> [UInt8] {
        let block = 64
        let base = key.count > block ? Array(SHA256.hash(data: key)) : key
        return base + [UInt8](repeating: 0, count: block - base.count)
    }

    /// The key in a key file: raw bytes, or hex digits (as `openssl rand -hex 32` writes), a final newline left out.
    public static func key(fromFile contents: [UInt8]) -> [UInt8] {
        var bytes = contents
        while let last = bytes.last, last == 0x0A || last == 0x0D { bytes.removeLast() }
        func digit(_ byte: UInt8) -> UInt8? {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
            default: nil
            }
        }
        guard !bytes.isEmpty, bytes.count % 2 == 0, bytes.allSatisfy({ digit($0) != nil }) else { return bytes }
        return stride(from: 0, to: bytes.count, by: 2).map { digit(bytes[$0])! << 4 | digit(bytes[$0 + 1])! }
    }

    /// The pseudonym of `organisation`: `org-` and the first 16 hex digits (64 bits) of its HMAC-SHA256.
    public func pseudonym(of organisation: String) -> String {
        // Composed form (NFC), as organisations are counted: one name, one pseudonym, however it was typed.
        let name =
            organisation.unicodeScalars.allSatisfy(\.isASCII)
            ? organisation : organisation.precomposedStringWithCanonicalMapping
        let code = HMAC<SHA256>.authenticationCode(for: Array(name.utf8), using: key)
        let hex = code.prefix(8).map { byte in
            let digits = Array("0123456789abcdef".utf8)
            return String(decoding: [digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]], as: UTF8.self)
        }
        return "org-" + hex.joined()
    }
}

/// A pseudonym key that is refused.
public struct KeyError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong with it.
    public var message: String

    public var description: String { message }
}

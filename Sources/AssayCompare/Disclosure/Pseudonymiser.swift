import Crypto

/// Turns organisation names into pseudonyms with HMAC-SHA256 under a key supplied for one release.
///
/// A plain hash of a name can be reversed by hashing every municipality's name; a keyed hash cannot without the
/// key. A new key per release keeps pseudonyms from linking one release to the next.
public struct Pseudonymiser: Sendable {
    private let key: SymmetricKey

    /// The shortest key accepted, in bytes: 128 bits.
    public static let minimumKeyLength = 16

    /// A pseudonymiser keyed with `key`; `nil` when the key is shorter than ``minimumKeyLength`` bytes.
    public init?(key: [UInt8]) {
        guard key.count >= Self.minimumKeyLength else { return nil }
        self.key = SymmetricKey(data: key)
    }

    /// The pseudonym of `organisation`: `org-` and the first 16 hex digits (64 bits) of its HMAC-SHA256.
    public func pseudonym(of organisation: String) -> String {
        let code = HMAC<SHA256>.authenticationCode(for: Array(organisation.utf8), using: key)
        let hex = code.prefix(8).map { byte in
            let digits = Array("0123456789abcdef".utf8)
            return String(decoding: [digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]], as: UTF8.self)
        }
        return "org-" + hex.joined()
    }
}

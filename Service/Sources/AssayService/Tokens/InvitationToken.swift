import Crypto
import Foundation

/// The signed part of an invitation link: which invitation, and until when it may be used.
///
/// Written `v1.<invitation id>.<expiry, Unix seconds>.<HMAC-SHA256 of the rest, base64url>`. The organisation,
/// rubric and language belong to the invitation's row in the store, which only the signed id reaches, so a link
/// opens one organisation's answers and no other's. The MAC is checked with swift-crypto's constant-time
/// comparison before anything else is looked at.
public struct InvitationToken: Sendable, Hashable {
    /// The invitation's id: 32 hexadecimal digits.
    public var invitationID: String
    /// When the link stops working, in seconds since 1970.
    public var expiresAt: Int

    /// A token for `invitationID`, valid until `expiresAt`.
    public init(invitationID: String, expiresAt: Int) {
        self.invitationID = invitationID
        self.expiresAt = expiresAt
    }

    /// Why a token was refused. Never shown to the visitor: every refusal gets the same page.
    public enum Refusal: Error, Sendable, Hashable {
        /// Not of the token's shape.
        case malformed
        /// The MAC does not match: tampered with, or signed with another key.
        case badSignature
        /// Past its expiry.
        case expired
    }

    private static let version = "v1"
    /// Longer than any token this service writes; refused before any work is done on it.
    static let maximumLength = 160

    /// The token as it appears in the link.
    public func signed(with key: SigningKey) -> String {
        let payload = "\(Self.version).\(invitationID).\(expiresAt)"
        let mac = HMAC<SHA256>.authenticationCode(for: Array(payload.utf8), using: key.key)
        return payload + "." + Data(mac).base64URL
    }

    /// The token in `text`, if it is well formed, signed with `key` and not expired at `now`.
    public static func verify(_ text: String, with key: SigningKey, now: Int) throws(Refusal) -> InvitationToken {
        guard text.utf8.count <= maximumLength else { throw .malformed }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        // The MAC's text must be the one way of writing its bytes: base64 ignores the last character's low bits,
        // so without this check a changed last character would still open the invitation.
        guard parts.count == 4, parts[0] == version, let mac = Data(base64URL: String(parts[3])),
            mac.base64URL == parts[3]
        else {
            throw .malformed
        }
        let payload = parts[0...2].joined(separator: ".")
        guard HMAC<SHA256>.isValidAuthenticationCode(mac, authenticating: Array(payload.utf8), using: key.key) else {
            throw .badSignature
        }
        guard let expiresAt = Int(parts[2]), parts[1].utf8.count == 32 else { throw .malformed }
        guard now < expiresAt else { throw .expired }
        return InvitationToken(invitationID: String(parts[1]), expiresAt: expiresAt)
    }

    /// A new random invitation id: 128 bits from the system's secure generator.
    public static func newInvitationID() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<16).map { _ in UInt8.random(in: .min ... .max, using: &generator) }.hexadecimal
    }
}

extension Data {
    /// Base64url without padding (RFC 4648 §5), for tokens in paths and cookies.
    var base64URL: String {
        base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// The bytes of base64url text without padding; `nil` when it is not.
    init?(base64URL text: String) {
        guard text.utf8.allSatisfy({ $0.isBase64URL }) else { return nil }
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.utf8.count % 4 != 0 { base64 += "=" }
        self.init(base64Encoded: base64)
    }
}

extension UInt8 {
    fileprivate var isBase64URL: Bool {
        switch self {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"):
            true
        default: false
        }
    }
}

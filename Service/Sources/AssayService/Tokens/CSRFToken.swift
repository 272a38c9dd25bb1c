import Crypto
import Foundation

/// The token every form carries, bound to the visitor's session cookie and to one invitation.
///
/// The session cookie (`assay_session`, HttpOnly, SameSite=Strict) holds 256 random bits; a form's hidden
/// `csrf` field holds HMAC-SHA256(key, "csrf" · invitation id · cookie). Another site can make the browser send
/// the cookie but cannot read it or the page, so it cannot write the field; a field copied from one invitation's
/// page does not work for another's. Compared in constant time.
public enum CSRFToken {
    /// The name of the session cookie.
    public static let cookieName = "assay_session"
    /// The name of the hidden form field.
    public static let fieldName = "csrf"

    /// A new session cookie value: 256 random bits, base64url.
    public static func newSession() -> String {
        var generator = SystemRandomNumberGenerator()
        return Data((0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }).base64URL
    }

    /// The form token for `invitationID` in the session `session`.
    public static func token(invitationID: String, session: String, key: SigningKey) -> String {
        Data(HMAC<SHA256>.authenticationCode(for: message(invitationID, session), using: key.key)).base64URL
    }

    /// Whether `token` is the form token for `invitationID` in `session`.
    public static func isValid(_ token: String, invitationID: String, session: String, key: SigningKey) -> Bool {
        guard session.utf8.count >= 32, token.utf8.count <= 64, let mac = Data(base64URL: token) else { return false }
        return HMAC<SHA256>.isValidAuthenticationCode(
            mac, authenticating: message(invitationID, session), using: key.key)
    }

    private static func message(_ invitationID: String, _ session: String) -> [UInt8] {
        Array("csrf.\(invitationID).\(session)".utf8)
    }
}

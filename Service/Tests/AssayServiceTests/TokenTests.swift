import AssayService
import Foundation
import Testing

@Suite struct TokenTests {
    let key = SigningKey(bytes: Array(repeating: 1, count: 32))

    @Test func aSignedTokenVerifiesUntilItExpires() throws {
        let id = InvitationToken.newInvitationID()
        let token = InvitationToken(invitationID: id, expiresAt: 1_000).signed(with: key)
        #expect(
            try InvitationToken.verify(token, with: key, now: 999)
                == InvitationToken(invitationID: id, expiresAt: 1_000))
        #expect(throws: InvitationToken.Refusal.expired) { try InvitationToken.verify(token, with: key, now: 1_000) }
    }

    @Test func changingAnyCharacterOfATokenBreaksIt() throws {
        let token = InvitationToken(invitationID: InvitationToken.newInvitationID(), expiresAt: 5_000).signed(with: key)
        var refused = 0
        for position in token.indices {
            let replacement: Character = token[position] == "A" ? "B" : "A"
            var tampered = token
            tampered.replaceSubrange(position...position, with: [replacement])
            if (try? InvitationToken.verify(tampered, with: key, now: 0)) == nil { refused += 1 }
        }
        // Every one of the token's characters is covered by the signature or is the signature.
        #expect(refused == token.count)
    }

    @Test func aTokenFromAnotherKeyIsRefused() {
        let other = SigningKey(bytes: Array(repeating: 2, count: 32))
        let token = InvitationToken(invitationID: InvitationToken.newInvitationID(), expiresAt: 5_000).signed(
            with: other)
        #expect(throws: InvitationToken.Refusal.badSignature) { try InvitationToken.verify(token, with: key, now: 0) }
    }

    @Test(arguments: ["", ".", "v1...", "v2.00.1.AA", "v1.x.1.!!", String(repeating: "v1.", count: 100)])
    func malformedTokensAreRefused(text: String) {
        #expect(throws: InvitationToken.Refusal.self) { try InvitationToken.verify(text, with: key, now: 0) }
    }

    @Test func aCSRFTokenIsBoundToItsSessionAndInvitation() {
        let session = CSRFToken.newSession()
        let token = CSRFToken.token(invitationID: "a", session: session, key: key)
        #expect(CSRFToken.isValid(token, invitationID: "a", session: session, key: key))
        #expect(!CSRFToken.isValid(token, invitationID: "b", session: session, key: key))
        #expect(!CSRFToken.isValid(token, invitationID: "a", session: CSRFToken.newSession(), key: key))
        #expect(!CSRFToken.isValid("", invitationID: "a", session: session, key: key))
    }

    @Test func theSigningKeyFileIsCreatedOwnerOnlyAndReadBack() throws {
        let path = NSTemporaryDirectory() + "assay-key-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: path) }
        let first = try SigningKey.loadOrCreate(at: path)
        let mode = try #require(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
        #expect(mode == 0o600)
        let second = try SigningKey.loadOrCreate(at: path)
        let token = InvitationToken(invitationID: InvitationToken.newInvitationID(), expiresAt: 10).signed(with: first)
        #expect(throws: Never.self) { try InvitationToken.verify(token, with: second, now: 0) }
    }

    @Test func aSigningKeyFileOthersCanReadIsRefused() throws {
        let path = NSTemporaryDirectory() + "assay-key-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: path) }
        _ = try SigningKey.loadOrCreate(at: path)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path)
        #expect {
            try SigningKey.loadOrCreate(at: path)
        } throws: { error in
            "\(error)".contains("chmod 600")
        }
    }
}

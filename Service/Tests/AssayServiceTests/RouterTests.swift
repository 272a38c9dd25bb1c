import AssayCore
import AssayJSON
import AssayService
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import Testing

/// Every route, through Hummingbird's in-process router client: what an organisation filling the form in sees,
/// and each refusal an attacker or a careless user meets.
@Suite struct RouterTests {
    // The nine digital-capacity questions asked before the session (rubric 2.0.0).
    static let beforeQuestions = [
        "hr.learn", "hr.continuity", "tech.inventory", "tech.network", "tech.standards", "fin.plan", "fin.grants",
        "fin.track", "org.policies",
    ]

    @Test func theHomePageCarriesTheSecurityHeaders() async throws {
        let fixture = try ServiceFixture()
        try await fixture.test { client in
            let response = try await client.execute(uri: "/", method: .get)
            #expect(response.status == .ok)
            let policy = try #require(response.headers[.contentSecurityPolicy])
            #expect(policy.contains("frame-ancestors 'none'"))
            #expect(policy.contains("default-src 'none'"))
            #expect(!policy.contains("unsafe-inline"))
            #expect(!policy.contains("script-src"))  // falls back to default-src 'none': no script at all
            #expect(response.headers[HTTPField.Name("X-Content-Type-Options")!] == "nosniff")
            #expect(response.headers[HTTPField.Name("Referrer-Policy")!] == "no-referrer")
            #expect(response.headers[.cacheControl] == "no-store")
        }
    }

    @Test func theStylesheetIsServed() async throws {
        let fixture = try ServiceFixture()
        try await fixture.test { client in
            let response = try await client.execute(uri: "/assets/form.css", method: .get)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "text/css; charset=utf-8")
            #expect(String(buffer: response.body).contains("max-width: 600px"))
            #expect(response.headers[.contentSecurityPolicy] != nil)
        }
    }

    @Test func anUnknownPathIsAPlainNotFoundWithTheHeaders() async throws {
        let fixture = try ServiceFixture()
        try await fixture.test { client in
            let response = try await client.execute(uri: "/admin", method: .get)
            #expect(response.status == .notFound)
            #expect(response.headers[.contentSecurityPolicy] != nil)
            #expect(String(buffer: response.body).contains("<h1>404"))
        }
    }

    @Test func theFormShowsEveryQuestionAskedBeforeTheSessionAccessibly() async throws {
        let fixture = try ServiceFixture()
        let path = try await fixture.invite("Ville de Lac-Vert")
        try await fixture.test { client in
            let response = try await client.execute(uri: path, method: .get)
            #expect(response.status == .ok)
            #expect(response.headers[.cacheControl] == "no-store")
            let setCookie = try #require(response.headers[.setCookie])
            #expect(setCookie.contains("HttpOnly"))
            #expect(setCookie.contains("SameSite=Strict"))
            let page = String(buffer: response.body)
            #expect(page.contains("<html lang=\"en\">"))
            #expect(page.contains("Ville de Lac-Vert"))
            #expect(!page.contains("<script"))
            #expect(!page.contains("style=\""))
            // One fieldset per question asked before the session, and no session question.
            #expect(page.components(separatedBy: "<fieldset class=\"question").count - 1 == Self.beforeQuestions.count)
            for id in Self.beforeQuestions { #expect(page.contains("id=\"q-\(id)\"")) }
            #expect(!page.contains("id=\"q-hr.lead\""))
            // The rubric's help and the scale's labels are on the page.
            #expect(page.contains("Continuous learning"))
            #expect(page.contains("Largely in place"))
            #expect(page.contains("Not applicable"))  // tech.network and fin.grants allow it
            // Every input and text box has a label pointing at it.
            let ids = Self.attributeValues(
                "id", ofTags: ["<input type=\"radio\"", "<input type=\"checkbox\"", "<textarea"], in: page)
            #expect(ids.count > 9 * 4)
            for id in ids {
                let labelled =
                    page.contains("<label for=\"\(id)\"") || page.contains("<label class=\"field\" for=\"\(id)\"")
                #expect(labelled, "input \(id) has no label")
            }
        }
    }

    @Test func theFormIsInTheInvitationsLanguage() async throws {
        let fixture = try ServiceFixture()
        let path = try await fixture.invite("Ville de Lac-Vert", language: "fr")
        try await fixture.test { client in
            let page = String(buffer: try await client.execute(uri: path, method: .get).body)
            #expect(page.contains("<html lang=\"fr\">"))
            #expect(page.contains("Le personnel reçoit-il régulièrement de la formation"))
            #expect(page.contains("Largement en place"))
            #expect(page.contains(">Enregistrer</button>"))
            // A language the rubric does not have falls back to its default, and the page says which.
            let german = String(buffer: try await client.execute(uri: path + "?lang=de", method: .get).body)
            #expect(german.contains("<html lang=\"en\">"))
        }
    }

    @Test func savedAnswersComeBackThroughTheSameLink() async throws {
        let fixture = try ServiceFixture()
        let path = try await fixture.invite("Ville de Lac-Vert")
        try await fixture.test { client in
            let visitor = try await Visitor.open(path, client: client)
            let response = try await visitor.post(
                path + "/save",
                [
                    ("lang", "en"), ("section", "hr"), ("answer.hr.learn", "largely"),
                    ("note.hr.learn", "Two courses a year"), ("evidence.hr.learn", "plan.pdf\r\ncalendar.xlsx"),
                    ("answer.fin.grants", "na"),
                ],
                client: client
            )
            #expect(response.status == .seeOther)
            #expect(response.headers[.location] == path + "?lang=en&saved=1#s-hr")
            let page = String(
                buffer: try await client.execute(
                    uri: path + "?lang=en&saved=1", method: .get, headers: [.cookie: visitor.cookie]
                ).body)
            #expect(page.contains("role=\"status\""))
            #expect(page.contains("id=\"a-hr.learn-largely\" name=\"answer.hr.learn\" value=\"largely\" checked"))
            #expect(page.contains("id=\"a-fin.grants-na\" name=\"answer.fin.grants\" value=\"na\" checked"))
            #expect(page.contains(">Two courses a year</textarea>"))
            #expect(page.contains(">plan.pdf\ncalendar.xlsx</textarea>"))
        }
        let invitation = try #require(
            try await fixture.service.store.invitations(organisation: "Ville de Lac-Vert").first)
        let answers = try await fixture.service.store.answers(invitation: invitation.id)
        #expect(
            answers["hr.learn"]
                == Answer(.text("largely"), note: "Two courses a year", evidence: ["plan.pdf", "calendar.xlsx"]))
        #expect(answers["fin.grants"] == Answer(.notApplicable))
        #expect(answers.count == 2)
    }

    @Test func choosingNotAnsweredTakesAnAnswerBack() async throws {
        let fixture = try ServiceFixture()
        let path = try await fixture.invite("Ville de Lac-Vert")
        let invitation = try #require(
            try await fixture.service.store.invitations(organisation: "Ville de Lac-Vert").first)
        try await fixture.test { client in
            let visitor = try await Visitor.open(path, client: client)
            _ = try await visitor.post(path + "/save", [("answer.hr.learn", "largely")], client: client)
            // A post that carries only fin.plan's fields leaves hr.learn's answer alone.
            _ = try await visitor.post(path + "/save", [("answer.fin.plan", "full")], client: client)
            #expect(try await fixture.service.store.answers(invitation: invitation.id).count == 2)
            // The page sends an empty note box with the "not answered" choice: the answer is taken back.
            _ = try await visitor.post(
                path + "/save", [("answer.hr.learn", ""), ("note.hr.learn", "")], client: client)
        }
        #expect(
            try await fixture.service.store.answers(invitation: invitation.id) == ["fin.plan": Answer(.text("full"))])
    }

    @Test func anInvalidAnswerIsShownBesideItsQuestionAndTheOthersAreSaved() async throws {
        let fixture = try ServiceFixture()
        let path = try await fixture.invite("Ville de Lac-Vert")
        let invitation = try #require(
            try await fixture.service.store.invitations(organisation: "Ville de Lac-Vert").first)
        try await fixture.test { client in
            let visitor = try await Visitor.open(path, client: client)
            _ = try await visitor.post(path + "/save", [("answer.hr.learn", "partial")], client: client)
            // A tampered option and "not applicable" where hr.continuity does not allow it.
            let response = try await visitor.post(
                path + "/save",
                [
                    ("answer.hr.learn", "excellent"), ("note.hr.learn", "typed, kept"),
                    ("answer.hr.continuity", "na"), ("answer.fin.plan", "full"),
                ],
                client: client
            )
            #expect(response.status == .unprocessableContent)
            let page = String(buffer: response.body)
            // The summary at the top links to each question, in form order.
            let summary = try #require(page.range(of: "class=\"error-summary\""))
            let firstLink = try #require(page.range(of: "href=\"#q-hr.learn\""))
            let secondLink = try #require(page.range(of: "href=\"#q-hr.continuity\""))
            let firstQuestion = try #require(page.range(of: "<fieldset class=\"question invalid\" id=\"q-hr.learn\""))
            #expect(summary.lowerBound < firstLink.lowerBound)
            #expect(firstLink.lowerBound < secondLink.lowerBound)
            #expect(secondLink.lowerBound < firstQuestion.lowerBound)
            // Beside the question, tied to it for screen readers.
            #expect(page.contains("aria-describedby=\"help-hr.learn error-hr.learn\""))
            #expect(page.contains("<p class=\"error\" id=\"error-hr.learn\">"))
            #expect(page.contains("does not allow &quot;not applicable&quot;"))
            // What was typed is still in the fields.
            #expect(page.contains(">typed, kept</textarea>"))
        }
        let answers = try await fixture.service.store.answers(invitation: invitation.id)
        // The bad answer left the saved one alone; the good one in the same post was saved.
        #expect(answers["hr.learn"] == Answer(.text("partial")))
        #expect(answers["hr.continuity"] == nil)
        #expect(answers["fin.plan"] == Answer(.text("full")))
    }

    @Test(arguments: ["missing", "tampered", "expired", "otherKey", "unknownInvitation", "garbage"])
    func aBadLinkIsRefusedWithTheSamePlainPage(kind: String) async throws {
        let fixture = try ServiceFixture()
        let path = try await fixture.invite("Ville de Lac-Vert")
        let token = String(path.dropFirst("/a/".count))
        let parts = token.split(separator: ".").map(String.init)
        let now = Int(Date().timeIntervalSince1970)
        let bad: String
        switch kind {
        case "missing": bad = ""
        case "tampered":
            // The same id with a later expiry, and the old signature.
            bad = [parts[0], parts[1], String(Int(parts[2])! + 86_400), parts[3]].joined(separator: ".")
        case "expired":
            bad = InvitationToken(invitationID: parts[1], expiresAt: now - 1).signed(with: ServiceFixture.key)
        case "otherKey":
            bad = InvitationToken(invitationID: parts[1], expiresAt: now + 60)
                .signed(with: SigningKey(bytes: Array(repeating: 8, count: 32)))
        case "unknownInvitation":
            bad = InvitationToken(invitationID: InvitationToken.newInvitationID(), expiresAt: now + 60)
                .signed(with: ServiceFixture.key)
        default: bad = String(repeating: "A", count: 5000)
        }
        try await fixture.test { client in
            let response = try await client.execute(uri: "/a/" + bad, method: .get)
            if kind == "missing" {
                #expect(response.status == .notFound)
                return
            }
            #expect(response.status == .forbidden)
            let page = String(buffer: response.body)
            #expect(page.contains("This link is not valid"))
            for detail in ["expired at", "signature", "HMAC", "invitation id", parts[1]] {
                #expect(!page.contains(detail))
            }
            #expect(response.headers[.contentSecurityPolicy] != nil)
            let post = try await client.execute(
                uri: "/a/" + bad + "/save", method: .post,
                headers: [.contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "answer.hr.learn=full"))
            #expect(post.status == .forbidden)
        }
        let invitation = try #require(
            try await fixture.service.store.invitations(organisation: "Ville de Lac-Vert").first)
        #expect(try await fixture.service.store.answers(invitation: invitation.id).isEmpty)
    }

    @Test(arguments: ["noToken", "wrongToken", "noCookie", "otherCookie"])
    func aPostWithoutTheFormsCSRFTokenSavesNothingAndShowsTheTypingBack(kind: String) async throws {
        let fixture = try ServiceFixture()
        let path = try await fixture.invite("Ville de Lac-Vert")
        let invitation = try #require(
            try await fixture.service.store.invitations(organisation: "Ville de Lac-Vert").first)
        try await fixture.test { client in
            var visitor = try await Visitor.open(path, client: client)
            let other = try await Visitor.open(path, client: client)
            switch kind {
            case "wrongToken": visitor.csrf = other.csrf
            case "otherCookie": visitor.cookie = other.cookie
            default: break
            }
            let response = try await visitor.post(
                path + "/save", [("answer.hr.learn", "full"), ("note.hr.learn", "typed before the cookie went")],
                client: client, includeCSRF: kind != "noToken", includeCookie: kind != "noCookie")
            #expect(response.status == .forbidden)
            let page = String(buffer: response.body)
            #expect(page.contains("Nothing was saved"))
            #expect(page.contains(">typed before the cookie went</textarea>"))
            #expect(page.contains("value=\"full\" checked"))
        }
        #expect(try await fixture.service.store.answers(invitation: invitation.id).isEmpty)
    }

    @Test func oneOrganisationCanNeitherReadNorWriteAnothersAnswers() async throws {
        let fixture = try ServiceFixture()
        let lacVert = try await fixture.invite("Ville de Lac-Vert")
        let riviere = try await fixture.invite("Ville de Rivière-aux-Hérons")
        let riviereID = try #require(
            try await fixture.service.store.invitations(organisation: "Ville de Rivière-aux-Hérons").first
        ).id
        try await fixture.test { client in
            let neighbour = try await Visitor.open(riviere, client: client)
            _ = try await neighbour.post(
                riviere + "/save", [("note.hr.learn", "Rivière's private note")], client: client)
            // Lac-Vert's link shows Lac-Vert's (empty) answers, never Rivière's.
            let attacker = try await Visitor.open(lacVert, client: client)
            #expect(!attacker.page.contains("Rivière's private note"))
            // Lac-Vert's CSRF token, posted to Rivière's link with Lac-Vert's cookie, is refused.
            let response = try await attacker.post(
                riviere + "/save", [("note.hr.learn", "overwritten")], client: client)
            #expect(response.status == .forbidden)
        }
        let answers = try await fixture.service.store.answers(invitation: riviereID)
        #expect(answers["hr.learn"]?.note == "Rivière's private note")
    }

    @Test func aBodyOverTheCapIsRefused() async throws {
        let fixture = try ServiceFixture(maximumBodySize: 4096)
        let path = try await fixture.invite("Ville de Lac-Vert")
        try await fixture.test { client in
            let visitor = try await Visitor.open(path, client: client)
            let response = try await visitor.post(
                path + "/save", [("note.hr.learn", String(repeating: "x", count: 5000))], client: client)
            #expect(response.status == .contentTooLarge)
            #expect(response.headers[.contentSecurityPolicy] != nil)
        }
    }

    @Test func aBodyThatIsNotAFormIsRefused() async throws {
        let fixture = try ServiceFixture()
        let path = try await fixture.invite("Ville de Lac-Vert")
        try await fixture.test { client in
            let visitor = try await Visitor.open(path, client: client)
            let response = try await client.execute(
                uri: path + "/save", method: .post,
                headers: [.contentType: "application/json", .cookie: visitor.cookie],
                body: ByteBuffer(string: "{\"csrf\": \"\(visitor.csrf)\"}"))
            #expect(response.status == .unsupportedMediaType)
        }
    }

    @Test func submittingSavesLocksTheFormAndRefusesLaterEdits() async throws {
        let fixture = try ServiceFixture()
        let path = try await fixture.invite("Ville de Lac-Vert")
        let id = try #require(try await fixture.service.store.invitations(organisation: "Ville de Lac-Vert").first).id
        try await fixture.test { client in
            let visitor = try await Visitor.open(path, client: client)
            // Submit without pressing Save first: the answers in the form are saved with it.
            let submitted = try await visitor.post(path + "/submit", [("answer.hr.learn", "full")], client: client)
            #expect(submitted.status == .seeOther)
            let page = String(
                buffer: try await client.execute(uri: path, method: .get, headers: [.cookie: visitor.cookie]).body)
            #expect(page.contains("Your answers have been submitted"))
            #expect(!page.contains("<form"))
            #expect(page.contains("id=\"q-hr.learn\" aria-describedby=\"help-hr.learn\" disabled>"))
            let edit = try await visitor.post(path + "/save", [("answer.hr.learn", "none")], client: client)
            #expect(edit.status == .conflict)
            #expect(String(buffer: edit.body).contains("already submitted"))
        }
        #expect(try await fixture.service.store.answers(invitation: id)["hr.learn"] == Answer(.text("full")))
        #expect(try await fixture.service.store.invitation(id: id)?.submittedAt != nil)
    }

    @Test func notesEvidenceAndTokensNeverReachTheLog() async throws {
        let fixture = try ServiceFixture()
        let path = try await fixture.invite("Ville de Lac-Vert")
        let handler = CapturingLogHandler()
        let logger = Logger(label: "test") { _ in handler }
        try await fixture.test(logger: logger) { client in
            let visitor = try await Visitor.open(path, client: client)
            _ = try await visitor.post(
                path + "/save",
                [
                    ("answer.hr.learn", "bogus"), ("note.hr.learn", "SECRET-NOTE-4711"),
                    ("evidence.hr.learn", "SECRET-FILE.pdf"),
                ],
                client: client)
            _ = try await visitor.post(path + "/save", [("note.hr.learn", "SECRET-NOTE-4711")], client: client)
        }
        let lines = handler.captured
        #expect(lines.contains { $0.contains("/a/{token}/save") })  // it does log, and at trace level
        let token = String(path.dropFirst("/a/".count))
        for line in lines {
            #expect(!line.contains("SECRET"), "logged: \(line)")
            #expect(!line.contains(token), "logged the token: \(line)")
        }
    }

    /// The values of `attribute` in every tag that starts with one of `tags`.
    static func attributeValues(_ attribute: String, ofTags tags: [String], in page: String) -> [String] {
        var values: [String] = []
        for tag in tags {
            for piece in page.components(separatedBy: tag).dropFirst() {
                let inside = piece.prefix { $0 != ">" }
                guard let range = inside.range(of: " \(attribute)=\"") else { continue }
                values.append(String(inside[range.upperBound...].prefix { $0 != "\"" }))
            }
        }
        return values
    }
}

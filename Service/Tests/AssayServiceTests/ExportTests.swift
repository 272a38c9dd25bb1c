import AssayCore
import AssayJSON
import AssayService
import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

@Suite struct ExportTests {
    /// Rivière-aux-Hérons's answers to the nine questions asked before the session, from
    /// Rubrics/examples/digital-capacity.self-assessment.json.
    static let answers: [(String, String)] = [
        ("hr.learn", "partial"), ("hr.continuity", "partial"), ("tech.inventory", "largely"),
        ("tech.network", "largely"), ("tech.standards", "largely"), ("fin.plan", "full"), ("fin.grants", "na"),
        ("fin.track", "largely"), ("org.policies", "largely"),
    ]

    /// The same answers, written by hand as a response document.
    static let equivalent = """
        {"rubric": "digital-capacity", "organisation": "Ville de Rivière-aux-Hérons", "answers": {
          "hr.learn": "partial", "hr.continuity": "partial", "tech.inventory": "largely", "tech.network": "largely",
          "tech.standards": "largely", "fin.plan": {"value": "full", "note": "Adopted by council in March"},
          "fin.grants": "na", "fin.track": "largely", "org.policies": "largely"}}
        """

    /// Fills the form in through the routes and submits it; returns the exported response's file.
    static func submitAndExport(_ fixture: ServiceFixture) async throws -> String {
        let path = try await fixture.invite("Ville de Rivière-aux-Hérons", language: "fr")
        try await fixture.test { client in
            let visitor = try await Visitor.open(path, client: client)
            var fields = answers.map { ("answer." + $0.0, $0.1) }
            fields.append(("note.fin.plan", "Adopted by council in March"))
            let response = try await visitor.post(path + "/submit", fields, client: client)
            #expect(response.status == .seeOther)
        }
        let invitation = try await ResponseExport.invitation(
            in: fixture.service.store, organisation: "Ville de Rivière-aux-Hérons", id: nil, includeDrafts: false)
        let response = ResponseExport.response(
            of: invitation, answers: try await fixture.service.store.answers(invitation: invitation.id))
        let file = fixture.folder + "/riviere.self-assessment.json"
        try ResponseExport.write(response, to: file)
        return file
    }

    @Test func theExportIsAResponseDocumentWithTheSubmittedAnswers() async throws {
        let fixture = try ServiceFixture()
        let file = try await Self.submitAndExport(fixture)
        let index = try #require(try ServiceFixture.catalog.get().scorer("digital-capacity")).index
        let loaded = try AssayFile.loadResponse(file, against: index)
        #expect(loaded.warnings.isEmpty)
        let response = loaded.response
        #expect(response.organisation == "Ville de Rivière-aux-Hérons")
        #expect(response.rubricVersion == index.rubric.version)
        #expect(response.attributes["submitted_at"] != nil)
        #expect(response.answers.count == 9)
        #expect(response.answers["fin.plan"] == Answer(.text("full"), note: "Adopted by council in March"))
        #expect(response.answers["fin.grants"] == Answer(.notApplicable))
        // It scores as the same answers written by hand do.
        let document = try JSONDocument(bytes: Array(Self.equivalent.utf8), file: "equivalent.json")
        let handWritten = try AssayFile.response(from: document, against: index).response
        let scorer = try #require(try ServiceFixture.catalog.get().scorer("digital-capacity"))
        #expect(try scorer.score(response).overall.value == scorer.score(handWritten).overall.value)
    }

    @Test func theRealAssayScoresTheExportAndStartsASessionFromIt() async throws {
        guard let assay = Programs.assay else {
            print(
                "SKIPPED theRealAssayScoresTheExportAndStartsASessionFromIt: no built assay (run swift build in the repository's root, or set ASSAY_CLI)"
            )
            return
        }
        let fixture = try ServiceFixture()
        let file = try await Self.submitAndExport(fixture)
        let equivalent = fixture.folder + "/equivalent.json"
        try Self.equivalent.write(toFile: equivalent, atomically: true, encoding: .utf8)

        let exported = try Programs.run(assay, ["score", "--rubric", "digital-capacity", file])
        let handWritten = try Programs.run(assay, ["score", "--rubric", "digital-capacity", equivalent])
        #expect(exported.status == 0, "\(exported.errors)")
        #expect(handWritten.status == 0, "\(handWritten.errors)")
        #expect(exported.output.contains("Overall:"))
        #expect(exported.output == handWritten.output)

        // The facilitator starts the session from it, and quits at once: the self-assessment is in the file.
        let session = fixture.folder + "/riviere.session.json"
        let started = try Programs.run(
            assay,
            [
                "session", "start", "--rubric", "digital-capacity", "--from", file, "--facilitator", "Marie Tremblay",
                "--file", session,
            ],
            input: "q\n")
        #expect(started.status == 0, "\(started.errors)")
        let saved = try String(contentsOfFile: session, encoding: .utf8)
        #expect(saved.contains("\"self_assessment\""))
        #expect(saved.contains("Ville de Rivière-aux-Hérons"))
        #expect(saved.contains("Adopted by council in March"))
    }

    @Test func theServiceCommandInvitesAndExports() async throws {
        guard let program = Programs.assayService else {
            print("SKIPPED theServiceCommandInvitesAndExports: assay-service is not built")
            return
        }
        let folder = NSTemporaryDirectory() + "assay-service-cli-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let invite = try Programs.run(
            program,
            [
                "invite", "--rubric", "digital-capacity", "--org", "Ville de Lac-Vert", "--lang", "fr",
                "--expires", "2d",
            ], in: folder)
        #expect(invite.status == 0, "\(invite.errors)")
        #expect(invite.output.hasPrefix("http://127.0.0.1:8080/a/v1."))
        #expect(invite.errors.contains("Ville de Lac-Vert, digital-capacity in fr"))
        let mode = try FileManager.default.attributesOfItem(atPath: folder + "/assay-service.key")[.posixPermissions]
        #expect(mode as? Int == 0o600)

        // Not submitted: refused, and nothing written.
        let early = try Programs.run(
            program, ["export", "--org", "Ville de Lac-Vert", "--out", "out.json"], in: folder)
        #expect(early.status != 0)
        #expect(early.errors.contains("has not submitted"))
        #expect(!FileManager.default.fileExists(atPath: folder + "/out.json"))
        let draft = try Programs.run(
            program, ["export", "--org", "Ville de Lac-Vert", "--include-draft", "--out", "out.json"], in: folder)
        #expect(draft.status == 0, "\(draft.errors)")
        #expect(
            try String(contentsOfFile: folder + "/out.json", encoding: .utf8).contains(
                "\"rubric\": \"digital-capacity\""))

        let badRubric = try Programs.run(program, ["invite", "--rubric", "nope", "--org", "X"], in: folder)
        #expect(badRubric.status != 0)
        #expect(badRubric.errors.contains("there is no rubric \"nope\""))
        let badLanguage = try Programs.run(
            program, ["invite", "--rubric", "digital-capacity", "--org", "X", "--lang", "de"], in: folder)
        #expect(badLanguage.status != 0)
        #expect(badLanguage.errors.contains("rubric digital-capacity is not in \"de\"; it is in en, fr"))
        let badExpiry = try Programs.run(
            program, ["invite", "--rubric", "digital-capacity", "--org", "X", "--expires", "forever"], in: folder)
        #expect(badExpiry.status == 64)
    }
}

import AssayCore
import AssayService
import Foundation
import Testing

@Suite struct StoreTests {
    @Test func manyOrganisationsSavingAtOnceLoseNoAnswer() async throws {
        let fixture = try ServiceFixture()
        let store = fixture.service.store
        var ids: [String] = []
        for number in 0..<40 {
            ids.append(
                try await fixture.service.invite(
                    organisation: "Org \(number)", rubricID: "digital-capacity", language: "en", lifetime: 600
                ).invitation.id)
        }
        let questions = RouterTests.beforeQuestions
        // 40 organisations × 9 saves each, every save one question's answer, all at once.
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (number, id) in ids.enumerated() {
                for (position, question) in questions.enumerated() {
                    group.addTask {
                        let answer = Answer(.text("partial"), note: "org \(number) q \(position)")
                        let outcome = try await store.save(
                            invitation: id, questions: [question], answers: [question: answer], at: 0)
                        #expect(outcome == .saved)
                    }
                }
            }
            try await group.waitForAll()
        }
        for (number, id) in ids.enumerated() {
            let answers = try await store.answers(invitation: id)
            #expect(answers.count == questions.count)
            for (position, question) in questions.enumerated() {
                #expect(answers[question]?.note == "org \(number) q \(position)")
            }
        }
    }

    @Test func aSaveAfterSubmittingChangesNothing() async throws {
        let fixture = try ServiceFixture()
        let store = fixture.service.store
        let id = try await fixture.service.invite(
            organisation: "Org", rubricID: "digital-capacity", language: "en", lifetime: 600
        ).invitation.id
        _ = try await store.save(
            invitation: id, questions: ["hr.learn"], answers: ["hr.learn": Answer(.text("full"))], at: 1)
        #expect(try await store.submit(invitation: id, at: 2))
        #expect(try await store.submit(invitation: id, at: 3) == false)
        let outcome = try await store.save(invitation: id, questions: ["hr.learn"], answers: [:], at: 4)
        #expect(outcome == .alreadySubmitted)
        #expect(try await store.answers(invitation: id)["hr.learn"] == Answer(.text("full")))
    }

    @Test func answersSurviveReopeningTheFile() async throws {
        let fixture = try ServiceFixture()
        let id = try await fixture.service.invite(
            organisation: "Org", rubricID: "digital-capacity", language: "en", lifetime: 600
        ).invitation.id
        _ = try await fixture.service.store.save(
            invitation: id, questions: ["fin.plan"], answers: ["fin.plan": Answer(.text("largely"), note: "é ✓")], at: 1
        )
        let reopened = try AnswerStore(path: fixture.folder + "/answers.sqlite")
        #expect(try await reopened.answers(invitation: id)["fin.plan"] == Answer(.text("largely"), note: "é ✓"))
    }
}

import AssayCore
import AssayService
import Testing

/// Reading a posted form against data-governance, whose questions before the session include a yes/no one.
@Suite struct FormSubmissionTests {
    static func form() throws -> (SelfAssessmentForm, RubricIndex) {
        let index = try #require(try ServiceFixture.catalog.get().scorer("data-governance")).index
        return (SelfAssessmentForm(index: index, language: "fr"), index)
    }

    @Test func aYesNoQuestionIsSavedAsTrueOrFalseAndShownBack() throws {
        let (form, index) = try Self.form()
        #expect(form.scope == .beforeSession)
        let question = try #require(form.questions.first { $0.id == "priv.officer" })
        #expect(question.options.map(\.id) == ["no", "yes"])
        let fields = FormFields(urlEncoded: Array("answer.priv.officer=yes&note.priv.officer=".utf8))
        let submission = FormSubmission(fields, form: form, index: index, strings: FormStrings(language: "fr"))
        #expect(submission.problems.isEmpty)
        #expect(submission.answers == ["priv.officer": Answer(.flag(true))])
        #expect(submission.replacedQuestions == ["priv.officer"])
        // The stored `true` is shown as the "yes" option ticked.
        #expect(FormEntry(Answer(.flag(true)), question: question).chosen == ["yes"])
    }

    @Test func percentEncodingAndPlusSignsAreDecoded() {
        let fields = FormFields(urlEncoded: Array("note.x=R%C3%A9union+du+conseil%0D%0Aok&a=1&a=2&broken=%E".utf8))
        #expect(fields.first("note.x") == "Réunion du conseil\r\nok")
        #expect(fields.values("a") == ["1", "2"])
        #expect(fields.first("broken") == "%E")
    }
}

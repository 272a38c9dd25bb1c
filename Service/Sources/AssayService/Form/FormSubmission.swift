import AssayCore

/// A posted form read against the rubric: the answers that can be saved, and a located problem for each that
/// cannot, with what the person typed kept so that nothing they entered is lost.
public struct FormSubmission: Sendable {
    /// A problem with one question's answer.
    public struct Problem: Sendable, Hashable {
        /// The question id.
        public var question: String
        /// What is wrong, for the person filling the form in.
        public var message: String
        /// Where in the response document the answer sits, such as `answers["hr.lead"]`.
        public var path: String
    }

    /// What the fields of every question in the post hold.
    public var entries: [String: FormEntry] = [:]
    /// The questions the post carries fields for, in form order. The page always sends every question's note
    /// and evidence boxes, so a question of the page is in its post even with nothing chosen; a question the post
    /// does not carry keeps its stored answer.
    public var posted: [String] = []
    /// The answers that can be saved, keyed by question id; a question of the form with no answer here and no
    /// problem is cleared.
    public var answers: [String: Answer] = [:]
    /// The problems, in form order.
    public var problems: [Problem] = []

    /// Reads `fields` as answers to `form`'s questions, checked with the library against `index`.
    ///
    /// Linear in the number of fields and questions. Fields for questions not in the form are ignored: the
    /// form never writes them, and they must not reach a question the organisation is not asked.
    public init(_ fields: FormFields, form: SelfAssessmentForm, index: RubricIndex, strings: FormStrings) {
        var typingProblems: [String: String] = [:]
        for question in form.questions {
            let id = question.id
            let fieldNames = [
                FormEntry.answerField(id), FormEntry.specialField(id), FormEntry.noteField(id),
                FormEntry.evidenceField(id),
            ]
            guard fieldNames.contains(where: { fields.first($0) != nil }) else { continue }
            posted.append(id)
            let entry = FormEntry(fields, question: question)
            entries[question.id] = entry
            do throws(FormEntryProblem) {
                if let answer = try entry.answer(to: question) { answers[question.id] = answer }
            } catch {
                typingProblems[question.id] = strings.message(for: error)
            }
        }
        let checked = AssessmentResponse(rubric: index.rubric.id, answers: answers).validate(against: index)
        var rubricProblems: [String: String] = [:]
        for diagnostic in checked where diagnostic.severity == .error {
            guard diagnostic.path.components.count == 2, case .key(let id) = diagnostic.path.components[1] else {
                continue
            }
            rubricProblems[id] = rubricProblems[id].map { $0 + "; " + diagnostic.message } ?? diagnostic.message
        }
        for question in form.questions where entries[question.id] != nil {
            guard let message = typingProblems[question.id] ?? rubricProblems[question.id] else { continue }
            answers[question.id] = nil
            problems.append(
                Problem(
                    question: question.id,
                    message: message,
                    path: DocumentPath.root.key("answers").key(question.id).description
                )
            )
        }
    }

    /// The ids of the questions whose stored answer this submission replaces: every question in the post but
    /// those with a problem, whose stored answer stays as it was.
    public var replacedQuestions: [String] {
        let withProblems = Set(problems.map(\.question))
        return posted.filter { !withProblems.contains($0) }
    }
}

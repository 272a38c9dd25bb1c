import AssayCore

/// What the organisation is asked to fill in before its session, in one language: the rubric's questions
/// marked `asked: "before"`, grouped by dimension, or every question when the rubric marks none.
///
/// Built from the library's `Rubric.form(language:asked:)`: strings are resolved once, in the language actually
/// used (the invitation's when the rubric has it, else its base language, else the rubric's default).
public struct SelfAssessmentForm: Sendable {
    /// Which questions the form holds.
    public enum Scope: Sendable, Hashable {
        /// The questions the rubric marks as asked before the session.
        case beforeSession
        /// Every question: the rubric marks none as asked before the session.
        case wholeRubric
    }

    /// One dimension's questions.
    public struct Section: Sendable, Hashable, Identifiable {
        /// The dimension's id.
        public var id: String
        /// The dimension's title.
        public var title: String
        /// Its questions in the form, in rubric order.
        public var questions: [FormQuestion]
    }

    /// The rubric's title.
    public let title: String
    /// The rubric's id and version.
    public let rubricID: String
    /// The rubric's version.
    public let rubricVersion: String
    /// The language the strings are in.
    public let language: String
    /// Every language the rubric declares.
    public let languages: [String]
    /// Which questions the form holds.
    public let scope: Scope
    /// The sections, in rubric order.
    public let sections: [Section]

    /// The form of `index`'s rubric in `requestedLanguage`, from the library's ``RubricForm``.
    public init(index: RubricIndex, language requestedLanguage: String) {
        let rubric = index.rubric
        let beforeSession = index.questions.contains { $0.question.asked == .before }
        let form = rubric.form(language: requestedLanguage, asked: beforeSession ? [.before] : nil)
        self.title = form.title
        self.rubricID = form.rubric
        self.rubricVersion = form.version
        self.language = form.language
        self.languages = rubric.languages
        self.scope = beforeSession ? .beforeSession : .wholeRubric
        self.sections = form.dimensions.map {
            Section(id: $0.id, title: $0.title, questions: $0.questions.map(FormQuestion.init))
        }
    }

    /// Every question of the form, in order.
    public var questions: [FormQuestion] { sections.flatMap(\.questions) }

    /// `requested` if the rubric has it, else its base language (`fr` for `fr-CA`), else the rubric's default.
    public static func language(_ requested: String, of rubric: Rubric) -> String {
        rubric.supportedLanguage(for: requested)
    }
}

/// One question as the form shows it.
public struct FormQuestion: Sendable, Hashable, Identifiable {
    /// How the question is answered in the form.
    public enum Kind: Sendable, Hashable {
        /// One option (scale, single choice, yes/no): radio buttons.
        case oneOption
        /// Any number of options: check boxes.
        case options
        /// A number, in `unit` when the rubric gives one.
        case number(unit: String?)
        /// Free text.
        case text
    }

    /// An option, with its label and what it looks like in practice.
    public struct Option: Sendable, Hashable, Identifiable {
        /// The option id, as a response document writes it.
        public var id: String
        /// The label.
        public var label: String
        /// What the option looks like in practice; `nil` when the rubric says nothing.
        public var descriptor: String?
    }

    /// The question id.
    public var id: String
    /// The question.
    public var prompt: String
    /// What to think about in answering.
    public var help: String?
    /// What would show the answer is true.
    public var evidencePrompt: String?
    /// How it is answered.
    public var kind: Kind
    /// The options, for `oneOption` and `options`.
    public var options: [Option]
    /// Whether "not applicable" may be answered.
    public var allowsNotApplicable: Bool
    /// Whether yes/no: the options read `true`/`false`, not option ids.
    public var isYesNo: Bool

    init(_ question: RubricForm.Question) {
        id = question.id
        prompt = question.prompt
        help = question.help
        evidencePrompt = question.evidencePrompt
        allowsNotApplicable = question.allowsNotApplicable
        isYesNo = question.input == .yesOrNo
        switch question.input {
        case .oneOption, .yesOrNo: kind = .oneOption
        case .severalOptions: kind = .options
        case .number: kind = .number(unit: question.unit)
        case .text: kind = .text
        }
        options = question.options.map { Option(id: $0.id, label: $0.label, descriptor: $0.descriptor) }
    }
}

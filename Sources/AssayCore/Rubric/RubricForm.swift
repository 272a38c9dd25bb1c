/// A rubric as a form in one language: what a service renders, or sends to a client, so that people can answer it.
///
/// Every text is already in ``language``; named scales are resolved into each question's options, and a question's
/// own descriptors replace its scale's. ``language`` says which language the texts are in, so a page can say
/// when it is not the one asked for instead of falling back in silence.
///
/// ```swift
/// let form = rubric.form(language: "fr", asked: [.before])
/// if form.language != "fr" { /* tell the reader the form is in form.language */ }
/// ```
public struct RubricForm: Sendable, Hashable, Codable {
    /// The format an encoded form names in its `format` key.
    public static let format = "assay-rubric-form/1"

    /// The rubric's id.
    public var rubric: String
    /// The rubric's version.
    public var version: String
    /// The language asked for.
    public var requestedLanguage: String
    /// The language the texts are in: the one asked for (or its base language, `fr` for `fr-CA`) when the rubric
    /// declares it, else the rubric's default language.
    public var language: String
    /// The rubric's title.
    public var title: String
    /// The rubric's description, if it has one.
    public var description: String?
    /// The dimensions that have at least one question in the form, in rubric order.
    public var dimensions: [Dimension]

    /// Whether the texts are in another language than the one asked for.
    public var isFallback: Bool {
        language != requestedLanguage && !requestedLanguage.hasPrefix(language + "-")
    }

    /// The questions, in asking order.
    public var questions: [Question] { dimensions.flatMap(\.questions) }

    /// One dimension of the form.
    public struct Dimension: Sendable, Hashable, Codable, Identifiable {
        /// The dimension's id.
        public var id: String
        /// Its title.
        public var title: String
        /// Its description, if it has one.
        public var description: String?
        /// Its questions in the form, in asking order (practice areas' questions after its own, as scored).
        public var questions: [Question]
    }

    /// One question of the form.
    public struct Question: Sendable, Hashable, Codable, Identifiable {
        /// The question's id: the key its answer has in a response.
        public var id: String
        /// What is asked.
        public var prompt: String
        /// Guidance shown beside the question, if any.
        public var help: String?
        /// What evidence to give, if the rubric asks for some.
        public var evidencePrompt: String?
        /// The answer format's JSON `type`: `scale`, `yes_no`, `single_choice`, `multiple_choice`, `numeric` or
        /// `text`.
        public var type: String
        /// How the question is answered, whatever its format: what a form shows for it.
        public var input: Input
        /// The options to choose from, lowest first (for `yes_no`, `no` then `yes`); empty for `numeric` and
        /// `text`.
        public var options: [Option]
        /// For `numeric`, the unit the number is in.
        public var unit: String?
        /// Whether "not applicable" (`"na"`) is an accepted answer.
        public var allowsNotApplicable: Bool
        /// Whether the rubric marks the question as critical.
        public var isCritical: Bool
        /// When the rubric asks it.
        public var asked: AskingTime
        /// When the question is asked only if other answers hold; `nil` when it is always asked.
        public var condition: Condition?

        /// How a question is answered: what a form shows for it.
        public enum Input: String, Sendable, Hashable, Codable {
            /// One of the options (radio buttons).
            case oneOption = "one_option"
            /// Yes or no; a response writes the JSON booleans `true` and `false`.
            case yesOrNo = "yes_no"
            /// Any number of the options (check boxes).
            case severalOptions = "several_options"
            /// A number, in ``unit``.
            case number
            /// Free text.
            case text
        }

        enum CodingKeys: String, CodingKey {
            case id, prompt, help, type, input, options, unit, asked, condition
            case evidencePrompt = "evidence_prompt"
            case allowsNotApplicable = "allow_na"
            case isCritical = "critical"
        }
    }

    /// One option of a question.
    public struct Option: Sendable, Hashable, Codable, Identifiable {
        /// What a response writes: the option's id; for yes/no, `yes` and `no`, which a response writes as the
        /// JSON booleans `true` and `false`.
        public var id: String
        /// The option's short label.
        public var label: String
        /// What the option looks like in practice, if the rubric says.
        public var descriptor: String?
    }

    enum CodingKeys: String, CodingKey {
        case format, rubric, version, language, title, description, dimensions
        case requestedLanguage = "requested_language"
    }

    /// Creates a form; ``Rubric/form(language:asked:)`` is the usual way.
    public init(
        rubric: String, version: String, requestedLanguage: String, language: String, title: String,
        description: String?, dimensions: [Dimension]
    ) {
        self.rubric = rubric
        self.version = version
        self.requestedLanguage = requestedLanguage
        self.language = language
        self.title = title
        self.description = description
        self.dimensions = dimensions
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        try container.requireFormat(Self.format, forKey: .format)
        self.init(
            rubric: try container.decode(String.self, forKey: .rubric),
            version: try container.decode(String.self, forKey: .version),
            requestedLanguage: try container.decode(String.self, forKey: .requestedLanguage),
            language: try container.decode(String.self, forKey: .language),
            title: try container.decode(String.self, forKey: .title),
            description: try container.decodeIfPresent(String.self, forKey: .description),
            dimensions: try container.decode([Dimension].self, forKey: .dimensions))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(Self.format, forKey: .format)
        try container.encode(rubric, forKey: .rubric)
        try container.encode(version, forKey: .version)
        try container.encode(requestedLanguage, forKey: .requestedLanguage)
        try container.encode(language, forKey: .language)
        try container.encode(title, forKey: .title)
        try container.encodeIfPresent(description, forKey: .description)
        try container.encode(dimensions, forKey: .dimensions)
    }
}

extension Rubric {
    /// The language texts are shown in when `language` is asked for: `language` or its base language if the
    /// rubric declares it, else the rubric's default language.
    public func supportedLanguage(for language: String) -> String {
        if languages.contains(language) { return language }
        if let dash = language.firstIndex(of: "-"), languages.contains(String(language[..<dash])) {
            return String(language[..<dash])
        }
        return defaultLanguage
    }

    /// The rubric as a form in `language`, with the questions asked at one of the times in `asked` (all of them
    /// when `nil`).
    ///
    /// Linear in the rubric's size. A text missing in the language falls back as ``LocalizedText/resolved(_:fallback:)``
    /// does; the validator warns about such texts when the rubric is read.
    public func form(language requested: String, asked: Set<AskingTime>? = nil) -> RubricForm {
        let language = supportedLanguage(for: requested)
        func text(_ value: LocalizedText) -> String { value.resolved(language, fallback: defaultLanguage) }
        func text(_ value: LocalizedText?) -> String? { value.map(text).flatMap { $0.isEmpty ? nil : $0 } }
        let scalesByID = Dictionary(scales.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        func formQuestion(_ question: AssayCore.Question) -> RubricForm.Question {
            let rules = question.format.rules
            // Options a respondent picks among; a number's unit. The format says which, and how it is shown.
            let options: [RubricForm.Option] =
                rules.entry.namesOptions
                ? rules.options(of: question, scales: scalesByID).map {
                    .init(
                        id: $0.id, label: rules.label(of: $0, language: language, fallback: defaultLanguage),
                        descriptor: text($0.descriptor))
                } : []
            var unit: String?
            if case .number(let numericUnit, _) = rules.entry { unit = text(numericUnit) }
            return RubricForm.Question(
                id: question.id, prompt: text(question.prompt), help: text(question.help),
                evidencePrompt: text(question.evidencePrompt), type: question.format.typeName,
                input: rules.entry.formInput,
                options: options,
                unit: unit, allowsNotApplicable: question.allowsNotApplicable, isCritical: question.isCritical,
                asked: question.asked, condition: question.condition)
        }
        let dimensions = dimensions.compactMap { dimension -> RubricForm.Dimension? in
            let questions = dimension.allQuestions.filter { asked?.contains($0.asked) ?? true }.map(formQuestion)
            guard !questions.isEmpty else { return nil }
            return RubricForm.Dimension(
                id: dimension.id, title: text(dimension.title), description: text(dimension.description),
                questions: questions)
        }
        return RubricForm(
            rubric: id, version: version, requestedLanguage: requested, language: language, title: text(title),
            description: text(description), dimensions: dimensions)
    }
}

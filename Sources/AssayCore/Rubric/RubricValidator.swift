/// Finds every problem in a rubric, with the path to where it is.
struct RubricValidator: AnswerFormatChecker {
    let rubric: Rubric
    private var diagnostics: [Diagnostic] = []
    private var usedScales: Set<String> = []
    /// Each scale by id (the first of a repeated id), built once: building it per question made 14,000 scales with
    /// targets take 44 s to validate.
    private let scalesByID: [String: Scale]
    /// Each question by id (the first of a repeated id), so gates and conditions find theirs in one look-up.
    private let questionsByID: [String: Question]

    init(rubric: Rubric) {
        self.rubric = rubric
        self.scalesByID = Dictionary(rubric.scales.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        self.questionsByID = Dictionary(
            rubric.dimensions.flatMap(\.allQuestions).map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Ids a dimension or practice area may not take: summaries and reports give the overall score this scope id.
    static let reservedScopeIDs: Set<String> = ["overall"]
    /// Ids a maturity level may not take: summaries count scores below every level under this id.
    static let reservedLevelIDs: Set<String> = ["none"]

    static let reservedOptionIDs: Set<String> = ["na", "unknown"]

    func validate() -> [Diagnostic] {
        var validator = self
        validator.run()
        return validator.diagnostics
    }

    mutating func error(_ message: String, at path: DocumentPath) {
        diagnostics.append(.error(message, at: path))
    }

    mutating func warning(_ message: String, at path: DocumentPath) {
        diagnostics.append(.warning(message, at: path))
    }

    private mutating func run() {
        let root = DocumentPath.root
        if rubric.id.isEmpty || rubric.id.contains(where: \.isWhitespace) {
            error("the rubric id must be non-empty and contain no spaces", at: root.key("id"))
        }
        if !Self.isSemanticVersion(rubric.version) {
            error(
                "\"\(rubric.version)\" is not a semantic version; expected major.minor.patch, such as 1.0.0",
                at: root.key("version"))
        }
        for (index, language) in rubric.languages.enumerated() where !Self.isLanguageTag(language) {
            error(
                "\"\(language)\" is not a language tag; expected a tag such as \"en\", \"fr\" or \"pt-BR\"",
                at: root.key("languages").index(index))
        }
        if !rubric.languages.contains(rubric.defaultLanguage) {
            error(
                "the default language \"\(rubric.defaultLanguage)\" is not among the declared languages \(rubric.languages)",
                at: root.key("languages")
            )
        }
        checkUnique(rubric.languages.map { $0 }, what: "language", at: { root.key("languages").index($0) })
        checkText(rubric.title, at: root.key("title"), required: true)
        checkText(rubric.description, at: root.key("description"))
        checkScales()
        checkLevels()
        checkDimensions()
        checkChanges()
        for (index, scale) in rubric.scales.enumerated() where !usedScales.contains(scale.id) {
            warning("scale \"\(scale.id)\" is declared but no question uses it", at: root.key("scales").index(index))
        }
    }

    // MARK: Translations

    mutating func checkText(_ text: LocalizedText?, at path: DocumentPath, required: Bool = false) {
        guard let text else {
            if required { error("a text is required here", at: path) }
            return
        }
        if text.translations[rubric.defaultLanguage]?.isEmpty ?? true {
            error("missing the default language \"\(rubric.defaultLanguage)\"; every text needs it", at: path)
        }
        for language in rubric.languages where language != rubric.defaultLanguage {
            if text.translations[language]?.isEmpty ?? true {
                warning("missing a translation into \"\(language)\"", at: path)
            }
        }
        for language in text.translations.keys.sorted() where !rubric.languages.contains(language) {
            warning(
                "\"\(language)\" is not a declared language; add it to \"languages\" or remove it",
                at: path.key(language))
        }
    }

    // MARK: Scales

    private mutating func checkScales() {
        let path = DocumentPath.root.key("scales")
        checkUnique(rubric.scales.map(\.id), what: "scale id", at: { path.index($0).key("id") })
        for (index, scale) in rubric.scales.enumerated() {
            checkText(scale.title, at: path.index(index).key("title"))
            checkScaleOptions(scale.options, at: path.index(index).key("options"))
        }
    }

    mutating func checkScaleOptions(_ options: [ScaleOption], at path: DocumentPath) {
        if options.count < 2 {
            error("a scale needs at least two options", at: path)
        }
        checkOptionIDs(options.map(\.id), at: path)
        checkUnique(options.map { $0.value.formatted() }, what: "scale value", at: { path.index($0).key("value") })
        for (index, option) in options.enumerated() {
            if !option.value.isFinite {
                error("a scale value must be a finite number", at: path.index(index).key("value"))
            } else if abs(option.value) > Self.maximumScaleValue {
                // Like weights: a value near the largest Double makes a sum or a difference overflow, and a test
                // or a score come out infinite or NaN.
                error(
                    "a scale value must lie between -1,000,000 and 1,000,000; found \(option.value.formatted())",
                    at: path.index(index).key("value"))
            }
            checkText(option.label, at: path.index(index).key("label"), required: true)
            checkText(option.descriptor, at: path.index(index).key("descriptor"))
        }
    }

    mutating func checkOptionIDs(_ ids: [String], at path: DocumentPath) {
        checkUnique(ids, what: "option id", at: { path.index($0).key("id") })
        for (index, id) in ids.enumerated() {
            if Self.reservedOptionIDs.contains(id) {
                error(
                    "\"\(id)\" is reserved for \"not applicable\" and \"don't know\"; choose another option id",
                    at: path.index(index).key("id"))
            } else if id.isEmpty {
                error("an option id must not be empty", at: path.index(index).key("id"))
            }
        }
    }

    // MARK: Levels

    private mutating func checkLevels() {
        let path = DocumentPath.root.key("levels")
        checkUnique(rubric.levels.map(\.id), what: "level id", at: { path.index($0).key("id") })
        let banded = rubric.levels.filter { $0.minScore != nil || $0.maxScore != nil }
        for (index, level) in rubric.levels.enumerated() {
            if level.id.isEmpty || level.id.contains(where: \.isWhitespace) {
                error("a level id must be non-empty and contain no spaces", at: path.index(index).key("id"))
            } else if Self.reservedLevelIDs.contains(level.id) {
                error(
                    "\"\(level.id)\" is reserved: summaries count scores below every level under it; choose another level id",
                    at: path.index(index).key("id"))
            }
            checkText(level.name, at: path.index(index).key("name"), required: true)
            checkText(level.description, at: path.index(index).key("description"))
            if !banded.isEmpty && (level.minScore == nil || level.maxScore == nil) {
                error(
                    "every level needs \"min_score\" and \"max_score\" once any level has a band", at: path.index(index)
                )
            }
            if let low = level.minScore, let high = level.maxScore {
                if !low.isFinite || !high.isFinite || low < 0 || high > 100 {
                    error("a band must lie within 0 to 100", at: path.index(index).key("min_score"))
                } else if low >= high {
                    error(
                        "\"min_score\" (\(low.formatted())) must be below \"max_score\" (\(high.formatted()))",
                        at: path.index(index).key("min_score"))
                }
            }
        }
        if banded.count == rubric.levels.count, !rubric.levels.isEmpty {
            let first = rubric.levels[0]
            if let low = first.minScore, low != 0 {
                error(
                    "the lowest level's band must start at 0; scores from 0 to \(low.formatted()) have no level",
                    at: path.index(0).key("min_score"))
            }
            for index in rubric.levels.indices.dropLast() {
                guard let high = rubric.levels[index].maxScore, let next = rubric.levels[index + 1].minScore else {
                    continue
                }
                if next > high {
                    error(
                        "a gap between bands: scores from \(high.formatted()) to \(next.formatted()) have no level",
                        at: path.index(index + 1).key("min_score")
                    )
                } else if next < high {
                    error(
                        "bands overlap: scores from \(next.formatted()) to \(high.formatted()) fall in two levels",
                        at: path.index(index + 1).key("min_score")
                    )
                }
            }
            if let high = rubric.levels.last?.maxScore, high != 100 {
                error(
                    "the highest level's band must end at 100", at: path.index(rubric.levels.count - 1).key("max_score")
                )
            }
        }
        for (index, level) in rubric.levels.enumerated() {
            for (gateIndex, gate) in level.gates.enumerated() {
                let gatePath = path.index(index).key("gates").index(gateIndex)
                if let question = questionsByID[gate.question] {
                    checkTest(gate.test, on: question, at: gatePath)
                } else {
                    error(
                        "the gate names \"\(gate.question)\", which is not a question of this rubric",
                        at: gatePath.key("question"))
                }
                checkText(gate.reason, at: gatePath.key("reason"))
            }
        }
    }

    // MARK: Dimensions and questions

    private mutating func checkDimensions() {
        let path = DocumentPath.root.key("dimensions")
        if rubric.dimensions.isEmpty {
            error("a rubric needs at least one dimension", at: path)
        }
        var groupIDs: [(String, DocumentPath)] = []
        var seenQuestions: [String: DocumentPath] = [:]
        var earlier: [String: Question] = [:]
        let levelIDs = Set(rubric.levels.map(\.id))
        for (dimensionIndex, dimension) in rubric.dimensions.enumerated() {
            let dimensionPath = path.index(dimensionIndex)
            groupIDs.append((dimension.id, dimensionPath.key("id")))
            checkText(dimension.title, at: dimensionPath.key("title"), required: true)
            checkText(dimension.description, at: dimensionPath.key("description"))
            checkWeight(dimension.weight, at: dimensionPath.key("weight"))
            for key in dimension.levelDescriptions.keys.sorted() {
                if !levelIDs.contains(key) {
                    error(
                        "\"\(key)\" is not a maturity level of this rubric",
                        at: dimensionPath.key("level_descriptions").key(key))
                }
                checkText(dimension.levelDescriptions[key], at: dimensionPath.key("level_descriptions").key(key))
            }
            for key in dimension.recommendations.keys.sorted() {
                if !levelIDs.contains(key) {
                    error(
                        "\"\(key)\" is not a maturity level of this rubric",
                        at: dimensionPath.key("recommendations").key(key))
                }
                checkText(dimension.recommendations[key], at: dimensionPath.key("recommendations").key(key))
            }
            if !dimension.practiceAreas.isEmpty && !dimension.questions.isEmpty {
                error(
                    "a dimension holds either \"questions\" or \"practice_areas\", not both",
                    at: dimensionPath.key("questions"))
            }
            var groups: [([Question], DocumentPath)] = []
            if dimension.practiceAreas.isEmpty {
                groups.append((dimension.questions, dimensionPath.key("questions")))
            } else {
                for (areaIndex, area) in dimension.practiceAreas.enumerated() {
                    let areaPath = dimensionPath.key("practice_areas").index(areaIndex)
                    groupIDs.append((area.id, areaPath.key("id")))
                    checkText(area.title, at: areaPath.key("title"), required: true)
                    checkText(area.description, at: areaPath.key("description"))
                    checkWeight(area.weight, at: areaPath.key("weight"))
                    groups.append((area.questions, areaPath.key("questions")))
                }
            }
            if dimension.allQuestions.isEmpty {
                error("dimension \"\(dimension.id)\" has no questions", at: dimensionPath)
            }
            for (questions, questionsPath) in groups {
                if questions.isEmpty, !dimension.practiceAreas.isEmpty {
                    error("a practice area needs at least one question", at: questionsPath)
                }
                for (questionIndex, question) in questions.enumerated() {
                    let questionPath = questionsPath.index(questionIndex)
                    if let first = seenQuestions[question.id] {
                        error(
                            "duplicate question id \"\(question.id)\"; it is first used at \(first)",
                            at: questionPath.key("id"))
                    } else {
                        seenQuestions[question.id] = questionPath
                    }
                    checkQuestion(question, at: questionPath, earlier: earlier, levelIDs: levelIDs)
                    earlier[question.id] = question
                }
            }
        }
        var seenGroups: [String: DocumentPath] = [:]
        for (id, idPath) in groupIDs {
            if id.isEmpty || id.contains(where: \.isWhitespace) {
                error("a dimension or practice area id must be non-empty and contain no spaces", at: idPath)
            } else if Self.reservedScopeIDs.contains(id) {
                error(
                    "\"\(id)\" is reserved for the overall score; choose another dimension or practice area id",
                    at: idPath)
            }
            if let first = seenGroups[id] {
                error("duplicate dimension or practice area id \"\(id)\"; it is first used at \(first)", at: idPath)
            } else {
                seenGroups[id] = idPath
            }
        }
    }

    private mutating func checkQuestion(
        _ question: Question,
        at path: DocumentPath,
        earlier: [String: Question],
        levelIDs: Set<String>
    ) {
        if question.id.isEmpty || question.id.contains(where: \.isWhitespace) {
            error("a question id must be non-empty and contain no spaces", at: path.key("id"))
        }
        checkText(question.prompt, at: path.key("prompt"), required: true)
        checkText(question.help, at: path.key("help"))
        checkText(question.evidencePrompt, at: path.key("evidence_prompt"))
        checkWeight(question.weight, at: path.key("weight"))
        let formatPath = path.key("answer")
        let optionIDs = question.format.rules.check(question, at: formatPath, with: &self)
        for key in question.descriptors.keys.sorted() {
            if !optionIDs.contains(key) {
                error(
                    "\"\(key)\" is not an option of this question; expected one of \(optionIDs)",
                    at: path.key("descriptors").key(key))
            }
            checkText(question.descriptors[key], at: path.key("descriptors").key(key))
        }
        for key in question.recommendations.keys.sorted() {
            if !optionIDs.contains(key) {
                error(
                    "\"\(key)\" is not an option of this question; expected one of \(optionIDs)",
                    at: path.key("recommendations").key(key))
            }
            checkText(question.recommendations[key], at: path.key("recommendations").key(key))
        }
        if let level = question.level, !levelIDs.contains(level) {
            error("\"\(level)\" is not a maturity level of this rubric", at: path.key("level"))
        }
        if let target = question.target {
            let reading = resolved(question).read(target)
            if let problem = reading.problem {
                error("the target is not a valid answer: \(problem)", at: path.key("target"))
            } else if reading.points == nil {
                error("the target must be an answer that earns points", at: path.key("target"))
            }
        }
        if let condition = question.condition {
            checkCondition(condition, of: question, at: path.key("condition"), earlier: earlier)
        }
        checkTiming(question, at: path, earlier: earlier)
    }

    /// The longest estimate a question may carry: a whole 90-minute session.
    static let maximumMinutes = 90.0

    private mutating func checkTiming(_ question: Question, at path: DocumentPath, earlier: [String: Question]) {
        if let minutes = question.minutes, !(minutes > 0 && minutes <= Self.maximumMinutes) {
            error(
                "\"minutes\" must be more than 0 and at most \(Self.maximumMinutes.formatted()); found \(minutes.formatted())",
                at: path.key("minutes"))
        }
        if !question.isScored {
            if question.isCritical {
                warning(
                    "a question with \"scored\": false earns no points, so marking it critical has no effect",
                    at: path.key("critical"))
            }
            if question.level != nil {
                warning(
                    "a question with \"scored\": false earns no points, so its \"level\" has no effect",
                    at: path.key("level"))
            }
        }
        // A self-assessment is filled in alone, before the session: it cannot wait on an answer given in it.
        if question.asked == .before, let condition = question.condition {
            for id in condition.questionIDs where earlier[id]?.asked == .session {
                warning(
                    "this question is asked before the session, but its condition depends on \"\(id)\", which is asked in it",
                    at: path.key("condition"))
            }
        }
    }

    // MARK: Version changes

    private mutating func checkChanges() {
        let path = DocumentPath.root.key("changes")
        checkUnique(
            rubric.changes.map(\.fromVersion), what: "earlier version", at: { path.index($0).key("from_version") })
        for (index, change) in rubric.changes.enumerated() {
            let changePath = path.index(index)
            if !Self.isSemanticVersion(change.fromVersion) {
                error(
                    "\"\(change.fromVersion)\" is not a semantic version; expected major.minor.patch, such as 1.0.0",
                    at: changePath.key("from_version"))
            } else if change.fromVersion == rubric.version {
                error("a rubric cannot map its own version onto itself", at: changePath.key("from_version"))
            }
            var seen: [String: DocumentPath] = [:]
            for (position, mapping) in change.questions.enumerated() {
                let mappingPath = changePath.key("questions").index(position)
                let arity = mapping.arity
                let fromOK = arity.from.map { mapping.from.count == $0 } ?? (mapping.from.count >= 2)
                let toOK = arity.to.map { mapping.to.count == $0 } ?? (mapping.to.count >= 2)
                if !fromOK || !toOK {
                    error(
                        "a \"\(mapping.kind.rawValue)\" change maps \(Self.arityText(mapping.kind)); found \(mapping.from.count) to \(mapping.to.count)",
                        at: mappingPath)
                }
                if mapping.kind == .kept, mapping.from != mapping.to {
                    error("a \"kept\" question keeps its id; use \"renamed\" for a new id", at: mappingPath.key("to"))
                }
                for (slot, id) in mapping.from.enumerated() {
                    if let first = seen[id] {
                        error(
                            "earlier question \"\(id)\" is already mapped at \(first); each may be mapped once",
                            at: mappingPath.key("from").index(slot))
                    } else {
                        seen[id] = mappingPath.key("from").index(slot)
                    }
                }
                for (slot, id) in mapping.to.enumerated() where questionsByID[id] == nil {
                    error(
                        "\"\(id)\" is not a question of this version of the rubric",
                        at: mappingPath.key("to").index(slot))
                }
            }
        }
    }

    private static func arityText(_ kind: QuestionMapping.Kind) -> String {
        switch kind {
        case .kept, .renamed: "one earlier question to one question"
        case .split: "one earlier question to two or more"
        case .merged: "two or more earlier questions to one"
        case .removed: "one earlier question to none"
        }
    }

    private mutating func checkCondition(
        _ condition: Condition, of question: Question, at path: DocumentPath, earlier: [String: Question]
    ) {
        switch condition {
        case .answer(let id, let test):
            if id == question.id {
                error("a question's condition cannot depend on its own answer", at: path.key("question"))
            } else if let referenced = earlier[id] {
                checkTest(test, on: referenced, at: path)
            } else if questionsByID[id] != nil {
                error(
                    "the condition refers to \"\(id)\", which is asked later; a condition may only depend on earlier questions",
                    at: path.key("question")
                )
            } else {
                error(
                    "the condition refers to \"\(id)\", which is not a question of this rubric",
                    at: path.key("question"))
            }
        case .all(let conditions), .any(let conditions):
            let key = if case .all = condition { "all" } else { "any" }
            if conditions.isEmpty { error("\"\(key)\" needs at least one condition", at: path.key(key)) }
            for (index, nested) in conditions.enumerated() {
                checkCondition(nested, of: question, at: path.key(key).index(index), earlier: earlier)
            }
        case .not(let nested):
            checkCondition(nested, of: question, at: path.key("not"), earlier: earlier)
        }
    }

    private mutating func checkTest(_ test: AnswerTest, on question: Question, at path: DocumentPath) {
        let entry = resolved(question)
        let values: [(AnswerValue, DocumentPath)]
        switch test {
        case .equals(let value): values = [(value, path.key("equals"))]
        case .oneOf(let list):
            if list.isEmpty {
                error("\"in\" needs at least one value; an empty list never matches", at: path.key("in"))
            }
            values = list.enumerated().map { ($1, path.key("in").index($0)) }
        case .atLeast(let bound), .atMost(let bound):
            let isAtLeast = if case .atLeast = test { true } else { false }
            let key = isAtLeast ? "at_least" : "at_most"
            if !bound.isFinite {
                error("expected a finite number", at: path.key(key))
            } else if !entry.rules.hasComparableValue {
                error("question \"\(question.id)\" takes free text, which has no value to compare", at: path.key(key))
            } else if let range = entry.rules.comparableRange(options: entry.options) {
                // An answer's comparable value never leaves this range, so a bound beyond it never matches.
                if isAtLeast ? bound > range.upperBound : bound < range.lowerBound {
                    error(
                        "this can never match an answer to \"\(question.id)\": its values run from \(range.lowerBound.formatted()) to \(range.upperBound.formatted())",
                        at: path.key(key))
                }
            }
            return
        case .answered: return
        }
        for (value, valuePath) in values {
            if value == .notApplicable && !question.allowsNotApplicable {
                error(
                    "this can never match: question \"\(question.id)\" does not allow \"not applicable\"",
                    at: valuePath)
                continue
            }
            if value == .notApplicable || value == .dontKnow { continue }
            let reading = entry.read(value)
            if let problem = reading.problem {
                error("this can never match an answer to \"\(question.id)\": \(problem)", at: valuePath)
            }
        }
    }

    /// `question` with its options resolved, as an index would hold it.
    private func resolved(_ question: Question) -> IndexedQuestion {
        IndexedQuestion(
            question: question,
            position: 0,
            dimensionIndex: 0,
            practiceAreaIndex: nil,
            path: .root,
            scales: scalesByID
        )
    }

    // MARK: Numbers and ids

    private mutating func checkWeight(_ weight: Double, at path: DocumentPath) {
        if !weight.isFinite || weight <= 0 {
            error("a weight must be a positive finite number; found \(weight.formatted())", at: path)
        } else if weight > Self.maximumWeight {
            // Weights are relative (1, 1.5, 2); a huge one can make a weighted sum overflow to infinity and a
            // score come out as NaN, which no report or summary can show.
            error(
                "a weight must be at most 1,000,000 (weights are relative, such as 1, 1.5 or 2); found \(weight.formatted())",
                at: path)
        }
    }

    /// The largest weight a rubric may give, far beyond any relative weight and far below where sums overflow.
    static let maximumWeight = 1_000_000.0

    mutating func checkPoints(_ points: Double, at path: DocumentPath) {
        if !points.isFinite || points < 0 || points > 1 {
            error("points must be between 0 and 1; found \(points.formatted())", at: path)
        }
    }

    private mutating func checkUnique(_ ids: [String], what: String, at path: (Int) -> DocumentPath) {
        var seen: [String: Int] = [:]
        for (index, id) in ids.enumerated() {
            if let first = seen[id] {
                error("duplicate \(what) \"\(id)\"; it is first used at \(path(first))", at: path(index))
            } else {
                seen[id] = index
            }
        }
    }

    /// Whether `version` is `major.minor.patch` in ASCII digits, optionally followed by `-` and a pre-release of
    /// dot-separated ASCII letters, digits and hyphens (semver.org's grammar, without build metadata).
    mutating func useScale(_ id: String) -> Scale? {
        guard let scale = scalesByID[id] else { return nil }
        usedScales.insert(id)
        return scale
    }

    static func isSemanticVersion(_ version: String) -> Bool {
        let utf8 = Array(version.utf8)
        let dash = utf8.firstIndex(of: UInt8(ascii: "-"))
        let core = utf8[..<(dash ?? utf8.count)]
        let parts = core.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard parts.count == 3, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(isDigit) }) else { return false }
        guard let dash else { return true }
        let identifiers = utf8[(dash + 1)...].split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        return identifiers.allSatisfy { identifier in
            !identifier.isEmpty && identifier.allSatisfy { isDigit($0) || isLetter($0) || $0 == UInt8(ascii: "-") }
        }
    }

    /// Whether `tag` looks like a BCP 47 language tag: 2–8 ASCII letters, then subtags of 1–8 ASCII letters or
    /// digits after hyphens (`en`, `fr-CA`, `zh-Hant-TW`). Never a path or an empty string.
    static func isLanguageTag(_ tag: String) -> Bool {
        let subtags = Array(tag.utf8).split(separator: UInt8(ascii: "-"), omittingEmptySubsequences: false)
        guard let first = subtags.first, (2...8).contains(first.count), first.allSatisfy(isLetter) else {
            return false
        }
        return subtags.dropFirst().allSatisfy {
            (1...8).contains($0.count) && $0.allSatisfy { isLetter($0) || isDigit($0) }
        }
    }

    private static func isDigit(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }
    private static func isLetter(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte | 0x20)
    }

    /// The largest magnitude a scale value may have.
    static let maximumScaleValue = 1_000_000.0
}

extension Rubric {
    /// Every problem in the rubric, errors and warnings, in document order; empty when it is sound.
    ///
    /// Also asks the rubric's scoring model, found in `registry`, whether it can score this rubric.
    public func validate(using registry: ScoringRegistry = .builtIn) -> [Diagnostic] {
        var diagnostics = RubricValidator(rubric: self).validate()
        if let model = registry.model(id: scoring.model) {
            if !diagnostics.containsErrors {
                diagnostics += model.check(RubricIndex(validated: self, diagnostics: diagnostics))
            }
        } else {
            diagnostics.append(
                .error(
                    "unknown scoring model \"\(scoring.model)\"; expected one of \(registry.modelIDs.joined(separator: ", "))",
                    at: DocumentPath.root.key("scoring").key("model")
                )
            )
        }
        return diagnostics
    }
}

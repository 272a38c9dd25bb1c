/// A rubric compiled once into tables, for scoring many responses read as answer codes.
///
/// Every answer code of every question (see ``AnswerCode``), and "not asked", has a precomputed ``Outcome``: the
/// weighted points and weight it adds under each built-in model, the points it earns, whether it is answered and
/// whether it is a valid answer. The outcomes are not a second reading of the format: each is the
/// `QuestionOutcome` that ``ResponseEvaluation`` itself gives that answer, reduced to numbers. Conditions become
/// small programs whose leaves are tables indexed by answer code, and gates the same, so deciding what is asked and
/// which gates pass costs a few table reads. Scoring a response is then one pass over its codes.
///
/// A question's codes are cut as finely as the tests on it need (``AnswerFormatRules/deciding(_:)``): a numeric
/// question that a condition or gate compares with 25 has codes for "below 25", "25" and "above 25" within each
/// band, a text question one code per word a test names. So every condition and gate is decided by codes.
///
/// Every built-in model runs on a plan: `weighted-mean`, the four XCCDF models and `gated-maturity`. A plan is
/// `nil` (and the caller takes the core's ``Scorer``) for a plugin model, and for a rubric too large for tables:
/// a question with more codes than an ``AnswerCode`` holds, more than ``mostCodes`` codes in all, or tests whose
/// tables would pass ``largestTestTable`` entries and comparisons (say 10,000 conditions each comparing one
/// question with another number, or one `in` of 10,000 words).
///
/// A class, so that the many holders of one plan (every aggregation thread) share its tables. `@unchecked
/// Sendable` is sound: every buffer is written only in `init` and freed only in `deinit`; between them the object
/// is immutable.
package final class ScoringPlan: @unchecked Sendable {
    /// What one answer code (or "not asked") of one question adds to a response.
    package struct Outcome: Sendable {
        /// `weight × points` when the points count, else +0: weighted-mean and gated-maturity scores.
        package var weightedPoints: Double
        /// The question's weight when the points count, else +0.
        package var weight: Double
        /// XCCDF default: `(passed ? 100 : 0) × weight` when the rule counts, else +0; and the weight counted.
        var xccdfPoints: Double
        var xccdfWeight: Double
        /// XCCDF flat variants: what a passed rule adds to the raw score, and what a counted rule adds to the
        /// maximum.
        var flatScore: Double
        var flatMaximum: Double
        /// The points earned, from 0 to 1; NaN when none.
        package var earned: Double
        /// ``answered``, ``invalid``, ``assessed``, ``unmet``.
        package var flags: UInt8

        /// Answered with a value that earns points: what the comparison counts as answered.
        package static let answered: UInt8 = 1
        /// Not a valid answer to the question.
        package static let invalid: UInt8 = 2
        /// gated-maturity: a tagged practice that applies, so the scope has shown a level.
        static let assessed: UInt8 = 4
        /// gated-maturity: a tagged practice that keeps its level from being reached.
        static let unmet: UInt8 = 8
    }

    /// One node of a condition's program.
    private struct Node {
        /// 0 a test, 1 all, 2 any, 3 not.
        var kind: UInt8
        /// A test: where its table starts in ``tests``; all / any: the first child in ``children``; not: the child.
        var first: Int32
        /// A test: its question, or -1 for a test that never holds; all / any: how many children.
        var count: Int32
    }

    /// A gate, as tables.
    private struct GatePlan {
        /// The level it guards.
        var level: Int
        /// The dimension of its question; -1 when the question does not exist (the gate then always fails).
        var dimension: Int
        var question: Int
        /// Where its table starts in ``gateTables``.
        var table: Int
    }

    /// Which built-in model scores.
    private enum Model {
        case weightedMean
        case gatedMaturity
        case xccdf(XCCDFModel.Variant)
    }

    /// The rubric, indexed.
    package let index: RubricIndex
    private let model: Model
    /// Per question, in one 12-byte entry (one load in the hot loop): how many answer codes it has (code `count` is
    /// "not asked"), where its outcomes start in ``outcomes``, and the root node of its condition in ``nodes``
    /// (-1 when it is always asked).
    private let questionPlans: UnsafeMutableBufferPointer<(count: Int32, start: Int32, condition: Int32)>
    /// Every question's outcomes, one per code and then "not asked", one question after another.
    private let outcomes: UnsafeMutableBufferPointer<Outcome>
    /// Per slot, what the model adds up, in 16 bytes: the hot table of the fused `score`, small enough to stay in
    /// the first-level cache for a 120-question rubric. An invalid answer's weight is +∞, so a practice area that
    /// holds one sums to an infinite weight, which the fused loop checks once per area instead of once per answer
    /// (no valid weight is infinite: the validator caps weights at 1,000,000).
    private let terms: UnsafeMutableBufferPointer<(sum: Double, weight: Double)>
    private let nodes: UnsafeMutableBufferPointer<Node>
    private let children: UnsafeMutableBufferPointer<Int32>
    /// Per test, whether it holds for each code of its question and for "not asked".
    private let tests: UnsafeMutableBufferPointer<Bool>
    private let gates: UnsafeMutableBufferPointer<GatePlan>
    /// Per gate, whether it passes for each code of its question and for "not asked".
    private let gateTables: UnsafeMutableBufferPointer<Bool>
    /// Per dimension, its weight and its practice areas' range in ``areas``; a dimension without practice areas has
    /// one area of weight 1 holding all its questions.
    private let dimensions: UnsafeMutableBufferPointer<(weight: Double, hasAreas: Bool, areas: Range<Int>)>
    private let areas: UnsafeMutableBufferPointer<(weight: Double, questions: Range<Int>)>
    /// Per question, the position of its level tag (gated-maturity), or `Int.max` for none.
    private let tags: UnsafeMutableBufferPointer<Int>
    /// The score bands, lowest level first.
    private let bands: UnsafeMutableBufferPointer<MaturityRules.Band>
    /// Per slot, the core's outcome for that code (or "not asked"): what an assessment reports per question, once
    /// the answer itself is put in. An invalid code's slot, which ``evaluate(_:into:)`` never chooses, holds the
    /// question's "not asked" outcome. Templates hold no value: the response's own answer is written in.
    let templates: [QuestionOutcome]
    /// The model's id, as assessments name it.
    let modelID: String
    /// Finds the question an answer's key names, and the option an answer names.
    let answerLookup: AnswerLookup
    /// Per question, what its format means and its options.
    let coding: UnsafeMutableBufferPointer<Unmanaged<QuestionCoding>>
    /// Whether the model reports practice-area scores (all but the flat XCCDF models).
    var hasAreaScores: Bool {
        switch model {
        case .weightedMean, .gatedMaturity, .xccdf(.default): true
        case .xccdf: false
        }
    }

    /// How many questions the rubric has.
    package var questionCount: Int { questionPlans.count }
    /// How many scopes a score has: the dimensions, then the overall score.
    package var scopeCount: Int { dimensions.count + 1 }
    /// How many practice areas the plan sums, a dimension without practice areas counting as one.
    var areaCount: Int { areas.count }

    /// The most entries the tables of a plan's tests (conditions and gates) may have together: 16 MB. Each test
    /// has an entry per code of its question, and a question's codes can grow with the tests on it, so without a
    /// bound a hostile rubric of many tests on one numeric question would take time and memory quadratic in its
    /// size; such a rubric is scored by the core instead.
    package static let largestTestTable = 1 << 24
    /// The most answer codes a plan holds over all its questions: each has a core outcome of about 100 bytes,
    /// so a million is about 200 MB with the tables. A 120-question rubric has a few thousand.
    package static let mostCodes = 1 << 20

    /// The plan of `model` for the rubric in `index`; `nil` when `model` is not a built-in model, or the rubric is
    /// too large for tables (see the type's documentation).
    package init?(index: RubricIndex, model: any ScoringModel) {
        let planned: Model
        switch model {
        case is WeightedMeanModel: planned = .weightedMean
        case is GatedMaturityModel: planned = .gatedMaturity
        case let xccdf as XCCDFModel: planned = .xccdf(xccdf.variant)
        default: return nil
        }
        self.model = planned
        modelID = model.id
        let rubric = index.rubric
        self.index = index
        // Each question's format, with codes cut as finely as the tests on it need.
        var testsByQuestion = [[AnswerTest]](repeating: [], count: index.questions.count)
        var testCount = 0
        func collect(_ condition: Condition) {
            switch condition {
            case .answer(let id, let test):
                testCount += 1
                if let position = index.position(ofQuestion: id) { testsByQuestion[position].append(test) }
            case .all(let conditions), .any(let conditions): conditions.forEach(collect)
            case .not(let condition): collect(condition)
            }
        }
        for entry in index.questions { entry.question.condition.map(collect) }
        for level in rubric.levels {
            for gate in level.gates {
                testCount += 1
                if let position = index.position(ofQuestion: gate.question) {
                    testsByQuestion[position].append(gate.test)
                }
            }
        }
        let codingRules = index.questions.map { $0.rules.deciding(testsByQuestion[$0.position]) }
        let codeCounts = index.questions.map { entry in
            Int(AnswerCode.firstOption) + 2 * entry.options.count
                + codingRules[entry.position].extraCodeCount(options: entry.options)
        }
        // Every code, and "not asked" after them, must fit in an ``AnswerCode``; every code's outcome in memory;
        // and the tests' tables in time: each entry is one test of one code, and an `in` test compares each of its
        // values (a list of 10,000 words tested against the 10,000 codes it makes would be 10⁸ comparisons).
        var tableWork = testCount
        for (tests, count) in zip(testsByQuestion, codeCounts) {
            for test in tests {
                // Each listed value is compared, and a list of choices as a set of its ids.
                func size(_ value: AnswerValue) -> Int {
                    if case .choices(let ids) = value { return max(1, ids.count) }
                    return 1
                }
                var values = 1
                if case .oneOf(let list) = test { values = max(1, list.reduce(0) { $0 + size($1) }) }
                if case .equals(let value) = test { values = size(value) }
                tableWork += (count + 1) * values
            }
        }
        guard codeCounts.allSatisfy({ $0 < Int(UInt16.max) }), codeCounts.reduce(0, +) <= Self.mostCodes,
            tableWork <= Self.largestTestTable
        else { return nil }

        let policies = rubric.policies
        var counts: [Int32] = []
        var starts: [Int32] = []
        var allOutcomes: [Outcome] = []
        /// Per question, the core's outcome of each code and of "not asked", kept while the tables are built.
        var questionOutcomes: [[QuestionOutcome?]] = []
        for entry in index.questions {
            let dimension = rubric.dimensions[entry.dimensionIndex]
            let area = entry.practiceAreaIndex.map { dimension.practiceAreas[$0].id }
            let codeCount = codeCounts[entry.position]
            let rules = codingRules[entry.position]
            counts.append(Int32(codeCount))
            starts.append(Int32(allOutcomes.count))
            var outcomes: [QuestionOutcome?] = []
            for raw in 0...codeCount {
                let code = AnswerCode(raw)
                guard raw < codeCount else {
                    outcomes.append(
                        ResponseEvaluation.outcome(
                            of: nil, entry: entry, dimensionID: dimension.id, practiceAreaID: area, asked: false,
                            policies: policies))
                    continue
                }
                // A numeric band's code carries its reading, valid by construction; any other answer is checked
                // as a response's answer is.
                guard let (value, reading) = Self.answer(code, rules: rules, options: entry.options),
                    reading != nil || value.flatMap({ ResponseEvaluation.problem(with: $0, entry: entry) }) == nil
                else {
                    outcomes.append(nil)
                    continue
                }
                outcomes.append(
                    ResponseEvaluation.outcome(
                        of: value, entry: entry, dimensionID: dimension.id, practiceAreaID: area, asked: true,
                        policies: policies, reading: reading))
            }
            for outcome in outcomes {
                allOutcomes.append(Self.reduce(outcome, entry: entry, model: planned))
            }
            questionOutcomes.append(outcomes)
        }
        answerLookup = AnswerLookup(index: index)
        coding = Self.buffer(
            index.questions.map {
                .passRetained(QuestionCoding(rules: codingRules[$0.position], options: $0.options))
            })
        // Without their values: every assessment writes the response's own answer in, so a stand-in value kept
        // here would be copied and freed once per question.
        templates = questionOutcomes.flatMap { outcomes in
            outcomes.map {
                var template = $0 ?? outcomes.last!!
                template.value = nil
                return template
            }
        }
        outcomes = Self.buffer(allOutcomes)
        terms = Self.buffer(
            allOutcomes.map { outcome in
                if outcome.flags & Outcome.invalid != 0 { return (0, .infinity) }
                switch planned {
                case .weightedMean, .gatedMaturity: return (outcome.weightedPoints, outcome.weight)
                case .xccdf(.default): return (outcome.xccdfPoints, outcome.xccdfWeight)
                case .xccdf: return (outcome.flatScore, outcome.flatMaximum)
                }
            })

        // Conditions: each test becomes a table over its question's codes; a test on a question not asked before
        // this one never holds, as in ``ResponseEvaluation``.
        var nodeList: [Node] = []
        var childList: [Int32] = []
        var testList: [Bool] = []
        func compile(_ condition: Condition, before position: Int) -> Int32 {
            switch condition {
            case .answer(let id, let test):
                guard let question = index.position(ofQuestion: id), question < position else {
                    nodeList.append(Node(kind: 0, first: 0, count: -1))
                    return Int32(nodeList.count - 1)
                }
                let start = testList.count
                testList += questionOutcomes[question].map { $0.map(test.matches) ?? false }
                nodeList.append(Node(kind: 0, first: Int32(start), count: Int32(question)))
                return Int32(nodeList.count - 1)
            case .all(let conditions), .any(let conditions):
                let compiled = conditions.map { compile($0, before: position) }
                let first = childList.count
                childList += compiled
                var kind: UInt8 = 1
                if case .any = condition { kind = 2 }
                nodeList.append(Node(kind: kind, first: Int32(first), count: Int32(compiled.count)))
                return Int32(nodeList.count - 1)
            case .not(let inner):
                let child = compile(inner, before: position)
                nodeList.append(Node(kind: 3, first: child, count: 0))
                return Int32(nodeList.count - 1)
            }
        }
        let roots = index.questions.map { entry in
            entry.question.condition.map { compile($0, before: entry.position) } ?? -1
        }
        questionPlans = Self.buffer((0..<counts.count).map { (counts[$0], starts[$0], roots[$0]) })
        nodes = Self.buffer(nodeList)
        children = Self.buffer(childList)
        tests = Self.buffer(testList)

        var gateList: [GatePlan] = []
        var gateTableList: [Bool] = []
        for (level, declared) in rubric.levels.enumerated() {
            for gate in declared.gates {
                guard let question = index.position(ofQuestion: gate.question) else {
                    gateList.append(GatePlan(level: level, dimension: -1, question: -1, table: 0))
                    continue
                }
                gateList.append(
                    GatePlan(
                        level: level, dimension: index.questions[question].dimensionIndex, question: question,
                        table: gateTableList.count))
                gateTableList += questionOutcomes[question].map { MaturityRules.passes(gate, outcome: $0) }
            }
        }
        gates = Self.buffer(gateList)
        gateTables = Self.buffer(gateTableList)

        var dimensionList: [(weight: Double, hasAreas: Bool, areas: Range<Int>)] = []
        var areaList: [(weight: Double, questions: Range<Int>)] = []
        var next = 0
        for dimension in rubric.dimensions {
            let first = areaList.count
            if dimension.practiceAreas.isEmpty {
                areaList.append((1, next..<(next + dimension.questions.count)))
                next += dimension.questions.count
            } else {
                for area in dimension.practiceAreas {
                    areaList.append((area.weight, next..<(next + area.questions.count)))
                    next += area.questions.count
                }
            }
            dimensionList.append((dimension.weight, !dimension.practiceAreas.isEmpty, first..<areaList.count))
        }
        dimensions = Self.buffer(dimensionList)
        areas = Self.buffer(areaList)
        tags = Self.buffer(
            index.questions.map { entry in entry.question.level.flatMap(index.position(ofLevel:)) ?? Int.max })
        bands = Self.buffer(MaturityRules.bands(of: rubric.levels))
    }

    /// A buffer holding `elements`, freed in `deinit`; never of capacity 0, so it always has an address.
    private static func buffer<Element>(_ elements: [Element]) -> UnsafeMutableBufferPointer<Element> {
        let buffer = UnsafeMutableBufferPointer<Element>.allocate(capacity: max(1, elements.count))
        _ = buffer.initialize(from: elements)
        return UnsafeMutableBufferPointer(rebasing: buffer[0..<elements.count])
    }

    deinit {
        for coding in coding { coding.release() }
        coding.deallocate()
        questionPlans.deallocate()
        outcomes.deallocate()
        terms.deallocate()
        nodes.deallocate()
        children.deallocate()
        tests.deallocate()
        gates.deallocate()
        gateTables.deallocate()
        dimensions.deallocate()
        areas.deallocate()
        tags.deallocate()
        bands.deallocate()
    }

    /// How the byte-level scanner reads answers to the question at `position`: as its format codes them here,
    /// cut for the tests on it.
    package func scanning(ofQuestion position: Int) -> AnswerScanning {
        coding[position]._withUnsafeGuaranteedRef { $0.rules.scanning }
    }

    /// A question's format (with its codes cut for the tests on it) and options, for coding its answers. A class, with constants: calling the format
    /// through a value in an array or a buffer copied it (and its strings) once per answer, since the compiler
    /// cannot prove that memory unchanged during the call; a class's constants it can.
    final class QuestionCoding: Sendable {
        let rules: any AnswerFormatRules
        let options: [ResolvedOption]
        /// The format's ``AnswerFormatRules/normalizes``, read once: asking the format per answer costs a call.
        let normalizes: Bool

        init(rules: any AnswerFormatRules, options: [ResolvedOption]) {
            self.rules = rules
            self.options = options
            normalizes = rules.normalizes
        }
    }

    /// The answer a code stands for, and for a numeric band the reading to use (a code names the band, not the
    /// number); `nil` for a code that is no answer at all (an unmatched number, an option the question lacks).
    /// The outer optional's inner `nil` value is "no answer".
    private static func answer(_ code: AnswerCode, rules: any AnswerFormatRules, options: [ResolvedOption])
        -> (value: AnswerValue?, reading: AnswerReading?)?
    {
        switch code {
        case .missing: return (nil, nil)
        case .notApplicable: return (.notApplicable, nil)
        case .dontKnow: return (.dontKnow, nil)
        case .unmatchedNumber: return nil
        case .no: return (.flag(false), nil)
        case .yes: return (.flag(true), nil)
        default: return rules.answer(ofOptionCode: code, options: options).map { ($0.value, $0.reading) }
        }
    }

    /// A core outcome reduced to what `model` adds up; `nil` is an invalid answer.
    private static func reduce(_ outcome: QuestionOutcome?, entry: IndexedQuestion, model: Model) -> Outcome {
        guard let outcome else {
            return Outcome(
                weightedPoints: 0, weight: 0, xccdfPoints: 0, xccdfWeight: 0, flatScore: 0, flatMaximum: 0,
                earned: .nan, flags: Outcome.invalid)
        }
        var flags: UInt8 = 0
        if outcome.status == .answered, outcome.earned != nil { flags |= Outcome.answered }
        if GatedMaturityModel.isAssessed(outcome, entry: entry) { flags |= Outcome.assessed }
        if entry.question.earnsPoints, GatedMaturityModel.isUnmet(outcome) { flags |= Outcome.unmet }
        let rule = XCCDFModel.rule(outcome)
        let weight = outcome.weight
        // As ``XCCDFModel/flat(_:)``: flat-unweighted counts each rule as 1, or 0 when its question weighs 0.
        var flatWeight = weight
        if case .xccdf(.flatUnweighted) = model { flatWeight = weight == 0 ? 0 : 1 }
        return Outcome(
            weightedPoints: outcome.points.map { weight * $0 } ?? 0,
            weight: outcome.points == nil ? 0 : weight,
            xccdfPoints: rule.counted ? (rule.passed ? 100 : 0) * weight : 0,
            xccdfWeight: rule.counted ? weight : 0,
            flatScore: rule.counted && rule.passed ? flatWeight : 0,
            flatMaximum: rule.counted ? flatWeight : 0,
            earned: outcome.earned ?? .nan,
            flags: flags)
    }

    /// Decides what is asked and scores, in one pass over the questions: ``evaluate(_:into:)`` and
    /// ``score(_:scores:levels:details:)`` fused, the hot loop of aggregation. Returns `false` (and scores nothing) when an
    /// answer is not valid for its question. The sums are the same additions in the same order as the two steps.
    ///
    /// `marks` holds two bits per slot of the caller's own (the comparison's "answered" and "gap"); each chosen
    /// slot's bits are set at the question's position in `first` and `second`, which must start empty.
    package func score(
        _ codes: UnsafeBufferPointer<AnswerCode>,
        slots: UnsafeMutableBufferPointer<Int32>,
        scores: UnsafeMutableBufferPointer<Double?>,
        levels: UnsafeMutableBufferPointer<Int?>,
        marks: UnsafePointer<UInt8>,
        first: UnsafeMutablePointer<UInt64>,
        second: UnsafeMutablePointer<UInt64>
    ) -> Bool {
        if case .xccdf(let variant) = model, variant != .default {
            guard evaluate(codes, into: slots) else { return false }
            score(slots, scores: scores, levels: levels, details: nil)
            for position in 0..<slots.count {
                let mark = UInt64(marks[Int(slots[position])])
                first[position >> 6] |= (mark & 1) << UInt64(position & 63)
                second[position >> 6] |= ((mark >> 1) & 1) << UInt64(position & 63)
            }
            return true
        }
        let codes = codes.baseAddress!
        let questionPlans = questionPlans.baseAddress!
        let terms = terms.baseAddress!
        // Weighted means (weighted-mean, gated-maturity) are 100 · Σ / Σw; xccdf-default's terms are already ×100.
        let scale: Double = if case .xccdf = model { 1 } else { 100 }
        var seenInvalid: UInt8 = 0
        var overallSum = 0.0
        var overallWeight = 0.0
        for dimensionIndex in 0..<dimensions.count {
            let dimension = dimensions[dimensionIndex]
            var score: Double?
            var areaSum = 0.0
            var areaWeight = 0.0
            for areaIndex in dimension.areas {
                let area = areas[areaIndex]
                var sum = 0.0
                var weight = 0.0
                for position in area.questions {
                    let code = Int32(codes[position].rawValue)
                    let question = questionPlans[position]
                    var slot = question.start + min(code, question.count)
                    seenInvalid |= code >= question.count ? 1 : 0
                    if question.condition >= 0 {
                        // An invalid answer to a question not asked is still refused, as the core refuses it.
                        seenInvalid |= terms[Int(slot)].weight == .infinity ? 1 : 0
                        if !holds(Int(question.condition), slots) { slot = question.start + question.count }
                    }
                    slots[position] = slot
                    let term = terms[Int(slot)]
                    sum += term.sum
                    weight += term.weight
                    let mark = UInt64(marks[Int(slot)])
                    let shift = UInt64(position & 63)
                    first[position >> 6] |= (mark & 1) << shift
                    second[position >> 6] |= ((mark >> 1) & 1) << shift
                }
                seenInvalid |= weight == .infinity ? 1 : 0
                let mean: Double? = weight > 0 ? scale * sum / weight : nil
                if !dimension.hasAreas {
                    score = mean
                } else if let mean {
                    // A product is the same whichever way round (IEEE 754), so this is the models' arithmetic.
                    areaSum += area.weight * mean
                    areaWeight += area.weight
                }
            }
            if dimension.hasAreas { score = areaWeight > 0 ? areaSum / areaWeight : nil }
            if let score {
                overallSum += dimension.weight * score
                overallWeight += dimension.weight
            }
            scores[dimensionIndex] = score
        }
        guard seenInvalid == 0 else { return false }
        scores[dimensions.count] = overallWeight > 0 ? overallSum / overallWeight : nil
        levelsFromScores(slots, scores: scores, levels: levels)
        return true
    }

    /// Decides what is asked: writes, per question, the outcome that counts (its code's, or "not asked") into
    /// `slots`. Returns `false` when an answer is not valid for its question, so the caller can say why.
    @inline(__always)
    package func evaluate(_ codes: UnsafeBufferPointer<AnswerCode>, into slots: UnsafeMutableBufferPointer<Int32>)
        -> Bool
    {
        var valid = true
        for position in 0..<questionPlans.count {
            let code = Int32(codes[position].rawValue)
            let question = questionPlans[position]
            let slot = question.start + min(code, question.count)
            valid = valid && code < question.count && outcomes[Int(slot)].flags & Outcome.invalid == 0
            let root = question.condition
            slots[position] = root < 0 || holds(Int(root), slots) ? slot : question.start + question.count
        }
        return valid
    }

    /// The slots of question `position`'s outcomes: one per code, then "not asked".
    package func slots(ofQuestion position: Int) -> Range<Int32> {
        let question = questionPlans[position]
        return question.start..<(question.start + question.count + 1)
    }

    /// The outcome in `slot`, as ``evaluate(_:into:)`` wrote it.
    @inline(__always)
    package func outcome(_ slot: Int32) -> Outcome {
        outcomes[Int(slot)]
    }

    /// Whether node `node` of a condition holds for the outcomes in `slots`.
    private func holds(_ node: Int, _ slots: UnsafeMutableBufferPointer<Int32>) -> Bool {
        let node = nodes[node]
        switch node.kind {
        case 0:
            guard node.count >= 0 else { return false }
            let question = Int(node.count)
            return tests[Int(node.first) + Int(slots[question] - questionPlans[question].start)]
        case 1:
            for child in 0..<Int(node.count) where !holds(Int(children[Int(node.first) + child]), slots) {
                return false
            }
            return true
        case 2:
            for child in 0..<Int(node.count) where holds(Int(children[Int(node.first) + child]), slots) {
                return true
            }
            return false
        default:
            return !holds(Int(node.first), slots)
        }
    }

    /// Whether gate `gate` passes for the outcomes in `slots`.
    @inline(__always)
    private func passes(_ gate: GatePlan, _ slots: UnsafeMutableBufferPointer<Int32>) -> Bool {
        guard gate.question >= 0 else { return false }
        return gateTables[gate.table + Int(slots[gate.question] - questionPlans[gate.question].start)]
    }

    /// What an assessment reports beyond scores and levels: each practice area's score (in ``areas`` order) and,
    /// for the flat XCCDF models, each scope's raw score and maximum.
    struct Details {
        var areaScores: UnsafeMutableBufferPointer<Double?>
        var raw: UnsafeMutableBufferPointer<RawScore?>
    }

    /// Scores the outcomes ``evaluate(_:into:)`` chose: per scope (dimensions, then overall), the score and the
    /// position of the level reached, exactly as the plan's model scores the same answers through the core; also
    /// writes `details` when given.
    func score(
        _ slots: UnsafeMutableBufferPointer<Int32>,
        scores: UnsafeMutableBufferPointer<Double?>,
        levels: UnsafeMutableBufferPointer<Int?>,
        details: Details?
    ) {
        switch model {
        case .weightedMean, .gatedMaturity, .xccdf(.default): meanScores(slots, scores, details)
        case .xccdf(let variant): xccdfFlatScores(slots, scores, details, variant: variant)
        }
        levelsFromScores(slots, scores: scores, levels: levels)
    }

    /// The level of each scope, from its score, the gates and (gated-maturity) the tagged practices.
    private func levelsFromScores(
        _ slots: UnsafeMutableBufferPointer<Int32>,
        scores: UnsafeMutableBufferPointer<Double?>,
        levels: UnsafeMutableBufferPointer<Int?>
    ) {
        let overall = dimensions.count
        var isGated = false
        if case .gatedMaturity = model { isGated = true }
        if gates.isEmpty && !isGated {
            // No gate can cap a level: each scope's band is its level.
            for scope in 0...overall {
                levels[scope] = scores[scope].flatMap { MaturityRules.bandLevel(for: $0, in: bands) }
            }
            return
        }
        for scope in 0...overall { levels[scope] = nil }
        // The lowest level a failing gate guards, per scope; `Int.max` when every gate passes.
        withUnsafeTemporaryAllocation(of: Int.self, capacity: overall + 1) { lowestFailing in
            lowestFailing.initialize(repeating: Int.max)
            for gate in gates where !passes(gate, slots) {
                lowestFailing[overall] = min(lowestFailing[overall], gate.level)
                if gate.dimension >= 0 {
                    lowestFailing[gate.dimension] = min(lowestFailing[gate.dimension], gate.level)
                }
            }
            if case .gatedMaturity = model {
                gatedLevels(slots, lowestFailing: lowestFailing, levels: levels)
                return
            }
            for scope in 0...overall {
                guard let score = scores[scope], let band = MaturityRules.bandLevel(for: score, in: bands) else {
                    continue
                }
                let failing = lowestFailing[scope]
                levels[scope] = failing <= band ? (failing == 0 ? nil : failing - 1) : band
            }
        }
    }

    /// `weighted-mean` and `gated-maturity` scores (the same sums as ``WeightedMeanModel``, in the same order), or
    /// `xccdf-default`'s (each group normalised over its counted rules, as ``XCCDFModel``): the fused loop's sums,
    /// over chosen slots, with each practice area's score written to `details`.
    private func meanScores(
        _ slots: UnsafeMutableBufferPointer<Int32>, _ scores: UnsafeMutableBufferPointer<Double?>, _ details: Details?
    ) {
        // Weighted means are 100 · Σ / Σw; xccdf-default's terms are already ×100.
        let scale: Double = if case .xccdf = model { 1 } else { 100 }
        var overallSum = 0.0
        var overallWeight = 0.0
        for dimensionIndex in 0..<dimensions.count {
            let dimension = dimensions[dimensionIndex]
            var score: Double?
            var areaSum = 0.0
            var areaWeight = 0.0
            for areaIndex in dimension.areas {
                let area = areas[areaIndex]
                var sum = 0.0
                var weight = 0.0
                for position in area.questions {
                    let term = terms[Int(slots[position])]
                    sum += term.sum
                    weight += term.weight
                }
                let mean: Double? = weight > 0 ? scale * sum / weight : nil
                details?.areaScores[areaIndex] = mean
                if !dimension.hasAreas {
                    score = mean
                } else if let mean {
                    areaSum += area.weight * mean
                    areaWeight += area.weight
                }
            }
            if dimension.hasAreas { score = areaWeight > 0 ? areaSum / areaWeight : nil }
            if let score {
                overallSum += dimension.weight * score
                overallWeight += dimension.weight
            }
            scores[dimensionIndex] = score
        }
        scores[dimensions.count] = overallWeight > 0 ? overallSum / overallWeight : nil
    }

    /// The flat XCCDF scores: raw sums per dimension and in total, as ``XCCDFModel``.
    private func xccdfFlatScores(
        _ slots: UnsafeMutableBufferPointer<Int32>, _ scores: UnsafeMutableBufferPointer<Double?>, _ details: Details?,
        variant: XCCDFModel.Variant
    ) {
        func reported(_ score: Double, _ maximum: Double, scope: Int) -> Double? {
            if variant == .absolute {
                let passed: Double = score == maximum ? 1 : 0
                details?.raw[scope] = RawScore(score: passed, maximum: 1)
                return 100 * passed
            }
            details?.raw[scope] = RawScore(score: score, maximum: maximum)
            return maximum > 0 ? 100 * score / maximum : nil
        }
        var totalScore = 0.0
        var totalMaximum = 0.0
        for dimensionIndex in 0..<dimensions.count {
            var score = 0.0
            var maximum = 0.0
            for areaIndex in dimensions[dimensionIndex].areas {
                for position in areas[areaIndex].questions {
                    let outcome = outcomes[Int(slots[position])]
                    maximum += outcome.flatMaximum
                    score += outcome.flatScore
                }
            }
            totalScore += score
            totalMaximum += maximum
            scores[dimensionIndex] = reported(score, maximum, scope: dimensionIndex)
        }
        scores[dimensions.count] = reported(totalScore, totalMaximum, scope: dimensions.count)
    }

    /// `gated-maturity` levels: the highest level below the lowest unmet practice or failing gate, in scopes
    /// whose tagged practices show a level at all.
    private func gatedLevels(
        _ slots: UnsafeMutableBufferPointer<Int32>, lowestFailing: UnsafeMutableBufferPointer<Int>,
        levels: UnsafeMutableBufferPointer<Int?>
    ) {
        let overall = dimensions.count
        // Per scope, whether a tagged practice in it applies, so it has shown a level at all.
        var assessed = [Bool](repeating: false, count: overall + 1)
        for dimensionIndex in 0..<dimensions.count {
            for areaIndex in dimensions[dimensionIndex].areas {
                for position in areas[areaIndex].questions {
                    let flags = outcomes[Int(slots[position])].flags
                    if flags & Outcome.assessed != 0 {
                        assessed[dimensionIndex] = true
                        assessed[overall] = true
                    }
                    guard flags & Outcome.unmet != 0, tags[position] != Int.max else { continue }
                    lowestFailing[dimensionIndex] = min(lowestFailing[dimensionIndex], tags[position])
                    lowestFailing[overall] = min(lowestFailing[overall], tags[position])
                }
            }
        }
        let levelCount = index.rubric.levels.count
        for scope in 0...overall where assessed[scope] && levelCount > 0 {
            let first = lowestFailing[scope]
            levels[scope] = first >= levelCount ? levelCount - 1 : (first == 0 ? nil : first - 1)
        }
    }
}

/// Everything a peer group's statistics need, gathered one response at a time.
///
/// Exact quantiles need every value, so a group keeps one `Double` per response per scope: memory grows with the
/// responses counted (about 72 bytes per response for an 8-dimension rubric), and with the number of groups, never
/// with the size of the file or the number of answers. Organisations are kept as 64-bit FNV-1a hashes of their
/// names; two names that collide count as one organisation, which can only make a group look smaller and so
/// suppress more, never less.
package struct GroupAccumulator: Sendable {
    /// The distinct organisations counted.
    package var organisations: Set<UInt64> = []
    /// The responses counted.
    package var responses = 0
    /// Per scope (dimensions, then overall), the scores of the responses that had one, in the order counted.
    package var values: [ScoreColumn]
    /// Per scope, how many responses reached each level; the last entry counts those below the lowest level.
    package var levelCounts: [[Int]] { (0..<values.count).map { Array(levelTally[levelRange($0)]) } }
    /// Per scope and level, up to two of the organisations at that level (the last entry: below the lowest).
    package var levelOrganisations: [[OrganisationPair]] {
        (0..<values.count).map { Array(levelPairs[levelRange($0)]) }
    }
    /// Per question, how many responses answered it with a value.
    package var answeredCounts: [UInt32] { questions.map(\.answered) }
    /// Per question, how many responses answered it at a gap.
    package var gapCounts: [UInt32] { questions.map(\.gaps) }
    /// Per question, up to two organisations at a gap.
    package var gapOrganisations: [OrganisationPair] { questions.map(\.gapOrganisations) }
    /// Per question, up to two organisations that answered it and are not at a gap.
    package var otherOrganisations: [OrganisationPair] { questions.map(\.otherOrganisations) }

    /// The level counts of every scope in one array, `levelStride` entries per scope; one array rather than one
    /// per scope, so counting a response touches a few neighbouring cache lines instead of a dozen scattered ones.
    private var levelTally: [Int]
    /// The organisations at each level, laid out as ``levelTally``.
    private var levelPairs: [OrganisationPair]
    /// Levels plus one (below the lowest).
    private let levelStride: Int
    /// Per question, everything counted about it, together: the hot loop touches one place per answer.
    private var questions: [QuestionTally]

    /// What a group counts about one question. 32-bit counts (up to 4 billion responses per group) keep it at
    /// 40 bytes.
    private struct QuestionTally: Sendable {
        var answered: UInt32 = 0
        var gaps: UInt32 = 0
        var gapOrganisations = OrganisationPair()
        var otherOrganisations = OrganisationPair()
    }

    /// An empty group for `scopeCount` scopes, `levelCount` levels and `questionCount` questions.
    package init(scopeCount: Int, levelCount: Int, questionCount: Int) {
        values = Array(repeating: ScoreColumn(), count: scopeCount)
        levelStride = levelCount + 1
        levelTally = Array(repeating: 0, count: scopeCount * levelStride)
        levelPairs = Array(repeating: OrganisationPair(), count: scopeCount * levelStride)
        questions = Array(repeating: QuestionTally(), count: questionCount)
    }

    private func levelRange(_ scope: Int) -> Range<Int> {
        (scope * levelStride)..<((scope + 1) * levelStride)
    }

    /// Counts one response of the organisation whose name hashes to `organisation`.
    package mutating func add(_ record: ScoredResponse, organisation: UInt64) {
        organisations.insert(organisation)
        responses += 1
        let stride = levelStride
        // Each array is made unique once per response, not once per scope or question.
        values.withUnsafeMutableBufferPointer { values in
            for scope in 0..<values.count {
                if let score = record.scores[scope] { values[scope].append(score) }
            }
        }
        let scopeCount = values.count
        levelTally.withUnsafeMutableBufferPointer { levelTally in
            levelPairs.withUnsafeMutableBufferPointer { levelPairs in
                for scope in 0..<scopeCount {
                    let slot = scope * stride + (record.levels[scope] ?? stride - 1)
                    levelTally[slot] += 1
                    levelPairs[slot].insert(organisation)
                }
            }
        }
        questions.withUnsafeMutableBufferPointer { questions in
            record.answered.forEach { position in
                questions[position].answered += 1
                if record.gaps.contains(position) {
                    questions[position].gaps += 1
                    questions[position].gapOrganisations.insert(organisation)
                } else {
                    questions[position].otherOrganisations.insert(organisation)
                }
            }
        }
    }

    /// Adds everything `other` counted; without `includingValues`, everything but its scores, for a caller that
    /// reads the scores from the parts (the scores are the one part whose size grows with the responses).
    package mutating func merge(_ other: GroupAccumulator, includingValues: Bool = true) {
        organisations.formUnion(other.organisations)
        responses += other.responses
        if includingValues {
            for scope in 0..<values.count {
                values[scope].append(contentsOf: other.values[scope])
            }
        }
        for slot in 0..<levelTally.count {
            levelTally[slot] += other.levelTally[slot]
            levelPairs[slot].formUnion(other.levelPairs[slot])
        }
        for position in 0..<questions.count {
            questions[position].answered += other.questions[position].answered
            questions[position].gaps += other.questions[position].gaps
            questions[position].gapOrganisations.formUnion(other.questions[position].gapOrganisations)
            questions[position].otherOrganisations.formUnion(other.questions[position].otherOrganisations)
        }
    }
}

/// Up to two distinct organisations: enough to tell "none", "exactly one" and "two or more" apart.
///
/// The disclosure rules ask whether all, or all but one, organisations share a level; that needs to know only
/// whether the organisations outside a level number fewer than two. Sixteen bytes, since the accumulator holds
/// two per question per group and the hot loop touches them for every answer: 0 marks an empty place, and an
/// organisation whose hash is 0 is stored as 1 (a collision that can only make two organisations look like one,
/// and so withhold more).
package struct OrganisationPair: Sendable, Hashable {
    private var first: UInt64 = 0
    private var second: UInt64 = 0

    /// An empty pair.
    package init() {}

    /// 0, 1, or 2 meaning "two or more".
    package var count: Int { first == 0 ? 0 : second == 0 ? 1 : 2 }

    /// Adds `organisation`.
    @inline(__always)
    package mutating func insert(_ organisation: UInt64) {
        let stored = organisation == 0 ? 1 : organisation
        if first == 0 {
            first = stored
        } else if second == 0 && stored != first {
            second = stored
        }
    }

    /// Adds the organisations of `other`.
    package mutating func formUnion(_ other: OrganisationPair) {
        if other.first != 0 { insert(other.first) }
        if other.second != 0 { insert(other.second) }
    }
}

/// One scope's scores in a group, in the order they were counted.
///
/// Merging two groups joins their lists of scores rather than copying every score into one array: with a million
/// responses, copying the second worker's scores into the first's touched tens of megabytes of new memory, on the
/// one thread, for nothing. The summary copies each column once into a scratch buffer anyway (see
/// ``ScoreStatistics``).
package struct ScoreColumn: Sendable {
    /// The scores counted into this column itself, after those of ``earlier``.
    private var current: [Double] = []
    /// The scores of columns merged in, in order, before ``current``.
    private var earlier: [[Double]] = []

    /// An empty column.
    package init() {}

    /// A column of `scores`, in order.
    package init(_ scores: [Double]) {
        current = scores
    }

    /// How many scores there are.
    package var count: Int { earlier.reduce(current.count) { $0 + $1.count } }

    /// The scores, in order, in one array.
    package var scores: [Double] { earlier.isEmpty ? current : (earlier + [current]).flatMap { $0 } }

    /// Adds one score at the end.
    @inline(__always)
    package mutating func append(_ score: Double) {
        current.append(score)
    }

    /// Adds `other`'s scores at the end, without copying them.
    package mutating func append(contentsOf other: ScoreColumn) {
        guard other.count > 0 else { return }
        if !current.isEmpty { earlier.append(current) }
        earlier += other.earlier
        if !other.current.isEmpty { earlier.append(other.current) }
        current = []
    }

    /// Calls `body` with each run of scores, in order.
    package func forEachRun(_ body: ([Double]) -> Void) {
        for run in earlier { body(run) }
        body(current)
    }
}

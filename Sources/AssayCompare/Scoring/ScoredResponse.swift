import AssayCore

/// One response reduced to what a comparison needs: scores and levels per scope, and which questions it answered
/// at a low level.
///
/// Scopes are the rubric's dimensions in order, then the overall score last. Nothing here names the organisation,
/// and notes and evidence were dropped when the answers were read.
package struct ScoredResponse: Sendable, Hashable {
    /// The score from 0 to 100 of each scope; `nil` when nothing in the scope could be scored.
    package var scores: [Double?]
    /// The position of the maturity level each scope reached (0 is the lowest); `nil` when none was reached.
    package var levels: [Int?]
    /// The questions answered with a value, by position in asking order.
    package var answered: QuestionSet
    /// The questions answered at one of their lowest options (see ``GapRule``), by position.
    package var gaps: QuestionSet

    /// A 64-bit fingerprint of what the record contributes to released figures (scores, levels, answered and gap
    /// questions): two responses with the same fingerprint add the same to every statistic.
    package var fingerprint: UInt64 {
        var hash: UInt64 = 0x243F_6A88_85A3_08D3
        func mix(_ value: UInt64) {
            hash = (hash ^ value) &* 0x100_0000_01B3
            hash ^= hash >> 29
        }
        for score in scores { mix(score?.bitPattern ?? 0x7FF8_DEAD_0000_0001) }
        for level in levels { mix(UInt64(bitPattern: Int64(level ?? -1))) }
        answered.forEachWord { _, word in mix(word) }
        gaps.forEachWord { _, word in mix(word) }
        return hash
    }

    /// An empty record for a rubric with `dimensionCount` dimensions and `questionCount` questions.
    package init(dimensionCount: Int, questionCount: Int) {
        scores = Array(repeating: nil, count: dimensionCount + 1)
        levels = Array(repeating: nil, count: dimensionCount + 1)
        answered = QuestionSet(count: questionCount)
        gaps = QuestionSet(count: questionCount)
    }

    /// The record of an assessment the core scored.
    package init(assessment: Assessment, index: RubricIndex, gapRule: GapRule) {
        self.init(dimensionCount: assessment.dimensions.count, questionCount: assessment.questions.count)
        for (position, dimension) in assessment.dimensions.enumerated() {
            scores[position] = dimension.score.value
            levels[position] = dimension.score.level.flatMap { index.position(ofLevel: $0) }
        }
        scores[assessment.dimensions.count] = assessment.overall.value
        levels[assessment.dimensions.count] = assessment.overall.level.flatMap { index.position(ofLevel: $0) }
        for (position, outcome) in assessment.questions.enumerated() where outcome.status == .answered {
            guard let earned = outcome.earned else { continue }
            answered.insert(position)
            if gapRule.isGap(earned, question: position) { gaps.insert(position) }
        }
    }
}

/// A set of question positions as a bit set: two words for a 120-question rubric, no allocation per question.
package struct QuestionSet: Sendable, Hashable {
    private var words: [UInt64]

    /// An empty set for positions `0..<count`.
    package init(count: Int) {
        words = Array(repeating: 0, count: (count + 63) / 64)
    }

    /// Adds `position`.
    package mutating func insert(_ position: Int) {
        words[position >> 6] |= 1 << UInt64(position & 63)
    }

    /// Calls `body` with the set's words, writable: bit `p % 64` of word `p / 64` is position `p`.
    package mutating func withWords<R>(_ body: (UnsafeMutableBufferPointer<UInt64>) -> R) -> R {
        words.withUnsafeMutableBufferPointer { body($0) }
    }

    /// Empties the set, keeping its storage.
    package mutating func removeAll() {
        for index in words.indices { words[index] = 0 }
    }

    /// Word `index` of the set: bit `p % 64` is position `p` for the positions of that word.
    @inline(__always)
    package func word(_ index: Int) -> UInt64 {
        words[index]
    }

    /// Calls `body` with each word's index and bits, in order.
    @inline(__always)
    package func forEachWord(_ body: (Int, UInt64) -> Void) {
        words.withUnsafeBufferPointer { words in
            for index in words.indices { body(index, words[index]) }
        }
    }
}

/// Which answers count as a gap: answered at one of the question's two lowest options.
///
/// The threshold is in points (0 to 1). A question with four or more distinct point values has a gap at or below
/// its second-lowest value; one with two or three (a yes/no question, a three-step scale) only at its lowest, so a
/// "yes" is never a gap. Numeric and multiple-choice questions use the points of their bands and options the same
/// way. Text questions have no gaps.
package struct GapRule: Sendable, Hashable {
    /// The highest points that still count as a gap, per question; `nil` for questions without gaps.
    package let thresholds: [Double?]

    /// The rule for the rubric in `index`.
    package init(index: RubricIndex) {
        thresholds = index.questions.map { entry in
            guard entry.question.earnsPoints else { return nil }
            let points = Set(entry.options.map(\.points)).sorted()
            guard let lowest = points.first else { return nil }
            return points.count >= 4 ? points[1] : lowest
        }
    }

    /// Whether `earned` points on question `position` are a gap.
    @inline(__always)
    package func isGap(_ earned: Double, question position: Int) -> Bool {
        guard let threshold = thresholds[position] else { return false }
        return earned <= threshold + 1e-9
    }
}

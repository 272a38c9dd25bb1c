/// Everything a peer group's statistics need, gathered one response at a time.
///
/// Exact quantiles need every value, so a group keeps one `Double` per response per scope: memory grows with the
/// responses counted (about 72 bytes per response for an 8-dimension rubric), and with the number of groups, never
/// with the size of the file or the number of answers. Organisations are kept as 64-bit FNV-1a hashes of their
/// names; two names that collide count as one organisation, which can only make a group look smaller and so
/// suppress more, never less.
///
/// Counting a response is the hot loop of aggregation, so the layout serves it: a handful of flat arrays, each
/// made unique once per response, and a question loop whose only branch is the loop's own.
///
/// Per question, a group keeps counters and pairs of organisations: about 40 bytes a question, which for a
/// 1,000-question rubric is 40 KB a group. A group of one response needs none of that, and a response set cut into
/// many small groups would pay it per group (30,000 one-organisation groups took 1.2 GB from a 5 MB file). So a
/// group first keeps its responses' answered and gap bits as they came, a quarter of a byte per question per
/// response, and only builds the counters once it has ``bufferedResponseLimit`` responses. Memory then grows with
/// the responses read, never with groups times questions.
package struct GroupAccumulator: Sendable {
    /// The distinct organisations counted.
    package private(set) var organisations = OrganisationSet()
    /// The responses counted.
    package private(set) var responses = 0
    /// The scores of the responses, a row per response and a column per scope (dimensions, then overall).
    package private(set) var scores: ScoreTable
    /// Per scope, how many responses reached each level; the last entry counts those below the lowest level.
    package var levelCounts: [[Int]] { (0..<scores.width).map { levels[levelRange($0)].map(\.count) } }
    /// Per scope and level, up to two of the organisations at that level (the last entry: below the lowest).
    package var levelOrganisations: [[OrganisationPair]] {
        (0..<scores.width).map { levels[levelRange($0)].map(\.organisations) }
    }
    /// Per question, how many responses answered it with a value.
    package var answeredCounts: [UInt32] {
        guard isCounting else { return bufferedCounts { answered, _ in answered } }
        return (0..<questionCount).map(answered.count(of:))
    }
    /// Per question, how many responses answered it at a gap.
    package var gapCounts: [UInt32] {
        guard isCounting else { return bufferedCounts { _, gaps in gaps } }
        return (0..<questionCount).map(gaps.count(of:))
    }
    /// Per question, up to two organisations at a gap.
    package var gapOrganisations: [OrganisationPair] {
        guard isCounting else { return bufferedPairs { _, gaps in gaps } }
        return (0..<questionCount).map { questionOrganisations[2 * $0 + 1] }
    }
    /// Per question, up to two organisations that answered it and are not at a gap.
    package var otherOrganisations: [OrganisationPair] {
        guard isCounting else { return bufferedPairs { answered, gaps in answered & ~gaps } }
        return (0..<questionCount).map { questionOrganisations[2 * $0] }
    }

    /// How many responses a group keeps as bits before it builds its per-question counters. A buffered response
    /// takes 8 + 2 · ⌈questions / 64⌉ · 8 bytes and the counters about 40 bytes a question, so at this limit the
    /// buffer is still well under half the counters' size.
    package static let bufferedResponseLimit = 48

    /// Every scope's levels in one array, `levelStride` entries per scope: counting a response touches a few
    /// neighbouring cache lines instead of a dozen scattered ones.
    private var levels: [LevelTally]
    /// Levels plus one (below the lowest).
    private let levelStride: Int
    private let questionCount: Int
    /// Words of question bits: ⌈questions / 64⌉.
    private let wordCount: Int
    /// Whether the per-question counters below are built; until then the responses are in ``buffered``.
    private var isCounting = false
    /// The responses not yet counted per question, one after another: the organisation, then the answered words,
    /// then the gap words. Emptied when the counters are built.
    private var buffered: [UInt64] = []
    /// How many responses ``buffered`` holds.
    private var bufferedCount: Int { buffered.count / (1 + 2 * wordCount) }
    /// How many responses answered each question, and how many at a gap. Empty until counting.
    private var answered = QuestionCounter(questionCount: 0)
    private var gaps = QuestionCounter(questionCount: 0)
    /// Per question, two pairs: the organisations not at a gap (`2p`), then those at a gap (`2p + 1`). Empty until
    /// counting.
    private var questionOrganisations: [OrganisationPair] = []
    /// Per word of questions, two bit sets: the questions whose "not at a gap" pair, then whose "at a gap" pair,
    /// holds fewer than two organisations. Once a pair holds two it cannot change what the disclosure rules see,
    /// so after a group's first few responses a response usually touches no pair at all. Empty until counting.
    private var openPairs: [UInt64] = []

    /// What a group counts at one level of one scope.
    private struct LevelTally: Sendable {
        var count = 0
        var organisations = OrganisationPair()
    }

    /// An empty group for `scopeCount` scopes, `levelCount` levels and `questionCount` questions.
    package init(scopeCount: Int, levelCount: Int, questionCount: Int) {
        scores = ScoreTable(width: scopeCount)
        levelStride = levelCount + 1
        levels = Array(repeating: LevelTally(), count: scopeCount * levelStride)
        self.questionCount = questionCount
        wordCount = (questionCount + 63) / 64
    }

    /// Builds the per-question counters and counts the buffered responses into them.
    private mutating func startCounting() {
        guard !isCounting else { return }
        isCounting = true
        answered = QuestionCounter(questionCount: questionCount)
        gaps = QuestionCounter(questionCount: questionCount)
        questionOrganisations = Array(repeating: OrganisationPair(), count: 2 * questionCount)
        openPairs = Self.allOpen(questionCount: questionCount)
        let pending = buffered
        buffered = []
        Self.forEachBuffered(pending, wordCount: wordCount) { organisation, answeredWords, gapWords in
            for word in 0..<wordCount {
                countWord(answered: answeredWords[word], gaps: gapWords[word], word: word, organisation: organisation)
            }
        }
    }

    /// Calls `body` with each response in `buffer`: its organisation, answered words and gap words.
    private static func forEachBuffered(
        _ buffer: [UInt64], wordCount: Int,
        _ body: (UInt64, UnsafeBufferPointer<UInt64>, UnsafeBufferPointer<UInt64>) -> Void
    ) {
        let stride = 1 + 2 * wordCount
        buffer.withUnsafeBufferPointer { buffer in
            var start = 0
            while start < buffer.count {
                body(
                    buffer[start],
                    UnsafeBufferPointer(rebasing: buffer[(start + 1)..<(start + 1 + wordCount)]),
                    UnsafeBufferPointer(rebasing: buffer[(start + 1 + wordCount)..<(start + stride)]))
                start += stride
            }
        }
    }

    /// Per question, how many buffered responses have its bit set in `select(answered, gaps)`.
    private func bufferedCounts(_ select: (UInt64, UInt64) -> UInt64) -> [UInt32] {
        var counts = [UInt32](repeating: 0, count: questionCount)
        Self.forEachBuffered(buffered, wordCount: wordCount) { _, answered, gaps in
            for word in 0..<wordCount {
                Self.forEachBit(select(answered[word], gaps[word])) { counts[word * 64 + $0] += 1 }
            }
        }
        return counts
    }

    /// Per question, up to two of the buffered responses' organisations that have its bit set in
    /// `select(answered, gaps)`.
    private func bufferedPairs(_ select: (UInt64, UInt64) -> UInt64) -> [OrganisationPair] {
        var pairs = [OrganisationPair](repeating: OrganisationPair(), count: questionCount)
        Self.forEachBuffered(buffered, wordCount: wordCount) { organisation, answered, gaps in
            for word in 0..<wordCount {
                Self.forEachBit(select(answered[word], gaps[word])) { pairs[word * 64 + $0].insert(organisation) }
            }
        }
        return pairs
    }

    /// Calls `body` with the position of each set bit of `bits`, lowest first.
    @inline(__always)
    private static func forEachBit(_ bits: UInt64, _ body: (Int) -> Void) {
        var remaining = bits
        while remaining != 0 {
            body(remaining.trailingZeroBitCount)
            remaining &= remaining - 1
        }
    }

    private func levelRange(_ scope: Int) -> Range<Int> {
        (scope * levelStride)..<((scope + 1) * levelStride)
    }

    /// Counts one response of the organisation whose name hashes to `organisation`.
    package mutating func add(_ record: ScoredResponse, organisation: UInt64) {
        add(record, organisation: organisation, content: record.fingerprint)
    }

    /// Counts one organisation's self-minus-confirmed `record`, whose figures are made of two contributions: its
    /// self-assessment's (`selfContent`, the fingerprint its record has in a release of scores) and its confirmed
    /// session's (`confirmedContent`). The first is the organisation's contribution here, the second its
    /// companion, so the ledger checks the difference as if both views' figures had been published.
    package mutating func add(
        difference record: ScoredResponse, organisation: UInt64, selfContent: UInt64, confirmedContent: UInt64
    ) {
        add(record, organisation: organisation, content: selfContent)
        companions.insert(organisation, content: confirmedContent)
    }

    /// In a self-minus-confirmed release, the confirmed views' contributions (see
    /// ``add(difference:organisation:selfContent:confirmedContent:)``); empty in a release of scores.
    package private(set) var companions = OrganisationSet()

    private mutating func add(_ record: ScoredResponse, organisation: UInt64, content: UInt64) {
        organisations.insert(organisation, content: content)
        responses += 1
        scores.append(record.scores)
        let stride = levelStride
        levels.withUnsafeMutableBufferPointer { levels in
            for scope in 0..<record.levels.count {
                let slot = scope * stride + (record.levels[scope] ?? stride - 1)
                levels[slot].count += 1
                levels[slot].organisations.insert(organisation)
            }
        }
        if !isCounting && bufferedCount + 1 >= Self.bufferedResponseLimit { startCounting() }
        guard isCounting else {
            buffered.append(organisation)
            record.answered.forEachWord { _, word in buffered.append(word) }
            record.gaps.forEachWord { _, word in buffered.append(word) }
            return
        }
        record.answered.forEachWord { wordIndex, answeredWord in
            countWord(
                answered: answeredWord, gaps: record.gaps.word(wordIndex), word: wordIndex, organisation: organisation)
        }
    }

    /// Counts one word of a response's answered and gap bits.
    @inline(__always)
    private mutating func countWord(
        answered answeredWord: UInt64, gaps gapWord: UInt64, word: Int, organisation: UInt64
    ) {
        answered.add(answeredWord, word: word)
        gaps.add(gapWord, word: word)
        let open = (answeredWord & ~gapWord & openPairs[2 * word]) | (gapWord & openPairs[2 * word + 1])
        guard open != 0 else { return }
        insertIntoOpenPairs(open, word: word, gaps: gapWord, organisation: organisation)
    }

    /// Adds `organisation` to the pairs of the questions in `open` (bits of word `word`), at a gap where `gaps` says.
    private mutating func insertIntoOpenPairs(_ open: UInt64, word: Int, gaps: UInt64, organisation: UInt64) {
        var remaining = open
        while remaining != 0 {
            let bit = UInt64(remaining.trailingZeroBitCount)
            remaining &= remaining - 1
            let gap = Int(truncatingIfNeeded: (gaps >> bit) & 1)
            let slot = 2 * (word * 64 + Int(bit)) + gap
            questionOrganisations[slot].insert(organisation)
            if questionOrganisations[slot].count == 2 { openPairs[2 * word + gap] &= ~(1 << bit) }
        }
    }

    /// Every pair open, for `questionCount` questions.
    private static func allOpen(questionCount: Int) -> [UInt64] {
        (0..<(2 * ((questionCount + 63) / 64))).map { slot in
            let word = slot / 2
            let bits = min(64, questionCount - word * 64)
            return bits == 64 ? ~0 : (1 << UInt64(bits)) - 1
        }
    }

    /// Adds everything `other` counted; without `includingScores`, everything but its scores, for a caller that
    /// reads the scores from the parts (the scores are the one part whose size grows with the responses).
    package mutating func merge(_ other: GroupAccumulator, includingScores: Bool = true) {
        organisations.formUnion(other.organisations)
        companions.formUnion(other.companions)
        responses += other.responses
        if includingScores { scores.append(contentsOf: other.scores) }
        for slot in levels.indices {
            levels[slot].count += other.levels[slot].count
            levels[slot].organisations.formUnion(other.levels[slot].organisations)
        }
        if !isCounting && !other.isCounting && bufferedCount + other.bufferedCount < Self.bufferedResponseLimit {
            buffered += other.buffered
            return
        }
        startCounting()
        guard other.isCounting else {
            Self.forEachBuffered(other.buffered, wordCount: wordCount) { organisation, answeredWords, gapWords in
                for word in 0..<wordCount {
                    countWord(
                        answered: answeredWords[word], gaps: gapWords[word], word: word, organisation: organisation)
                }
            }
            return
        }
        answered.add(other.answered)
        gaps.add(other.gaps)
        for slot in questionOrganisations.indices {
            questionOrganisations[slot].formUnion(other.questionOrganisations[slot])
            if questionOrganisations[slot].count == 2 {
                let position = slot / 2
                openPairs[2 * (position / 64) + slot % 2] &= ~(1 << UInt64(position % 64))
            }
        }
    }
}

/// One 32-bit count per question, kept bit-sliced: plane `k` holds bit `k` of every question's count, 64
/// questions to a word.
///
/// Counting a response's answered questions one by one was a loop of 120 increments per response. Sliced, adding a
/// whole word of questions is a binary increment of 64 counters at once: XOR the word into plane 0, carry the
/// overlap into plane 1, and so on while anything carries, which on average stops after two planes. Counts wrap
/// at 2³² responses per group, far beyond any response set.
package struct QuestionCounter: Sendable {
    /// `planes[word * 32 + k]`: bit `b` is bit `k` of the count of question `64 · word + b`.
    private var planes: [UInt64]
    private static let planeCount = 32

    /// Zero counts for `questionCount` questions.
    package init(questionCount: Int) {
        planes = Array(repeating: 0, count: (questionCount + 63) / 64 * Self.planeCount)
    }

    /// Adds 1 to the count of each question whose bit is set in `bits`, bits of word `word`.
    @inline(__always)
    package mutating func add(_ bits: UInt64, word: Int) {
        planes.withUnsafeMutableBufferPointer { planes in
            var carry = bits
            var slot = word * Self.planeCount
            let end = slot + Self.planeCount
            while carry != 0 && slot < end {
                let overflow = planes[slot] & carry
                planes[slot] ^= carry
                carry = overflow
                slot += 1
            }
        }
    }

    /// Adds the counts of `other`: a ripple-carry addition, plane by plane.
    package mutating func add(_ other: QuestionCounter) {
        for word in 0..<(planes.count / Self.planeCount) {
            var carry: UInt64 = 0
            for plane in 0..<Self.planeCount {
                let slot = word * Self.planeCount + plane
                let mine = planes[slot]
                let theirs = other.planes[slot]
                planes[slot] = mine ^ theirs ^ carry
                carry = (mine & theirs) | (carry & (mine ^ theirs))
            }
        }
    }

    /// The count of question `position`.
    package func count(of position: Int) -> UInt32 {
        let word = position / 64
        let bit = UInt64(position % 64)
        var count: UInt32 = 0
        for plane in 0..<Self.planeCount {
            count |= UInt32(truncatingIfNeeded: (planes[word * Self.planeCount + plane] >> bit) & 1) << UInt32(plane)
        }
        return count
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

    /// How `organisation` is kept: 0 marks an empty place, so a hash of 0 is kept as 1.
    @inline(__always)
    static func stored(_ organisation: UInt64) -> UInt64 {
        organisation == 0 ? 1 : organisation
    }

    /// 0, 1, or 2 meaning "two or more".
    package var count: Int { first == 0 ? 0 : second == 0 ? 1 : 2 }

    /// Adds `organisation`.
    @inline(__always)
    package mutating func insert(_ organisation: UInt64) {
        let stored = OrganisationPair.stored(organisation)
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

/// The distinct organisations of a group, by the 64-bit hash of their names.
///
/// A `Set<UInt64>` hashes each hash again with SipHash, once per response; the names' hashes are already well
/// spread, so this open-addressing table only mixes them with one multiplication. As in ``OrganisationPair``, a
/// hash of 0 is stored as 1, a collision that can only make a group look smaller.
package struct OrganisationSet: Sendable {
    /// Slots of hashes, 0 where empty; a power of two in size, at most half full.
    private var slots: [UInt64] = Array(repeating: 0, count: 16)
    /// How many times each slot's organisation was inserted: its responses, for the dominance rule.
    private var insertions: [UInt32] = Array(repeating: 0, count: 16)
    /// Per slot, the sum of the fingerprints of the organisation's responses: what it contributed, so the ledger
    /// can tell an organisation whose figures changed between two releases from one whose figures did not.
    private var contents: [UInt64] = Array(repeating: 0, count: 16)
    /// How many distinct organisations.
    package private(set) var count = 0

    /// An empty set.
    package init() {}

    /// Adds `organisation`.
    @inline(__always)
    package mutating func insert(_ organisation: UInt64, times: UInt32 = 1, content: UInt64 = 0) {
        let stored = OrganisationPair.stored(organisation)
        let mask = slots.count - 1
        var slot = Self.start(stored, mask: mask)
        let inserted = slots.withUnsafeMutableBufferPointer { slots in
            while true {
                if slots[slot] == stored { return false }
                if slots[slot] == 0 {
                    slots[slot] = stored
                    return true
                }
                slot = (slot + 1) & mask
            }
        }
        insertions[slot] &+= times
        contents[slot] &+= content
        guard inserted else { return }
        count += 1
        if count * 2 > slots.count { grow() }
    }

    /// Adds the organisations of `other`, with their responses.
    package mutating func formUnion(_ other: OrganisationSet) {
        for slot in other.slots.indices where other.slots[slot] != 0 {
            insert(other.slots[slot], times: other.insertions[slot], content: other.contents[slot])
        }
    }

    /// The largest number of responses one organisation gave.
    package var largestContribution: Int { Int(insertions.max() ?? 0) }

    /// The organisations, as stored (a hash of 0 as 1), in no particular order.
    package var members: [UInt64] {
        var members: [UInt64] = []
        members.reserveCapacity(count)
        for stored in slots where stored != 0 { members.append(stored) }
        return members
    }

    /// Each organisation's contribution: the organisation and what its responses added, in one 64-bit value.
    /// The same organisation with other answers is another contribution, so a difference between two releases
    /// that isolates one organisation's change is found like any other small set.
    package var contributions: [UInt64] {
        var members: [UInt64] = []
        members.reserveCapacity(count)
        for slot in slots.indices where slots[slot] != 0 {
            var mixed = slots[slot] ^ (contents[slot] &* 0x9E37_79B9_7F4A_7C15)
            mixed ^= mixed >> 31
            members.append(mixed)
        }
        return members
    }

    /// Whether `organisation` was added.
    package func contains(_ organisation: UInt64) -> Bool {
        let stored = OrganisationPair.stored(organisation)
        let mask = slots.count - 1
        var slot = Self.start(stored, mask: mask)
        while slots[slot] != 0 {
            if slots[slot] == stored { return true }
            slot = (slot + 1) & mask
        }
        return false
    }

    @inline(__always)
    private static func start(_ stored: UInt64, mask: Int) -> Int {
        // Fibonacci hashing: the high bits of the product are the best mixed.
        Int(truncatingIfNeeded: (stored &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
    }

    private mutating func grow() {
        let old = slots
        let oldInsertions = insertions
        let oldContents = contents
        slots = Array(repeating: 0, count: old.count * 2)
        insertions = Array(repeating: 0, count: old.count * 2)
        contents = Array(repeating: 0, count: old.count * 2)
        count = 0
        for slot in old.indices where old[slot] != 0 {
            insert(old[slot], times: oldInsertions[slot], content: oldContents[slot])
        }
    }
}

/// The scores of a group's responses, in the order they were counted: a row per response, a column per scope,
/// and NaN where a response has no score in a scope. No score is ever NaN: points lie in 0–1 and weights are
/// finite and at most 1,000,000 (the rubric validator's limit), so no weighted sum overflows.
///
/// One row of contiguous scores per response, so counting a response appends to one array. Merging two tables
/// joins their lists of rows rather than copying them: with a million responses, copying the second worker's rows
/// into the first's touched tens of megabytes of new memory, on one thread, for nothing. The summary copies each
/// column once into a scratch buffer anyway (see ``ScoreStatistics``).
package struct ScoreTable: Sendable {
    /// How many scopes a row has.
    package let width: Int
    /// The rows counted into this table itself, after those of ``earlier``.
    private var current: [Double] = []
    /// The rows of tables merged in, in order, before ``current``.
    private var earlier: [[Double]] = []

    /// An empty table of rows of `width` scores.
    package init(width: Int) {
        self.width = width
    }

    /// How many rows there are.
    package var rowCount: Int { earlier.reduce(current.count) { $0 + $1.count } / max(1, width) }

    /// Adds one response's scores, `nil` where it has none.
    @inline(__always)
    package mutating func append(_ row: [Double?]) {
        let start = current.count
        current.append(contentsOf: repeatElement(Double.nan, count: width))
        current.withUnsafeMutableBufferPointer { rows in
            for scope in 0..<width { if let score = row[scope] { rows[start + scope] = score } }
        }
    }

    /// Adds `other`'s rows at the end, without copying them.
    package mutating func append(contentsOf other: ScoreTable) {
        guard !other.current.isEmpty || !other.earlier.isEmpty else { return }
        if !current.isEmpty { earlier.append(current) }
        earlier += other.earlier
        if !other.current.isEmpty { earlier.append(other.current) }
        current = []
    }

    /// The scores of `scope`, in order, leaving out responses without one.
    package func scores(scope: Int) -> [Double] {
        guard rowCount > 0 else { return [] }
        return [Double](unsafeUninitializedCapacity: rowCount) { buffer, count in
            count = copyScores(scope: scope, into: buffer.baseAddress!)
        }
    }

    /// Copies the scores of `scope` into `buffer`, which has room for ``rowCount`` scores, and returns how many.
    package func copyScores(scope: Int, into buffer: UnsafeMutablePointer<Double>) -> Int {
        var next = 0
        forEachRun { run in
            run.withUnsafeBufferPointer { run in
                var index = scope
                while index < run.count {
                    let score = run[index]
                    // Written whatever it is, counted only when it is a score: no branch on the data.
                    buffer[next] = score
                    next += score.isNaN ? 0 : 1
                    index += width
                }
            }
        }
        return next
    }

    /// Calls `body` with each run of rows, in order.
    private func forEachRun(_ body: ([Double]) -> Void) {
        for run in earlier { body(run) }
        body(current)
    }
}

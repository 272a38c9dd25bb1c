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
    /// Per scope (dimensions, then overall), the scores of the responses that had one.
    package var values: [[Double]]
    /// Per scope, how many responses reached each level; the last entry counts those below the lowest level.
    package var levelCounts: [[Int]]
    /// Per scope and level, up to two of the organisations at that level (the last entry: below the lowest).
    package var levelOrganisations: [[OrganisationPair]]
    /// Per question, how many responses answered it with a value. 32 bits (up to 4 billion responses per group)
    /// halve the memory the hot loop touches.
    package var answeredCounts: [UInt32]
    /// Per question, how many responses answered it at a gap.
    package var gapCounts: [UInt32]
    /// Per question, up to two organisations at a gap.
    package var gapOrganisations: [OrganisationPair]
    /// Per question, up to two organisations that answered it and are not at a gap.
    package var otherOrganisations: [OrganisationPair]

    /// An empty group for `scopeCount` scopes, `levelCount` levels and `questionCount` questions.
    package init(scopeCount: Int, levelCount: Int, questionCount: Int) {
        values = Array(repeating: [], count: scopeCount)
        levelCounts = Array(repeating: Array(repeating: 0, count: levelCount + 1), count: scopeCount)
        levelOrganisations = Array(
            repeating: Array(repeating: OrganisationPair(), count: levelCount + 1),
            count: scopeCount
        )
        answeredCounts = Array(repeating: 0, count: questionCount)
        gapCounts = Array(repeating: 0, count: questionCount)
        gapOrganisations = Array(repeating: OrganisationPair(), count: questionCount)
        otherOrganisations = Array(repeating: OrganisationPair(), count: questionCount)
    }

    /// Counts one response of the organisation whose name hashes to `organisation`.
    package mutating func add(_ record: ScoredResponse, organisation: UInt64) {
        organisations.insert(organisation)
        responses += 1
        let belowLowest = levelCounts[0].count - 1
        // Each outer array is made unique once per response, not once per scope.
        values.withUnsafeMutableBufferPointer { values in
            levelCounts.withUnsafeMutableBufferPointer { levelCounts in
                levelOrganisations.withUnsafeMutableBufferPointer { levelOrganisations in
                    for scope in 0..<values.count {
                        if let score = record.scores[scope] { values[scope].append(score) }
                        let level = record.levels[scope] ?? belowLowest
                        levelCounts[scope][level] += 1
                        levelOrganisations[scope][level].insert(organisation)
                    }
                }
            }
        }
        // One uniqueness check per array rather than one per question: this runs for every response.
        answeredCounts.withUnsafeMutableBufferPointer { answeredCounts in
            gapCounts.withUnsafeMutableBufferPointer { gapCounts in
                gapOrganisations.withUnsafeMutableBufferPointer { gapOrganisations in
                    otherOrganisations.withUnsafeMutableBufferPointer { otherOrganisations in
                        record.answered.forEach { position in
                            answeredCounts[position] += 1
                            if record.gaps.contains(position) {
                                gapCounts[position] += 1
                                gapOrganisations[position].insert(organisation)
                            } else {
                                otherOrganisations[position].insert(organisation)
                            }
                        }
                    }
                }
            }
        }
    }

    /// Adds everything `other` counted.
    package mutating func merge(_ other: GroupAccumulator) {
        organisations.formUnion(other.organisations)
        responses += other.responses
        for scope in 0..<values.count {
            values[scope].append(contentsOf: other.values[scope])
            for level in 0..<levelCounts[scope].count {
                levelCounts[scope][level] += other.levelCounts[scope][level]
                levelOrganisations[scope][level].formUnion(other.levelOrganisations[scope][level])
            }
        }
        for position in 0..<answeredCounts.count {
            answeredCounts[position] += other.answeredCounts[position]
            gapCounts[position] += other.gapCounts[position]
            gapOrganisations[position].formUnion(other.gapOrganisations[position])
            otherOrganisations[position].formUnion(other.otherOrganisations[position])
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

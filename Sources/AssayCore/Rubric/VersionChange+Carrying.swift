/// Answers given against an earlier version of a rubric, carried onto this version's questions.
public struct CarriedAnswers: Sendable, Hashable {
    /// The answers, keyed by this version's question ids.
    public var answers: [String: Answer]
    /// For each answer carried to a question of another id, or split from an earlier one: the earlier ids it
    /// comes from.
    public var sources: [String: [String]]
    /// Earlier question ids whose answers are left out because the mapping removes their question, sorted.
    public var removed: [String]
    /// Earlier ids answered that are neither this version's questions nor named by the mapping, sorted: left out
    /// as removed, and worth a warning, since a typo looks the same.
    public var unknown: [String]
}

extension VersionChange {
    /// Carries `answers`, given against ``fromVersion``, onto the questions of `index`'s rubric, as
    /// `assay session resume` carries a session's: a kept question's answer stays, a renamed one's moves to the
    /// new id, a split one's goes to each part, merged ones become the lowest of them (see
    /// ``mergedAnswer(_:for:)``), a removed one's is left out. An answer already carried to a question is never
    /// replaced by a later mapping.
    ///
    /// Linear in the answers and the mapping.
    public func carry(_ answers: [String: Answer], onto index: RubricIndex) -> CarriedAnswers {
        var result = CarriedAnswers(answers: [:], sources: [:], removed: [], unknown: [])
        var named: Set<String> = []
        for mapping in questions { named.formUnion(mapping.from) }
        for (id, answer) in answers where !named.contains(id) {
            if index.question(id) != nil {
                result.answers[id] = answer
            } else {
                result.unknown.append(id)
            }
        }
        for mapping in questions {
            let given = mapping.from.filter { answers[$0] != nil }
            guard !given.isEmpty else { continue }
            let old = given.compactMap { answers[$0] }
            switch mapping.kind {
            case .kept:
                for id in given where result.answers[id] == nil { result.answers[id] = answers[id] }
            case .removed:
                result.removed += given
            case .renamed, .split:
                for id in mapping.to where result.answers[id] == nil {
                    result.answers[id] = old[0]
                    result.sources[id] = given
                }
            case .merged:
                guard let id = mapping.to.first, result.answers[id] == nil, let entry = index.question(id) else {
                    continue
                }
                result.answers[id] = Self.mergedAnswer(old, for: entry)
                result.sources[id] = given
            }
        }
        result.removed.sort()
        result.unknown.sort()
        return result
    }

    /// One answer standing for several merged ones: the lowest value on the merged question's options (a merged
    /// practice holds only as far as every part of it holds), or none when a value is missing, "don't know",
    /// "not applicable" or not an answer the merged question accepts; the notes and evidence of all of them.
    public static func mergedAnswer(_ answers: [Answer], for entry: IndexedQuestion) -> Answer {
        var result = Answer(nil)
        let notes = answers.compactMap(\.note)
        result.note = notes.isEmpty ? nil : notes.joined(separator: "\n")
        result.evidence = answers.flatMap(\.evidence)
        let readings = answers.map { answer in answer.value.map { ($0, entry.read($0)) } }
        if readings.allSatisfy({ $0 != nil && $0!.1.problem == nil && $0!.1.comparable != nil }) {
            result.value = readings.compactMap { $0 }.min { $0.1.comparable! < $1.1.comparable! }?.0
        }
        return result
    }
}

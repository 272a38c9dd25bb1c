import AssayCore
import AssayJSON
import AssaySession
import Foundation

/// Reads a folder where organisations have a self-assessment and a confirmed session, pairs the two views of each
/// organisation and counts, by peer group, how far the self-assessment is from what the facilitator confirmed.
///
/// Each `.json` file of the folder is one of:
/// - a response document: the organisation's self-assessment;
/// - a session file (from `assay session`): the confirmed view; a session started with `--from self.json` also
///   carries the self-assessment it started from, which is then that organisation's self view.
///
/// The two views are paired by organisation name, compared in Unicode's composed form: the identity every other
/// release of the ledger uses, so the difference release's cells are checked against theirs. An organisation with
/// two self-assessments or two confirmed sessions is refused with the place of the second, since either could be
/// the one meant; an organisation with one view only is left out and counted (for the analyst, never released).
///
/// Each paired organisation contributes one record whose "scores" are the self-assessed score minus the confirmed
/// one, per dimension and overall (`nil` where either view has no score), whose answered questions are the scored
/// questions either view answered, and whose gap questions are those where the two answers differ. The aggregate
/// then goes through the same ``SummaryBuilder`` and ledger as every other release. Its contributions, the
/// identities the ledger's differencing check works on, are each view's own (the organisation with what its
/// self-assessment, or its confirmed session, adds to a release of scores): a difference is a sum over both, so it
/// is checked as if both sums were published, and a plain release of either view is checked against it.
package struct SelfConfirmedAggregator: Sendable {
    /// The scorer of the rubric both views answer.
    package let scorer: Scorer
    /// The attributes that form the peer groups, read from the confirmed session.
    package let groupBy: [String]

    package init(scorer: Scorer, groupBy: [String]) {
        self.scorer = scorer
        self.groupBy = groupBy
    }

    /// One organisation's view as read from a file.
    private struct View {
        var response: AssessmentResponse
        var file: String
        var line: Int
        var column: Int
    }

    /// Pairs and counts the views in the folder at `path`.
    ///
    /// - Throws: ``InputError`` naming the file, line, column and JSON path of the first bad file, of a second
    ///   view of one kind for an organisation, or of a pair whose views disagree on a peer-group attribute.
    package func aggregate(_ path: String) throws(InputError) -> SelfConfirmedAggregate {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw InputError(
                .unreadableFile,
                "the self-assessment comparison reads a folder of self-assessments and confirmed sessions; this is not a folder",
                file: path)
        }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: path).filter { $0.hasSuffix(".json") }.sorted()
        } catch {
            throw InputError(.unreadableFile, "the folder cannot be read", file: path)
        }
        let index = scorer.index
        var selves: [UInt64: View] = [:]
        var confirmed: [UInt64: View] = [:]
        var order: [UInt64] = []
        var warnings: [SourceDiagnostic] = []
        func place(_ view: View, confirming: Bool, name: String) throws(InputError) {
            let organisation = AggregationWorker.organisationHash(name.utf8)
            if let first = confirming ? confirmed[organisation] : selves[organisation] {
                let kind = confirming ? "confirmed session" : "self-assessment"
                throw InputError(
                    .invalidDocument,
                    "a second \(kind) of \"\(name)\" (the first is \(first.file)): each organisation's self-assessment is paired with its one confirmed session, so keep one of the two",
                    file: view.file, line: view.line, column: view.column, path: DocumentPath.root.key("organisation"))
            }
            if selves[organisation] == nil && confirmed[organisation] == nil { order.append(organisation) }
            if confirming { confirmed[organisation] = view } else { selves[organisation] = view }
        }
        for name in names {
            let file = (path as NSString).appendingPathComponent(name)
            let document = try JSONDocument.readFileInFolder(file)
            let loaded = try AssayFile.responseOrSession(from: document, against: index)
            warnings += loaded.warnings
            guard let organisation = loaded.response.organisation else {
                throw InputError(
                    .missingKey,
                    "missing \"organisation\": the two views of an organisation are paired by it",
                    file: file, line: 1, column: 1)
            }
            let position = document.position(of: DocumentPath.root.key("organisation"))
            let view = View(response: loaded.response, file: file, line: position.line, column: position.column)
            if SessionFile.isSession(document.value) {
                try place(view, confirming: true, name: organisation)
                let session = try document.decode(SessionFile.self).value
                if let carried = session.selfAssessment {
                    var response = loaded.response
                    response.answers = carried.answers
                    let selfPosition = document.position(of: DocumentPath.root.key("self_assessment"))
                    try place(
                        View(response: response, file: file, line: selfPosition.line, column: selfPosition.column),
                        confirming: false, name: organisation)
                }
            } else {
                try place(view, confirming: false, name: organisation)
            }
        }
        let gapRule = GapRule(index: index)
        let empty = GroupAccumulator(
            scopeCount: index.rubric.dimensions.count + 1, levelCount: index.rubric.levels.count,
            questionCount: index.questions.count)
        var groups: [[String]: GroupAccumulator] = [:]
        var result = SelfConfirmedAggregate()
        for organisation in order {
            guard let mine = selves[organisation], let theirs = confirmed[organisation] else {
                if selves[organisation] != nil { result.selfOnly += 1 } else { result.confirmedOnly += 1 }
                continue
            }
            var values: [String] = []
            for attribute in groupBy {
                guard let value = theirs.response.attributes[attribute] else {
                    throw InputError(
                        .missingKey,
                        "missing attribute \"\(attribute)\", which the peer groups need (--by \(groupBy.joined(separator: ",")))",
                        file: theirs.file, line: 1, column: 1, path: DocumentPath.root.key("attributes"))
                }
                if let own = mine.response.attributes[attribute], own != value {
                    throw InputError(
                        .invalidDocument,
                        "the self-assessment puts \"\(mine.response.organisation ?? "")\" in \(attribute) \"\(own)\" but its confirmed session (\(theirs.file)) in \"\(value)\": the peer group must be the same for both views",
                        file: mine.file, line: 1, column: 1,
                        path: DocumentPath.root.key("attributes").key(attribute))
                }
                values.append(value)
            }
            let (record, selfContent, confirmedContent) = try difference(
                own: mine, confirmed: theirs, gapRule: gapRule)
            groups[values, default: empty].add(
                difference: record, organisation: organisation, selfContent: selfContent,
                confirmedContent: confirmedContent)
            result.paired += 1
        }
        result.aggregate = ResponseSetAggregate(groupBy: groupBy, perOrganisation: .latest, groups: [], trends: [:])
        result.aggregate.groups = groups.sorted { $0.key.lexicographicallyPrecedes($1.key) }.map { ($0.key, $0.value) }
        result.aggregate.linesRead = names.count
        result.aggregate.responsesCounted = result.paired
        result.aggregate.warningCount = warnings.count
        result.aggregate.warnings = Array(warnings.prefix(ResponseSetAggregate.problemLimit))
        return result
    }

    /// The record of one pair (self minus confirmed per scope, the questions compared and those that differ),
    /// and the fingerprints each view's own record has in a release of scores.
    private func difference(own mine: View, confirmed theirs: View, gapRule: GapRule) throws(InputError)
        -> (record: ScoredResponse, selfContent: UInt64, confirmedContent: UInt64)
    {
        let index = scorer.index
        func scored(_ view: View) throws(InputError) -> ScoredResponse {
            do {
                return ScoredResponse(assessment: try scorer.score(view.response), index: index, gapRule: gapRule)
            } catch {
                throw InputError(.invalidDocument, "the answers cannot be scored: \(error)", file: view.file)
            }
        }
        let selfRecord = try scored(mine)
        let confirmedRecord = try scored(theirs)
        var record = ScoredResponse(dimensionCount: index.rubric.dimensions.count, questionCount: index.questions.count)
        for scope in record.scores.indices {
            if let own = selfRecord.scores[scope], let confirmed = confirmedRecord.scores[scope] {
                record.scores[scope] = own - confirmed
            }
        }
        for (position, entry) in index.questions.enumerated() where entry.question.earnsPoints {
            let own = mine.response.answers[entry.question.id]?.value
            let confirmed = theirs.response.answers[entry.question.id]?.value
            guard own != nil || confirmed != nil else { continue }
            record.answered.insert(position)
            if own != confirmed { record.gaps.insert(position) }
        }
        return (record, selfRecord.fingerprint, confirmedRecord.fingerprint)
    }
}

/// The paired views of a folder, counted by peer group, and how many organisations had one view only.
package struct SelfConfirmedAggregate: Sendable {
    /// Per peer group, one record per paired organisation (see ``SelfConfirmedAggregator``): what the release
    /// rules and the ledger see.
    package var aggregate = ResponseSetAggregate(groupBy: [], perOrganisation: .latest, groups: [], trends: [:])
    /// Organisations with both views.
    package var paired = 0
    /// Organisations with a self-assessment and no confirmed session: for the analyst's own messages only.
    package var selfOnly = 0
    /// Organisations with a confirmed session and no self-assessment: for the analyst's own messages only.
    package var confirmedOnly = 0
}

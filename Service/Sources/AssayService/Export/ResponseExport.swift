import AssayCore
import AssayJSON
import Foundation

/// A submitted self-assessment as a response document, the one `assay score` and `assay session start --from`
/// read.
public enum ResponseExport {
    /// The response document of `invitation`'s answers.
    ///
    /// The organisation and rubric come from the invitation; `attributes.submitted_at` says when it was
    /// submitted (an ISO 8601 time, which the library checks); `id` is `self-<invitation id>`.
    public static func response(of invitation: Invitation, answers: [String: Answer]) -> AssessmentResponse {
        var attributes: [String: String] = [:]
        if let submitted = invitation.submittedAt {
            attributes["submitted_at"] = ISO8601DateFormatter().string(
                from: Date(timeIntervalSince1970: TimeInterval(submitted)))
        }
        return AssessmentResponse(
            id: "self-" + invitation.id,
            organisation: invitation.organisation,
            rubric: invitation.rubric,
            rubricVersion: invitation.rubricVersion,
            attributes: attributes,
            answers: answers
        )
    }

    /// The invitation to export: the one with `id`, or the organisation's one submitted invitation.
    ///
    /// - Throws: when there is none, when the organisation has several submitted ones (name one with
    ///   `--invitation`), or when the invitation is not submitted yet and `includeDrafts` is false.
    public static func invitation(
        in store: AnswerStore,
        organisation: String?,
        id: String?,
        includeDrafts: Bool
    ) async throws(ServiceError) -> Invitation {
        let invitation: Invitation
        if let id {
            guard let found = try await store.invitation(id: id) else {
                throw ServiceError("there is no invitation \(id)")
            }
            invitation = found
        } else if let organisation {
            let all = try await store.invitations(organisation: organisation)
            let candidates = includeDrafts ? all : all.filter { $0.submittedAt != nil }
            guard let first = candidates.first else {
                throw ServiceError(
                    all.isEmpty
                        ? "there is no invitation for \"\(organisation)\""
                        : "\"\(organisation)\" has not submitted its self-assessment yet (--include-draft exports the answers saved so far)"
                )
            }
            guard candidates.count == 1 else {
                let ids = candidates.map { "\($0.id) (\($0.rubric))" }.joined(separator: ", ")
                throw ServiceError(
                    "\"\(organisation)\" has \(candidates.count) invitations: \(ids); name one with --invitation")
            }
            invitation = first
        } else {
            throw ServiceError("name the organisation (--org) or the invitation (--invitation)")
        }
        guard includeDrafts || invitation.submittedAt != nil else {
            throw ServiceError(
                "invitation \(invitation.id) has not been submitted yet (--include-draft exports the answers saved so far)"
            )
        }
        return invitation
    }
}

extension ResponseExport {
    /// Writes `response` as JSON to `path`, all at once (a temporary file renamed over it), never half a file.
    public static func write(_ response: AssessmentResponse, to path: String) throws(ServiceError) {
        do {
            let text = try JSONOutput.string(response) + "\n"
            try AtomicFile.write(Array(text.utf8), to: path)
        } catch {
            throw ServiceError("\(path): cannot write the response: \(error)")
        }
    }
}

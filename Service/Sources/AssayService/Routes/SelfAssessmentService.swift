import AssayCore
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore

/// The web self-assessment: the routes, over a store, a signing key and the rubrics.
///
/// | route | what it does |
/// |---|---|
/// | `GET /` | a page saying the form is reached through an invitation link |
/// | `GET /assets/form.css` | the stylesheet |
/// | `GET /a/{token}` | the form with the saved answers; read-only once submitted |
/// | `POST /a/{token}/save` | saves every answer the post carries, in one transaction; 303 back to the form, or 422 with each problem beside its question |
/// | `POST /a/{token}/submit` | saves, then submits: later saves are refused (409) |
///
/// A token that is malformed, tampered with, expired or names no invitation gets the same 403 page. A post
/// without the session cookie's CSRF token saves nothing (403) and shows the form back with what was typed.
public struct SelfAssessmentService: Sendable {
    /// The answers and invitations.
    public let store: AnswerStore
    /// Signs invitation links and CSRF tokens.
    public let key: SigningKey
    /// The rubrics invitations may name.
    public let catalog: RubricCatalog
    /// The largest request body read, in bytes; a larger one is refused with 413 before it is parsed.
    public let maximumBodySize: Int
    /// Seconds since 1970; a parameter so that tests can move time.
    public let now: @Sendable () -> Int

    /// Creates the service.
    public init(
        store: AnswerStore,
        key: SigningKey,
        catalog: RubricCatalog,
        maximumBodySize: Int = 256 * 1024,
        now: @escaping @Sendable () -> Int = { Int(Date().timeIntervalSince1970) }
    ) {
        self.store = store
        self.key = key
        self.catalog = catalog
        self.maximumBodySize = maximumBodySize
        self.now = now
    }

    /// Makes an invitation for `organisation` to fill in `rubricID`, valid for `lifetime` seconds, and returns its
    /// path: `/a/<signed token>`.
    public func invite(
        organisation: String,
        rubricID: String,
        language: String,
        lifetime: Int
    ) async throws(ServiceError) -> (invitation: Invitation, path: String) {
        guard let scorer = catalog.scorer(rubricID) else {
            throw ServiceError(
                "there is no rubric \"\(rubricID)\"; expected one of \(catalog.ids.joined(separator: ", "))")
        }
        let organisation = organisation.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !organisation.isEmpty else { throw ServiceError("the organisation's name is empty") }
        let rubric = scorer.index.rubric
        let resolved = SelfAssessmentForm.language(language, of: rubric)
        guard resolved == language || resolved == language.prefix(while: { $0 != "-" && $0 != "_" }) else {
            throw ServiceError(
                "rubric \(rubric.id) is not in \"\(language)\"; it is in \(rubric.languages.joined(separator: ", "))")
        }
        let created = now()
        let invitation = Invitation(
            id: InvitationToken.newInvitationID(),
            organisation: organisation,
            rubric: rubric.id,
            rubricVersion: rubric.version,
            language: resolved,
            expiresAt: created + lifetime,
            createdAt: created
        )
        try await store.add(invitation)
        let token = InvitationToken(invitationID: invitation.id, expiresAt: invitation.expiresAt).signed(with: key)
        return (invitation, "/a/" + token)
    }

    /// The router, with every route and middleware.
    public func router() -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        router.add(middleware: SecurityHeadersMiddleware())
        router.add(middleware: ErrorPageMiddleware())
        router.get("/") { _, _ in
            htmlResponse(
                plainPage(
                    title: "Assay self-assessment",
                    detail: "The self-assessment is reached through the link in your invitation."))
        }
        router.get("/assets/form.css") { _, _ in
            Response(
                status: .ok,
                headers: [.contentType: "text/css; charset=utf-8", .cacheControl: "max-age=3600"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: formStylesheet))
            )
        }
        router.get("/a/:token") { request, context in
            try await showForm(request, context: context)
        }
        router.post("/a/:token/save") { request, context in
            try await post(request, context: context, submitting: false)
        }
        router.post("/a/:token/submit") { request, context in
            try await post(request, context: context, submitting: true)
        }
        return router
    }

    /// An application serving the router on `host`:`port`.
    public func application(host: String, port: Int, logger: Logger) -> some ApplicationProtocol {
        Application(
            router: router(),
            configuration: .init(address: .hostname(host, port: port), serverName: "assay-service"),
            logger: logger
        )
    }

    // MARK: - Routes

    private struct Visit {
        var invitation: Invitation
        var index: RubricIndex
        var basePath: String
    }

    /// The invitation the path's token opens, or the one 403 page for every kind of refusal.
    private func visit(_ context: some RequestContext) async throws -> Visit {
        let token = context.parameters.get("token") ?? ""
        let refused = HTTPError(.forbidden)
        guard let verified = try? InvitationToken.verify(token, with: key, now: now()) else { throw refused }
        guard let invitation = try await store.invitation(id: verified.invitationID),
            invitation.expiresAt == verified.expiresAt,
            let scorer = catalog.scorer(invitation.rubric)
        else { throw refused }
        return Visit(invitation: invitation, index: scorer.index, basePath: "/a/" + token)
    }

    private func showForm(_ request: Request, context: some RequestContext) async throws -> Response {
        let visit: Visit
        do {
            visit = try await self.visit(context)
        } catch let error as HTTPError where error.status == .forbidden {
            return refusal(language: request.uri.queryParameters["lang"].map(String.init) ?? "en")
        }
        let language = request.uri.queryParameters["lang"].map(String.init) ?? visit.invitation.language
        let form = SelfAssessmentForm(index: visit.index, language: language)
        let stored = try await store.answers(invitation: visit.invitation.id)
        var entries: [String: FormEntry] = [:]
        for question in form.questions {
            if let answer = stored[question.id] { entries[question.id] = FormEntry(answer, question: question) }
        }
        let submitted = visit.invitation.submittedAt != nil
        let status: FormPage.Status =
            submitted ? .submitted : request.uri.queryParameters["saved"] != nil ? .saved : .none
        let (session, isNew) = session(of: request)
        let page = FormPage(
            form: form,
            strings: FormStrings(language: form.language),
            organisation: visit.invitation.organisation,
            basePath: visit.basePath,
            csrf: CSRFToken.token(invitationID: visit.invitation.id, session: session, key: key),
            entries: entries,
            status: status,
            isReadOnly: submitted
        )
        var response = htmlResponse(page.render())
        if isNew { response.setCookie(sessionCookie(session)) }
        return response
    }

    private func post(_ request: Request, context: some RequestContext, submitting: Bool) async throws -> Response {
        let visit: Visit
        do {
            visit = try await self.visit(context)
        } catch let error as HTTPError where error.status == .forbidden {
            return refusal(language: "en")
        }
        let contentType = request.headers[.contentType] ?? ""
        guard contentType.lowercased().hasPrefix("application/x-www-form-urlencoded") else {
            throw HTTPError(.unsupportedMediaType)
        }
        let body = try await request.body.collect(upTo: maximumBodySize)
        let fields = FormFields(urlEncoded: body.readableBytesView)
        let form = SelfAssessmentForm(index: visit.index, language: fields.first("lang") ?? visit.invitation.language)
        let strings = FormStrings(language: form.language)
        let submission = FormSubmission(fields, form: form, index: visit.index, strings: strings)
        /// The page shown back: what the post carried, and the stored answers of the questions it did not.
        func page(_ status: FormPage.Status, session: String, problems: [FormSubmission.Problem] = []) async throws
            -> FormPage
        {
            var entries = submission.entries
            if entries.count < form.questions.count {
                let stored = try await store.answers(invitation: visit.invitation.id)
                for question in form.questions where entries[question.id] == nil {
                    if let answer = stored[question.id] { entries[question.id] = FormEntry(answer, question: question) }
                }
            }
            return FormPage(
                form: form, strings: strings, organisation: visit.invitation.organisation, basePath: visit.basePath,
                csrf: CSRFToken.token(invitationID: visit.invitation.id, session: session, key: key),
                entries: entries, problems: problems, status: status, isReadOnly: false)
        }

        let cookie = request.cookies[CSRFToken.cookieName]?.value
        guard let cookie, let token = fields.first(CSRFToken.fieldName),
            CSRFToken.isValid(token, invitationID: visit.invitation.id, session: cookie, key: key)
        else {
            // Nothing is written; what was typed comes back, with a fresh token, to be saved again.
            let (session, isNew) = self.session(of: request)
            var response = htmlResponse(try await page(.staleForm, session: session).render(), status: .forbidden)
            if isNew { response.setCookie(sessionCookie(session)) }
            return response
        }
        if visit.invitation.submittedAt != nil { return await alreadySubmitted(visit, form: form, strings: strings) }

        let outcome = try await store.save(
            invitation: visit.invitation.id,
            questions: submission.replacedQuestions,
            answers: submission.answers,
            at: now()
        )
        if outcome == .alreadySubmitted { return await alreadySubmitted(visit, form: form, strings: strings) }
        guard submission.problems.isEmpty else {
            return htmlResponse(
                try await page(.saved, session: cookie, problems: submission.problems).render(),
                status: .unprocessableContent)
        }
        var location = visit.basePath + "?lang=" + form.language
        if submitting {
            try await store.submit(invitation: visit.invitation.id, at: now())
        } else {
            location += "&saved=1"
            if let section = fields.first("section"), form.sections.contains(where: { $0.id == section }) {
                location += "#s-" + (section.addingPercentEncoding(withAllowedCharacters: .urlFragmentAllowed) ?? "")
            }
        }
        return Response(status: .seeOther, headers: [.location: location])
    }

    private func alreadySubmitted(_ visit: Visit, form: SelfAssessmentForm, strings: FormStrings) async -> Response {
        let stored = (try? await store.answers(invitation: visit.invitation.id)) ?? [:]
        var entries: [String: FormEntry] = [:]
        for question in form.questions {
            if let answer = stored[question.id] { entries[question.id] = FormEntry(answer, question: question) }
        }
        let page = FormPage(
            form: form, strings: strings, organisation: visit.invitation.organisation, basePath: visit.basePath,
            csrf: "", entries: entries, status: .alreadySubmitted, isReadOnly: true)
        return htmlResponse(page.render(), status: .conflict)
    }

    private func refusal(language: String) -> Response {
        let strings = FormStrings(language: language)
        return htmlResponse(
            plainPage(language: language, title: strings.invalidLink, detail: strings.invalidLinkDetail),
            status: .forbidden)
    }

    /// The visitor's session id from its cookie, or a new one to set.
    private func session(of request: Request) -> (id: String, isNew: Bool) {
        if let value = request.cookies[CSRFToken.cookieName]?.value, value.utf8.count == 43,
            Data(base64URL: value) != nil
        {
            return (value, false)
        }
        return (CSRFToken.newSession(), true)
    }

    private func sessionCookie(_ value: String) -> Cookie {
        Cookie(name: CSRFToken.cookieName, value: value, path: "/a/", httpOnly: true, sameSite: .strict)
    }
}

import HTTPTypes
import Hummingbird

/// The headers every response carries, refusals and errors included.
///
/// - `Content-Security-Policy`: nothing but this service's own stylesheet loads; no script at all (inline or
///   not), no frames of this page in another site (`frame-ancestors 'none'`), forms post only here.
/// - `X-Content-Type-Options: nosniff`, `Referrer-Policy: no-referrer` (the link's token is in the path, and
///   must not leave in a Referer header), `X-Frame-Options: DENY` for browsers without CSP level 2.
/// - `Cache-Control: no-store` on everything but the stylesheet: answer pages are never kept in a shared cache
///   or the browser's history cache.
struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    static var contentSecurityPolicy: String {
        "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        var response = try await next(request, context)
        response.headers[.contentSecurityPolicy] = Self.contentSecurityPolicy
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[.referrerPolicy] = "no-referrer"
        response.headers[.xFrameOptions] = "DENY"
        if response.headers[.cacheControl] == nil { response.headers[.cacheControl] = "no-store" }
        return response
    }
}

extension HTTPField.Name {
    static let referrerPolicy = HTTPField.Name("Referrer-Policy")!
    static let xFrameOptions = HTTPField.Name("X-Frame-Options")!
}

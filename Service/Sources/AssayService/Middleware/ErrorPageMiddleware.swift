import HTTPTypes
import Hummingbird
import Logging
import NIOCore

/// Turns every error into a plain page with its status, so refusals get the security headers and say nothing
/// about the service's insides; and logs one line per request with the route's pattern, never its path (the
/// path holds the invitation token) nor anything of its body (notes and evidence stay out of the logs).
struct ErrorPageMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        let response: Response
        do {
            response = try await next(request, context)
        } catch let error as any HTTPResponseError {
            response = Self.page(error.status)
        } catch {
            context.logger.error("request failed", metadata: ["route": .string(Self.route(context))])
            response = Self.page(.internalServerError)
        }
        context.logger.info(
            "request",
            metadata: [
                "method": .string(request.method.rawValue),
                "route": .string(Self.route(context)),
                "status": .stringConvertible(response.status.code),
            ]
        )
        return response
    }

    private static func route(_ context: Context) -> String { context.endpointPath ?? "(no route)" }

    static func page(_ status: HTTPResponse.Status) -> Response {
        let detail =
            switch status.code {
            case 404: "There is nothing here. The self-assessment is reached through the link in your invitation."
            case 413: "What was sent is too large to be saved. Shorten the longest notes and try again."
            case 415: "The form was sent in a way this service does not read."
            default: "Something went wrong. Your saved answers are safe; try again in a moment."
            }
        return htmlResponse(plainPage(title: "\(status.code) \(status.reasonPhrase)", detail: detail), status: status)
    }
}

/// An HTML response.
func htmlResponse(_ html: String, status: HTTPResponse.Status = .ok) -> Response {
    Response(
        status: status,
        headers: [.contentType: "text/html; charset=utf-8"],
        body: ResponseBody(byteBuffer: ByteBuffer(string: html))
    )
}

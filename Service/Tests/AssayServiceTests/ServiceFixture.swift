import AssayCore
import AssayService
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore

/// A service over a new database in a temporary folder, with a fixed key and the bundled rubrics.
struct ServiceFixture {
    let folder: String
    let service: SelfAssessmentService

    static let key = SigningKey(bytes: Array(repeating: 7, count: 32))
    /// Loaded once: reading and validating every bundled rubric is the slow part of a fixture.
    static let catalog = Result { () throws(ServiceError) in try RubricCatalog.bundled() }

    init(maximumBodySize: Int = 256 * 1024) throws {
        folder = NSTemporaryDirectory() + "assay-service-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        service = SelfAssessmentService(
            store: try AnswerStore(path: folder + "/answers.sqlite"),
            key: Self.key,
            catalog: try Self.catalog.get(),
            maximumBodySize: maximumBodySize
        )
    }

    /// Runs `body` with a router test client.
    func test<Value: Sendable>(
        logger: Logger? = nil,
        _ body: @Sendable (any TestClientProtocol) async throws -> Value
    ) async throws -> Value {
        let app = Application(router: service.router(), logger: logger)
        return try await app.test(.router, body)
    }

    /// An invitation's link path for `organisation` to fill in digital-capacity.
    func invite(_ organisation: String, language: String = "en", rubric: String = "digital-capacity") async throws
        -> String
    {
        try await service.invite(organisation: organisation, rubricID: rubric, language: language, lifetime: 3600).path
    }
}

/// A browser's view of one visit: the session cookie and the page's CSRF token.
struct Visitor {
    var cookie: String
    var csrf: String
    var page: String

    /// Opens `path` as a browser with no cookie does.
    static func open(_ path: String, client: any TestClientProtocol) async throws -> Visitor {
        let response = try await client.execute(uri: path, method: .get)
        let page = String(buffer: response.body)
        let setCookie = response.headers[.setCookie] ?? ""
        let cookie = String(setCookie.prefix { $0 != ";" })
        return Visitor(cookie: cookie, csrf: Self.csrf(in: page) ?? "", page: page)
    }

    static func csrf(in page: String) -> String? {
        guard let range = page.range(of: "name=\"csrf\" value=\"") else { return nil }
        return String(page[range.upperBound...].prefix { $0 != "\"" })
    }

    /// Posts `fields` (the CSRF token added first) to `path`.
    func post(
        _ path: String,
        _ fields: [(String, String)],
        client: any TestClientProtocol,
        includeCSRF: Bool = true,
        includeCookie: Bool = true
    ) async throws -> TestResponse {
        var all = includeCSRF ? [("csrf", csrf)] : []
        all += fields
        var headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
        if includeCookie { headers[.cookie] = cookie }
        return try await client.execute(
            uri: path, method: .post, headers: headers, body: ByteBuffer(string: formEncoded(all)))
    }
}

/// `fields` as an application/x-www-form-urlencoded body.
func formEncoded(_ fields: [(String, String)]) -> String {
    var allowed = CharacterSet.alphanumerics
    allowed.insert(charactersIn: "-._*")
    return fields.map { name, value in
        let encode = { (text: String) in
            text.addingPercentEncoding(withAllowedCharacters: allowed)!.replacingOccurrences(of: "%20", with: "+")
        }
        return encode(name) + "=" + encode(value)
    }.joined(separator: "&")
}

/// A log handler that keeps every message and its metadata, to check what the service logs.
final class CapturingLogHandler: LogHandler, @unchecked Sendable {
    // @unchecked: `lines` is only touched under `lock`.
    private let lock = NSLock()
    private var lines: [String] = []
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let merged = metadata.merging(event.metadata ?? [:]) { $1 }
        lock.withLock { lines.append("\(event.level) \(event.message) \(merged)") }
    }

    var captured: [String] { lock.withLock { lines } }
}

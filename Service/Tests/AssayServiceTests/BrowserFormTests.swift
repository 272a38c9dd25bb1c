import AssayCore
import AssayJSON
import AssayService
import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

/// The form in real headless Chromium on a 390-pixel phone, against the service listening on loopback: a
/// municipality answers in French, saves, reloads and finds its answers, submits; the export scores as
/// `assay score` scores the same answers written by hand.
@Suite struct BrowserFormTests {
    @Test func aMunicipalityFillsTheFormInFrenchOnAPhone() async throws {
        let executable: String
        switch HeadlessBrowser.locate() {
        case .success(let path): executable = path
        case .failure(let reason):
            print("SKIPPED aMunicipalityFillsTheFormInFrenchOnAPhone: \(reason)")
            return
        }
        let fixture = try ServiceFixture()
        let path = try await fixture.invite("Ville de Rivière-aux-Hérons", language: "fr")
        let blank = fixture.folder + "/blank.html"
        try "<!doctype html><title>blank</title>".write(toFile: blank, atomically: true, encoding: .utf8)
        let app = Application(
            router: fixture.service.router(), configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        let report = try await app.test(.live) { client in
            let url = "http://127.0.0.1:\(client.port!)" + path
            return try await Self.offTheCooperativePool {
                try Self.fillIn(url: url, blank: blank, executable: executable)
            }
        }
        #expect(report.lang == "fr")
        #expect(report.scrollWidth <= 390, "the page is wider than the phone")
        #expect(
            report.afterReload == [
                "partial", "partial", "largely", "largely", "largely", "full", "na", "largely", "largely",
            ])
        #expect(report.noteAfterReload == "Adopté par le conseil en mars")
        #expect(report.finalText.contains("Vos réponses ont été envoyées"))

        let invitation = try await ResponseExport.invitation(
            in: fixture.service.store, organisation: "Ville de Rivière-aux-Hérons", id: nil, includeDrafts: false)
        let response = ResponseExport.response(
            of: invitation, answers: try await fixture.service.store.answers(invitation: invitation.id))
        #expect(response.answers["fin.plan"] == Answer(.text("full"), note: "Adopté par le conseil en mars"))
        let file = fixture.folder + "/export.json"
        try ResponseExport.write(response, to: file)
        let equivalent = fixture.folder + "/equivalent.json"
        try ExportTests.equivalent.replacingOccurrences(
            of: "Adopted by council in March", with: "Adopté par le conseil en mars"
        )
        .write(toFile: equivalent, atomically: true, encoding: .utf8)
        guard let assay = Programs.assay else {
            print("SKIPPED the assay score comparison of aMunicipalityFillsTheFormInFrenchOnAPhone: no built assay")
            return
        }
        let exported = try Programs.run(assay, ["score", "--rubric", "digital-capacity", file, "--format", "json"])
        let handWritten = try Programs.run(
            assay, ["score", "--rubric", "digital-capacity", equivalent, "--format", "json"])
        #expect(exported.status == 0, "\(exported.errors)")
        let exportedScores = try Self.scores(exported.output)
        #expect(exportedScores == (try Self.scores(handWritten.output)))
        #expect(exportedScores["overall"] != nil)
    }

    struct Report: Sendable {
        var lang: String
        var scrollWidth: Int
        var afterReload: [String]
        var noteAfterReload: String
        var finalText: String
    }

    static let answers = ExportTests.answers

    /// Drives the browser: blocking calls, so run off Swift's cooperative threads.
    static func fillIn(url: String, blank: String, executable: String) throws -> Report {
        let browser = try HeadlessBrowser(executable: executable)
        try browser.open(blank, width: 390, height: 844, mobile: true)
        try navigate(browser, to: url)
        let lang = try browser.evaluate("document.documentElement.lang") as? String ?? ""
        let scrollWidth = try browser.evaluate("document.scrollingElement.scrollWidth") as? Int ?? 9999
        for (question, option) in answers {
            _ = try browser.evaluate("document.getElementById('a-\(question)-\(option)').click()")
        }
        _ = try browser.evaluate("document.getElementById('n-fin.plan').value = 'Adopté par le conseil en mars'")
        _ = try browser.evaluate("document.querySelector('button[name=section][value=fin]').click()")
        try waitFor(browser, "location.search.includes('saved=1') && document.readyState === 'complete'")
        // The reload is asynchronous: mark the page first, so the wait cannot be met by the old page still shown,
        // or read a new one half parsed (this failed one run in a few on a loaded machine).
        _ = try browser.evaluate("window.beforeReload = true; location.reload()")
        try waitFor(
            browser,
            "!window.beforeReload && document.readyState === 'complete' && !!document.getElementById('q-hr.learn')")
        var afterReload: [String] = []
        for (question, _) in answers {
            let checked = try browser.evaluate(
                "(document.querySelector('input[name=\"answer.\(question)\"]:checked') || {}).value || ''")
            afterReload.append(checked as? String ?? "")
        }
        let note = try browser.evaluate("document.getElementById('n-fin.plan').value") as? String ?? ""
        _ = try browser.evaluate("document.querySelector('button[formaction]').click()")
        try waitFor(browser, "document.readyState === 'complete' && !document.querySelector('form')")
        let text = try browser.evaluate("document.body.innerText") as? String ?? ""
        return Report(
            lang: lang, scrollWidth: scrollWidth, afterReload: afterReload, noteAfterReload: note, finalText: text)
    }

    static func navigate(_ browser: HeadlessBrowser, to url: String) throws {
        try browser.call("Page.navigate", ["url": url])
        try waitFor(browser, "location.href === '\(url)' && document.readyState === 'complete'")
    }

    /// Polls `condition` until it is true; fails after 30 seconds (a hang, not a timing assertion).
    static func waitFor(_ browser: HeadlessBrowser, _ condition: String) throws {
        let deadline = Date().addingTimeInterval(30)
        while (try? browser.evaluate(condition)) as? Bool != true {
            guard Date() < deadline else { throw HeadlessBrowser.Failure("never true: \(condition)") }
            usleep(50_000)
        }
    }

    static func offTheCooperativePool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread { continuation.resume(with: Result { try body() }) }
        }
    }

    /// A JSON score report without what says whose answers they are (id, organisation, attributes).
    static func scores(_ json: String) throws -> NSDictionary {
        let report = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        return NSDictionary(
            dictionary: report.filter { !["id", "organisation", "attributes", "response"].contains($0.key) })
    }
}

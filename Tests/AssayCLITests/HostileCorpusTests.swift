import Foundation
import Testing

/// One case of the hostile-input corpus: a small file and what `assay` must do with it.
///
/// The corpus is `Tests/HostileCorpus`: `manifest.json` lists every case with the command that reads its file,
/// the exit status a user must see (0 accepted, 1 bad input, 64 a command-line mistake) and a piece of the message;
/// `Scripts/generate-hostile-corpus.py` writes both.
struct HostileCase: Sendable, Decodable, CustomTestStringConvertible {
    var name: String
    var args: [String]
    var status: Int32
    var expect: String
    var note: String

    var testDescription: String { name }

    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("HostileCorpus")

    static let all: [HostileCase] = {
        guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent("manifest.json").path),
            let cases = try? JSONDecoder().decode([HostileCase].self, from: data)
        else { return [] }
        return cases
    }()

    /// The case's own file, as the command line names it, if it has one.
    var file: String? { args.first { $0.hasPrefix("Tests/HostileCorpus/cases/") } }
}

@Suite("Hostile input corpus")
struct HostileCorpusTests {
    @Test func theCorpusIsThere() {
        // Several hundred cases; fewer means the manifest was not found or not regenerated.
        #expect(HostileCase.all.count >= 500)
    }

    @Test(arguments: HostileCase.all)
    func eachCaseEndsAsAUserShouldSee(_ hostile: HostileCase) throws {
        let folder = try SessionCLITests.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let arguments = hostile.args.map { $0.replacingOccurrences(of: "{out}", with: folder + "/out") }
        let result = try CLIRunner.run(arguments)
        let output = result.standardError + result.standardOutput
        // Never a crash: a signal would show as a status of its own, and a trap prints a Swift runtime failure.
        #expect(!output.contains("Fatal error") && !output.contains("Swift runtime failure"), "\(output)")
        #expect(result.status == hostile.status, "\(hostile.note)\n\(output)")
        #expect(output.contains(hostile.expect), "\(hostile.note)\n\(output)")
        if hostile.status == 1, let file = hostile.file, !hostile.expect.isEmpty {
            // Bad input is named: the message starts with the file it is about, and with a line when it is in it.
            #expect(output.contains("\(file)"), "\(output)")
        }
        if hostile.status != 0 {
            // Nothing is written when a run fails: no half a summary, no report.
            let written = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
            #expect(written.isEmpty, "wrote \(written) although the run failed")
        }
    }
}

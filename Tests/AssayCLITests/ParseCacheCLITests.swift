import Foundation
import Testing

/// The cache of parsed rubrics, as a user meets it: the second run reads the entry the first left and prints the
/// same, a rubric edited between runs is read as edited, a damaged entry or a cache that cannot be written changes
/// nothing, and `ASSAY_CACHE_DIR=off` leaves nothing behind.
@Suite("assay's cache of parsed rubrics")
struct ParseCacheCLITests {
    /// A fresh cache folder and a copy of a bundled rubric to edit, both removed at the end.
    struct Scratch {
        let cache: String
        let rubric: String
        init() throws {
            let base = FileManager.default.temporaryDirectory.appendingPathComponent("cache-cli-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
            cache = base.appendingPathComponent("cache").path
            rubric = base.appendingPathComponent("rubric.json").path
            try FileManager.default.copyItem(
                at: CLIRunner.repositoryRoot.appendingPathComponent("Rubrics/digital-capacity.json"),
                to: URL(fileURLWithPath: rubric))
        }
        func remove() { try? FileManager.default.removeItem(atPath: (cache as NSString).deletingLastPathComponent) }

        func score(_ rubric: String? = nil, cache: String? = nil) throws -> CLIRunner.Result {
            try CLIRunner.run(
                ["score", "--rubric", rubric ?? self.rubric, ScoreCommandTests.example],
                environment: ["ASSAY_CACHE_DIR": cache ?? self.cache])
        }

        var entries: [String] {
            ((try? FileManager.default.contentsOfDirectory(atPath: cache)) ?? []).filter { $0.hasSuffix(".parsed") }
                .map { cache + "/" + $0 }
        }
    }

    static func inode(_ path: String) -> ino_t {
        var info = stat()
        return stat(path, &info) == 0 ? info.st_ino : 0
    }

    @Test func theToolsHelpSaysWhereTheCacheIsAndHowToTurnItOff() throws {
        let help = try CLIRunner.run(["--help"])
        #expect(help.status == 0)
        // Wrapped to the terminal's width: read as one line.
        let text = help.standardOutput.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(text.contains("$ASSAY_CACHE_DIR, else $XDG_CACHE_HOME/assay, else ~/.cache/assay"), "\(text)")
        #expect(text.contains("ASSAY_CACHE_DIR=off turns it off"))
    }

    @Test func theSecondRunReadsTheFirstsEntryAndPrintsTheSame() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let first = try scratch.score()
        #expect(first.status == 0, "\(first.standardError)")
        let entries = scratch.entries
        #expect(entries.count == 1 && entries[0].hasSuffix(".parsed"), "\(entries)")
        let written = Self.inode(entries[0])
        let second = try scratch.score()
        #expect(second.standardOutput == first.standardOutput)
        #expect(second.standardError == first.standardError)
        // Read, not written again: a miss would have renamed a new entry over it.
        #expect(Self.inode(entries[0]) == written)
        // And the same as with no cache at all.
        let uncached = try scratch.score(cache: "off")
        #expect(uncached.standardOutput == first.standardOutput)
        // The bundled rubric by its id has an entry of its own.
        let bundled = try scratch.score("digital-capacity")
        #expect(bundled.standardOutput == first.standardOutput)
        #expect(scratch.entries.count == 2)
    }

    @Test func aRubricEditedBetweenRunsIsReadAsEdited() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        _ = try scratch.score()
        // The careless case: a rubric edited in place, by as little as one character of its title.
        var text = try String(contentsOfFile: scratch.rubric, encoding: .utf8)
        text = text.replacingOccurrences(of: "\"en\": \"Digital capacity\"", with: "\"en\": \"Digital capacitY\"")
        try text.write(toFile: scratch.rubric, atomically: false, encoding: .utf8)
        let edited = try scratch.score()
        #expect(edited.standardOutput.hasPrefix("Digital capacitY 2.0.0"), "\(edited.standardOutput.prefix(80))")
        #expect(scratch.entries.count == 1)
        // Edited into bad JSON: jansson's own error, with its line and column, as without a cache.
        try (text.replacingOccurrences(of: "\"version\": \"2.0.0\",", with: "\"version\": \"2.0.0\"")).write(
            toFile: scratch.rubric, atomically: false, encoding: .utf8)
        let broken = try scratch.score()
        let brokenUncached = try scratch.score(cache: "off")
        #expect(broken.status == 1)
        #expect(broken.standardError == brokenUncached.standardError)
        #expect(broken.standardError.contains("rubric.json:5:"), "\(broken.standardError)")
    }

    @Test func aDamagedEntryOrAnUnwritableCacheChangesNothing() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let expected = try scratch.score(cache: "off")
        _ = try scratch.score()
        let entry = scratch.entries[0]
        // One byte changed in the middle of the entry, then the entry cut in half.
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: entry)))
        bytes[bytes.count / 2] ^= 0x04
        try Data(bytes).write(to: URL(fileURLWithPath: entry))
        #expect(try scratch.score().standardOutput == expected.standardOutput)
        try Data(bytes[..<(bytes.count / 2)]).write(to: URL(fileURLWithPath: entry))
        #expect(try scratch.score().standardOutput == expected.standardOutput)
        // A cache folder that is a file, or under one, or relative: the command runs as if there were none.
        for folder in [scratch.rubric, scratch.rubric + "/cache", "relative/cache", ""] {
            let result = try scratch.score(cache: folder)
            #expect(result.status == 0, "\(folder): \(result.standardError)")
            #expect(result.standardOutput == expected.standardOutput, "\(folder)")
            #expect(result.standardError == expected.standardError, "\(folder)")
        }
        #expect(
            !FileManager.default.fileExists(atPath: CLIRunner.repositoryRoot.appendingPathComponent("relative").path))
    }

    @Test func theCacheIsInTheUsersCacheFolderUnlessTurnedOff() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let home = (scratch.cache as NSString).deletingLastPathComponent + "/home"
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        // With the variable unset, the cache is under $XDG_CACHE_HOME, else $HOME/.cache.
        _ = try CLIRunner.run(
            ["score", "--rubric", scratch.rubric, ScoreCommandTests.example],
            environment: ["ASSAY_CACHE_DIR": "off", "HOME": home, "XDG_CACHE_HOME": home + "/xdg"])
        #expect((try FileManager.default.contentsOfDirectory(atPath: home)).isEmpty)
        #expect(!FileManager.default.fileExists(atPath: scratch.cache))
        // Unset: $XDG_CACHE_HOME/assay, made readable by the user only.
        let arguments = ["score", "--rubric", scratch.rubric, ScoreCommandTests.example]
        _ = try CLIRunner.run(
            arguments, environment: ["HOME": home, "XDG_CACHE_HOME": home + "/xdg"], unsetting: ["ASSAY_CACHE_DIR"])
        let xdg = ((try? FileManager.default.contentsOfDirectory(atPath: home + "/xdg/assay")) ?? []).filter {
            $0.hasSuffix(".parsed")
        }
        #expect(xdg.count == 1, "\(xdg)")
        var info = stat()
        #expect(stat(home + "/xdg/assay", &info) == 0 && info.st_mode & 0o777 == 0o700)
        // And without $XDG_CACHE_HOME: $HOME/.cache/assay.
        _ = try CLIRunner.run(arguments, environment: ["HOME": home], unsetting: ["ASSAY_CACHE_DIR", "XDG_CACHE_HOME"])
        let dotCache = ((try? FileManager.default.contentsOfDirectory(atPath: home + "/.cache/assay")) ?? []).filter {
            $0.hasSuffix(".parsed")
        }
        #expect(dotCache.count == 1, "\(dotCache)")
        if geteuid() == 0 {
            // `sudo` keeping another user's HOME: nothing of root's is left in that home.
            let theirs = home + "/theirs"
            try FileManager.default.createDirectory(atPath: theirs, withIntermediateDirectories: true)
            chown(theirs, 4242, 4242)
            let result = try CLIRunner.run(
                arguments, environment: ["HOME": theirs], unsetting: ["ASSAY_CACHE_DIR", "XDG_CACHE_HOME"])
            #expect(result.status == 0)
            #expect((try FileManager.default.contentsOfDirectory(atPath: theirs)).isEmpty)
        }
    }

    /// A large rubric-sized JSON file that is no rubric is refused as before and leaves no entry; a file-size
    /// limit lower than an entry (`ulimit -f`) leaves the command's result as it was, where it used to kill it.
    @Test func whatIsNoRubricOrCannotBeKeptChangesNothing() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let list = (scratch.cache as NSString).deletingLastPathComponent + "/list.json"
        try ("[" + Array(repeating: "0", count: 20_000).joined(separator: ",") + "]").write(
            toFile: list, atomically: false, encoding: .utf8)
        let notARubric = try scratch.score(list)
        #expect(notARubric.status == 1)
        #expect(notARubric.standardError.contains("list.json:1:1: error"), "\(notARubric.standardError)")
        #expect(scratch.entries.isEmpty)
        let expected = try scratch.score(cache: "off")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        // 100 blocks of 512 bytes: the 380 KB entry is over the limit, the report is not.
        process.arguments = [
            "-c", "ulimit -f 100; exec \"$0\" score --rubric \"$1\" \"$2\"",
            CLIRunner.productsFolder.appendingPathComponent("assay").path, scratch.rubric, ScoreCommandTests.example,
        ]
        process.currentDirectoryURL = CLIRunner.repositoryRoot
        var environment = CLIRunner.environment
        environment["ASSAY_CACHE_DIR"] = scratch.cache
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let printed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationReason == .exit && process.terminationStatus == 0)
        #expect(printed == expected.standardOutput)
        #expect(scratch.entries.isEmpty)
        // Nor is a temporary file left behind.
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: scratch.cache).filter { $0.hasSuffix(".tmp") }.isEmpty)
    }
}

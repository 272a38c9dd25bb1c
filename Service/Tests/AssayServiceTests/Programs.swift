import Foundation

/// The command-line programs the tests run: the real `assay` of the root package and this package's
/// `assay-service`, from their build folders.
enum Programs {
    /// The repository's root folder.
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path

    /// `assay`, built by `swift build` in the repository's root (Scripts/test.sh builds it first); `ASSAY_CLI`
    /// names another. `nil` when it has not been built.
    static var assay: String? {
        let candidates = [
            ProcessInfo.processInfo.environment["ASSAY_CLI"], repository + "/.build/debug/assay",
            repository + "/.build/release/assay",
        ]
        return candidates.compactMap { $0 }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// `assay-service`, built beside these tests.
    static var assayService: String? {
        let candidates = [
            repository + "/Service/.build/debug/assay-service", repository + "/Service/.build/release/assay-service",
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    struct Run {
        var status: Int32
        var output: String
        var errors: String
    }

    /// Runs `program` with `arguments`, `input` on its standard input, and waits for it. Output goes through
    /// files, so a chatty program never blocks on a full pipe.
    static func run(_ program: String, _ arguments: [String], input: String = "", in folder: String? = nil) throws
        -> Run
    {
        let scratch = NSTemporaryDirectory() + "assay-run-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        for name in ["in", "out", "err"] {
            _ = FileManager.default.createFile(
                atPath: scratch + "/" + name, contents: name == "in" ? Data(input.utf8) : nil)
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        if let folder { process.currentDirectoryURL = URL(fileURLWithPath: folder) }
        process.standardInput = try FileHandle(forReadingFrom: URL(fileURLWithPath: scratch + "/in"))
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: scratch + "/out"))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: scratch + "/err"))
        try process.run()
        process.waitUntilExit()
        let output = try String(contentsOfFile: scratch + "/out", encoding: .utf8)
        let errors = try String(contentsOfFile: scratch + "/err", encoding: .utf8)
        return Run(status: process.terminationStatus, output: output, errors: errors)
    }
}

import Foundation
import Testing

/// A binary copied without its resource bundle must say the rubrics are missing, not list none or read the
/// build machine's source checkout.
@Suite("Missing bundled rubrics")
struct MissingBundleTests {
    @Test func aCopiedBinaryWithoutItsBundleSaysSo() throws {
        // A hard link beside the build, not a copy: a copy is a file this process just wrote, and a child that
        // another test forks meanwhile can inherit its write descriptor, so running it fails "text file busy".
        let folder = CLIRunner.productsFolder.deletingLastPathComponent()
            .appendingPathComponent("assay-copied-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let copy = folder.appendingPathComponent("assay")
        try FileManager.default.linkItem(at: CLIRunner.productsFolder.appendingPathComponent("assay"), to: copy)
        for arguments in [["rubric", "list"], ["score", "--rubric", "digital-capacity", "x.json"]] {
            let process = Process()
            process.executableURL = copy
            process.arguments = arguments
            process.currentDirectoryURL = folder
            var environment = ProcessInfo.processInfo.environment
            environment["ASSAY_RUBRICS"] = nil
            process.environment = environment
            let error = Pipe()
            process.standardError = error
            process.standardOutput = Pipe()
            try process.run()
            let text = String(decoding: error.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            #expect(process.terminationStatus != 0, "\(arguments)")
            #expect(text.contains("the bundled rubrics are missing"), "\(arguments): \(text)")
            #expect(text.contains(folder.appendingPathComponent("Assay_AssayRubrics.resources").path))
        }
    }

    @Test func aRubricFolderThatDoesNotExistIsNamed() throws {
        let result = try CLIRunner.run(["rubric", "list"], environment: ["ASSAY_RUBRICS": "/nonexistent/rubrics"])
        #expect(result.status != 0)
        #expect(result.standardError.contains("the bundled rubrics are missing"))
        #expect(result.standardError.contains("/nonexistent/rubrics"))
    }
}

import Foundation

/// Runs the built `assay` executable and captures what it prints, as a person at a terminal would see it.
struct CLIRunner {
    struct Result {
        var status: Int32
        var standardOutput: String
        var standardError: String
    }

    /// The folder holding the built products (`assay`, its resource bundle): the tests' own build, or the folder
    /// `ASSAY_CLI_FOLDER` names, to run these tests against another build of the command (the static release
    /// build `Scripts/build-release.sh` makes).
    static var productsFolder: URL {
        if let folder = ProcessInfo.processInfo.environment["ASSAY_CLI_FOLDER"], !folder.isEmpty {
            return URL(fileURLWithPath: folder, isDirectory: true)
        }
        let bundle = Bundle(for: Marker.self).bundleURL
        return bundle.pathExtension == "xctest" ? bundle.deletingLastPathComponent() : bundle
    }

    /// The repository's root folder, for paths such as `Rubrics/examples/...`.
    static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
    }

    /// The environment every test runs `assay` in: this process's, without colour, and with the cache of parsed
    /// rubrics in a folder of this test run's own (so a test never reads or fills the user's cache, and the
    /// commands run both with and without an entry for their rubric).
    static var environment: [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        environment["ASSAY_CACHE_DIR"] = cacheFolder
        return environment
    }

    static let cacheFolder = FileManager.default.temporaryDirectory
        .appendingPathComponent("assay-cli-tests-cache-\(ProcessInfo.processInfo.processIdentifier)").path

    /// Runs `assay` with `arguments` in the repository root, feeding it `input` on standard input.
    static func run(
        _ arguments: [String], input: String? = nil, environment: [String: String] = [:], unsetting: [String] = []
    ) throws -> Result {
        let process = Process()
        process.executableURL = productsFolder.appendingPathComponent("assay")
        process.arguments = arguments
        process.currentDirectoryURL = repositoryRoot
        var env = environment
        for (key, value) in environment { env[key] = value }
        for key in unsetting { env[key] = nil }
        process.environment = env
        let output = Pipe()
        let error = Pipe()
        let standardInput = Pipe()
        process.standardOutput = output
        process.standardError = error
        process.standardInput = standardInput
        try process.run()
        if let input { standardInput.fileHandleForWriting.write(Data(input.utf8)) }
        try standardInput.fileHandleForWriting.close()
        // Read both pipes before waiting, so a large output cannot fill a pipe and stall the child.
        let errorReader = Thread.detachNewThreadWithResult { error.fileHandleForReading.readDataToEndOfFile() }
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        let errorData = errorReader.wait()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus,
            standardOutput: String(decoding: outputData, as: UTF8.self),
            standardError: String(decoding: errorData, as: UTF8.self)
        )
    }

    private final class Marker {}
}

/// A value computed on its own thread; `wait()` blocks until it is ready.
final class ThreadResult<Value: Sendable>: @unchecked Sendable {
    // Safe: `value` is written once by the worker before `semaphore.signal()`, and read only after `wait()`.
    private var value: Value?
    private let semaphore = DispatchSemaphore(value: 0)

    fileprivate func set(_ value: Value) {
        self.value = value
        semaphore.signal()
    }

    func wait() -> Value {
        semaphore.wait()
        return value!
    }
}

extension Thread {
    static func detachNewThreadWithResult<Value: Sendable>(_ body: @escaping @Sendable () -> Value) -> ThreadResult<
        Value
    > {
        let result = ThreadResult<Value>()
        Thread.detachNewThread { result.set(body()) }
        return result
    }
}

import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Headless Chromium driven through its DevTools protocol over `--remote-debugging-pipe`: commands go to the
/// browser's file descriptor 3 and replies come back on 4, each a JSON message ended by a NUL byte. No websocket,
/// no port, no driver binary: the test speaks the protocol itself.
final class HeadlessBrowser {
    struct Failure: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }

    /// The browser found on this machine, or why there is none: the reason a skipped test gives.
    static func locate() -> Result<String, Failure> {
        if let path = ProcessInfo.processInfo.environment["ASSAY_CHROMIUM"] { return .success(path) }
        for path in ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
        where FileManager.default.isExecutableFile(atPath: path) {
            return .success(path)
        }
        return .failure(
            Failure(
                "no Chromium at /usr/bin/chromium (Debian's chromium package; .ci/run installs it) nor ASSAY_CHROMIUM"))
    }

    private let pid: pid_t
    private let commands: Int32
    private let replies: Int32
    private var buffer: [UInt8] = []
    private var nextID = 0
    private let profile: String
    /// The page's session, once a page is open.
    private var session: String?

    init(executable: String) throws {
        profile = NSTemporaryDirectory() + "assay-chromium-\(UUID().uuidString)"
        var toBrowser: [Int32] = [0, 0]
        var fromBrowser: [Int32] = [0, 0]
        guard pipe(&toBrowser) == 0, pipe(&fromBrowser) == 0 else { throw Failure("pipe failed") }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, toBrowser[0], 3)
        posix_spawn_file_actions_adddup2(&actions, fromBrowser[1], 4)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let arguments = [
            executable, "--headless", "--remote-debugging-pipe", "--no-sandbox", "--disable-gpu",
            "--disable-dev-shm-usage", "--no-first-run", "--no-default-browser-check", "--hide-scrollbars",
            "--font-render-hinting=none", "--user-data-dir=\(profile)", "about:blank",
        ]
        let argv = arguments.map { strdup($0) } + [nil]
        let envp = ProcessInfo.processInfo.environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, executable, &actions, nil, argv, envp)
        close(toBrowser[0])
        close(fromBrowser[1])
        guard spawned == 0 else { throw Failure("could not start \(executable): posix_spawn \(spawned)") }
        self.pid = pid
        commands = toBrowser[1]
        replies = fromBrowser[0]
    }

    deinit {
        _ = try? call("Browser.close", [:], inPage: false)
        close(commands)
        close(replies)
        var status: Int32 = 0
        for _ in 0..<50 {
            if waitpid(pid, &status, WNOHANG) == pid { break }
            usleep(100_000)
        }
        if waitpid(pid, &status, WNOHANG) == 0 {
            kill(pid, SIGKILL)
            waitpid(pid, &status, 0)
        }
        try? FileManager.default.removeItem(atPath: profile)
    }

    /// Sends a command and waits (at most `timeout` seconds) for its reply's `result`.
    @discardableResult
    func call(_ method: String, _ parameters: [String: Any] = [:], inPage: Bool = true, timeout: Double = 30)
        throws -> [String: Any]
    {
        nextID += 1
        let id = nextID
        var message: [String: Any] = ["id": id, "method": method, "params": parameters]
        if inPage, let session { message["sessionId"] = session }
        var bytes = [UInt8](try JSONSerialization.data(withJSONObject: message))
        bytes.append(0)
        let written = bytes.withUnsafeBytes { write(commands, $0.baseAddress, $0.count) }
        guard written == bytes.count else { throw Failure("\(method): the browser closed its pipe") }
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            let reply = try readMessage(until: deadline, waitingFor: method)
            guard reply["id"] as? Int == id else { continue }  // an event, or an older reply
            if let error = reply["error"] as? [String: Any] {
                throw Failure("\(method): \(error["message"] ?? error)")
            }
            return reply["result"] as? [String: Any] ?? [:]
        }
    }

    private func readMessage(until deadline: Date, waitingFor method: String) throws -> [String: Any] {
        while true {
            if let end = buffer.firstIndex(of: 0) {
                let message = Array(buffer[..<end])
                buffer.removeSubrange(...end)
                return try JSONSerialization.jsonObject(with: Data(message)) as? [String: Any] ?? [:]
            }
            let left = deadline.timeIntervalSinceNow
            guard left > 0 else { throw Failure("\(method): no reply from the browser in time") }
            var poller = pollfd(fd: replies, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, Int32(min(left, 1) * 1000)) >= 0 else { throw Failure("poll failed") }
            if poller.revents == 0 { continue }
            var chunk = [UInt8](repeating: 0, count: 1 << 16)
            let count = chunk.withUnsafeMutableBytes { read(replies, $0.baseAddress, $0.count) }
            guard count > 0 else { throw Failure("\(method): the browser stopped") }
            buffer += chunk[..<count]
        }
    }

    /// Opens a page `width` pixels wide (a phone's viewport when `mobile`) showing `file`, and waits until it
    /// has loaded.
    func open(_ file: String, width: Int, height: Int = 900, mobile: Bool) throws {
        if session == nil {
            let target = try call("Target.createTarget", ["url": "about:blank"], inPage: false)
            guard let targetID = target["targetId"] as? String else { throw Failure("no page target") }
            let attached = try call(
                "Target.attachToTarget", ["targetId": targetID, "flatten": true], inPage: false)
            session = attached["sessionId"] as? String
            try call("Runtime.enable")
        }
        try call(
            "Emulation.setDeviceMetricsOverride",
            ["width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile])
        try call("Emulation.setEmulatedMedia", ["media": ""])
        let url = URL(fileURLWithPath: file).absoluteString
        try call("Page.navigate", ["url": url])
        let deadline = Date().addingTimeInterval(30)
        // Until the new page, not the one before it, has loaded.
        while try evaluate("location.href === '\(url)' && document.readyState") as? String != "complete" {
            guard Date() < deadline else { throw Failure("\(file) did not load") }
            usleep(50_000)
        }
    }

    /// The value of a JavaScript expression in the page.
    func evaluate(_ expression: String) throws -> Any? {
        let result = try call("Runtime.evaluate", ["expression": expression, "returnByValue": true])
        if let exception = result["exceptionDetails"] as? [String: Any] {
            throw Failure("\(expression): \(exception["text"] ?? exception)")
        }
        return (result["result"] as? [String: Any])?["value"]
    }

    /// Lays the page out for print (A4) or for the screen.
    func emulatePrint(_ print: Bool) throws {
        try call("Emulation.setEmulatedMedia", ["media": print ? "print" : ""])
    }

    /// The page printed to PDF on A4 paper, as the browser's "Save as PDF" does it.
    func printToPDF() throws -> Data {
        let result = try call(
            "Page.printToPDF",
            ["paperWidth": 8.27, "paperHeight": 11.69, "printBackground": false, "preferCSSPageSize": true],
            timeout: 60)
        guard let base64 = result["data"] as? String, let data = Data(base64Encoded: base64) else {
            throw Failure("Page.printToPDF returned no data")
        }
        return data
    }

    /// A PNG of the page, `fullPage` for all of it (at most 6,000 pixels) or the viewport only, drawn at `scale`.
    func screenshot(fullPage: Bool, scale: Double = 1) throws -> Data {
        var parameters: [String: Any] = ["format": "png"]
        if !fullPage && scale != 1,
            let width = try evaluate("window.innerWidth") as? Double,
            let height = try evaluate("window.innerHeight") as? Double
        {
            parameters["clip"] = ["x": 0, "y": 0, "width": width, "height": height, "scale": scale]
        }
        if fullPage { parameters["captureBeyondViewport"] = true }
        if fullPage, let height = try evaluate("document.scrollingElement.scrollHeight") as? Double,
            let width = try evaluate("document.scrollingElement.clientWidth") as? Double
        {
            parameters["clip"] = ["x": 0, "y": 0, "width": width, "height": min(height, 6000), "scale": 1]
        }
        let result = try call("Page.captureScreenshot", parameters, timeout: 60)
        guard let base64 = result["data"] as? String, let data = Data(base64Encoded: base64) else {
            throw Failure("Page.captureScreenshot returned no data")
        }
        return data
    }
}

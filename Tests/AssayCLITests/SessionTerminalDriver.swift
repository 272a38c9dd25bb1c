import Foundation

/// Types into `assay` through a pseudo-terminal exactly as a person at a keyboard does: waits for the `> `
/// prompt, types each line's characters and presses Return (a carriage return, which the terminal turns into a
/// newline), and can press Ctrl-C or kill the process.
///
/// The terminal is made by python3's `pty` module, run as a child process, so `assay` sees a real terminal
/// (`isatty` is true on all three standard streams) with echo and line editing on.
struct SessionTerminalDriver {
    /// What to do once every line has been typed.
    enum Finish: String {
        /// Type `pending` without pressing Return, then SIGKILL `assay`.
        case kill
        /// Press Ctrl-C (the terminal sends SIGINT), then wait for `assay` to exit.
        case interrupt
        /// Wait for `assay` to exit on its own (after a typed `q`).
        case exit
    }

    struct Result {
        /// Everything the terminal showed, echo of the typing included.
        var transcript: String
        /// How `assay` ended: "exited 0", "exited 130", "signaled 9".
        var status: String
    }

    private static let helper = #"""
        import json, os, pty, select, signal, sys, time
        argv, cwd, lines, finish, pending = json.loads(sys.argv[1])
        os.chdir(cwd)
        pid, fd = pty.fork()
        if pid == 0:
            os.environ["NO_COLOR"] = "1"
            os.environ["TERM"] = "dumb"
            os.execv(argv[0], argv)
        out = bytearray()
        def read(timeout):
            ready, _, _ = select.select([fd], [], [], timeout)
            if not ready:
                return False
            try:
                data = os.read(fd, 65536)
            except OSError:
                return None
            if not data:
                return None
            out.extend(data)
            return True
        def wait_for_prompt():
            deadline = time.time() + 30
            while not out.rstrip(b" ").endswith(b">") and time.time() < deadline:
                if read(0.2) is None:
                    return
        for line in lines:
            wait_for_prompt()
            start = len(out)
            for character in line.encode():
                os.write(fd, bytes([character]))
            os.write(fd, b"\r")
            # Wait until the echo of Return arrives and the next prompt (after the save) is shown.
            deadline = time.time() + 30
            while time.time() < deadline:
                if read(0.2) is None:
                    break
                tail = out[start:]
                if b"\n" in tail and tail.rstrip(b" ").endswith(b">"):
                    break
        if finish == "kill":
            wait_for_prompt()
            os.write(fd, pending.encode())
            time.sleep(0.2)
            read(0.2)
            os.kill(pid, signal.SIGKILL)
        elif finish == "interrupt":
            wait_for_prompt()
            os.write(fd, b"\x03")
        deadline = time.time() + 30
        while time.time() < deadline:
            if read(0.2) is None:
                break
        # The terminal closes a moment before the process can be reaped.
        done, status = os.waitpid(pid, os.WNOHANG)
        while done == 0 and time.time() < deadline:
            time.sleep(0.05)
            done, status = os.waitpid(pid, os.WNOHANG)
        if done == 0:
            # Still running after 30 seconds: a hang is a failure, not a reason to hang the test run.
            os.kill(pid, signal.SIGKILL)
            _, status = os.waitpid(pid, 0)
            sys.stdout.write("hung, ")
        described = "signaled %d" % os.WTERMSIG(status) if os.WIFSIGNALED(status) else "exited %d" % os.WEXITSTATUS(status)
        sys.stdout.write(described + "\n")
        sys.stdout.write(out.decode("utf-8", "replace"))
        """#

    /// Runs `assay arguments` in `folder`, types `lines`, then finishes as `finish` says.
    static func run(
        _ arguments: [String], in folder: String, typing lines: [String], finish: Finish, pending: String = ""
    )
        throws -> Result
    {
        let assay = CLIRunner.productsFolder.appendingPathComponent("assay").path
        let plan: [Any] = [[assay] + arguments, folder, lines, finish.rawValue, pending]
        let planJSON = String(decoding: try JSONPlan.encode(plan), as: UTF8.self)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", helper, planJSON]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        let firstLine = text.prefix { $0 != "\n" }
        // The terminal turns every newline into CR LF; a person reads lines.
        let transcript = text.dropFirst(firstLine.count + 1).replacingOccurrences(of: "\r\n", with: "\n")
        return Result(transcript: transcript, status: String(firstLine))
    }
}

/// Writes the helper's plan (strings and lists of strings) as JSON by hand: Assay writes all JSON through its
/// own writer, and the test target only links the `assay` executable.
enum JSONPlan {
    static func encode(_ value: Any) throws -> Data {
        Data(text(value).utf8)
    }

    private static func text(_ value: Any) -> String {
        switch value {
        case let string as String:
            var escaped = "\""
            for scalar in string.unicodeScalars {
                switch scalar {
                case "\"": escaped += "\\\""
                case "\\": escaped += "\\\\"
                case "\n": escaped += "\\n"
                case "\r": escaped += "\\r"
                default:
                    if scalar.value < 0x20 {
                        escaped += String(format: "\\u%04x", scalar.value)
                    } else {
                        escaped.unicodeScalars.append(scalar)
                    }
                }
            }
            return escaped + "\""
        case let list as [Any]:
            return "[" + list.map(text).joined(separator: ",") + "]"
        default:
            return "null"
        }
    }
}

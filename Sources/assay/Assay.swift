import ArgumentParser
import Foundation

@main
struct Assay: ParsableCommand {
    /// Every command here, nested ones too, spells out its `commandName`. Without one, ArgumentParser derives the
    /// name from the type's with `String(describing:)`, whose runtime conformance searches cost about a million
    /// instructions per command each time the tool starts: 44% of `assay --version` before every command had one.
    static let configuration = CommandConfiguration(
        commandName: "assay",
        abstract:
            "Assess organisations on digital capacity and data governance, and compare them without exposing any.",
        discussion: """
            Start with the bundled example:
              assay score --rubric digital-capacity Rubrics/examples/digital-capacity.example.json

            Rubrics of 16 KB or more are kept parsed in $ASSAY_CACHE_DIR, else $XDG_CACHE_HOME/assay, else \
            ~/.cache/assay, so the next run on an unchanged rubric skips the parse; ASSAY_CACHE_DIR=off turns it off.
            """,
        version: "0.1.0",
        subcommands: [
            RubricCommand.self, ScoreCommand.self, SessionCommand.self, ReportCommand.self, AggregateCommand.self,
            CompareCommand.self, LedgerCommand.self, AgreeCommand.self, ReconcileCommand.self,
        ]
    )
}

extension Assay {
    /// Runs the command the arguments name.
    ///
    /// A command is first parsed as a tool of its own (`score` as if it were the whole tool): ArgumentParser then
    /// reads that command's options only, instead of first walking every command's, which was about a tenth of
    /// `assay score`'s whole process. Whatever that parse does not accept (help, a version or completion request,
    /// a mistake) goes through the whole tool, which says it as `assay score …` would.
    static func main() {
        occupyClosedStandardStreams()
        // SIGQUIT ends the process, as it does any other: the Swift runtime's backtracer took it for a crash, printed a
        // report and carried on. A session saves and quits on it, as on Ctrl-C (`installSessionSignalHandlers`).
        signal(SIGQUIT, SIG_DFL)
        // A file-size limit (`ulimit -f`) makes a write past it fail with EFBIG, which every write reports, instead of
        // killing the process mid-command (the cache of parsed rubrics writes entries larger than most results).
        signal(SIGXFSZ, SIG_IGN)
        widenHelpForNarrowTerminals()
        let arguments = Array(CommandLine.arguments.dropFirst())
        if let name = arguments.first,
            let command = configuration.subcommands.first(where: { $0.configuration.commandName == name }),
            !arguments.contains(where: {
                $0.hasPrefix("-h") || $0.hasPrefix("--help") || $0 == "-help" || $0 == "help"
                    || $0.hasPrefix("--version") || $0.hasPrefix("--generate-completion")
                    || $0.hasPrefix("--experimental")
            }),
            var parsed = try? command.parseAsRoot(Array(arguments.dropFirst())),
            // Only the command itself or one of its subcommands: ArgumentParser answers a help request it parsed
            // with a command of its own, which would name the command without `assay`.
            commandTypes(command).contains(ObjectIdentifier(type(of: parsed)))
        {
            do {
                try parsed.run()
            } catch {
                // Reported by the whole tool, so a usage line or a group's help names `assay …`.
                exit(withError: error)
            }
            return
        }
        main(arguments)
    }

    /// Puts `/dev/null` on each of standard input, output and error that was closed (`assay … <&-`), opened the
    /// wrong way round, so that reading or writing it still fails as on a closed one (`EBADF`), told as an error.
    /// Left closed, its number went to the next file opened: with standard input closed, a session read its own
    /// lock file as keystrokes and saved `pid: …` as an answer, and output would have gone into a session file.
    private static func occupyClosedStandardStreams() {
        for descriptor in [STDIN_FILENO, STDOUT_FILENO, STDERR_FILENO] where fcntl(descriptor, F_GETFD) == -1 {
            // The lowest free number: the one closed, since the ones before it are open by now.
            let opened = open("/dev/null", descriptor == STDIN_FILENO ? O_WRONLY : O_RDONLY)
            if opened >= 0 && opened != descriptor {
                dup2(opened, descriptor)
                close(opened)
            }
        }
    }

    /// The narrowest help ArgumentParser is given: it wraps its help to `COLUMNS`, or to the terminal's width,
    /// and stops the process for any width under 27 (`COLUMNS=0 assay --help`, or a phone's terminal on its side).
    static let narrowestHelp = 40

    /// Sets `COLUMNS` to ``narrowestHelp`` when it, or the terminal's width, is narrower; the terminal then wraps
    /// the lines. Only ArgumentParser reads `COLUMNS`; the session screen asks the terminal itself.
    private static func widenHelpForNarrowTerminals() {
        var width: Int?
        if let columns = getenv("COLUMNS").flatMap({ Int(String(cString: $0)) }) {
            width = columns
        } else {
            var window = winsize()
            if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &window) == 0, window.ws_col > 0 { width = Int(window.ws_col) }
        }
        if let width, width < narrowestHelp { setenv("COLUMNS", String(narrowestHelp), 1) }
    }

    /// `command` and its subcommands, all the way down.
    private static func commandTypes(_ command: any ParsableCommand.Type) -> Set<ObjectIdentifier> {
        command.configuration.subcommands.reduce(into: [ObjectIdentifier(command)]) {
            $0.formUnion(commandTypes($1))
        }
    }
}

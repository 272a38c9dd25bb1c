import ArgumentParser

@main
struct Assay: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assay",
        abstract:
            "Assess organisations on digital capacity and data governance, and compare them without exposing any.",
        discussion: """
            Start with the bundled example:
              assay score --rubric digital-capacity Rubrics/examples/digital-capacity.example.json
            """,
        version: "0.1.0",
        subcommands: [
            RubricCommand.self, ScoreCommand.self, SessionCommand.self, ReportCommand.self, AggregateCommand.self,
            CompareCommand.self, LedgerCommand.self, AgreeCommand.self, ReconcileCommand.self,
        ]
    )
}

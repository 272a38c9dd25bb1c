import AssayCore
import Testing

@Suite("Rubric validation")
struct RubricValidationTests {
    func errors(_ change: (inout Rubric) -> Void) -> [String] {
        var rubric = Fixtures.rubric()
        change(&rubric)
        return rubric.validate().filter { $0.severity == .error }.map { "\($0.path): \($0.message)" }
    }

    @Test func aSoundRubricHasNoDiagnostics() {
        #expect(Fixtures.rubric().validate().isEmpty)
    }

    @Test func reportsDuplicateQuestionIDsWithBothPlaces() {
        let found = errors { $0.dimensions[1].practiceAreas[0].questions[0].id = "a.1" }
        #expect(
            found == [
                "dimensions[1].practice_areas[0].questions[0].id: duplicate question id \"a.1\"; it is first used at dimensions[0].questions[1]"
            ])
    }

    @Test func reportsConditionsOnLaterOrUnknownQuestions() {
        let later = errors { $0.dimensions[0].questions[1].condition = .answer(question: "b.1", test: .answered(true)) }
        #expect(
            later.count == 1 && later[0].hasPrefix("dimensions[0].questions[1].condition.question:")
                && later[0].contains("asked later"))
        let unknown = errors {
            $0.dimensions[0].questions[1].condition = .answer(question: "zz", test: .answered(true))
        }
        #expect(unknown.count == 1 && unknown[0].contains("not a question of this rubric"))
    }

    @Test func reportsBandGapsAndOverlaps() {
        let gap = errors { $0.levels[1].minScore = 45 }
        #expect(gap == ["levels[1].min_score: a gap between bands: scores from 40 to 45 have no level"])
        let overlap = errors { $0.levels[2].minScore = 60 }
        #expect(overlap == ["levels[2].min_score: bands overlap: scores from 60 to 70 fall in two levels"])
    }

    @Test(arguments: [0.0, -1.0, Double.nan, Double.infinity])
    func rejectsWeightsThatAreNotPositiveAndFinite(weight: Double) {
        let found = errors { $0.dimensions[0].questions[0].weight = weight }
        #expect(
            found.count == 1
                && found[0].hasPrefix("dimensions[0].questions[0].weight: a weight must be a positive finite number"))
    }

    @Test func requiresTheDefaultLanguageAndWarnsOfOtherMissingTranslations() {
        var rubric = Fixtures.rubric()
        rubric.languages = ["en", "fr"]
        rubric.title = ["fr": "Grille"]
        let diagnostics = rubric.validate()
        #expect(
            diagnostics.contains {
                $0.severity == .error && $0.path == ["title" as String].asPath
                    && $0.message.contains("default language \"en\"")
            })
        #expect(diagnostics.contains { $0.severity == .warning && $0.message.contains("translation into \"fr\"") })
    }

    @Test func warnsOfAnUnusedScale() {
        var rubric = Fixtures.rubric()
        rubric.scales.append(Scale(id: "spare", options: Fixtures.practice.options))
        let diagnostics = rubric.validate()
        #expect(
            diagnostics == [
                .warning(
                    "scale \"spare\" is declared but no question uses it", at: DocumentPath.root.key("scales").index(1))
            ])
    }

    @Test func rejectsAnUnknownScoringModel() {
        let found = errors { $0.scoring.model = "median" }
        #expect(found.count == 1 && found[0].hasPrefix("scoring.model: unknown scoring model \"median\""))
    }
}

extension Array where Element == String {
    var asPath: DocumentPath { DocumentPath(map { .key($0) }) }
}

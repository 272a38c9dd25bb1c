import AssayCore
import AssayRubrics
import Testing

/// What each level means in answers, checked on every bundled rubric with the same seven profiles:
///
/// - Initial: mostly "Not in place"; Developing: mostly "Partly in place";
/// - Defined: "Largely in place" throughout, the critical practices included;
/// - Managed: largely throughout and "Fully in place" on every critical practice;
/// - Leading: fully in place nearly everywhere.
///
/// The bands are Initial [0, 20), Developing [20, 50), Defined [50, 67), Managed [67, 90), Leading [90, 100]. The
/// critical questions gate Defined (at least "largely", or "yes") and Managed (at least "full"), so a score alone
/// does not buy a level: 66.7 for "largely" everywhere sits just below Managed, and even 96.7 stays Defined while a
/// critical practice is only largely in place.
///
/// A profile answers every scored question at one step of its options from lowest to highest: scale questions
/// none/partial/largely/full (0, 1/3, 2/3, 1 point); yes/no questions "no" at the two lower steps and "yes" at the two
/// upper ones; engagement-readiness's env.1 at its options in order of points (not-checked 0, known-unreviewed 0.5,
/// reviewed 1, none-found 1). Routing questions (`scored: false`) follow the same rule and earn nothing; text
/// questions are left blank. When every question a dimension asks earns the same points `p`, the dimension scores
/// 100·p whatever its weights, so the uniform profiles below only work out the dimensions with yes/no questions.
@Suite struct CalibrationTests {
    /// One row of a calibration table.
    struct Row: Sendable, CustomStringConvertible {
        var profile: Profile
        var score: Double
        var level: String
        var description: String { "\(profile) → \(score) \(level)" }
    }

    enum Profile: String, Sendable, CaseIterable {
        case allNone, allPartial, allLargely, allFull
        /// Largely everywhere, fully on the critical practices.
        case largelyCriticalFull
        /// Mixed: fully on the critical practices, partly everywhere else.
        case criticalFullElsePartial
        /// Mixed: fully everywhere but the critical practices, which are largely in place.
        case fullButCriticalLargely

        func step(critical: Bool) -> Int {
            switch self {
            case .allNone: 0
            case .allPartial: 1
            case .allLargely: 2
            case .allFull: 3
            case .largelyCriticalFull: critical ? 3 : 2
            case .criticalFullElsePartial: critical ? 3 : 1
            case .fullButCriticalLargely: critical ? 2 : 3
            }
        }
    }

    static func response(_ profile: Profile, _ index: RubricIndex) -> AssessmentResponse {
        var answers: [String: Answer] = [:]
        for entry in index.questions where entry.question.format.isScored {
            let options = entry.options.enumerated().sorted {
                ($0.element.points, $0.offset) < ($1.element.points, $1.offset)
            }
            .map(\.element)
            let step = profile.step(critical: entry.question.isCritical)
            let option: ResolvedOption
            switch options.count {
            case 2: option = step >= 2 ? options[1] : options[0]
            case 4: option = options[step]
            default:
                Issue.record("\(entry.question.id) has \(options.count) options; the profiles expect 2 or 4")
                continue
            }
            let value: AnswerValue =
                if case .yesNo = entry.question.format { .flag(option.id == "yes") } else { .text(option.id) }
            answers[entry.question.id] = Answer(value)
        }
        return AssessmentResponse(rubric: index.rubric.id, rubricVersion: index.rubric.version, answers: answers)
    }

    static func check(_ id: String, _ table: [Row]) throws {
        let scorer = try Scorer(rubric: try BundledRubrics.rubric(id: id))
        #expect(Set(table.map(\.profile)) == Set(Profile.allCases))
        for row in table {
            let assessment = try scorer.score(response(row.profile, scorer.index))
            let score = try #require(assessment.overall.value)
            #expect(abs(score - row.score) < 0.001, "\(id) \(row.profile)")
            #expect(assessment.overall.level == row.level, "\(id) \(row.profile)")
        }
    }

    /// Critical: org.sponsor (w1.5 of org's 5.5) and fin.sustain (w2 of fin's 6.5). Dimensions hr 1.5, tech 1,
    /// fin 1.5, risk 1, org 1, proc 1.5 (Σ 7.5). proc.recent routes: "no" at the lower steps skips the contract
    /// questions, and it never scores.
    @Test func digitalCapacity() throws {
        try Self.check(
            "digital-capacity",
            [
                Row(profile: .allNone, score: 0, level: "initial"),
                // 33.333 in [20, 50).
                Row(profile: .allPartial, score: 33.333, level: "developing"),
                // 66.667 in [50, 67); the Defined gates (sponsor and sustain at least largely) pass.
                Row(profile: .allLargely, score: 66.667, level: "defined"),
                Row(profile: .allFull, score: 100, level: "leading"),
                // fin (2/3·4.5 + 1·2)/6.5 = 5/6.5 = 76.923; org (2/3·4 + 1.5)/5.5 = 4.1667/5.5 = 75.758;
                // (1.5·66.667 + 66.667 + 1.5·76.923 + 66.667 + 75.758 + 1.5·66.667)/7.5 = 524.476/7.5 = 69.930,
                // in [67, 90), and the Managed gates (both full) pass.
                Row(profile: .largelyCriticalFull, score: 69.930, level: "managed"),
                // fin (1/3·4.5 + 2)/6.5 = 53.846; org (1/3·4 + 1.5)/5.5 = 51.515;
                // (50 + 33.333 + 80.769 + 33.333 + 51.515 + 50)/7.5 = 298.950/7.5 = 39.860: the critical
                // practices alone do not lift a programme out of Developing.
                Row(profile: .criticalFullElsePartial, score: 39.860, level: "developing"),
                // fin (4.5 + 2/3·2)/6.5 = 89.744; org (4 + 2/3·1.5)/5.5 = 90.909;
                // (150 + 100 + 134.615 + 100 + 90.909 + 150)/7.5 = 725.524/7.5 = 96.737, band Leading, but the
                // Managed gates need sponsor and sustain full: Defined.
                Row(profile: .fullButCriticalLargely, score: 96.737, level: "defined"),
            ])
    }

    /// Critical: strat.owner (w2 of strat's 7) and priv.breach_plan (yes/no). Dimensions strat 1.5, priv 1.5 and
    /// five at 1 (Σ 8). priv holds two yes/no questions: priv.officer and priv.breach_plan (w1 each), with
    /// priv.pia w2, three scale questions w1, and priv.breach_drill w1, asked only when the plan exists.
    @Test func dataGovernance() throws {
        try Self.check(
            "data-governance",
            [
                Row(profile: .allNone, score: 0, level: "initial"),
                // priv: both "no", no drill: (1/3·5)/7 = 23.810; (1.5·33.333 + 5·33.333 + 1.5·23.810)/8
                //   = (50 + 166.667 + 35.714)/8 = 252.381/8 = 31.548.
                Row(profile: .allPartial, score: 31.548, level: "developing"),
                // priv: both "yes", drill largely: (1 + 1 + 2/3·6)/8 = 75; (100 + 333.333 + 112.5)/8 = 68.229,
                // band Managed; the Managed gate (strat.owner full) fails: Defined.
                Row(profile: .allLargely, score: 68.229, level: "defined"),
                Row(profile: .allFull, score: 100, level: "leading"),
                // strat (1·2 + 2/3·5)/7 = 76.190; priv 75; (114.286 + 333.333 + 112.5)/8 = 70.015.
                Row(profile: .largelyCriticalFull, score: 70.015, level: "managed"),
                // strat (2 + 1/3·5)/7 = 52.381; priv: officer "no", plan "yes", drill partial:
                //   (0 + 1 + 1/3·6)/8 = 37.5; (78.571 + 166.667 + 56.25)/8 = 301.488/8 = 37.686.
                Row(profile: .criticalFullElsePartial, score: 37.686, level: "developing"),
                // strat (2/3·2 + 5)/7 = 90.476; priv 100 (the plan is "yes" at largely);
                //   (135.714 + 500 + 150)/8 = 98.214, band Leading; strat.owner is not full: Defined.
                Row(profile: .fullButCriticalLargely, score: 98.214, level: "defined"),
            ])
    }

    /// Critical: rep.1 (w2 of reporting's 5) and inc.2 (w1.5 of inclusion's 4.5). Dimensions goals 1,
    /// stakeholders 1.5, phases 1, risks 1, evaluation 1, reporting 1.5, inclusion 1.5 (Σ 8.5). stk.6 routes and
    /// never scores.
    @Test func stakeholderEngagement() throws {
        try Self.check(
            "stakeholder-engagement",
            [
                Row(profile: .allNone, score: 0, level: "initial"),
                Row(profile: .allPartial, score: 33.333, level: "developing"),
                Row(profile: .allLargely, score: 66.667, level: "defined"),
                Row(profile: .allFull, score: 100, level: "leading"),
                // reporting (2/3·3 + 2)/5 = 80; inclusion (2/3·3 + 1.5)/4.5 = 77.778;
                // (66.667·5.5 + 1.5·80 + 1.5·77.778)/8.5 = (366.667 + 120 + 116.667)/8.5 = 70.980.
                Row(profile: .largelyCriticalFull, score: 70.980, level: "managed"),
                // reporting (1 + 2)/5 = 60; inclusion (1 + 1.5)/4.5 = 55.556;
                // (183.333 + 90 + 83.333)/8.5 = 41.961.
                Row(profile: .criticalFullElsePartial, score: 41.961, level: "developing"),
                // reporting (3 + 4/3)/5 = 86.667; inclusion (3 + 1)/4.5 = 88.889;
                // (550 + 130 + 133.333)/8.5 = 95.686, band Leading; rep.1 and inc.2 are not full: Defined.
                Row(profile: .fullButCriticalLargely, score: 95.686, level: "defined"),
            ])
    }

    /// Critical: cap.2 and cap.3 (w2 each of capacity's 11, which also holds yes/no cap.1 and cap.8, w1 each).
    /// Dimensions objectives, environment, resources 1 and capacity 1.5 (Σ 4.5). env.1 (w1) decides env.2 (w1.5,
    /// asked after known-unreviewed or reviewed); environment's other eight questions weigh 9.5.
    @Test func engagementReadiness() throws {
        try Self.check(
            "engagement-readiness",
            [
                Row(profile: .allNone, score: 0, level: "initial"),
                // environment: env.1 known-unreviewed (0.5), env.2 asked: (0.5 + 1/3·11)/12 = 34.722;
                // capacity: (0 + 0 + 1/3·9)/11 = 27.273; (33.333 + 34.722 + 33.333 + 1.5·27.273)/4.5 = 31.622.
                Row(profile: .allPartial, score: 31.622, level: "developing"),
                // environment: env.1 reviewed (1): (1 + 2/3·11)/12 = 69.444; capacity (1 + 1 + 2/3·9)/11 = 72.727;
                // (66.667 + 69.444 + 66.667 + 109.091)/4.5 = 69.304, band Managed; cap.2 and cap.3 are not full:
                // Defined.
                Row(profile: .allLargely, score: 69.304, level: "defined"),
                Row(profile: .allFull, score: 100, level: "leading"),
                // capacity (2 + 2·2 + 2/3·5)/11 = 84.848; (66.667 + 69.444 + 66.667 + 127.273)/4.5 = 73.345.
                Row(profile: .largelyCriticalFull, score: 73.345, level: "managed"),
                // capacity (0 + 4 + 1/3·5)/11 = 51.515; (33.333 + 34.722 + 33.333 + 77.273)/4.5 = 39.703.
                Row(profile: .criticalFullElsePartial, score: 39.703, level: "developing"),
                // environment: env.1 none-found (1), env.2 not asked: 100; capacity (2 + 2/3·4 + 5)/11 = 87.879;
                // (300 + 131.818)/4.5 = 95.960, band Leading; cap.2 and cap.3 are not full: Defined.
                Row(profile: .fullButCriticalLargely, score: 95.960, level: "defined"),
            ])
    }

    /// Critical: DA.3.responsible and DA.3.breach (two of the three questions of the DA.3 area, w1.5 of DA's 6) and
    /// TM.4's three parts, which make up the TM.4 area (w1.5 of TM's 5.5). Every item is one area, so each area scores
    /// its item and splitting an item into questions does not change its weight.
    /// Dimensions OE 1, SD 1, DA 1.25, TM 1.5 (Σ 4.75); every item a practice area of weight 1, but DA.2, DA.3 and
    /// TM.4 at 1.5 (DA Σ 6, TM Σ 5.5), its questions weighing alike within it.
    @Test func digitalServiceFramework() throws {
        try Self.check(
            "digital-service-framework",
            [
                Row(profile: .allNone, score: 0, level: "initial"),
                Row(profile: .allPartial, score: 33.333, level: "developing"),
                Row(profile: .allLargely, score: 66.667, level: "defined"),
                Row(profile: .allFull, score: 100, level: "leading"),
                // DA's areas DA.1 1, DA.2 1.5, DA.4 1, DA.5 1 (4.5) at 2/3 and DA.3 1.5 at (1 + 1 + 2/3)/3 = 8/9
                // (responsible and breach are critical, assessment is not): (2/3·4.5 + 1.5·8/9)/6 = (3 + 4/3)/6 =
                // 72.222; TM (2/3·4 + 1.5·1)/5.5 = 75.758;
                // (133.333 + 1.25·72.222 + 1.5·75.758)/4.75 = (133.333 + 90.278 + 113.636)/4.75 = 71.000.
                Row(profile: .largelyCriticalFull, score: 71.000, level: "managed"),
                // DA.3 (1 + 1 + 1/3)/3 = 7/9; DA (1/3·4.5 + 1.5·7/9)/6 = (1.5 + 7/6)/6 = 44.444; TM (4/3 + 1.5)/5.5 =
                // 51.515; (66.667 + 1.25·44.444 + 1.5·51.515)/4.75 = (66.667 + 55.556 + 77.273)/4.75 = 41.999.
                Row(profile: .criticalFullElsePartial, score: 41.999, level: "developing"),
                // DA.3 (2/3 + 2/3 + 1)/3 = 7/9; DA (4.5 + 1.5·7/9)/6 = 94.444; TM (4 + 1.5·2/3)/5.5 = 90.909;
                // (200 + 1.25·94.444 + 1.5·90.909)/4.75 = (200 + 118.056 + 136.364)/4.75 = 95.667, band Leading;
                // DA.3's and TM.4's critical parts are not full: Defined.
                Row(profile: .fullButCriticalLargely, score: 95.667, level: "defined"),
            ])
    }
}

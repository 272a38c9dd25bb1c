/// One answer as a code into its question's outcomes in a ``ScoringPlan``: which value it was, without a
/// `String`. The byte-level NDJSON scanner and the reader of a `AssessmentResponse` both produce them.
///
/// For a question with `n` options (bands, for a numeric question): 0 unanswered, 1 `"na"`, 2 `"unknown"`, 3 a
/// number that names no option, 4 `false`, 5 `true`, `6 + k` option `k` named by its id, `6 + n + k` option (or
/// band) `k` named by a number; a text question (no options) has one more, `6`, any text (``freeText``); a
/// multiple-choice question of at most ``largestChoiceCount`` options has `2^n` more, `6 + 2n + m`, the list of the
/// options whose bits are set in `m` (bit `k` for option `k`). A format whose codes are cut finer for the tests on
/// it (``AnswerFormatRules/deciding(_:)``) numbers its own codes from `6 + 2n` on (``extra(_:of:)``): a numeric
/// question one per number and per open interval between the numbers it is cut at, a text question one per word
/// a test names after ``freeText``.
package struct AnswerCode: RawRepresentable, Sendable, Hashable {
    package var rawValue: UInt16

    package init(rawValue: UInt16) {
        self.rawValue = rawValue
    }

    package init(_ rawValue: Int) {
        self.rawValue = UInt16(rawValue)
    }

    /// No answer to the question.
    package static let missing = AnswerCode(rawValue: 0)
    /// The string `"na"`.
    package static let notApplicable = AnswerCode(rawValue: 1)
    /// The string `"unknown"`.
    package static let dontKnow = AnswerCode(rawValue: 2)
    /// A number that is no option's value and in no band: never a valid answer.
    package static let unmatchedNumber = AnswerCode(rawValue: 3)
    /// `false`.
    package static let no = AnswerCode(rawValue: 4)
    /// `true`.
    package static let yes = AnswerCode(rawValue: 5)
    package static let firstOption: UInt16 = 6
    /// Any text, as the answer to a text question (which has no options).
    package static let freeText = AnswerCode(rawValue: firstOption)

    /// Option `option` named by its id.
    package static func named(option: Int) -> AnswerCode { AnswerCode(rawValue: firstOption + UInt16(option)) }

    /// Option (or band) `option` of `count`, named by a number.
    package static func number(option: Int, of count: Int) -> AnswerCode {
        AnswerCode(rawValue: firstOption + UInt16(count + option))
    }

    /// The most options a multiple-choice question may have for its lists to have codes (``choices(_:of:)``):
    /// `2^8` codes each. A question with more has its lists read by the core.
    package static let largestChoiceCount = 8

    /// The list of the options whose bits are set in `mask` (bit `k` for option `k`), of `count` options.
    package static func choices(_ mask: Int, of count: Int) -> AnswerCode {
        extra(mask, of: count)
    }

    /// The format's own code `k` of a question with `count` options, after the two per option.
    package static func extra(_ k: Int, of count: Int) -> AnswerCode {
        AnswerCode(rawValue: firstOption + UInt16(2 * count + k))
    }

    /// Which of the format's own codes (see ``extra(_:of:)``) this is, for a question with `count` options; `nil`
    /// for any other code.
    package func extra(of count: Int) -> Int? {
        let offset = Int(rawValue) - Int(Self.firstOption) - 2 * count
        return offset >= 0 ? offset : nil
    }

    /// Whether a code from ``firstOption`` on names an option by a number, for a question with `count` options.
    package func isNumber(of count: Int) -> Bool {
        Int(rawValue - Self.firstOption) >= count
    }

    /// The option a code from ``firstOption`` on names, for a question with `count` options.
    package func option(of count: Int) -> Int {
        let offset = Int(rawValue - Self.firstOption)
        return offset < count ? offset : offset - count
    }
}

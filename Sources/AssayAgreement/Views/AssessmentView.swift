import AssayCore

/// One view of an organisation: the answers one person (a facilitator, or the organisation itself) gave.
public struct AssessmentView: Sendable, Hashable {
    /// Who gave the answers, as reports name them: a facilitator's name, or "self-assessment".
    public var name: String
    /// Where the answers were read from, for the reader; `nil` when they were not read from a file.
    public var source: String?
    /// The answers.
    public var response: AssessmentResponse

    /// Creates a view.
    public init(name: String, source: String? = nil, response: AssessmentResponse) {
        self.name = name
        self.source = source
        self.response = response
    }
}

/// How answers that place an organisation nowhere on a question's scale take part in the coefficients.
///
/// "Not applicable" and "don't know" are answers, but not values on a scale, so they can never be ordered or
/// measured. Unanswered and not-asked questions hold no judgement at all, so they are always missing. Whatever the
/// choice, the per-question comparison and the worklist count a difference in any of them as a disagreement.
public enum MissingAnswers: String, Sendable, Hashable, Codable, CaseIterable {
    /// "Not applicable" and "don't know" are missing values: left out of every coefficient (the default).
    case exclude
    /// "Not applicable" and "don't know" are categories of their own in the nominal coefficients (yes/no and
    /// choice questions, and every answer taken as a category); scale and numeric coefficients still leave them out.
    case asCategory = "as-category"
}

extension MeasurementLevel {
    /// The level on which answers in `format` are measured; `nil` for free text, which no coefficient compares.
    ///
    /// Scale options are ranked (ordinal); yes/no and single choice are categories (nominal); numbers are interval.
    /// A multiple-choice answer is compared as the set of options chosen, one category per distinct set (nominal):
    /// choosing three of four options agrees with choosing the same three, and with nothing else.
    public init?(format: AnswerFormat) {
        guard let level = format.rules.levelOfMeasurement else { return nil }
        self = level
    }

    /// The answer formats measured on this level, for a reader: "scale questions".
    public var formats: String {
        switch self {
        case .ordinal: "scale questions"
        case .nominal: "yes/no and choice questions"
        case .interval: "numeric questions"
        }
    }
}

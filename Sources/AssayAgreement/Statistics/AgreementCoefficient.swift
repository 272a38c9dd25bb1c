import AssayCore

/// The value of an agreement coefficient (Cohen's κ or Krippendorff's α), or why it has none.
///
/// A coefficient is a ratio of observed to expected disagreement. When nothing can be compared, or when every value
/// is the same so that no disagreement is expected by chance either, the ratio is 0/0: the coefficient is
/// undefined, and ``value`` is `nil` with ``undefined`` saying why, never NaN.
public struct AgreementCoefficient: Sendable, Hashable, Codable {
    /// Why a coefficient has no value.
    public enum Undefined: String, Sendable, Hashable, Codable {
        /// No unit has two values to compare (a single rater, or every other value missing).
        case noPairableValues = "no_pairable_values"
        /// Every pairable value is the same: the raters agree, but so would chance, and 0/0 is no number.
        case noVariation = "no_variation"

        /// A sentence a reader understands.
        public var explanation: String {
            switch self {
            case .noPairableValues: "undefined: no question has answers from two views to compare"
            case .noVariation: "undefined: every answer compared is the same, so agreement cannot be told from chance"
            }
        }
    }

    /// The coefficient: 1 is perfect agreement, 0 agreement no better than chance, below 0 worse than chance;
    /// `nil` when it is undefined.
    public var value: Double?
    /// Why ``value`` is `nil`; `nil` when it has a value.
    public var undefined: Undefined?
    /// How many units (questions) had values from at least two raters and so took part.
    public var pairedUnits: Int
    /// How many values took part: the values in ``pairedUnits``.
    public var pairableValues: Int

    /// Creates a coefficient with a value.
    public init(value: Double, pairedUnits: Int, pairableValues: Int) {
        self.value = value
        self.undefined = nil
        self.pairedUnits = pairedUnits
        self.pairableValues = pairableValues
    }

    /// Creates an undefined coefficient.
    public init(undefined: Undefined, pairedUnits: Int, pairableValues: Int) {
        self.value = nil
        self.undefined = undefined
        self.pairedUnits = pairedUnits
        self.pairableValues = pairableValues
    }

    enum CodingKeys: String, CodingKey {
        case value, undefined
        case pairedUnits = "paired_units"
        case pairableValues = "pairable_values"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        // `null` rather than a missing key: a reader looking for "value" finds it, and finds why it is empty.
        try container.encode(value, forKey: .value)
        try container.encodeIfPresent(undefined, forKey: .undefined)
        try container.encode(pairedUnits, forKey: .pairedUnits)
        try container.encode(pairableValues, forKey: .pairableValues)
    }
}

/// A number, scored by the band it falls in (`min` inclusive, `max` exclusive); answered by a finite number.
package struct NumericFormat: AnswerFormatRules {
    package static let typeName = "numeric"
    /// What the number counts, such as "staff".
    package var unit: LocalizedText?
    /// The bands, as declared.
    package var bands: [NumericBand]
    /// Where a ``ScoringPlan`` cuts the numbers, lowest first, when conditions or gates compare this question's
    /// number (``deciding(_:)``): every band edge and every number a test compares with. Each of them, and each
    /// open interval between two of them (and below the first, above the last), has its own code, so a code
    /// decides the band and every test. Empty: a code names a band.
    package private(set) var cuts: [Double] = []
    /// Per piece of ``cuts`` (see ``extraCodeCount(options:)``), a number in it and the band that holds it; `nil`
    /// for a piece that holds no finite number, and `band` `nil` for one outside every band.
    private var pieces: [(number: Double, band: Int?)?] = []

    package init(unit: LocalizedText?, bands: [NumericBand]) {
        self.unit = unit
        self.bands = bands
    }

    /// A band is an option, so descriptors and recommendations can name it; its value is its lower bound (or just
    /// below its upper bound, for a band open below).
    package func options(of question: Question, scales: [String: Scale]) -> [ResolvedOption] {
        bands.map {
            ResolvedOption(
                id: $0.id,
                label: $0.label ?? LocalizedText([:]),
                descriptor: question.descriptors[$0.id],
                value: Self.representative(of: $0),
                points: $0.points
            )
        }
    }

    /// A number in `band`: its lower bound, or just below its upper bound for a band open below.
    static func representative(of band: NumericBand) -> Double {
        band.min ?? band.max.map { $0 - 1 } ?? 0
    }

    package func read(_ value: AnswerValue, options: [ResolvedOption]) -> AnswerReading {
        guard case .number(let number) = value else { return AnswerReading(problem: "expected a number") }
        guard number.isFinite else { return AnswerReading(problem: "expected a finite number") }
        guard let band = bands.firstIndex(where: { $0.contains(number) }) else {
            return AnswerReading(problem: "\(number.formatted()) falls in none of this question's bands")
        }
        return AnswerReading(option: options[band], points: bands[band].points, comparable: number)
    }

    package func extremeAnswer(highest: Bool, options: [ResolvedOption]) -> AnswerValue? {
        let band = highest ? bands.max { $0.points < $1.points } : bands.min { $0.points < $1.points }
        return band.map { .number(Self.representative(of: $0)) }
    }

    /// A number in each band worth more, the nearest first.
    package func betterAnswers(than outcome: QuestionOutcome, options: [ResolvedOption])
        -> [(value: AnswerValue, option: String)]
    {
        guard let current = outcome.earned else { return [] }
        return bands.filter { $0.points > current + 1e-12 }.sorted { $0.points < $1.points }.map { band in
            (.number(Self.representative(of: band)), band.id)
        }
    }

    /// `nil` when a band is open at either end.
    package func comparableRange(options: [ResolvedOption]) -> ClosedRange<Double>? {
        guard !bands.isEmpty else { return nil }
        let lows = bands.compactMap(\.min)
        let highs = bands.compactMap(\.max)
        guard lows.count == bands.count, highs.count == bands.count else { return nil }
        return lows.min()!...highs.max()!
    }

    package func check(_ question: Question, at path: DocumentPath, with checker: inout some AnswerFormatChecker)
        -> [String]
    {
        checker.checkText(unit, at: path.key("unit"), required: false)
        let bandsPath = path.key("bands")
        if bands.isEmpty { checker.error("a numeric question needs at least one band", at: bandsPath) }
        checker.checkOptionIDs(bands.map(\.id), at: bandsPath)
        for (index, band) in bands.enumerated() {
            let bandPath = bandsPath.index(index)
            checker.checkPoints(band.points, at: bandPath.key("points"))
            checker.checkText(band.label, at: bandPath.key("label"), required: false)
            if let low = band.min, let high = band.max, !(low < high) {
                checker.error("a band's \"min\" must be below its \"max\"", at: bandPath.key("min"))
            }
        }
        checkOverlaps(at: bandsPath, with: &checker)
        return bands.map(\.id)
    }

    /// Bands overlapping one another, found by sorting them by their lower bound: n log n, where comparing every
    /// pair made one question with 150,000 bands take 53 s.
    private func checkOverlaps(at path: DocumentPath, with checker: inout some AnswerFormatChecker) {
        let order = bands.indices.sorted { (bands[$0].min ?? -.infinity, $0) < (bands[$1].min ?? -.infinity, $1) }
        // The earlier band (in sorted order) reaching furthest up so far, by index.
        var reaching: Int?
        var overlaps: [(index: Int, other: Int)] = []
        for index in order {
            let band = bands[index]
            if let other = reaching {
                let low = Swift.max(band.min ?? -.infinity, bands[other].min ?? -.infinity)
                let high = Swift.min(band.max ?? .infinity, bands[other].max ?? .infinity)
                if low < high { overlaps.append((index, other)) }
                if (band.max ?? .infinity) > (bands[other].max ?? .infinity) { reaching = index }
            } else {
                reaching = index
            }
        }
        for (index, other) in overlaps.sorted(by: { ($0.index, $0.other) < ($1.index, $1.other) }) {
            // Name the band that comes first in the file, as a reader would look for it.
            let (later, earlier) = index > other ? (index, other) : (other, index)
            checker.error("this band overlaps band \"\(bands[earlier].id)\"", at: path.index(later))
        }
    }

    /// Cut at the band edges and at every number `at_least`, `at_most`, `equals` and `in` compare with, when a
    /// test compares one: a band's code cannot say whether 24 is at least 25.
    package func deciding(_ tests: [AnswerTest]) -> NumericFormat {
        var numbers: [Double] = []
        for test in tests {
            switch test {
            case .atLeast(let number), .atMost(let number), .equals(.number(let number)): numbers.append(number)
            case .oneOf(let values):
                for case .number(let number) in values { numbers.append(number) }
            default: break
            }
        }
        guard !numbers.isEmpty else { return self }
        for band in bands {
            if let low = band.min { numbers.append(low) }
            if let high = band.max { numbers.append(high) }
        }
        // Answers are finite, so a test's infinite bound is the same for all of them. `Set` keeps one of 0 and
        // -0, which every test and band compares as equal.
        var coded = self
        coded.cuts = Set(numbers.filter(\.isFinite)).sorted()
        coded.pieces = coded.piecesOfCuts()
        return coded
    }

    /// Each piece's number and band, found by bisection over the bands sorted by their lower ends: a rubric of
    /// many bands and one test on them costs (pieces + bands) × log bands, not pieces × bands. Bands that overlap
    /// (a rubric the validator refuses) are searched in declared order, as ``read(_:options:)`` does.
    private func piecesOfCuts() -> [(number: Double, band: Int?)?] {
        let order = bands.indices.sorted { (bands[$0].min ?? -.infinity, $0) < (bands[$1].min ?? -.infinity, $1) }
        let overlapping = zip(order, order.dropFirst()).contains { earlier, later in
            (bands[later].min ?? -.infinity) < (bands[earlier].max ?? .infinity)
        }
        return (0..<(2 * cuts.count + 1)).map { piece in
            guard let number = representative(ofPiece: piece) else { return nil }
            if overlapping { return (number, bands.firstIndex { $0.contains(number) }) }
            // The last band starting at or below the number is the only one that can hold it.
            var low = 0
            var high = order.count
            while low < high {
                let middle = (low + high) / 2
                if (bands[order[middle]].min ?? -.infinity) <= number { low = middle + 1 } else { high = middle }
            }
            guard low > 0, bands[order[low - 1]].contains(number) else { return (number, nil) }
            return (number, order[low - 1])
        }
    }

    /// Per cut, the number itself and the open interval below it, and the interval above the last.
    package func extraCodeCount(options: [ResolvedOption]) -> Int {
        cuts.isEmpty ? 0 : 2 * cuts.count + 1
    }

    /// The band's code; when the question is cut (``cuts``), the code of the number or interval it falls in.
    package func code(of value: AnswerValue, options: [ResolvedOption], optionNamed: (String) -> Int?)
        -> AnswerCode?
    {
        guard case .number(let number) = value, number.isFinite else { return nil }
        guard !cuts.isEmpty else {
            return bands.firstIndex { $0.contains(number) }.map { .number(option: $0, of: options.count) }
        }
        // How many cuts lie below the number, by bisection.
        var low = 0
        var high = cuts.count
        while low < high {
            let middle = (low + high) / 2
            if cuts[middle] < number { low = middle + 1 } else { high = middle }
        }
        let piece = low < cuts.count && cuts[low] == number ? 2 * low + 1 : 2 * low
        // A number in no band is no answer; the core says why.
        guard pieces[piece]?.band != nil else { return nil }
        return .extra(piece, of: options.count)
    }

    /// A band's code stands for a number in it, with the band's reading; a cut question's code for a number in
    /// its piece (the cut itself, or just above the interval's lower end), with the reading of that number. Either
    /// way the number itself is put back by whoever kept it.
    package func answer(ofOptionCode code: AnswerCode, options: [ResolvedOption])
        -> (value: AnswerValue, reading: AnswerReading?)?
    {
        if let piece = code.extra(of: options.count) {
            guard piece < pieces.count, let (number, band) = pieces[piece], let band else { return nil }
            return (
                .number(number), AnswerReading(option: options[band], points: bands[band].points, comparable: number)
            )
        }
        guard let (value, _) = valueOfOptionCode(code, options: options) else { return nil }
        guard code.isNumber(of: options.count) else { return (value, nil) }
        let band = code.option(of: options.count)
        return (value, AnswerReading(option: options[band], points: bands[band].points, comparable: nil))
    }

    /// A finite number in piece `piece` of the cut numbers (`2k + 1` is cut `k`, `2k` the open interval below it);
    /// `nil` when the piece holds none, as between two adjacent numbers.
    private func representative(ofPiece piece: Int) -> Double? {
        guard piece < extraCodeCount(options: []) else { return nil }
        let cut = piece / 2
        if piece % 2 == 1 { return cuts[cut] }
        let below = cut > 0 ? cuts[cut - 1] : nil
        let above = cut < cuts.count ? cuts[cut] : nil
        guard let number = below?.nextUp ?? above?.nextDown, number.isFinite,
            below.map({ number > $0 }) ?? true, above.map({ number < $0 }) ?? true
        else { return nil }
        return number
    }

    package var scanning: AnswerScanning { cuts.isEmpty ? .band(bands) : .codedNumber }
    package var entry: AnswerEntry { .number(unit: unit, bands: bands) }
    package var levelOfMeasurement: MeasurementLevel? { .interval }

    /// A finite number, with a decimal point or comma.
    package func typedAnswer(_ text: String, options: [ResolvedOption], option: (String) -> String?)
        throws(TypedAnswerProblem) -> AnswerValue
    {
        guard let number = Double(text.replacing(",", with: ".")), number.isFinite else { throw .notANumber(text) }
        return .number(number)
    }

    /// The number itself: the band's label says less than the answer.
    package func describe(_ value: AnswerValue, options: [ResolvedOption], label: (ResolvedOption) -> String?)
        -> String?
    {
        nil
    }
}

/// A range of a numeric answer and the points it is worth: `min` inclusive, `max` exclusive.
public struct NumericBand: Sendable, Hashable, Codable, Identifiable {
    /// A stable identifier, unique in the question; recommendations are keyed by it.
    public var id: String
    /// The lowest value in the band; `nil` means no lower bound.
    public var min: Double?
    /// The first value above the band; `nil` means no upper bound.
    public var max: Double?
    /// Points from 0 to 1.
    public var points: Double
    /// How the band reads, such as "fewer than 2 staff".
    public var label: LocalizedText?

    /// Creates a band.
    public init(id: String, min: Double? = nil, max: Double? = nil, points: Double, label: LocalizedText? = nil) {
        self.id = id
        self.min = min
        self.max = max
        self.points = points
        self.label = label
    }

    /// Whether `value` falls in the band.
    public func contains(_ value: Double) -> Bool {
        (min.map { value >= $0 } ?? true) && (max.map { value < $0 } ?? true)
    }
}

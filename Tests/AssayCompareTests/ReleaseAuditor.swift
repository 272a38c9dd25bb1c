import AssayCompare
import AssayCore
import Foundation

/// An analyst's attack on a ledger, written independently of ``DifferencingCheck``: exact rational arithmetic
/// over organisations (not atoms), and a brute-force search over every small set.
///
/// Every released statistic is a sum over its cell's organisations, so a set's statistics can be derived exactly
/// when its indicator vector lies in the rational span of the released cells' indicator vectors. The auditor puts
/// the cells of one data set in reduced row echelon form over the rationals and tries every set of 1 to
/// `threshold − 1` organisations. It is slow (exponential in the threshold) and meant for the small programmes of
/// the tests.
struct ReleaseAuditor {
    let threshold: Int

    /// A set of fewer than the threshold of organisations holding the whole support of a nonzero vector in the
    /// span of `cells`, if there is one: the figures of that set, or a difference between its members (one
    /// organisation's old and new answers, one that left and one that joined), can be derived.
    ///
    /// Such a vector exists for a set `T` exactly when leaving out `T`'s columns lowers the rank of the cells'
    /// matrix; every `T` of 1 to `threshold − 1` organisations is tried.
    func leak(in cells: [[UInt64]]) -> [UInt64]? {
        let organisations = Array(Set(cells.joined())).sorted()
        let column = Dictionary(uniqueKeysWithValues: organisations.enumerated().map { ($1, $0) })
        func rank(without removed: Set<Int>) -> Int {
            var basis = RationalEchelon(width: organisations.count)
            for cell in cells {
                var row = [Rational](repeating: .zero, count: organisations.count)
                for organisation in cell where !removed.contains(column[organisation]!) {
                    row[column[organisation]!] = .one
                }
                basis.insert(row)
            }
            return basis.rank
        }
        let full = rank(without: [])
        // Smallest sets first, so that what is reported is a smallest such set.
        for size in 1..<max(1, threshold) {
            var chosen: [Int] = []
            var found: [UInt64]?
            func visit(from start: Int) {
                if chosen.count == size {
                    if rank(without: Set(chosen)) < full { found = chosen.map { organisations[$0] } }
                    return
                }
                for next in start..<organisations.count where found == nil {
                    chosen.append(next)
                    visit(from: next + 1)
                    chosen.removeLast()
                }
            }
            visit(from: 0)
            if let found { return found }
        }
        return nil
    }

    /// Whether `set`'s statistics can be derived from `cells`.
    func isDerivable(_ set: [UInt64], from cells: [[UInt64]]) -> Bool {
        let organisations = Array(Set(cells.joined()).union(set)).sorted()
        let column = Dictionary(uniqueKeysWithValues: organisations.enumerated().map { ($1, $0) })
        var basis = RationalEchelon(width: organisations.count)
        func vector(_ members: [UInt64]) -> [Rational] {
            var row = [Rational](repeating: .zero, count: organisations.count)
            for organisation in members { row[column[organisation]!] = .one }
            return row
        }
        for cell in cells { basis.insert(vector(cell)) }
        return basis.contains(vector(set))
    }

    /// A leak among all the exact cells of `dataSet` in the ledger at `path`.
    func leak(inLedger path: String, dataSet: String) throws -> [UInt64]? {
        let ledger = try ReleaseLedger(path: path, create: false)
        return leak(in: try ledger.cells(dataSet: dataSet).filter(\.exact).map(\.members))
    }
}

/// An exact fraction of 64-bit integers; overflow traps, which in tests is a failure to see, never a wrong answer.
struct Rational: Equatable {
    var numerator: Int
    var denominator: Int

    static let zero = Rational(numerator: 0, denominator: 1)
    static let one = Rational(numerator: 1, denominator: 1)

    init(numerator: Int, denominator: Int) {
        var n = numerator
        var d = denominator
        if d < 0 {
            n = -n
            d = -d
        }
        let divisor = Self.gcd(abs(n), d)
        self.numerator = divisor == 0 ? 0 : n / divisor
        self.denominator = divisor == 0 ? 1 : d / divisor
    }

    static func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? a : gcd(b, a % b) }
    static func - (a: Rational, b: Rational) -> Rational {
        Rational(
            numerator: a.numerator * b.denominator - b.numerator * a.denominator,
            denominator: a.denominator * b.denominator)
    }
    static func * (a: Rational, b: Rational) -> Rational {
        Rational(numerator: a.numerator * b.numerator, denominator: a.denominator * b.denominator)
    }
    static func / (a: Rational, b: Rational) -> Rational {
        Rational(numerator: a.numerator * b.denominator, denominator: a.denominator * b.numerator)
    }
    var isZero: Bool { numerator == 0 }
}

/// Rows in reduced row echelon form over the rationals.
struct RationalEchelon {
    let width: Int
    private var rows: [(pivot: Int, values: [Rational])] = []

    init(width: Int) { self.width = width }

    private func reduced(_ vector: [Rational]) -> [Rational] {
        var vector = vector
        for row in rows where !vector[row.pivot].isZero {
            let factor = vector[row.pivot]
            for column in 0..<width where !row.values[column].isZero {
                vector[column] = vector[column] - factor * row.values[column]
            }
        }
        return vector
    }

    mutating func insert(_ vector: [Rational]) {
        let left = reduced(vector)
        guard let pivot = left.firstIndex(where: { !$0.isZero }) else { return }
        let scale = left[pivot]
        let normal = left.map { $0 / scale }
        // Keep the form reduced: clear the new pivot from the other rows.
        for index in rows.indices where !rows[index].values[pivot].isZero {
            let factor = rows[index].values[pivot]
            for column in 0..<width where !normal[column].isZero {
                rows[index].values[column] = rows[index].values[column] - factor * normal[column]
            }
        }
        rows.append((pivot, normal))
    }

    func contains(_ vector: [Rational]) -> Bool { reduced(vector).allSatisfy(\.isZero) }

    var rank: Int { rows.count }
}

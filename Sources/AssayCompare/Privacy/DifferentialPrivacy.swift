import AssayCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Differential privacy for public releases: organisation counts and bounded means with Laplace noise, within an
/// ε budget.
///
/// Each organisation contributes one response (the release requires `--per-organisation latest`), and each score
/// is clamped to the declared bounds (0–100), so one organisation changes a group's count by at most 1 and a
/// scope's sum by at most the width of the bounds. The release's ε is split in two halves, since every
/// organisation is counted both in its group and in the overall figures; each half is shared equally by the
/// count and the sum of every scope (sequential composition), and groups, being disjoint, each use the whole half
/// (parallel composition). A noisy mean is the noisy sum over the noisy count.
///
/// Medians, quartiles, level distributions and gaps are not released under differential privacy: the Laplace
/// mechanism here covers counts and bounded sums only. The disclosure policy's suppression decisions are taken on
/// true counts and are not themselves differentially private; the report says so. Noise is drawn with the system's
/// secure generator; floating-point Laplace sampling has known weaknesses in its lowest bits, which rounding the
/// published figures to whole numbers blunts but does not remove.
public struct LaplaceRelease: Sendable, Hashable {
    /// The release's total ε.
    public let epsilon: Double
    /// The lowest and highest score a response may contribute.
    public let bounds: ClosedRange<Double>
    /// How many scopes each group releases a mean for.
    public let scopeCount: Int

    /// A release spending `epsilon` over `scopeCount` scope means per group, with scores clamped to `bounds`.
    public init(epsilon: Double, bounds: ClosedRange<Double> = 0...100, scopeCount: Int) {
        self.epsilon = epsilon
        self.bounds = bounds
        self.scopeCount = scopeCount
    }

    /// The ε each single query (one count, or one scope's sum, in one partition) gets.
    public var epsilonPerQuery: Double { epsilon / 2 / Double(scopeCount + 1) }

    /// The Laplace scale of the noise on a count: sensitivity 1 over the query's ε.
    public var countScale: Double { 1 / epsilonPerQuery }

    /// The Laplace scale of the noise on a scope's sum: the width of the bounds over the query's ε.
    public var sumScale: Double { (bounds.upperBound - bounds.lowerBound) / epsilonPerQuery }

    /// The ε a single release may spend: below the lowest the noise would swamp every figure (and a noisy count
    /// would not fit in a whole number); above the highest it would protect little.
    public static let epsilonRange: ClosedRange<Double> = 0.001...10

    /// A noisy count as published: a whole number, never below zero.
    public static func publishedCount(_ noisy: Double) -> Int {
        guard noisy.isFinite, noisy > 0 else { return 0 }
        return Int(min(noisy, 1e15).rounded())
    }

    /// `value` clamped to the bounds.
    public func clamped(_ value: Double) -> Double {
        min(max(value, bounds.lowerBound), bounds.upperBound)
    }

    /// A noisy count: `count` plus Laplace noise of scale ``countScale``, never below zero.
    public func noisyCount<G: RandomNumberGenerator>(_ count: Int, using generator: inout G) -> Double {
        max(0, Double(count) + Self.laplace(scale: countScale, using: &generator))
    }

    /// A noisy mean of `values` (clamped first) given the group's noisy count: the noisy sum over the noisy count,
    /// clamped to the bounds; `nil` when the noisy count is below 1.
    public func noisyMean<G: RandomNumberGenerator>(
        _ values: [Double],
        noisyCount: Double,
        using generator: inout G
    ) -> Double? {
        guard noisyCount >= 1 else { return nil }
        let sum = values.reduce(0) { $0 + clamped($1) }
        return clamped((sum + Self.laplace(scale: sumScale, using: &generator)) / noisyCount)
    }

    /// One draw from the Laplace distribution centred on 0 with scale `scale`.
    public static func laplace<G: RandomNumberGenerator>(scale: Double, using generator: inout G) -> Double {
        // Inverse transform: u uniform in (−½, ½), x = −b·sgn(u)·ln(1 − 2|u|).
        var u = 0.0
        while u == 0 { u = Double.random(in: -0.5..<0.5, using: &generator) }
        return -scale * (u < 0 ? -1 : 1) * log1p(-2 * abs(u))
    }
}

/// The ε spent on one data set across releases, kept in a JSON file: the tool refuses a release that would
/// spend more than the total.
///
/// ```json
/// {"total": 2.0, "releases": [{"name": "2026 workshop", "epsilon": 0.5}]}
/// ```
public struct PrivacyBudget: Sendable, Hashable, Codable {
    /// One release's spending.
    public struct Release: Sendable, Hashable, Codable {
        /// What the release was, as given (`--out` by default).
        public var name: String
        /// The ε it spent.
        public var epsilon: Double

        /// Creates a record of a release.
        public init(name: String, epsilon: Double) {
            self.name = name
            self.epsilon = epsilon
        }
    }

    /// The most ε all releases together may spend.
    public var total: Double
    /// The releases made so far.
    public var releases: [Release]

    /// A budget of `total` with no release made.
    public init(total: Double, releases: [Release] = []) {
        self.total = total
        self.releases = releases
    }

    /// The ε spent so far.
    public var spent: Double { releases.reduce(0) { $0 + $1.epsilon } }

    /// The ε left.
    public var remaining: Double { max(0, total - spent) }

    /// This budget with `release` recorded.
    ///
    /// - Throws: ``PrivacyBudgetError`` when the release's ε is not positive or would overspend the budget.
    public func spending(_ release: Release) throws(PrivacyBudgetError) -> PrivacyBudget {
        guard release.epsilon > 0, release.epsilon.isFinite else {
            throw PrivacyBudgetError(message: "ε must be a positive number; got \(release.epsilon.formatted())")
        }
        // A tolerance for the rounding of sums such as 0.1 + 0.2, not a way to overspend.
        guard spent + release.epsilon <= total + 1e-12 else {
            throw PrivacyBudgetError(
                message:
                    "this release needs ε = \(release.epsilon.formatted()), but only \(remaining.formatted()) of the budget's \(total.formatted()) is left (\(releases.count) \(releases.count == 1 ? "release" : "releases") made); nothing was written"
            )
        }
        var copy = self
        copy.releases.append(release)
        return copy
    }
}

/// A release that the privacy budget does not allow.
public struct PrivacyBudgetError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong and what to do.
    public var message: String

    public var description: String { message }
}

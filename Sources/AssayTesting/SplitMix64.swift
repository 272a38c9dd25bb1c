/// A small, fast, deterministic random number generator (SplitMix64), for property tests whose failing case must
/// be the same case the next time: seed it, and the same seed gives the same sequence on every platform.
///
/// ```swift
/// var random = SplitMix64(state: 2026)
/// let answer = options.randomElement(using: &random)!
/// ```
public struct SplitMix64: RandomNumberGenerator, Sendable {
    /// The state; the seed to start from.
    public var state: UInt64

    /// A generator starting from `state`.
    public init(state: UInt64) {
        self.state = state
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

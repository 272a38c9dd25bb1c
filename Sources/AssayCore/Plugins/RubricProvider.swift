/// A plugin that supplies rubrics built in Swift, rather than read from JSON files.
///
/// Applications gather rubrics from their providers; the `AssayTesting` module's `RubricProviderConformance`
/// checks that every rubric a provider supplies is sound and survives a round trip through JSON.
public protocol RubricProvider: Sendable {
    /// A name for the provider, for messages and listings.
    var name: String { get }
    /// The rubrics the provider supplies.
    func rubrics() throws -> [Rubric]
}

import AssayCore
import AssayRubrics

/// The rubrics the service can invite organisations to fill in, each validated once, at start.
public struct RubricCatalog: Sendable {
    private let scorers: [String: Scorer]

    /// A catalog of `rubrics`.
    public init(_ rubrics: [Rubric]) throws(ServiceError) {
        var scorers: [String: Scorer] = [:]
        for rubric in rubrics {
            do {
                scorers[rubric.id] = try Scorer(rubric: rubric)
            } catch {
                throw ServiceError("rubric \(rubric.id) cannot be used: \(error)")
            }
        }
        self.scorers = scorers
    }

    /// Every rubric that ships with Assay.
    ///
    /// - Throws: when the rubric files are missing (``BundledRubricError/missingResources(searched:)`` names
    ///   where it looked), so a service never starts with no rubric and refuses every link without saying why.
    public static func bundled() throws(ServiceError) -> RubricCatalog {
        var rubrics: [Rubric] = []
        do {
            for id in try BundledRubrics.ids { rubrics.append(try BundledRubrics.rubric(id: id)) }
        } catch {
            throw ServiceError("the bundled rubrics cannot be read: \(error)")
        }
        return try RubricCatalog(rubrics)
    }

    /// The scorer of the rubric with `id`.
    public func scorer(_ id: String) -> Scorer? { scorers[id] }

    /// The ids, sorted.
    public var ids: [String] { scorers.keys.sorted() }
}

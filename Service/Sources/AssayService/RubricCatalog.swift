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
    /// - Throws: when there are none: `BundledRubrics.ids` answers an empty list, not an error, when the resource
    ///   bundle is missing, and a service that starts with no rubric would refuse every link without saying why.
    public static func bundled() throws(ServiceError) -> RubricCatalog {
        let ids = BundledRubrics.ids
        guard !ids.isEmpty else {
            throw ServiceError(
                "no bundled rubric was found: the Assay_AssayRubrics resource bundle must sit beside the executable (or set ASSAY_RUBRICS to a folder of rubric files)"
            )
        }
        var rubrics: [Rubric] = []
        for id in ids {
            do {
                rubrics.append(try BundledRubrics.rubric(id: id))
            } catch {
                throw ServiceError("bundled rubric \(id) cannot be read: \(error)")
            }
        }
        return try RubricCatalog(rubrics)
    }

    /// The scorer of the rubric with `id`.
    public func scorer(_ id: String) -> Scorer? { scorers[id] }

    /// The ids, sorted.
    public var ids: [String] { scorers.keys.sorted() }
}

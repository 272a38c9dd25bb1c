/// A problem the service or its commands cannot get past, said so that a person can act on it.
public struct ServiceError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong and, where it helps, what to do.
    public var message: String

    /// An error with `message`.
    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}

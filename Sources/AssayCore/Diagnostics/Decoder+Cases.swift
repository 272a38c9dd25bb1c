extension Decoder {
    /// One case of a string-valued enum, or an error that lists every accepted value.
    ///
    /// The synthesised decoder says "Cannot initialize AnswerTreatment from invalid String value ignore", in
    /// Swift's words and without the values a person could write instead.
    public func decodeCase<T: RawRepresentable & CaseIterable>(_ type: T.Type) throws -> T where T.RawValue == String {
        let container = try singleValueContainer()
        let text = try container.decode(String.self)
        if let value = T(rawValue: text) { return value }
        throw DecodingError.dataCorruptedError(
            in: container,
            debugDescription: "\"\(text)\" is not accepted here; expected one of "
                + T.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
        )
    }
}

/// Finds the question an answer's key names, and the option an answer names, by their UTF-8 bytes, in tables built
/// once per plan.
///
/// A `Dictionary` lookup hashes its key with SipHash, and `String` equality between two different strings takes
/// its Unicode-aware slow path: for a 120-question response the two were half the time of scoring it. Here a key's
/// bytes are mixed eight at a time, and names are compared with the rubric's byte for byte. A key or an answer
/// whose bytes match no name is not found: it names nothing in the rubric, or names something in another Unicode
/// spelling (`"é"` composed or not) that `String` equality would accept; either way the plan leaves the response to
/// the core, which reports or reads it, so an answer is never read as a different one.
///
/// The question table is open-addressed with linear probing, at most half full. Its ids come from the rubric alone,
/// so how long a lookup probes depends on the rubric, not on the response: a rubric whose ids cluster (more than
/// ``longestRun`` in a row) gets no table, and its answers are looked up through the index's dictionary.
///
/// A class holding its tables in buffers, as ``ScoringPlan`` does, so a lookup is pointer arithmetic with no array
/// to retain or bounds to check. `@unchecked Sendable` is sound: every buffer is written only in `init` and freed
/// only in `deinit`; between them the object is immutable.
final class AnswerLookup: @unchecked Sendable {
    /// Every name's bytes, one after another: the question ids in asking order, then each question's option ids.
    private let bytes: UnsafeMutableBufferPointer<UInt8>
    /// Where each name starts in ``bytes``; one more entry at the end.
    private let starts: UnsafeMutableBufferPointer<Int>
    /// Per question, the number of its first option's name; one more entry at the end.
    private let firstOption: UnsafeMutableBufferPointer<Int>
    /// Per table slot, the position of the question whose id is there, or -1; empty when the ids cluster.
    private let table: UnsafeMutableBufferPointer<Int32>

    /// The longest run of occupied slots a rubric's table may have.
    static let longestRun = 32

    /// The tables of `index`'s question ids and option ids.
    init(index: RubricIndex) {
        var bytes: [UInt8] = []
        var starts: [Int] = []
        for entry in index.questions {
            starts.append(bytes.count)
            bytes += entry.question.id.utf8
        }
        var firstOption: [Int] = []
        for entry in index.questions {
            firstOption.append(starts.count)
            for option in entry.options {
                starts.append(bytes.count)
                bytes += option.id.utf8
            }
        }
        firstOption.append(starts.count)
        starts.append(bytes.count)
        self.bytes = Self.buffer(bytes)
        self.starts = Self.buffer(starts)
        self.firstOption = Self.buffer(firstOption)
        table = Self.buffer(Self.table(bytes: bytes, starts: starts, count: index.questions.count))
    }

    /// A buffer holding `elements`, freed in `deinit`; never of capacity 0, so it always has an address.
    private static func buffer<Element>(_ elements: [Element]) -> UnsafeMutableBufferPointer<Element> {
        let buffer = UnsafeMutableBufferPointer<Element>.allocate(capacity: max(1, elements.count))
        _ = buffer.initialize(from: elements)
        return UnsafeMutableBufferPointer(rebasing: buffer[0..<elements.count])
    }

    deinit {
        bytes.deallocate()
        starts.deallocate()
        firstOption.deallocate()
        table.deallocate()
    }

    /// The question table; empty when some run of occupied slots is longer than ``longestRun``.
    private static func table(bytes: [UInt8], starts: [Int], count: Int) -> [Int32] {
        var size = 8
        while size < 2 * count { size *= 2 }
        var table = [Int32](repeating: -1, count: size)
        bytes.withUnsafeBufferPointer { bytes in
            for position in 0..<count {
                var slot =
                    hash(UnsafeBufferPointer(rebasing: bytes[starts[position]..<starts[position + 1]])) & (size - 1)
                while table[slot] >= 0 { slot = (slot + 1) & (size - 1) }
                table[slot] = Int32(position)
            }
        }
        // A lookup that misses runs to the next empty slot, wrapping around: no run may be longer than the limit.
        var run = 0
        for slot in 0..<(2 * size) {
            run = table[slot & (size - 1)] >= 0 ? run + 1 : 0
            if run > longestRun { return [] }
        }
        return table
    }

    /// Whether ``position(ofQuestion:)`` can be asked: the rubric's ids do not cluster.
    var hasQuestionTable: Bool { !table.isEmpty }

    /// The position of the question whose id has exactly the bytes of `key`; `nil` when none has. Only when
    /// ``hasQuestionTable``.
    func position(ofQuestion key: String) -> Int? {
        let found = key.utf8.withContiguousStorageIfAvailable { key -> Int? in
            let mask = table.count - 1
            var slot = Self.hash(key) & mask
            while true {
                let position = Int(table[slot])
                if position < 0 { return nil }
                if Self.equal(name(position), key) { return position }
                slot = (slot + 1) & mask
            }
        }
        return found ?? nil
    }

    /// The option of the question at `position` whose id has exactly the bytes of `text`, counting from 0; `nil`
    /// when none has.
    func option(named text: String, ofQuestion position: Int) -> Int? {
        let found = text.utf8.withContiguousStorageIfAvailable { text -> Int? in
            let first = firstOption[position]
            for option in first..<firstOption[position + 1] where Self.equal(name(option), text) {
                return option - first
            }
            return nil
        }
        return found ?? nil
    }

    /// The bytes of name `number`.
    @inline(__always)
    private func name(_ number: Int) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: bytes.baseAddress! + starts[number], count: starts[number + 1] - starts[number])
    }

    /// Whether `a` and `b` hold the same bytes, compared eight at a time.
    private static func equal(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard a.count == b.count else { return false }
        guard let first = a.baseAddress, let second = b.baseAddress else { return true }
        let x = UnsafeRawPointer(first)
        let y = UnsafeRawPointer(second)
        var offset = 0
        while offset + 8 <= a.count {
            guard
                x.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
                    == y.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            else { return false }
            offset += 8
        }
        guard offset < a.count else { return true }
        guard a.count >= 8 else {
            while offset < a.count {
                guard a[offset] == b[offset] else { return false }
                offset += 1
            }
            return true
        }
        // The last eight bytes, overlapping the words already compared.
        return x.loadUnaligned(fromByteOffset: a.count - 8, as: UInt64.self)
            == y.loadUnaligned(fromByteOffset: a.count - 8, as: UInt64.self)
    }

    /// A hash of `bytes`, eight at a time: not seeded, since the ids in the table are the rubric's.
    private static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var hash: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(bytes.count)
        guard let base = bytes.baseAddress else { return Int(truncatingIfNeeded: hash) }
        let raw = UnsafeRawPointer(base)
        func mix(_ word: UInt64) {
            hash = (hash ^ word) &* 0xBF58_476D_1CE4_E5B9
            hash ^= hash >> 29
        }
        var offset = 0
        while offset + 8 <= bytes.count {
            mix(raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
            offset += 8
        }
        if offset < bytes.count {
            if bytes.count >= 8 {
                // The last eight bytes, overlapping the words already mixed.
                mix(raw.loadUnaligned(fromByteOffset: bytes.count - 8, as: UInt64.self))
            } else {
                var tail: UInt64 = 0
                for byte in bytes { tail = tail << 8 | UInt64(byte) }
                mix(tail)
            }
        }
        hash = hash &* 0x94D0_49BB_1331_11EB
        return Int(truncatingIfNeeded: hash ^ (hash >> 32))
    }
}

/// Finds the sets of organisations whose statistics can be derived by adding and subtracting released cells.
///
/// Every released statistic (a count, a sum of scores, the number at one level, the number at a gap) is a sum
/// over the organisations of its cell. An analyst holding several cells, from one release or many, knows the
/// statistic of every set whose indicator vector lies in the span of the cells' indicator vectors, whatever the
/// rational coefficients. This check looks for a set of fewer than `threshold` organisations (and at least one) in
/// that span: the differencing attack in all its forms (one release minus another, a table minus a finer table,
/// a total minus its listed parts, a round's point minus another's).
///
/// How: every vector in the span is constant on *atoms*, the classes of organisations that all cells treat alike,
/// so the work is on atoms, not organisations. Columns are ordered large atoms first, and the cells are reduced to
/// echelon form over the prime field 𝔽ₚ, p = 2⁶¹ − 1. The echelon rows whose pivot is a small atom span exactly
/// the derivable vectors that are zero on every large atom, which is where any small set must lie; reduced among
/// themselves, each 0/1 vector of that space is the sum of a subset of its rows, so the subsets of small total
/// size are searched directly. Working modulo a 61-bit prime rather than over the rationals can only find a
/// dependency the rationals do not have (and so suppress more) unless p divides one of the elimination's nonzero
/// integer pivots, a chance of the order of one in 10¹⁸ per pivot.
///
/// Cost: linear in the cells' total size to find atoms, then sparse elimination over the cells and atoms that
/// remain once atoms of the threshold or more are known to be safe; with no small atom it stops after the first
/// pass.
package struct DifferencingCheck: Sendable {
    /// The fewest organisations a derivable set may have.
    package let threshold: Int
    /// The most subsets of small atoms searched; past it, the check reports the space it could not search as a
    /// disclosure, so that a caller suppresses rather than releases what was not proved safe.
    package var searchLimit = 200_000

    package init(threshold: Int) { self.threshold = threshold }

    /// Fewer than the threshold of organisations (contributions) whose figures, or a difference between them, can
    /// be derived.
    package struct Disclosure: Sendable, Hashable {
        /// The organisations of the set, sorted.
        package var organisations: [UInt64]
        /// Whether the search stopped at its limit, so this is a space not proved safe rather than one set.
        package var isSearchLimit: Bool
    }

    /// The first set of fewer than ``threshold`` organisations that holds the support of a derivable vector (a
    /// derivable set among them), or `nil` when there is none.
    ///
    /// - Parameter cells: each cell's organisations, sorted and distinct.
    package func disclosure(in cells: [[UInt64]]) -> Disclosure? {
        if let partition = Self.partition(cells) {
            // One cell holds all the others, which are disjoint: the atoms are those cells and the remainder.
            if let small = partition.parts.first(where: { cells[$0].count < threshold }) {
                return Disclosure(organisations: cells[small], isSearchLimit: false)
            }
            if !partition.remainder.isEmpty && partition.remainder.count < threshold {
                return Disclosure(organisations: partition.remainder, isSearchLimit: false)
            }
            return nil
        }
        var atoms = Atoms(cells: cells)
        guard atoms.sizes.contains(where: { $0 < threshold }) else { return nil }
        atoms.orderColumns(threshold: threshold)
        var matrix = EchelonMatrix()
        for cell in atoms.cellAtoms {
            matrix.insert(cell.map { (atoms.column[$0], 1) })
        }
        let smallStart = atoms.largeCount
        let basis = matrix.reducedRows(from: smallStart)
        guard !basis.isEmpty else { return nil }
        // The columns, by atom: `atomOfColumn[c]`.
        let sizeOfColumn = atoms.atomOfColumn.map { atoms.sizes[$0] }
        guard let found = search(basis: basis, sizeOfColumn: sizeOfColumn) else { return nil }
        return Disclosure(
            organisations: found.columns.flatMap { atoms.members[atoms.atomOfColumn[$0]] }.sorted(),
            isSearchLimit: found.isSearchLimit)
    }

    /// The shape of a single release without trends: one cell (the overall) holding every other, the others
    /// disjoint. Then the atoms are the other cells and what the overall holds beyond them, found with one sort
    /// instead of a table of every organisation; `nil` when the cells have another shape.
    static func partition(_ cells: [[UInt64]]) -> (whole: Int, parts: [Int], remainder: [UInt64])? {
        guard let whole = cells.indices.max(by: { cells[$0].count < cells[$1].count }) else { return nil }
        let parts = cells.indices.filter { $0 != whole && !cells[$0].isEmpty }
        var joined: [UInt64] = []
        joined.reserveCapacity(parts.reduce(0) { $0 + cells[$1].count })
        for part in parts { joined += cells[part] }
        guard joined.count <= cells[whole].count else { return nil }
        joined.sort()
        for position in joined.indices.dropFirst() where joined[position] == joined[position - 1] { return nil }
        // Every part's member in the whole; what the whole holds beyond them is the remainder.
        var remainder: [UInt64] = []
        var next = 0
        for member in cells[whole] {
            if next < joined.count && joined[next] == member {
                next += 1
            } else {
                guard next >= joined.count || joined[next] > member else { return nil }
                remainder.append(member)
            }
        }
        guard next == joined.count else { return nil }
        return (whole, parts, remainder)
    }

    /// Whether the cell `target` (sorted organisations) can be derived exactly from `cells`.
    package func isDerivable(_ target: [UInt64], from cells: [[UInt64]]) -> Bool {
        guard !target.isEmpty else { return false }
        var atoms = Atoms(cells: cells + [target])
        atoms.orderColumns(threshold: 0)
        var matrix = EchelonMatrix()
        for cell in atoms.cellAtoms.dropLast() { matrix.insert(cell.map { (atoms.column[$0], 1) }) }
        return matrix.reduces(atoms.cellAtoms.last!.map { (atoms.column[$0], 1) })
    }

    /// The columns of a set of small atoms, fewer than the threshold organisations in all, that holds the whole
    /// support of some nonzero vector in the span of `basis` (the derivable vectors zero on every large atom);
    /// `nil` when there is none.
    ///
    /// A derivable vector supported on a few organisations gives their figures away even when it is not a set:
    /// one organisation's change between two releases (+1 on its new answers, −1 on its old), or one that left
    /// beside one that joined. A vector of the span supported within `T` exists exactly when dropping `T`'s
    /// columns lowers the rank of `basis`, so the search tries each small `T` and compares ranks.
    private func search(basis: [EchelonMatrix.Row], sizeOfColumn: [Int]) -> (columns: [Int], isSearchLimit: Bool)? {
        let dimension = basis.count
        let support = Array(Set(basis.flatMap { $0.entries.map(\.column) })).sorted {
            (sizeOfColumn[$0], $0) < (sizeOfColumn[$1], $1)
        }
        let pivots = Set(basis.map(\.pivot))
        var chosen: [Int] = []
        var visited = 0
        var found: [Int]?
        var limitReached = false
        func lowersRank(_ removed: Set<Int>) -> Bool {
            var restricted = EchelonMatrix()
            for row in basis {
                restricted.insert(row.entries.filter { !removed.contains($0.column) }.map { ($0.column, $0.value) })
            }
            return restricted.rows.count < dimension
        }
        func visit(from start: Int, size: Int) {
            for index in start..<support.count {
                guard found == nil, !limitReached else { return }
                let next = size + sizeOfColumn[support[index]]
                // Columns are tried smallest first: once one is too large, so are the rest.
                guard next < threshold else { return }
                visited += 1
                if visited > searchLimit {
                    limitReached = true
                    return
                }
                chosen.append(support[index])
                // A set without a pivot column leaves the basis's pivots whole, so its rank cannot drop.
                if chosen.contains(where: pivots.contains) && lowersRank(Set(chosen)) {
                    found = chosen.sorted()
                    return
                }
                visit(from: index + 1, size: next)
                chosen.removeLast()
            }
        }
        visit(from: 0, size: 0)
        if let found { return (found, false) }
        if limitReached {
            // Not proved safe: report the smallest row's columns, which a caller then breaks by suppression.
            let smallest = basis.min { $0.entries.count < $1.entries.count }!
            return (smallest.entries.map(\.column).sorted(), true)
        }
        return nil
    }

    /// Whether some nonzero vector in the span of `cells` is supported within the organisations `within`: the
    /// figures of those organisations, or a difference between them, can be derived.
    package func derivesVector(within: [UInt64], from cells: [[UInt64]]) -> Bool {
        guard !within.isEmpty else { return false }
        var atoms = Atoms(cells: cells)
        atoms.orderColumns(threshold: 0)
        let inside = Set(within)
        // An atom partly outside `within` must be zero in such a vector, as the vector is constant on atoms.
        let kept = Set(atoms.members.indices.filter { !atoms.members[$0].allSatisfy(inside.contains) })
        var full = EchelonMatrix()
        var restricted = EchelonMatrix()
        for cell in atoms.cellAtoms {
            full.insert(cell.map { (atoms.column[$0], 1) })
            restricted.insert(cell.filter(kept.contains).map { (atoms.column[$0], 1) })
        }
        return restricted.rows.count < full.rows.count
    }
}

/// The atoms of a family of cells: classes of organisations that belong to exactly the same cells.
struct Atoms {
    /// Each atom's organisations, sorted.
    var members: [[UInt64]]
    /// Each atom's size.
    var sizes: [Int]
    /// Per cell, its atoms.
    var cellAtoms: [[Int]]
    /// The column of each atom: large atoms (of the threshold or more) first.
    var column: [Int]
    var atomOfColumn: [Int]
    var largeCount: Int

    init(cells: [[UInt64]]) {
        // Each organisation's signature is the sum of random tags of its cells: equal signatures, equal cells
        // (up to a 2⁻⁶⁴ chance, which can only merge two atoms and make one look larger; the members lists below
        // then still separate them by the cells they hold).
        var signature: [UInt64: UInt64] = [:]
        signature.reserveCapacity(cells.first?.count ?? 16)
        var state: UInt64 = 0x5EED_A55A_1EDC_E115
        for cell in cells {
            let tag = SplitMix64.next(&state) | 1
            for organisation in cell { signature[organisation, default: 0] &+= tag }
        }
        var atomOfSignature: [UInt64: Int] = [:]
        var members: [[UInt64]] = []
        for (organisation, tag) in signature.sorted(by: { $0.key < $1.key }) {
            if let atom = atomOfSignature[tag] {
                members[atom].append(organisation)
            } else {
                atomOfSignature[tag] = members.count
                members.append([organisation])
            }
        }
        self.members = members
        sizes = members.map(\.count)
        cellAtoms = cells.map { cell in
            var seen = Set<Int>()
            var atoms: [Int] = []
            for organisation in cell {
                let atom = atomOfSignature[signature[organisation]!]!
                if seen.insert(atom).inserted { atoms.append(atom) }
            }
            return atoms
        }
        column = []
        atomOfColumn = []
        largeCount = 0
    }
}

extension Atoms {
    /// Orders the columns: atoms of `threshold` or more organisations first.
    mutating func orderColumns(threshold: Int) {
        let large = sizes.indices.filter { sizes[$0] >= threshold }
        let small = sizes.indices.filter { sizes[$0] < threshold }
        atomOfColumn = large + small
        column = Array(repeating: 0, count: sizes.count)
        for (position, atom) in atomOfColumn.enumerated() { column[atom] = position }
        largeCount = large.count
    }
}

/// Arithmetic in 𝔽ₚ with p = 2⁶¹ − 1.
enum Field {
    static let prime: UInt64 = (1 << 61) - 1

    static func add(_ a: UInt64, _ b: UInt64) -> UInt64 {
        let sum = a + b
        return sum >= prime ? sum - prime : sum
    }

    static func subtract(_ a: UInt64, _ b: UInt64) -> UInt64 {
        a >= b ? a - b : a + prime - b
    }

    static func multiply(_ a: UInt64, _ b: UInt64) -> UInt64 {
        let (high, low) = a.multipliedFullWidth(by: b)
        // x = high·2⁶⁴ + low; 2⁶¹ ≡ 1, so x ≡ (x >> 61) + (x & p).
        let folded = (high << 3) | (low >> 61)
        return add(folded, low & prime)
    }

    static func inverse(_ a: UInt64) -> UInt64 {
        // Fermat: a^(p−2).
        var result: UInt64 = 1
        var base = a
        var exponent = prime - 2
        while exponent > 0 {
            if exponent & 1 == 1 { result = multiply(result, base) }
            base = multiply(base, base)
            exponent >>= 1
        }
        return result
    }
}

/// Sparse rows kept in echelon form over 𝔽ₚ as they are inserted.
struct EchelonMatrix {
    struct Row {
        /// Entries by increasing column; the first is the pivot and is 1.
        var entries: [(column: Int, value: UInt64)]
        var pivot: Int { entries[0].column }
    }

    private(set) var rows: [Row] = []
    private var rowOfPivot: [Int: Int] = [:]

    /// Reduces `entries` (by increasing column) against the rows so far and keeps what is left as a new row.
    mutating func insert(_ entries: [(Int, UInt64)]) {
        let left = reduce(entries.sorted { $0.0 < $1.0 }.map { (column: $0.0, value: $0.1) })
        guard let first = left.first else { return }
        let scale = Field.inverse(first.value)
        rowOfPivot[first.column] = rows.count
        rows.append(Row(entries: left.map { ($0.column, Field.multiply($0.value, scale)) }))
    }

    /// Whether `entries` reduce to zero: the vector lies in the rows' span.
    func reduces(_ entries: [(Int, UInt64)]) -> Bool {
        reduce(entries.sorted { $0.0 < $1.0 }.map { (column: $0.0, value: $0.1) }).isEmpty
    }

    private func reduce(_ vector: [(column: Int, value: UInt64)]) -> [(column: Int, value: UInt64)] {
        var current = vector
        var position = 0
        while position < current.count {
            let (column, value) = current[position]
            guard let row = rowOfPivot[column] else {
                position += 1
                continue
            }
            current = Self.subtract(current, rows[row].entries, times: value)
        }
        return current
    }

    /// `a − factor · b`, both sorted by column, dropping zeros.
    private static func subtract(
        _ a: [(column: Int, value: UInt64)],
        _ b: [(column: Int, value: UInt64)],
        times factor: UInt64
    ) -> [(column: Int, value: UInt64)] {
        var result: [(column: Int, value: UInt64)] = []
        result.reserveCapacity(a.count + b.count)
        var i = 0
        var j = 0
        while i < a.count || j < b.count {
            if j == b.count || (i < a.count && a[i].column < b[j].column) {
                result.append(a[i])
                i += 1
            } else {
                let scaled = Field.multiply(b[j].value, factor)
                if i < a.count && a[i].column == b[j].column {
                    let value = Field.subtract(a[i].value, scaled)
                    if value != 0 { result.append((a[i].column, value)) }
                    i += 1
                } else {
                    result.append((b[j].column, Field.subtract(0, scaled)))
                }
                j += 1
            }
        }
        return result
    }

    /// The rows whose pivot is at `start` or later, fully reduced among themselves (each pivot column is zero in
    /// every other of these rows).
    func reducedRows(from start: Int) -> [Row] {
        var selected = rows.filter { $0.pivot >= start }.sorted { $0.pivot > $1.pivot }
        // Back-substitution from the last pivot up.
        var reduced: [Row] = []
        var pivots: [Int: Int] = [:]
        for row in selected {
            var entries = row.entries
            var position = 1
            while position < entries.count {
                let (column, value) = entries[position]
                if let other = pivots[column] {
                    entries = Self.subtract(entries, reduced[other].entries, times: value)
                } else {
                    position += 1
                }
            }
            pivots[row.pivot] = reduced.count
            reduced.append(Row(entries: entries))
        }
        selected = reduced
        return selected
    }
}

/// A small, fast, deterministic generator of tags.
enum SplitMix64 {
    static func next(_ state: inout UInt64) -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// One result per work item of `DispatchQueue.concurrentPerform`, each written by its own item.
///
/// `@unchecked Sendable` is sound: the slots live in memory this object owns and reaches through a pointer (not a
/// stored array, whose accesses Swift would check for exclusivity, and whose copy-on-write would make two threads
/// race on one buffer); each index is written by one work item only, and ``all()`` is read after
/// `concurrentPerform` has returned, which orders every write before it.
final class ConcurrentSlots<Element: Sendable>: @unchecked Sendable {
    private let slots: UnsafeMutableBufferPointer<Element?>

    /// `count` empty slots.
    init(count: Int) {
        slots = .allocate(capacity: count)
        slots.initialize(repeating: nil)
    }

    deinit {
        slots.deinitialize()
        slots.deallocate()
    }

    /// Stores the result of work item `index`.
    func store(_ element: Element, at index: Int) {
        slots[index] = element
    }

    /// The results, by index; `nil` where an item stored nothing.
    func all() -> [Element?] {
        Array(slots)
    }
}

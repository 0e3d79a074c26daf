import Dispatch

/// Splits work into parts run on all cores, results in part order.
enum CoActionParallel {
    /// `body(part)` for each part in `0..<parts`, concurrently when there is more than one.
    static func map<T: Sendable>(parts: Int, _ body: @escaping @Sendable (Int) -> T) -> [T] {
        guard parts > 1 else { return parts == 1 ? [body(0)] : [] }
        let slots = Slots<T>(count: parts)
        DispatchQueue.concurrentPerform(iterations: parts) { part in slots.store(part, body(part)) }
        return slots.values()
    }

    /// `0..<count` cut into `parts` ranges of about equal length.
    static func ranges(_ count: Int, parts: Int) -> [Range<Int>] {
        let parts = max(1, min(parts, count))
        return (0..<parts).map { part in (count * part / parts)..<(count * (part + 1) / parts) }
    }

    /// How many parts `count` items of light work are worth: one per few thousand items.
    static func parts(for count: Int) -> Int { max(1, min(32, count / 4_000)) }
}

/// One result slot per part of `DispatchQueue.concurrentPerform`.
///
/// `@unchecked Sendable` because the slots are raw memory shared by the tasks: each task writes
/// only its own slot, once, and they are read only after `concurrentPerform` has returned.
private final class Slots<T>: @unchecked Sendable {
    private let slots: UnsafeMutableBufferPointer<T?>

    init(count: Int) {
        slots = .allocate(capacity: count)
        slots.initialize(repeating: nil)
    }

    func store(_ part: Int, _ value: T) { slots[part] = value }

    func values() -> [T] { slots.map { $0! } }

    deinit {
        _ = slots.deinitialize()
        slots.deallocate()
    }
}

/// What was made before, by what it was made from, emptied whole when full: a bound on memory,
/// never on what the owner answers, since each value is what making it again would give.
struct BoundedMemo<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    let capacity: Int
    /// Room made at the first entry, so that a memo expected to fill up is not rehashed at every
    /// doubling; 0 grows as entries come (its memory stays with what it holds).
    let reserved: Int
    private var entries: [Key: Value] = [:]

    init(capacity: Int, reserved: Int = 0) {
        self.capacity = capacity
        self.reserved = min(reserved, capacity)
    }

    var count: Int { entries.count }

    subscript(key: Key) -> Value? { entries[key] }

    mutating func remember(_ value: Value, for key: Key) {
        if entries.isEmpty && entries.capacity < reserved { entries.reserveCapacity(reserved) }
        if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
        entries[key] = value
    }
}

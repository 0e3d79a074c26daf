/// What was made before, by what it was made from, emptied whole when full: a bound on memory,
/// never on what the owner answers, since each value is what making it again would give.
struct BoundedMemo<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    let capacity: Int
    private var entries: [Key: Value] = [:]

    init(capacity: Int) {
        self.capacity = capacity
    }

    var count: Int { entries.count }

    subscript(key: Key) -> Value? { entries[key] }

    mutating func remember(_ value: Value, for key: Key) {
        if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
        entries[key] = value
    }
}

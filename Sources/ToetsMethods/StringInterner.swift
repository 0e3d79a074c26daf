/// Dense integer ids for a column of strings, by sorting hashes rather than probing a table.
///
/// Ids follow first appearance in the column. Strings are compared by their UTF-8 bytes, as R
/// compares them: "é" and "e\u{301}" are different ids although `String` calls them equal. A
/// hash collision is resolved by comparing bytes, so ids are exact whatever the hash.
struct StringInterner {
    /// The id of each position of the column.
    var ids: [Int32]
    /// The first position of each id.
    var firstPosition: [Int32]

    var count: Int { firstPosition.count }

    /// Interns the `length` strings `text(0)`, `text(1)`, …; `hash` is replaceable for tests.
    init(length: Int, hash: (String) -> UInt64 = StringInterner.hash, _ text: (Int) -> String) {
        precondition(length < Int(Int32.max), "more than 2^31 strings")
        var keys = [UInt64](unsafeUninitializedCapacity: length) { buffer, initialized in
            for position in 0..<length { buffer[position] = hash(text(position)) }
            initialized = length
        }
        var positions = [UInt32](unsafeUninitializedCapacity: length) { buffer, initialized in
            for position in 0..<length { buffer[position] = UInt32(position) }
            initialized = length
        }
        RadixSort.sort(keys: &keys, values: &positions)

        // Groups are runs of equal hash; within a run positions ascend, so a group's first
        // member is its first appearance.
        var groupOf = [Int32](repeating: 0, count: length)
        var groupFirst: [Int32] = []
        var start = 0
        while start < length {
            var end = start + 1
            while end < length && keys[end] == keys[start] { end += 1 }
            let group = Int32(groupFirst.count)
            groupFirst.append(Int32(positions[start]))
            for position in positions[start..<end] { groupOf[Int(position)] = group }
            start = end
        }
        (ids, firstPosition) = Self.numberByFirstAppearance(groupOf: groupOf, groupFirst: groupFirst)

        // Check every repeated string against its group's first. The firsts are gathered into
        // one small array in position order, so the check reads the column in order and the
        // firsts from a compact table rather than jumping around the whole column. Different
        // strings with equal 64-bit hashes are rare enough that the exact but slower split by
        // bytes runs only when the check finds one.
        let firsts = firstPosition.map { text(Int($0)) }
        let collision = (0..<length).contains { position in
            let id = Int(ids[position])
            return Int(firstPosition[id]) != position && !Self.sameBytes(text(position), firsts[id])
        }
        if collision {
            let split = Self.splitCollisions(keys: keys, positions: positions, text)
            (ids, firstPosition) = Self.numberByFirstAppearance(groupOf: split.groupOf, groupFirst: split.groupFirst)
        }
    }

    /// Renumbers groups in order of their first position.
    private static func numberByFirstAppearance(groupOf: [Int32], groupFirst: [Int32]) -> (ids: [Int32], firstPosition: [Int32]) {
        var groupStartingAt = [Int32](repeating: -1, count: groupOf.count)
        for (group, position) in groupFirst.enumerated() { groupStartingAt[Int(position)] = Int32(group) }
        var idOfGroup = [Int32](repeating: 0, count: groupFirst.count)
        var firstPosition: [Int32] = []
        firstPosition.reserveCapacity(groupFirst.count)
        for position in groupOf.indices where groupStartingAt[position] >= 0 {
            idOfGroup[Int(groupStartingAt[position])] = Int32(firstPosition.count)
            firstPosition.append(Int32(position))
        }
        return (groupOf.map { idOfGroup[Int($0)] }, firstPosition)
    }

    /// Groups by hash and bytes: runs of equal hash are ordered by bytes, then by position,
    /// and split where the bytes change.
    private static func splitCollisions(
        keys: [UInt64], positions: [UInt32], _ text: (Int) -> String
    ) -> (groupOf: [Int32], groupFirst: [Int32]) {
        var groupOf = [Int32](repeating: 0, count: keys.count)
        var groupFirst: [Int32] = []
        var start = 0
        while start < keys.count {
            var end = start + 1
            while end < keys.count && keys[end] == keys[start] { end += 1 }
            let ordered = positions[start..<end].sorted { a, b in
                let (x, y) = (text(Int(a)), text(Int(b)))
                if sameBytes(x, y) { return a < b }
                return x.utf8.lexicographicallyPrecedes(y.utf8)
            }
            var previous: String? = nil
            for position in ordered {
                let current = text(Int(position))
                if previous == nil || !sameBytes(previous!, current) {
                    groupFirst.append(Int32(position))
                    previous = current
                }
                groupOf[Int(position)] = Int32(groupFirst.count - 1)
            }
            start = end
        }
        return (groupOf, groupFirst)
    }

    /// Whether two strings have the same UTF-8 bytes (not merely canonical equivalence).
    static func sameBytes(_ a: String, _ b: String) -> Bool {
        let (x, y) = (a.utf8, b.utf8)
        guard x.count == y.count else { return false }
        let fast: Bool?? = x.withContiguousStorageIfAvailable { p in
            y.withContiguousStorageIfAvailable { q in p.elementsEqual(q) }
        }
        if let fast, let fast { return fast }
        return x.elementsEqual(y)
    }

    /// A 64-bit hash of the UTF-8 bytes, 8 bytes per step; quality matters only for speed.
    static func hash(_ text: String) -> UInt64 {
        let utf8 = text.utf8
        if let hashed = utf8.withContiguousStorageIfAvailable(hash(bytes:)) { return hashed }
        return Array(utf8).withUnsafeBufferPointer(hash(bytes:))
    }

    static func hash(bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(bytes.count)
        var index = 0
        if let base = bytes.baseAddress {
            let raw = UnsafeRawPointer(base)
            while index + 8 <= bytes.count {
                h = (h ^ raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)) &* 0xFF51_AFD7_ED55_8CCD
                h ^= h >> 29
                index += 8
            }
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while index < bytes.count {
            tail |= UInt64(bytes[index]) << shift
            shift += 8
            index += 1
        }
        h = (h ^ tail) &* 0xC4CE_B9FE_1A85_EC53
        h ^= h >> 33
        h &*= 0xFF51_AFD7_ED55_8CCD
        h ^= h >> 33
        return h
    }
}

#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

/// Dense ids for byte strings in order of first appearance, by an open-addressing hash table;
/// the strings themselves are kept once, back to back.
///
/// For columns read straight from bytes (a CSV, normalised texts, words), where making a
/// `String` per value would cost more than everything else. Equality is byte equality; a hash
/// collision is resolved by comparing bytes, so ids are exact whatever the hash.
struct ByteInterner {
    /// The strings by id: id `i` is `storage[start[i]..<start[i + 1]]`.
    private(set) var storage: [UInt8] = []
    private(set) var start: [Int] = [0]
    /// Per slot: the hash's upper 32 bits, then id + 1; 0 is an empty slot.
    private var slots: [UInt64]
    private var mask: Int

    var count: Int { start.count - 1 }

    /// A table sized for about `capacity` distinct strings of `bytes` bytes in all before it
    /// first grows.
    init(capacity: Int = 64, bytes: Int = 0) {
        var size = 64
        while size < 2 * capacity { size *= 2 }
        slots = [UInt64](repeating: 0, count: size)
        mask = size - 1
        storage.reserveCapacity(bytes)
        start.reserveCapacity(capacity + 1)
    }

    /// The id of `bytes`, and whether it is new.
    @inline(__always)
    mutating func intern(_ bytes: UnsafeBufferPointer<UInt8>) -> (id: Int32, inserted: Bool) {
        let hash = StringInterner.hash(bytes: bytes)
        let tag = hash & 0xFFFF_FFFF_0000_0000
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let entry = slots[slot]
            if entry == 0 { break }
            if entry & 0xFFFF_FFFF_0000_0000 == tag {
                let id = Int(truncatingIfNeeded: entry & 0xFFFF_FFFF) - 1
                if equals(id, bytes) { return (Int32(id), false) }
            }
            slot = (slot + 1) & mask
        }
        let id = count
        precondition(id < Int(Int32.max), "more than 2^31 distinct strings")
        slots[slot] = tag | UInt64(id + 1)
        storage.append(contentsOf: bytes)
        start.append(storage.count)
        if 2 * count > mask { grow() }
        return (Int32(id), true)
    }

    /// Interns every string of `other`; the ids they have here, by their ids there.
    mutating func intern(contentsOf other: ByteInterner) -> [Int32] {
        other.storage.withUnsafeBufferPointer { storage in
            (0..<other.count).map { intern(UnsafeBufferPointer(rebasing: storage[other.start[$0]..<other.start[$0 + 1]])).id }
        }
    }

    /// The string with this id.
    func string(_ id: Int32) -> String {
        storage.withUnsafeBufferPointer { String(decoding: $0[start[Int(id)]..<start[Int(id) + 1]], as: UTF8.self) }
    }

    private func equals(_ id: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let lower = start[id], upper = start[id + 1]
        guard upper - lower == bytes.count else { return false }
        return storage.withUnsafeBufferPointer { stored in
            bytes.isEmpty || memcmp(stored.baseAddress! + lower, bytes.baseAddress!, bytes.count) == 0
        }
    }

    private mutating func grow() {
        let size = 2 * slots.count
        var larger = [UInt64](repeating: 0, count: size)
        let newMask = size - 1
        storage.withUnsafeBufferPointer { storage in
            for entry in slots where entry != 0 {
                // The slot keeps only the hash's upper half: the lower one is computed again.
                let id = Int(truncatingIfNeeded: entry & 0xFFFF_FFFF) - 1
                let hash = StringInterner.hash(bytes: UnsafeBufferPointer(rebasing: storage[start[id]..<start[id + 1]]))
                var slot = Int(truncatingIfNeeded: hash) & newMask
                while larger[slot] != 0 { slot = (slot + 1) & newMask }
                larger[slot] = entry
            }
        }
        slots = larger
        mask = newMask
    }
}

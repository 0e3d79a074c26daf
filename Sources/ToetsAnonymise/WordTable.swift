/// Folded words and what they are (first name, surname, interfix…), in one open-addressing
/// hash table over a byte pool: a look-up hashes the folded bytes of a token and compares
/// them in place, without making a string or an array per token.
struct WordTable: Sendable {
    /// Each slot: the upper 32 bits of its word's hash, then its id + 1 (0: empty), so that a
    /// look-up of a word the table lacks (most words of a text) reads one slot, not a slot and
    /// the hash it points to as well.
    private var slots: [UInt64]
    private var hashes: [UInt64] = []
    private var starts: [Int32] = []
    private var lengths: [Int32] = []
    private var pool: [UInt8] = []
    /// The flags of each word, by id.
    private(set) var flags: [UInt32] = []

    init(capacity: Int = 1024) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = [UInt64](repeating: 0, count: size)
    }

    var count: Int { flags.count }

    /// FNV-1a over the bytes.
    @inline(__always)
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3 }
        return hash
    }

    /// The id of `word` (folded bytes), adding it if new; `flags` are or-ed into its flags.
    @discardableResult
    mutating func insert(_ word: [UInt8], flags newFlags: UInt32) -> Int32 {
        if let id = id(of: word) {
            flags[Int(id)] |= newFlags
            return id
        }
        if (flags.count + 1) * 2 > slots.count { grow() }
        let id = Int32(flags.count)
        let hash = word.withUnsafeBufferPointer(Self.hash)
        hashes.append(hash)
        starts.append(Int32(pool.count))
        lengths.append(Int32(word.count))
        pool += word
        flags.append(newFlags)
        place(id, hash: hash)
        return id
    }

    func id(of word: [UInt8]) -> Int32? {
        word.withUnsafeBufferPointer { id(of: $0) }
    }

    /// The id of the folded word `bytes`, if the table has it.
    @inline(__always)
    func id(of bytes: UnsafeBufferPointer<UInt8>) -> Int32? {
        let hash = Self.hash(bytes)
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        let tag = hash >> 32
        while true {
            let entry = slots[slot]
            if entry == 0 { return nil }
            let id = Int32(truncatingIfNeeded: entry) - 1
            if entry >> 32 == tag && hashes[Int(id)] == hash && Int(lengths[Int(id)]) == bytes.count {
                let start = Int(starts[Int(id)])
                var same = true
                for offset in 0..<bytes.count where pool[start + offset] != bytes[offset] {
                    same = false
                    break
                }
                if same { return id }
            }
            slot = (slot + 1) & mask
        }
    }

    mutating func setFlags(_ id: Int32, _ value: UInt32) {
        flags[Int(id)] = value
    }

    private mutating func place(_ id: Int32, hash: UInt64) {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] != 0 { slot = (slot + 1) & mask }
        slots[slot] = (hash >> 32) << 32 | UInt64(id + 1)
    }

    private mutating func grow() {
        slots = [UInt64](repeating: 0, count: slots.count * 2)
        for id in flags.indices { place(Int32(id), hash: hashes[id]) }
    }
}

/// Sequences of word ids (display names, streets of several words, public names) with a value
/// at the end of each, as a trie whose edges are (node, word id) pairs in one hash map.
struct PhraseTrie: Sendable {
    private var edges: [UInt64: Int32] = [:]
    /// The value of each node, -1 where no phrase ends.
    private var values: [Int32] = [-1]

    /// Adds `words`; an existing value at its end is kept.
    mutating func insert(_ words: [Int32], value: Int32) {
        var node: Int32 = 0
        for word in words {
            let key = UInt64(UInt32(bitPattern: node)) << 32 | UInt64(UInt32(bitPattern: word))
            if let next = edges[key] {
                node = next
            } else {
                let next = Int32(values.count)
                values.append(-1)
                edges[key] = next
                node = next
            }
        }
        if values[Int(node)] < 0 { values[Int(node)] = value }
    }

    var isEmpty: Bool { values.count == 1 }

    /// The node reached from `node` over `word`, if any.
    @inline(__always)
    func step(_ node: Int32, _ word: Int32) -> Int32? {
        edges[UInt64(UInt32(bitPattern: node)) << 32 | UInt64(UInt32(bitPattern: word))]
    }

    /// The value of the phrase ending at `node`, if one does.
    @inline(__always)
    func value(_ node: Int32) -> Int32? {
        let value = values[Int(node)]
        return value < 0 ? nil : value
    }
}

import Foundation

/// An ingest's posts in bounded memory. Each post's canonical line goes to a `ByteSpool` in
/// source order; a small key record (`PostKey`) goes to a `RecordSorter` that orders posts by
/// identity, so that copies sit together and the first in source order is kept; the kept keys
/// are then sorted into output order. Memory holds at most the two sorters' arenas and the
/// spool's buffer, whatever the number of posts.
final class PostSpool: @unchecked Sendable {
    // @unchecked: used by the ingest's reading thread only, then read by its writer.
    private let scratch: ScratchFolder
    private let memoryBytes: Int
    private let lines: ByteSpool
    private var byIdentity: RecordSorter?

    /// `memoryBytes` is shared: half for lines, a quarter for each sort.
    init(scratch: ScratchFolder, memoryBytes: Int) {
        self.scratch = scratch
        self.memoryBytes = memoryBytes
        lines = ByteSpool(scratch: scratch, stem: "posts", memoryBytes: memoryBytes / 2, keepsName: true)
        byIdentity = RecordSorter(scratch: scratch, memoryBytes: memoryBytes / 4, order: PostKey.byIdentity)
    }

    /// Posts added so far.
    var count: Int { byIdentity?.count ?? 0 }

    /// Adds a batch's posts, read from entry `entry` (counted over the whole ingest) of archive `archive`.
    func add(_ batch: BatchResult, entry: Int, archive: Int, repeatsAreData: Bool) throws {
        guard let byIdentity else { return }
        // The batch's lines are its posts' lines, one after another: kept whole, not copied.
        let base = try lines.append(chunk: batch.lines.bytes)
        // The keys were made by the worker that parsed the batch; only where they came from is added here.
        var keys = batch.keys
        PostKey.stamp(&keys, base: base, entry: entry, archive: archive, repeatsAreData: repeatsAreData)
        try byIdentity.append(records: keys)
    }

    /// Drops copies and sorts the rest. A post is identified by its id and, in share tables, the
    /// object it shares; the first copy in source order wins (archives as listed, entries and
    /// records in order), except that within one entry of a share table repeated rows are kept
    /// as the data they are. Returns the posts in output order and the copies dropped per archive.
    func finish(archives: Int) throws -> (SortedPosts, duplicates: [Int]) {
        guard let byIdentity else { throw IngestError.badParameter("ingest's posts were already sorted") }
        var duplicates = [Int](repeating: 0, count: archives)
        let byOutput = RecordSorter(scratch: scratch, memoryBytes: memoryBytes / 4, order: PostKey.byOutputOrder)
        var first: [UInt8] = []
        try byIdentity.forEach { key in
            let length = PostKey.length(key)
            let copy = !first.isEmpty && first.withUnsafeBytes { PostKey.compareIdentity(key, $0.baseAddress!) == 0 }
            if copy {
                let firstEntry = first.withUnsafeBytes { PostKey.entry($0.baseAddress!) }
                guard PostKey.repeatsAreData(key) && PostKey.entry(key) == firstEntry else {
                    duplicates[PostKey.archive(key)] += 1
                    return
                }
            } else {
                first.removeAll(keepingCapacity: true)
                first.append(contentsOf: UnsafeRawBufferPointer(start: key, count: length))
            }
            try byOutput.append(UnsafeRawBufferPointer(start: key, count: length))
        }
        self.byIdentity = nil
        // Posts read in output order with no copy dropped (a CSV sorted by time, as exports
        // usually are): the lines, one after another, are the artefact already.
        var inLineOrder = duplicates.allSatisfy { $0 == 0 }
        if inLineOrder {
            var next: Int64 = 0
            try byOutput.forEach { key in
                if PostKey.offset(key) != next { inLineOrder = false }
                next = PostKey.offset(key) + Int64(PostKey.lineLength(key))
            }
            inLineOrder = inLineOrder && next == lines.count
        }
        return (SortedPosts(lines: lines, order: byOutput, inLineOrder: inLineOrder), duplicates)
    }
}

/// The kept posts in output order: their keys, and the lines they point to.
struct SortedPosts: @unchecked Sendable {
    // @unchecked: read-only once made; read by one writer at a time.
    let lines: ByteSpool
    let order: RecordSorter
    /// Whether the lines as appended are the posts in output order, nothing left out.
    let inLineOrder: Bool

    var count: Int { order.count }

    /// Moves the lines' spill file to `path` if it holds exactly the artefact; false if not
    /// (then nothing was moved and the artefact is to be written from `forEachChunk`).
    func move(to path: String) throws -> Bool {
        inLineOrder ? try lines.move(to: path) : false
    }

    /// The lines in order, in pieces of about `chunkBytes`.
    func forEachChunk(chunkBytes: Int, _ body: ([UInt8]) throws -> Void) throws {
        var buffer: [UInt8] = []
        buffer.reserveCapacity(chunkBytes + 4096)
        try order.forEach { key in
            try lines.read(at: PostKey.offset(key), length: PostKey.lineLength(key), into: &buffer)
            if buffer.count >= chunkBytes {
                try body(buffer)
                buffer.removeAll(keepingCapacity: true)
            }
        }
        if !buffer.isEmpty { try body(buffer) }
    }
}

/// The sort key of one post as a byte record: a 36-byte header (created_at, where its line is,
/// the entry and archive it came from, whether repeats are data, the lengths of the two
/// identifiers), then the post id and the shared object's id. Identifiers are compared as
/// UTF-8 bytes, in Unicode normalisation form C when they are not ASCII, so that two spellings
/// of one id are one post.
enum PostKey {
    static let headerBytes = 36

    /// Appends the key of a post whose line is `length` bytes at `offset`; the entry, archive
    /// and repeats flag are set later by `stamp`.
    static func encode(into record: inout [UInt8], createdAt: Int64, offset: Int64, length: Int, id: String, content: String?) {
        let idBytes = PostKey.normalised(id)
        let contentBytes = content.map { PostKey.normalised($0) } ?? []
        idBytes.withUnsafeBytes { id in
            contentBytes.withUnsafeBytes { shared in
                encode(into: &record, createdAt: createdAt, offset: offset, length: length, id: id, content: content == nil ? nil : shared)
            }
        }
    }

    /// `encode` of identifiers given as bytes already in normalisation form C (ASCII is).
    static func encode(into record: inout [UInt8], createdAt: Int64, offset: Int64, length: Int, id: UnsafeRawBufferPointer,
                       content: UnsafeRawBufferPointer?) {
        func put<T: FixedWidthInteger>(_ value: T) {
            withUnsafeBytes(of: value.littleEndian) { record.append(contentsOf: $0) }
        }
        put(createdAt)
        put(offset)
        put(UInt32(length))
        put(UInt32(0))
        put(UInt32(id.count))
        put(UInt32(content?.count ?? 0))
        put(UInt16(0))
        record.append(content != nil ? 2 : 0)
        record.append(0)
        record.append(contentsOf: id)
        if let content { record.append(contentsOf: content) }
    }

    private static func normalised(_ text: String) -> [UInt8] {
        text.utf8.allSatisfy({ $0 < 0x80 }) ? Array(text.utf8) : Array(text.precomposedStringWithCanonicalMapping.utf8)
    }

    /// Adds `base` to the offsets of the keys in `records` and sets where they came from.
    static func stamp(_ records: inout [UInt8], base: Int64, entry: Int, archive: Int, repeatsAreData: Bool) {
        forEach(in: &records) { key in
            key.storeBytes(of: (offset(key) + base).littleEndian, toByteOffset: 8, as: Int64.self)
            key.storeBytes(of: UInt32(truncatingIfNeeded: entry).littleEndian, toByteOffset: 20, as: UInt32.self)
            key.storeBytes(of: UInt16(truncatingIfNeeded: archive).littleEndian, toByteOffset: 32, as: UInt16.self)
            if repeatsAreData { key.storeBytes(of: key.load(fromByteOffset: 34, as: UInt8.self) | 1, toByteOffset: 34, as: UInt8.self) }
        }
    }

    /// Sets the line length of the key at byte `key` of `records`.
    static func setLineLength(_ records: inout [UInt8], key: Int, _ length: Int) {
        records.withUnsafeMutableBytes { $0.storeBytes(of: UInt32(length).littleEndian, toByteOffset: key + 16, as: UInt32.self) }
    }

    /// Moves the offsets of the keys in `records` on by `shift`.
    static func shift(_ records: inout [UInt8], by shift: Int64) {
        forEach(in: &records) { key in
            key.storeBytes(of: (offset(key) + shift).littleEndian, toByteOffset: 8, as: Int64.self)
        }
    }

    /// Calls `body` with each key of `records`, in order.
    static func forEach(in records: inout [UInt8], _ body: (UnsafeMutableRawPointer) -> Void) {
        records.withUnsafeMutableBytes { buffer in
            guard let start = buffer.baseAddress else { return }
            var position = 0
            while position < buffer.count {
                body(start + position)
                position += length(start + position)
            }
        }
    }

    static func length(_ key: UnsafeRawPointer) -> Int {
        headerBytes + Int(UInt32(littleEndian: key.loadUnaligned(fromByteOffset: 24, as: UInt32.self)))
            + Int(UInt32(littleEndian: key.loadUnaligned(fromByteOffset: 28, as: UInt32.self)))
    }

    static func createdAt(_ key: UnsafeRawPointer) -> Int64 { Int64(littleEndian: key.loadUnaligned(fromByteOffset: 0, as: Int64.self)) }
    static func offset(_ key: UnsafeRawPointer) -> Int64 { Int64(littleEndian: key.loadUnaligned(fromByteOffset: 8, as: Int64.self)) }
    static func lineLength(_ key: UnsafeRawPointer) -> Int {
        Int(UInt32(littleEndian: key.loadUnaligned(fromByteOffset: 16, as: UInt32.self)))
    }
    static func entry(_ key: UnsafeRawPointer) -> UInt32 { UInt32(littleEndian: key.loadUnaligned(fromByteOffset: 20, as: UInt32.self)) }
    static func archive(_ key: UnsafeRawPointer) -> Int {
        Int(UInt16(littleEndian: key.loadUnaligned(fromByteOffset: 32, as: UInt16.self)))
    }
    static func repeatsAreData(_ key: UnsafeRawPointer) -> Bool { key.load(fromByteOffset: 34, as: UInt8.self) & 1 != 0 }
    private static func hasContent(_ key: UnsafeRawPointer) -> Bool { key.load(fromByteOffset: 34, as: UInt8.self) & 2 != 0 }

    private static func id(_ key: UnsafeRawPointer) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: key + headerBytes,
                               count: Int(UInt32(littleEndian: key.loadUnaligned(fromByteOffset: 24, as: UInt32.self))))
    }

    private static func content(_ key: UnsafeRawPointer) -> UnsafeRawBufferPointer {
        let idCount = Int(UInt32(littleEndian: key.loadUnaligned(fromByteOffset: 24, as: UInt32.self)))
        return UnsafeRawBufferPointer(start: key + headerBytes + idCount,
                                      count: Int(UInt32(littleEndian: key.loadUnaligned(fromByteOffset: 28, as: UInt32.self))))
    }

    /// Byte order, a prefix first.
    private static func compare(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Int32 {
        let common = min(a.count, b.count)
        if common > 0 {
            let order = memcmp(a.baseAddress!, b.baseAddress!, common)
            if order != 0 { return order }
        }
        return a.count == b.count ? 0 : (a.count < b.count ? -1 : 1)
    }

    /// Orders by post id, then no shared object before one, then the shared object.
    static func compareIdentity(_ a: UnsafeRawPointer, _ b: UnsafeRawPointer) -> Int32 {
        let order = compare(id(a), id(b))
        if order != 0 { return order }
        if hasContent(a) != hasContent(b) { return hasContent(a) ? 1 : -1 }
        return compare(content(a), content(b))
    }

    /// Copies of a post in a row, the first in source order first: by a hash of the identity
    /// (any order that keeps copies together will do, and a number compares fastest), then the
    /// identity, then source order.
    static let byIdentity = RecordSorter.Order(prefix: identityHash) { a, b in
        let order = compareIdentity(a, b)
        return order != 0 ? order < 0 : offset(a) < offset(b)
    }

    /// The order of the posts artefact: created_at, post id, shared object, source order.
    static let byOutputOrder = RecordSorter.Order(prefix: { UInt64(bitPattern: createdAt($0)) ^ (1 << 63) }) { a, b in
        let (x, y) = (createdAt(a), createdAt(b))
        if x != y { return x < y }
        var order = compare(id(a), id(b))
        if order == 0 { order = compare(content(a), content(b)) }
        return order != 0 ? order < 0 : offset(a) < offset(b)
    }

    /// FNV-1a of the post id, whether there is a shared object, and its id: equal for copies.
    static func identityHash(_ key: UnsafeRawPointer) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        @inline(__always) func mix(_ byte: UInt8) { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        for byte in id(key) { mix(byte) }
        mix(hasContent(key) ? 1 : 0)
        for byte in content(key) { mix(byte) }
        return hash
    }
}

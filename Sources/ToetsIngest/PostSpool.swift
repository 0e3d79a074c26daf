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
    private var record: [UInt8] = []

    /// `memoryBytes` is shared: half for lines, a quarter for each sort.
    init(scratch: ScratchFolder, memoryBytes: Int) {
        self.scratch = scratch
        self.memoryBytes = memoryBytes
        lines = ByteSpool(scratch: scratch, stem: "posts", memoryBytes: memoryBytes / 2)
        byIdentity = RecordSorter(scratch: scratch, memoryBytes: memoryBytes / 4, less: PostKey.byIdentity)
    }

    /// Posts added so far.
    var count: Int { byIdentity?.count ?? 0 }

    /// Adds a batch's posts, read from entry `entry` (counted over the whole ingest) of archive `archive`.
    func add(_ batch: BatchResult, entry: Int, archive: Int, repeatsAreData: Bool) throws {
        guard let byIdentity else { return }
        // The batch's lines are its posts' lines, one after another: kept whole, not copied.
        let base = try lines.append(chunk: batch.lines.bytes)
        for post in batch.entries {
            record.removeAll(keepingCapacity: true)
            PostKey.encode(into: &record, createdAt: post.createdAt, offset: base + Int64(post.start),
                           length: post.end - post.start, entry: entry, archive: archive, repeatsAreData: repeatsAreData,
                           id: post.postID, content: post.contentID)
            try record.withUnsafeBytes { try byIdentity.append($0) }
        }
    }

    /// Drops copies and sorts the rest. A post is identified by its id and, in share tables, the
    /// object it shares; the first copy in source order wins (archives as listed, entries and
    /// records in order), except that within one entry of a share table repeated rows are kept
    /// as the data they are. Returns the posts in output order and the copies dropped per archive.
    func finish(archives: Int) throws -> (SortedPosts, duplicates: [Int]) {
        guard let byIdentity else { throw IngestError.badParameter("ingest's posts were already sorted") }
        var duplicates = [Int](repeating: 0, count: archives)
        let byOutput = RecordSorter(scratch: scratch, memoryBytes: memoryBytes / 4, less: PostKey.byOutputOrder)
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
                first = Array(UnsafeRawBufferPointer(start: key, count: length))
            }
            try byOutput.append(UnsafeRawBufferPointer(start: key, count: length))
        }
        self.byIdentity = nil
        return (SortedPosts(lines: lines, order: byOutput), duplicates)
    }
}

/// The kept posts in output order: their keys, and the lines they point to.
struct SortedPosts: @unchecked Sendable {
    // @unchecked: read-only once made; read by one writer at a time.
    let lines: ByteSpool
    let order: RecordSorter

    var count: Int { order.count }

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

    static func encode(into record: inout [UInt8], createdAt: Int64, offset: Int64, length: Int, entry: Int, archive: Int,
                       repeatsAreData: Bool, id: String, content: String?) {
        func put<T: FixedWidthInteger>(_ value: T) {
            withUnsafeBytes(of: value.littleEndian) { record.append(contentsOf: $0) }
        }
        let idBytes = normalised(id)
        let contentBytes = content.map(normalised) ?? []
        put(createdAt)
        put(offset)
        put(UInt32(length))
        put(UInt32(truncatingIfNeeded: entry))
        put(UInt32(idBytes.count))
        put(UInt32(contentBytes.count))
        put(UInt16(truncatingIfNeeded: archive))
        record.append((repeatsAreData ? 1 : 0) | (content != nil ? 2 : 0))
        record.append(0)
        record += idBytes
        record += contentBytes
    }

    private static func normalised(_ text: String) -> [UInt8] {
        text.utf8.allSatisfy({ $0 < 0x80 }) ? Array(text.utf8) : Array(text.precomposedStringWithCanonicalMapping.utf8)
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

    /// Identity, then source order: copies of a post in a row, the first in source order first.
    static let byIdentity: RecordSorter.Less = { a, b in
        let order = compareIdentity(a, b)
        return order != 0 ? order < 0 : offset(a) < offset(b)
    }

    /// The order of the posts artefact: created_at, post id, shared object, source order.
    static let byOutputOrder: RecordSorter.Less = { a, b in
        let (x, y) = (createdAt(a), createdAt(b))
        if x != y { return x < y }
        var order = compare(id(a), id(b))
        if order == 0 { order = compare(content(a), content(b)) }
        return order != 0 ? order < 0 : offset(a) < offset(b)
    }
}

/// The pseudonymised posts in a compact binary form that a method maps and reads without parsing
/// JSON: the `posts.columns` artefact anonymise stores beside its NDJSON `posts` (which stays the
/// contract, and what external methods get). A pure function of the posts: `PostColumns.write`.
///
/// Layout (little-endian; every section starts at a multiple of 8, padded with zeros):
/// - a 128-byte header: `TOETSCOL`, the format version (u32), flags (u32, 0), the numbers of
///   posts `n`, strings `s`, string bytes `b` and list entries `l` (u64 each), a checksum of
///   everything after the header (u64), 8 zero bytes, and the SHA-256 (64 hexadecimal
///   characters) of the NDJSON posts artefact it was made from;
/// - per post, in the artefact's order: `created_at` (i64); `post_id`, `author_id`,
///   `ref_post_id`, `ref_author_id`, `thread_id` and `text` as string numbers (u32 each, one
///   section per field; `none` for null); the kind (u8, `kinds`);
/// - list starts (u64 × (3n + 1)): post `i`'s URLs, hashtags and mentions are the list entries
///   from start `3i`, `3i + 1` and `3i + 2` to the next start; the list entries (u32 string numbers);
/// - string starts (u64 × (s + 1)) and the strings' UTF-8 bytes, each distinct string once.
///
/// Opening checks everything a reader relies on: the header, that the sizes add up to the
/// file's, the checksum (a damaged file), the posts digest (a file made from other posts),
/// every number in range, starts that never go back, and each string's UTF-8. Only anonymise
/// writes this artefact (the runner refuses a command that declares it), so a file that passes
/// was made by `write`, whose strings are distinct.
package struct PostColumns {
    /// The format version this build reads and writes.
    package static let formatVersion: UInt32 = 1
    /// The artefact's name beside `posts`.
    package static let artefactName = "posts.columns"
    /// A null string field.
    package static let none = UInt32.max
    /// The kinds by their number in the file.
    package static let kinds: [Post.Kind] = [.post, .repost, .quote, .reply, .comment, .forward]
    static let magic = Array("TOETSCOL".utf8)
    static let headerSize = 128

    /// The string fields of a post, in the order of their sections.
    package enum StringField: Int, CaseIterable {
        case postID, authorID, refPostID, refAuthorID, threadID, text
    }

    /// The lists of a post, in the order of their starts.
    package enum ListField: Int, CaseIterable {
        case urls, hashtags, mentions
    }

    private let file: UnsafeRawBufferPointer
    /// The number of posts.
    package let count: Int
    /// The number of distinct strings.
    package let stringCount: Int
    private let createdAtOffset: Int
    private let stringFieldOffset: [Int]
    private let kindOffset: Int
    private let listStartOffset: Int
    private let listOffset: Int
    private let stringStartOffset: Int
    private let stringBytesOffset: Int

    /// The columns in `bytes` (which the caller keeps alive and unchanged while this is used),
    /// checked; made from the posts artefact whose digest is `posts`.
    package init(_ bytes: UnsafeRawBufferPointer, posts: Digest) throws(PostColumnsError) {
        guard bytes.count >= Self.headerSize else { throw PostColumnsError("shorter than its header (\(bytes.count) bytes)") }
        guard bytes.prefix(8).elementsEqual(Self.magic) else { throw PostColumnsError("not a posts columns file (no TOETSCOL)") }
        func u32(_ offset: Int) -> UInt32 { UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self)) }
        func u64(_ offset: Int) -> UInt64 { UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) }
        guard u32(8) == Self.formatVersion else {
            throw PostColumnsError("format version \(u32(8)); this build reads version \(Self.formatVersion)")
        }
        guard u32(12) == 0, u64(56) == 0 else { throw PostColumnsError("unknown flags in its header") }
        guard let layout = Layout(posts: u64(16), strings: u64(24), stringBytes: u64(32), listEntries: u64(40)),
              layout.size == bytes.count else {
            throw PostColumnsError("its header's counts do not match its size of \(bytes.count) bytes (cut off or damaged)")
        }
        guard Self.checksum(UnsafeRawBufferPointer(rebasing: bytes[Self.headerSize...])) == u64(48) else {
            throw PostColumnsError("its checksum does not match (damaged)")
        }
        guard bytes[64..<128].elementsEqual(posts.hex.utf8) else {
            throw PostColumnsError("made from other posts than \(posts.short)")
        }
        file = bytes
        count = layout.posts
        stringCount = layout.strings
        createdAtOffset = layout.createdAt
        stringFieldOffset = layout.stringFields
        kindOffset = layout.kinds
        listStartOffset = layout.listStarts
        listOffset = layout.lists
        stringStartOffset = layout.stringStarts
        stringBytesOffset = layout.stringBytes
        try check(stringBytes: layout.stringByteCount, listEntries: layout.listEntries)
    }

    /// Post `i`'s `created_at`.
    @inline(__always)
    package func createdAt(_ i: Int) -> Int64 {
        Int64(littleEndian: file.loadUnaligned(fromByteOffset: createdAtOffset + 8 * i, as: Int64.self))
    }

    /// Post `i`'s kind.
    @inline(__always)
    package func kind(_ i: Int) -> Post.Kind { Self.kinds[Int(file[kindOffset + i])] }

    /// Post `i`'s `field` as a string number, or `none`.
    @inline(__always)
    package func string(_ field: StringField, of i: Int) -> UInt32 {
        UInt32(littleEndian: file.loadUnaligned(fromByteOffset: stringFieldOffset[field.rawValue] + 4 * i, as: UInt32.self))
    }

    /// Post `i`'s list `field`: the string numbers of its entries.
    package func list(_ field: ListField, of i: Int) -> some RandomAccessCollection<UInt32> {
        let lower = listStart(3 * i + field.rawValue), upper = listStart(3 * i + field.rawValue + 1)
        return (lower..<upper).lazy.map { entry in
            UInt32(littleEndian: self.file.loadUnaligned(fromByteOffset: self.listOffset + 4 * entry, as: UInt32.self))
        }
    }

    /// The UTF-8 bytes of string `number` (not `none`).
    @inline(__always)
    package func bytes(of number: UInt32) -> UnsafeBufferPointer<UInt8> {
        let lower = stringStart(Int(number)), upper = stringStart(Int(number) + 1)
        return UnsafeRawBufferPointer(rebasing: file[stringBytesOffset + lower..<stringBytesOffset + upper])
            .assumingMemoryBound(to: UInt8.self)
    }

    @inline(__always)
    private func listStart(_ index: Int) -> Int {
        Int(UInt64(littleEndian: file.loadUnaligned(fromByteOffset: listStartOffset + 8 * index, as: UInt64.self)))
    }

    @inline(__always)
    private func stringStart(_ index: Int) -> Int {
        Int(UInt64(littleEndian: file.loadUnaligned(fromByteOffset: stringStartOffset + 8 * index, as: UInt64.self)))
    }

    /// Every number in range, starts that never go back, valid UTF-8 in each string.
    private func check(stringBytes: Int, listEntries: Int) throws(PostColumnsError) {
        for i in 0..<count where Int(file[kindOffset + i]) >= Self.kinds.count {
            throw PostColumnsError("post \(i + 1) has kind number \(file[kindOffset + i])")
        }
        for field in StringField.allCases {
            for i in 0..<count {
                let number = string(field, of: i)
                guard Int(number) < stringCount || (number == Self.none && field != .postID && field != .authorID) else {
                    throw PostColumnsError("post \(i + 1) names string \(number) as its \(field), of \(stringCount)")
                }
            }
        }
        var previous = 0
        for index in 0...(3 * count) {
            let start = listStart(index)
            guard start >= previous, start <= listEntries, index > 0 || start == 0 else {
                throw PostColumnsError("list start \(index) is out of order")
            }
            previous = start
        }
        guard previous == listEntries else { throw PostColumnsError("its lists do not end where its entries do") }
        for entry in 0..<listEntries {
            let number = UInt32(littleEndian: file.loadUnaligned(fromByteOffset: listOffset + 4 * entry, as: UInt32.self))
            guard Int(number) < stringCount else { throw PostColumnsError("list entry \(entry) names string \(number), of \(stringCount)") }
        }
        previous = 0
        let all = UnsafeRawBufferPointer(rebasing: file[stringBytesOffset..<stringBytesOffset + stringBytes])
            .assumingMemoryBound(to: UInt8.self)
        for number in 0...stringCount {
            let start = stringStart(number)
            guard start >= previous, start <= stringBytes, number > 0 || start == 0 else {
                throw PostColumnsError("string start \(number) is out of order")
            }
            if number > 0, !UTF8Sequence.isValid(UnsafeBufferPointer(rebasing: all[previous..<start])) {
                throw PostColumnsError("string \(number - 1) is not valid UTF-8")
            }
            previous = start
        }
        guard previous == stringBytes else { throw PostColumnsError("its strings do not end where its string bytes do") }
    }

    /// A 64-bit checksum of `bytes` in four lanes: finds damage (a cut, a changed byte), not forgery.
    static func checksum(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        let prime: UInt64 = 0x9E37_79B9_7F4A_7C15
        var lanes: (UInt64, UInt64, UInt64, UInt64) = (1, 2, 3, 4)
        @inline(__always) func mix(_ lane: UInt64, _ word: UInt64) -> UInt64 {
            let mixed = (lane ^ word) &* prime
            return mixed ^ (mixed >> 29)
        }
        var position = 0
        while position + 32 <= bytes.count {
            lanes.0 = mix(lanes.0, bytes.loadUnaligned(fromByteOffset: position, as: UInt64.self))
            lanes.1 = mix(lanes.1, bytes.loadUnaligned(fromByteOffset: position + 8, as: UInt64.self))
            lanes.2 = mix(lanes.2, bytes.loadUnaligned(fromByteOffset: position + 16, as: UInt64.self))
            lanes.3 = mix(lanes.3, bytes.loadUnaligned(fromByteOffset: position + 24, as: UInt64.self))
            position += 32
        }
        var tail = UInt64(bytes.count)
        while position < bytes.count {
            tail = mix(tail, UInt64(bytes[position]))
            position += 1
        }
        return mix(mix(mix(mix(tail, lanes.0), lanes.1), lanes.2), lanes.3)
    }
}

extension PostColumns {
    /// Where each section starts for given counts, and the file's size; nil if they overflow.
    struct Layout {
        var posts = 0, strings = 0, stringByteCount = 0, listEntries = 0
        var createdAt = 0, stringFields: [Int] = [], kinds = 0, listStarts = 0, lists = 0, stringStarts = 0, stringBytes = 0
        var size = 0

        init?(posts: UInt64, strings: UInt64, stringBytes: UInt64, listEntries: UInt64) {
            // Counts this large cannot be in a file that fits in memory; they would overflow below.
            let limit: UInt64 = 1 << 40
            guard posts < limit, strings < limit, stringBytes < limit, listEntries < limit else { return nil }
            self.posts = Int(posts)
            self.strings = Int(strings)
            stringByteCount = Int(stringBytes)
            self.listEntries = Int(listEntries)
            var end = PostColumns.headerSize
            func section(_ length: Int) -> Int {
                defer { end += (length + 7) & ~7 }
                return end
            }
            createdAt = section(8 * self.posts)
            stringFields = StringField.allCases.map { _ in section(4 * self.posts) }
            kinds = section(self.posts)
            listStarts = section(8 * (3 * self.posts + 1))
            lists = section(4 * self.listEntries)
            stringStarts = section(8 * (self.strings + 1))
            self.stringBytes = section(stringByteCount)
            size = end
        }
    }
}

/// A posts columns file that cannot be read as it is.
package struct PostColumnsError: Error, Sendable, CustomStringConvertible {
    package var problem: String
    init(_ problem: String) { self.problem = problem }
    package var description: String { "posts columns: \(problem)" }
}

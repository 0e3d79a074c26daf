import Testing
@testable import ToetsModel

/// The posts' binary form: it gives back the fields it keeps exactly as the posts hold them, and
/// a file that is cut off, damaged, made from other posts or inconsistent is refused, never read.
@Suite struct PostColumnsTests {
    static let posts: [Post] = [
        Post(platform: "x", sourceFormat: "t", postID: "p1.k.post1", authorID: "p1.k.anna", createdAt: 100,
             text: "café – zwembad 🏊", kind: .post, urls: ["https://nieuws.nl/a", "", "https://nieuws.nl/a"],
             hashtags: ["zwembad", "gemeente"], mentions: ["p1.k.bert"]),
        Post(platform: "x", sourceFormat: "t", postID: "p1.k.post2", authorID: "p1.k.bert", createdAt: 100,
             text: nil, kind: .repost, refPostID: "p1.k.post1", refAuthorID: "p1.k.anna"),
        // The same text in two spellings of é (one code point, or e and a combining accent): two strings.
        Post(platform: "x", sourceFormat: "t", postID: "p1.k.post3", authorID: "p1.k.caf\u{E9}", createdAt: 160,
             text: "caf\u{E9}", kind: .reply, refPostID: "", threadID: "p1.k.post1"),
        Post(platform: "x", sourceFormat: "t", postID: "p1.k.post4", authorID: "p1.k.cafe\u{301}", createdAt: 161,
             text: "cafe\u{301}", kind: .quote, refPostID: "p1.k.post1", urls: ["https://nieuws.nl/a"]),
        Post(platform: "x", sourceFormat: "t", postID: "p1.k.post1", authorID: "p1.k.anna", createdAt: 170,
             text: "", kind: .forward, hashtags: []),
        Post(platform: "x", sourceFormat: "t", postID: "p1.k.post5", authorID: "p1.k.dirk", createdAt: 170,
             text: "zei \"nee\"\nen\u{0}ging", kind: .comment, mentions: ["p1.k.anna", "p1.k.anna"]),
    ]

    static let digest = Digest.sha256(of: Post.canonicalLines(posts))

    static func open<T>(_ bytes: [UInt8], posts: Digest = digest, _ read: (PostColumns) -> T) throws -> T {
        try bytes.withUnsafeBytes { read(try PostColumns($0, posts: posts)) }
    }

    static func string(_ columns: PostColumns, _ number: UInt32) -> String? {
        number == PostColumns.none ? nil : String(decoding: columns.bytes(of: number), as: UTF8.self)
    }

    @Test func theColumnsGiveBackEveryFieldTheyKeepByteForByte() throws {
        let bytes = PostColumns.write(Self.posts, postsDigest: Self.digest)
        #expect(bytes == PostColumns.write(Self.posts, postsDigest: Self.digest), "the same posts, the same bytes")
        let read: [Post] = try Self.open(bytes) { columns in
            (0..<columns.count).map { i in
                func field(_ field: PostColumns.StringField) -> String? { Self.string(columns, columns.string(field, of: i)) }
                func list(_ field: PostColumns.ListField) -> [String] { columns.list(field, of: i).map { Self.string(columns, $0)! } }
                return Post(platform: "x", sourceFormat: "t", postID: field(.postID)!, authorID: field(.authorID)!,
                            createdAt: columns.createdAt(i), text: field(.text), kind: columns.kind(i),
                            refPostID: field(.refPostID), refAuthorID: field(.refAuthorID), threadID: field(.threadID),
                            urls: list(.urls), hashtags: list(.hashtags), mentions: list(.mentions))
            }
        }
        #expect(read == Self.posts)
        // Byte for byte: Swift's == takes the two spellings of é as equal, the file must not.
        #expect(read.map { Array($0.authorID.utf8) } == Self.posts.map { Array($0.authorID.utf8) })
        #expect(read.map { $0.text.map { Array($0.utf8) } } == Self.posts.map { $0.text.map { Array($0.utf8) } })
        let distinct: Int = try Self.open(bytes) { $0.stringCount }
        #expect(distinct == 18, "each distinct string once, both spellings of café apart")
        let empty = PostColumns.write([], postsDigest: Digest.sha256(of: []))
        #expect(try Self.open(empty, posts: Digest.sha256(of: [])) { $0.count } == 0)
    }

    @Test func aFileCutOffOrWithAnyByteChangedIsRefused() throws {
        let bytes = PostColumns.write(Self.posts, postsDigest: Self.digest)
        for length in 0..<bytes.count {
            #expect(throws: PostColumnsError.self, "cut at \(length)") { try Self.open(Array(bytes[..<length])) { $0.count } }
        }
        for position in bytes.indices {
            for change: UInt8 in [0x01, 0x80, 0xFF] {
                var damaged = bytes
                damaged[position] ^= change
                #expect(throws: PostColumnsError.self, "byte \(position) ^ \(change)") { try Self.open(damaged) { $0.count } }
            }
        }
        #expect(throws: PostColumnsError.self) { try Self.open(bytes + [0, 0, 0, 0, 0, 0, 0, 0]) { $0.count } }
    }

    @Test func aFileOfOtherPostsIsRefused() throws {
        let bytes = PostColumns.write(Self.posts, postsDigest: Self.digest)
        let other = Digest.sha256(of: Post.canonicalLines(Array(Self.posts.dropLast())))
        #expect(throws: PostColumnsError.self) { try Self.open(bytes, posts: other) { $0.count } }
    }

    /// A file whose checksum was made to match (not a damaged file: a wrong one) is still refused
    /// where a reader would go out of range or read something other than UTF-8.
    @Test func anInconsistentFileWithAMatchingChecksumIsRefused() throws {
        let bytes = PostColumns.write(Self.posts, postsDigest: Self.digest)
        // Where the per-post sections start depends on the number of posts only.
        let layout = try #require(PostColumns.Layout(posts: UInt64(Self.posts.count), strings: 0, stringBytes: 0, listEntries: 0))
        func resealed(_ change: (inout [UInt8]) -> Void) -> [UInt8] {
            var forged = bytes
            change(&forged)
            let checksum = forged.withUnsafeBytes { PostColumns.checksum(UnsafeRawBufferPointer(rebasing: $0[PostColumns.headerSize...])) }
            withUnsafeBytes(of: checksum.littleEndian) { forged.replaceSubrange(48..<56, with: $0) }
            return forged
        }
        func u32(_ value: UInt32, at offset: Int) -> (inout [UInt8]) -> Void {
            { forged in withUnsafeBytes(of: value.littleEndian) { forged.replaceSubrange(offset..<offset + 4, with: $0) } }
        }
        let authorSection = layout.stringFields[PostColumns.StringField.authorID.rawValue]
        let forgeries: [(String, [UInt8])] = [
            ("an author beyond the strings", resealed(u32(21, at: authorSection))),
            ("a null author", resealed(u32(PostColumns.none, at: authorSection))),
            ("a null post id", resealed(u32(PostColumns.none, at: layout.stringFields[0] + 4))),
            ("a kind beyond the kinds", resealed { $0[layout.kinds + 2] = 6 }),
            ("a list start going back", resealed(u32(7, at: layout.listStarts + 8))),
            ("a string that is not UTF-8", resealed { $0[$0.count - 9] = 0xFF }),
        ]
        for (what, forged) in forgeries {
            #expect(throws: PostColumnsError.self, "\(what)") { try Self.open(forged) { $0.count } }
        }
    }
}

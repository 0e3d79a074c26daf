extension PostColumns {
    /// The columns file of `posts` (in the order of their artefact, whose digest is `postsDigest`):
    /// the same bytes for the same posts and digest.
    package static func write(_ posts: [Post], postsDigest: Digest) -> [UInt8] {
        var bytes = write(posts)
        bind(&bytes, to: postsDigest)
        return bytes
    }

    /// Binds a columns file made by `write(_:)` to the digest of the posts artefact it was made
    /// from (the digest lies in the header, outside the checksum): anonymise makes the columns
    /// before writing the lines frees the posts, and binds them once the lines are stored.
    package static func bind(_ bytes: inout [UInt8], to postsDigest: Digest) {
        bytes.replaceSubrange(64..<128, with: Array(postsDigest.hex.utf8))
    }

    /// The columns file of `posts` bound to no posts artefact (its digest field is zeros, so it
    /// opens for none until `bind`). Each distinct string is kept once, numbered in order of
    /// first appearance (post by post, fields in section order, then URLs, hashtags, mentions).
    package static func write(_ posts: [Post]) -> [UInt8] {
        var strings = StringTable()
        var fields = StringField.allCases.map { _ in [UInt32]() }
        for index in fields.indices { fields[index].reserveCapacity(posts.count) }
        var listStarts: [UInt64] = [0]
        listStarts.reserveCapacity(3 * posts.count + 1)
        var lists: [UInt32] = []
        for post in posts {
            let values = [post.postID, post.authorID, post.refPostID, post.refAuthorID, post.threadID, post.text]
            for (index, value) in values.enumerated() {
                fields[index].append(value.map { strings.number(of: $0) } ?? Self.none)
            }
            for list in [post.urls, post.hashtags, post.mentions] {
                for value in list { lists.append(strings.number(of: value)) }
                listStarts.append(UInt64(lists.count))
            }
        }
        let layout = Layout(posts: UInt64(posts.count), strings: UInt64(strings.count), stringBytes: UInt64(strings.bytes.count),
                            listEntries: UInt64(lists.count))!
        var out = [UInt8]()
        out.reserveCapacity(layout.size)
        out += magic
        func append<T: FixedWidthInteger>(_ value: T) {
            withUnsafeBytes(of: value.littleEndian) { out.append(contentsOf: $0) }
        }
        func pad() { out += [UInt8](repeating: 0, count: (8 - out.count % 8) % 8) }
        append(formatVersion)
        append(UInt32(0))
        for count in [posts.count, strings.count, strings.bytes.count, lists.count] { append(UInt64(count)) }
        append(UInt64(0))  // the checksum, filled in below
        append(UInt64(0))
        out += [UInt8](repeating: 0, count: 64)  // the posts digest, filled in by `bind`
        for post in posts { append(post.createdAt) }
        for field in fields {
            pad()
            for number in field { append(number) }
        }
        pad()
        for post in posts { out.append(UInt8(Self.kinds.firstIndex(of: post.kind)!)) }
        pad()
        for start in listStarts { append(start) }
        for number in lists { append(number) }
        pad()
        for start in strings.starts { append(UInt64(start)) }
        out += strings.bytes
        pad()
        precondition(out.count == layout.size, "the posts columns layout and writer disagree")
        let sum = out.withUnsafeBytes { Self.checksum(UnsafeRawBufferPointer(rebasing: $0[Self.headerSize...])) }
        withUnsafeBytes(of: sum.littleEndian) { out.replaceSubrange(48..<56, with: $0) }
        return out
    }

    /// Distinct strings by their UTF-8 bytes (not by `String` equality, which would take two
    /// spellings of one character as one), numbered in order of first appearance.
    private struct StringTable {
        var bytes: [UInt8] = []
        var starts: [Int] = [0]
        /// A string's hash to its first number; `next` chains numbers of equal hashes.
        private var first: [Int: UInt32] = [:]
        private var next: [UInt32] = []

        var count: Int { starts.count - 1 }

        mutating func number(of value: String) -> UInt32 {
            var value = value
            return value.withUTF8 { utf8 in
                var hasher = Hasher()
                hasher.combine(bytes: UnsafeRawBufferPointer(utf8))
                let hash = hasher.finalize()
                var candidate = first[hash] ?? PostColumns.none
                while candidate != PostColumns.none {
                    if bytes[starts[Int(candidate)]..<starts[Int(candidate) + 1]].elementsEqual(utf8) { return candidate }
                    candidate = next[Int(candidate)]
                }
                precondition(count < Int(PostColumns.none), "more distinct strings than a posts columns file numbers")
                let number = UInt32(count)
                next.append(first[hash] ?? PostColumns.none)
                first[hash] = number
                bytes.append(contentsOf: utf8)
                starts.append(bytes.count)
                return number
            }
        }
    }
}

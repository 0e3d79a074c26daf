import ToetsModel

extension CoActionInput {
    /// The posts of a posts columns file (`PostColumns`, checked when opened) as an input of
    /// `columns`: the same input as `init(postsArtefact:…)` on the NDJSON posts it was made from.
    ///
    /// Its strings are numbered already, each distinct string once, so that posts in time order
    /// without a repeated post id (what anonymise writes) become an input by renumbering arrays,
    /// hashing only the distinct names; other posts go through `Builder`, as NDJSON lines do.
    package init(postColumns posts: PostColumns, columns: Columns) {
        let count = posts.count
        var sorted = true, repeated = false
        var seen = [Bool](repeating: false, count: posts.stringCount)
        for m in 0..<count {
            if m > 0 && posts.createdAt(m) < posts.createdAt(m - 1) { sorted = false }
            let id = Int(posts.string(.postID, of: m))
            if seen[id] { repeated = true }
            seen[id] = true
        }
        guard sorted && !repeated else {
            self = Self.built(posts, columns: columns)
            return
        }
        let names = columns.contains(.names)
        // Accounts in byte order, as `Builder` ranks them.
        var accountNumber = [Int32](repeating: -1, count: posts.stringCount)
        var authors: [UInt32] = []
        for m in 0..<count {
            let author = posts.string(.authorID, of: m)
            if accountNumber[Int(author)] < 0 {
                accountNumber[Int(author)] = 0
                authors.append(author)
            }
        }
        authors.sort { posts.bytes(of: $0).lexicographicallyPrecedes(posts.bytes(of: $1)) }
        for (rank, author) in authors.enumerated() { accountNumber[Int(author)] = Int32(rank) }
        let accounts = authors.map { String(decoding: posts.bytes(of: $0), as: UTF8.self) }

        var author = [Int32](), time = [Int64](), isRepost = [Bool]()
        author.reserveCapacity(count)
        time.reserveCapacity(count)
        isRepost.reserveCapacity(count)
        var reposted = Renumbering(posts, size: columns.contains(.reposted) ? posts.stringCount : 0, names: names)
        var repliedTo = Renumbering(posts, size: columns.contains(.repliedTo) ? posts.stringCount : 0, names: names)
        var urlIDs = Renumbering(posts, size: columns.contains(.urls) ? posts.stringCount : 0, names: names)
        var repostOf = [Int32](), replyTo = [Int32](), textBytes = [UInt8](), textStart = [0]
        var urlStart: [Int32] = [0], urls = [Int32](), postIDBytes = [UInt8](), postIDStart = [0]
        for m in 0..<count {
            let kind = posts.kind(m)
            author.append(accountNumber[Int(posts.string(.authorID, of: m))])
            time.append(posts.createdAt(m))
            isRepost.append(kind == .repost)
            let reference = posts.string(.refPostID, of: m)
            let refers = reference != PostColumns.none && !posts.bytes(of: reference).isEmpty
            if columns.contains(.reposted) { repostOf.append(kind == .repost && refers ? reposted.number(reference) : -1) }
            if columns.contains(.repliedTo) { replyTo.append(kind == .reply && refers ? repliedTo.number(reference) : -1) }
            if columns.contains(.text) {
                let text = posts.string(.text, of: m)
                if kind != .repost && text != PostColumns.none { textBytes.append(contentsOf: posts.bytes(of: text)) }
                textStart.append(textBytes.count)
            }
            if columns.contains(.urls) {
                let first = urls.count
                if kind != .repost {
                    for url in posts.list(.urls, of: m) where !posts.bytes(of: url).isEmpty {
                        let id = urlIDs.number(url)
                        if !urls[first...].contains(id) { urls.append(id) }
                    }
                }
                urlStart.append(Int32(urls.count))
            }
            if names {
                postIDBytes.append(contentsOf: posts.bytes(of: posts.string(.postID, of: m)))
                postIDStart.append(postIDBytes.count)
            }
        }
        self.init(columns: columns, accounts: accounts, author: author, time: time, isRepost: isRepost, repostOf: repostOf,
                  replyTo: replyTo, textBytes: textBytes, textStart: textStart, urlStart: urlStart, urls: urls,
                  postIDBytes: postIDBytes, postIDStart: postIDStart, repostedNames: reposted.names,
                  repliedNames: repliedTo.names, urlNames: urlIDs.names)
    }

    /// Strings of the file numbered anew in order of first use, as `Builder` numbers them; with
    /// `names`, their bytes in that order too.
    private struct Renumbering {
        let posts: PostColumns
        var number: [Int32]
        var names = ByteInterner()
        var keepsNames: Bool
        var next: Int32 = 0

        init(_ posts: PostColumns, size: Int, names: Bool) {
            self.posts = posts
            number = [Int32](repeating: -1, count: size)
            keepsNames = names
        }

        @inline(__always)
        mutating func number(_ string: UInt32) -> Int32 {
            if number[Int(string)] < 0 {
                number[Int(string)] = next
                next += 1
                if keepsNames { _ = names.intern(posts.bytes(of: string)) }
            }
            return number[Int(string)]
        }
    }

    /// The input through `Builder`, post by post (posts out of time order, or a repeated post id).
    private static func built(_ posts: PostColumns, columns: Columns) -> CoActionInput {
        var builder = Builder(columns: columns, messages: posts.count, bytes: 0)
        let empty = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
        func bytes(_ number: UInt32) -> UnsafeBufferPointer<UInt8> { number == PostColumns.none ? empty : posts.bytes(of: number) }
        for m in 0..<posts.count {
            let kind: Builder.Kind = switch posts.kind(m) {
            case .repost: .repost
            case .reply: .reply
            default: .post
            }
            builder.addMessage(postID: bytes(posts.string(.postID, of: m)), author: bytes(posts.string(.authorID, of: m)),
                               time: posts.createdAt(m), kind: kind, reference: bytes(posts.string(.refPostID, of: m)),
                               text: bytes(posts.string(.text, of: m)))
            if kind != .repost {
                for url in posts.list(.urls, of: m) { builder.addURL(posts.bytes(of: url)) }
            }
        }
        return builder.input()
    }
}

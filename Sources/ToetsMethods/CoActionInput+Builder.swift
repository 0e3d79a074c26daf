import ToetsModel

extension CoActionInput {
    /// Builds an input message by message from the bytes of its fields, numbering accounts, posts
    /// and URLs as it goes, without a `String` per field. Only `columns` are kept.
    ///
    /// Repeated post ids are found at the end, by sorting their hashes: a hash table of every
    /// post id would cost a cache miss per message, more than reading the message.
    struct Builder {
        /// What a message is to CNT: a row with a `repost_id`, else one with a `reply_id`, else a post.
        enum Kind { case post, repost, reply }

        let columns: Columns
        /// Per message: its post id's hash; the ids themselves back to back.
        private var postIDHash: [UInt64] = []
        private var postIDBytes: [UInt8] = []
        private var postIDEnd: [Int] = []
        private var authors: ByteInterner
        private var reposted = ByteInterner()
        private var repliedTo = ByteInterner()
        private var urlIDs = ByteInterner()
        private var author: [Int32] = []
        private var time: [Int64] = []
        private var isRepost: [Bool] = []
        private var repostOf: [Int32] = []
        private var replyTo: [Int32] = []
        private var textBytes: [UInt8] = []
        private var textStart: [Int] = [0]
        private var urlStart: [Int32] = [0]
        private var urls: [Int32] = []

        /// A builder with room for `messages` messages of `bytes` bytes in all; reserved room that
        /// stays unused costs no memory.
        init(columns: Columns, messages: Int, bytes: Int) {
            self.columns = columns
            authors = ByteInterner(capacity: messages / 16)
            postIDHash.reserveCapacity(messages)
            postIDBytes.reserveCapacity(bytes / 4)
            postIDEnd.reserveCapacity(messages)
            author.reserveCapacity(messages)
            time.reserveCapacity(messages)
            isRepost.reserveCapacity(messages)
            if columns.contains(.reposted) { repostOf.reserveCapacity(messages) }
            if columns.contains(.repliedTo) { replyTo.reserveCapacity(messages) }
            if columns.contains(.text) {
                textBytes.reserveCapacity(bytes)
                textStart.reserveCapacity(messages + 1)
            }
            if columns.contains(.urls) { urlStart.reserveCapacity(messages + 1) }
        }

        /// Adds a message (one whose post id came before is dropped at the end). An empty
        /// `reference` names no post; a repost's text is left out.
        mutating func addMessage(postID: UnsafeBufferPointer<UInt8>, author: UnsafeBufferPointer<UInt8>, time: Int64,
                                 kind: Kind, reference: UnsafeBufferPointer<UInt8>, text: UnsafeBufferPointer<UInt8>) {
            postIDHash.append(StringInterner.hash(bytes: postID))
            postIDBytes.append(contentsOf: postID)
            postIDEnd.append(postIDBytes.count)
            self.author.append(authors.intern(author).id)
            self.time.append(time)
            isRepost.append(kind == .repost)
            if columns.contains(.reposted) {
                repostOf.append(kind == .repost && !reference.isEmpty ? reposted.intern(reference).id : -1)
            }
            if columns.contains(.repliedTo) {
                replyTo.append(kind == .reply && !reference.isEmpty ? repliedTo.intern(reference).id : -1)
            }
            if columns.contains(.text) {
                if kind != .repost { textBytes.append(contentsOf: text) }
                textStart.append(textBytes.count)
            }
            if columns.contains(.urls) { urlStart.append(Int32(urls.count)) }
        }

        /// Adds a post as CNT would see its row (see `CoActionInput`).
        mutating func add(_ post: Post) {
            let kind: Kind = post.kind == .repost ? .repost : post.kind == .reply ? .reply : .post
            var postID = post.postID, author = post.authorID, reference = post.refPostID ?? "", text = post.text ?? ""
            postID.withUTF8 { postID in
                author.withUTF8 { author in
                    reference.withUTF8 { reference in
                        text.withUTF8 { text in
                            addMessage(postID: postID, author: author, time: post.createdAt, kind: kind, reference: reference, text: text)
                        }
                    }
                }
            }
            guard kind != .repost else { return }
            for var url in post.urls { url.withUTF8 { addURL($0) } }
        }

        /// Adds a URL to the message added last, unless it is empty or the message has it already.
        /// The caller leaves out the URLs of reposts, and need not call this without `.urls`.
        mutating func addURL(_ url: UnsafeBufferPointer<UInt8>) {
            guard columns.contains(.urls), !url.isEmpty else { return }
            let id = urlIDs.intern(url).id
            let first = Int(urlStart[urlStart.count - 2])
            if urls[first...].contains(id) { return }
            urls.append(id)
            urlStart[urlStart.count - 1] += 1
        }

        /// Appends the messages of a builder of later rows, renumbering its accounts, posts and URLs.
        mutating func append(_ other: Builder) {
            precondition(other.columns == columns)
            let postIDOffset = postIDBytes.count
            postIDHash += other.postIDHash
            postIDBytes += other.postIDBytes
            postIDEnd += other.postIDEnd.map { $0 + postIDOffset }
            let authorID = authors.intern(contentsOf: other.authors)
            author += other.author.map { authorID[Int($0)] }
            time += other.time
            isRepost += other.isRepost
            let repostID = reposted.intern(contentsOf: other.reposted), replyID = repliedTo.intern(contentsOf: other.repliedTo)
            repostOf += other.repostOf.map { $0 < 0 ? -1 : repostID[Int($0)] }
            replyTo += other.replyTo.map { $0 < 0 ? -1 : replyID[Int($0)] }
            let textOffset = textBytes.count
            textBytes += other.textBytes
            textStart += other.textStart.dropFirst().map { $0 + textOffset }
            let urlOffset = Int32(urls.count), urlID = urlIDs.intern(contentsOf: other.urlIDs)
            urls += other.urls.map { urlID[Int($0)] }
            urlStart += other.urlStart.dropFirst().map { $0 + urlOffset }
        }

        /// The input: messages in time order, accounts numbered in byte order.
        func input() -> CoActionInput {
            let repeated = repeatedPostIDs()
            // Rows come in time order from a collection export, so sorting is rarely needed. The
            // order of equal times does not matter: no network depends on it.
            let sorted = !time.indices.dropFirst().contains { time[$0] < time[$0 - 1] }
            guard repeated.isEmpty && sorted else {
                var kept = [Bool](repeating: true, count: time.count)
                for message in repeated { kept[message] = false }
                return input(messages: time.indices.filter { kept[$0] }.sorted { time[$0] < time[$1] })
            }
            let (accounts, rank) = rankedAccounts(used: nil)
            let names = columns.contains(.names)
            return CoActionInput(columns: columns, accounts: accounts, author: author.map { rank[Int($0)] }, time: time,
                                 isRepost: isRepost, repostOf: repostOf, replyTo: replyTo, textBytes: textBytes,
                                 textStart: textStart, urlStart: urlStart, urls: urls,
                                 postIDBytes: names ? postIDBytes : [], postIDStart: names ? [0] + postIDEnd : [0],
                                 repostedNames: names ? reposted : ByteInterner(), repliedNames: names ? repliedTo : ByteInterner(),
                                 urlNames: names ? urlIDs : ByteInterner())
        }

        /// The input of some of the messages, in the order given.
        private func input(messages order: [Int]) -> CoActionInput {
            var used = [Bool](repeating: false, count: authors.count)
            for m in order { used[Int(author[m])] = true }
            let (accounts, rank) = rankedAccounts(used: used)
            func reordered<T>(_ column: [T]) -> [T] { column.isEmpty ? [] : order.map { column[$0] } }
            var textBytes: [UInt8] = [], textStart = [0], urlStart: [Int32] = [0], urls: [Int32] = []
            var postIDs: [UInt8] = [], postIDStart = [0], skippedAccounts: [String] = []
            let names = columns.contains(.names)
            if names {
                for m in order {
                    postIDs.append(contentsOf: postIDBytes[(m == 0 ? 0 : postIDEnd[m - 1])..<postIDEnd[m]])
                    postIDStart.append(postIDs.count)
                }
                skippedAccounts = used.indices.filter { !used[$0] }.map { authors.string(Int32($0)) }
                    .sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            }
            if columns.contains(.text) {
                for m in order {
                    textBytes.append(contentsOf: self.textBytes[self.textStart[m]..<self.textStart[m + 1]])
                    textStart.append(textBytes.count)
                }
            }
            if columns.contains(.urls) {
                for m in order {
                    urls.append(contentsOf: self.urls[Int(self.urlStart[m])..<Int(self.urlStart[m + 1])])
                    urlStart.append(Int32(urls.count))
                }
            }
            return CoActionInput(columns: columns, accounts: accounts, author: order.map { rank[Int(author[$0])] },
                                 time: reordered(time), isRepost: reordered(isRepost), repostOf: reordered(repostOf),
                                 replyTo: reordered(replyTo), textBytes: textBytes, textStart: textStart,
                                 urlStart: urlStart, urls: urls, postIDBytes: postIDs, postIDStart: postIDStart,
                                 repostedNames: names ? reposted : ByteInterner(), repliedNames: names ? repliedTo : ByteInterner(),
                                 urlNames: names ? urlIDs : ByteInterner(), skippedAccounts: skippedAccounts)
        }

        /// The account ids (of the `used` ones, or all) in byte order, and each id's rank there.
        private func rankedAccounts(used: [Bool]?) -> (accounts: [String], rank: [Int32]) {
            let order = authors.storage.withUnsafeBufferPointer { storage in
                let start = authors.start
                return (0..<authors.count).filter { used?[$0] ?? true }.sorted {
                    storage[start[$0]..<start[$0 + 1]].lexicographicallyPrecedes(storage[start[$1]..<start[$1 + 1]])
                }
            }
            var rank = [Int32](repeating: -1, count: authors.count)
            for (position, id) in order.enumerated() { rank[id] = Int32(position) }
            return (order.map { authors.string(Int32($0)) }, rank)
        }

        /// The messages whose post id an earlier message has, ascending.
        private func repeatedPostIDs() -> [Int] {
            var hashes = postIDHash
            var messages = (0..<UInt32(postIDHash.count)).map { $0 }
            RadixSort.sort(keys: &hashes, values: &messages)
            var repeated: [Int] = []
            var distinct: [Int] = []
            postIDBytes.withUnsafeBufferPointer { bytes in
                func postID(_ m: Int) -> UnsafeBufferPointer<UInt8> {
                    UnsafeBufferPointer(rebasing: bytes[(m == 0 ? 0 : postIDEnd[m - 1])..<postIDEnd[m]])
                }
                var start = 0
                while start < hashes.count {
                    var end = start + 1
                    while end < hashes.count && hashes[end] == hashes[start] { end += 1 }
                    // Equal hashes, in message order (the sort is stable): compare the bytes with
                    // each different id seen so far in the run.
                    if end - start > 1 {
                        distinct.removeAll(keepingCapacity: true)
                        for m in messages[start..<end].map(Int.init) {
                            if distinct.contains(where: { postID($0).elementsEqual(postID(m)) }) {
                                repeated.append(m)
                            } else {
                                distinct.append(m)
                            }
                        }
                    }
                    start = end
                }
            }
            return repeated.sorted()
        }
    }
}

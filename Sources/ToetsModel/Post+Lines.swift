import Dispatch
import Synchronization

extension Post {
    /// Every post of a posts artefact (NDJSON, as `canonicalLine` writes it), or an error
    /// naming the artefact, line and field of the first record that is not a post.
    ///
    /// Parsed on every core in blocks of whole lines; the posts come out in file order and the
    /// error named is the first in the file, whatever the number of cores (`blockSize`: bytes a
    /// block holds at least, short of the end).
    /// `projected`: the lines are a projection (`PostFields.project`), whose missing keys read as empty.
    package static func decodeLines(_ bytes: [UInt8], artefact: String, projected: Bool = false,
                                    blockSize: Int = 1 << 20) throws(PostsArtefactError) -> [Post] {
        let blocks = lineBlocks(bytes, size: blockSize)
        // Each block's posts go straight to their place in the result (a post per line that is
        // not empty, counted first), not through a block's array copied and freed on one core.
        let lines = inLineBlocks(bytes, size: blockSize) { buffer, range in nonEmptyLines(buffer, range) }
        // Where each block's posts start in the result, by the block's first byte.
        var starts: [Int: Int] = [:]
        var total = 0
        for (range, count) in zip(blocks, lines) {
            starts[range.lowerBound] = total
            total += count
        }
        let firsts = starts
        var failure: PostsArtefactError?
        let posts = [Post](unsafeUninitializedCapacity: total) { output, initialized in
            let shared = SharedPosts(buffer: output)
            let results = inLineBlocks(bytes, size: blockSize) { buffer, range in
                decodeBlock(buffer, range, projected: projected, into: shared.buffer.baseAddress! + firsts[range.lowerBound]!)
            }
            var linesBefore = 0
            for block in results {
                if failure == nil, let (line, problem) = block.failure {
                    failure = PostsArtefactError(artefact: artefact, line: linesBefore + line, problem: problem)
                }
                linesBefore += block.newlines
            }
            if failure != nil {
                // Nothing is returned: the posts read so far are freed.
                for (range, block) in zip(blocks, results) {
                    (shared.buffer.baseAddress! + firsts[range.lowerBound]!).deinitialize(count: block.posts)
                }
                initialized = 0
            } else {
                // Without a bad line every line that is not empty gave its post.
                precondition(results.reduce(0) { $0 + $1.posts } == total, "a block read fewer posts than it has lines")
                initialized = total
            }
        }
        if let failure { throw failure }
        return posts
    }

    /// The posts a block read (at its place in the result), its newlines, and its first bad
    /// line (counted from 1 in the block).
    private struct Block: Sendable {
        var posts = 0
        var newlines = 0
        var failure: (line: Int, problem: String)?
    }

    /// Posts shared by workers that each write or take only their own indices (`decodeLines`
    /// fills its result so, each block at its own place; anonymise reads and writes so).
    package struct SharedPosts: @unchecked Sendable {
        package let buffer: UnsafeMutableBufferPointer<Post>

        package init(buffer: UnsafeMutableBufferPointer<Post>) {
            self.buffer = buffer
        }

        /// The post at `index`, moved out; an empty post (`Post.taken`) takes its place.
        package func take(_ index: Int) -> Post {
            let post = (buffer.baseAddress! + index).move()
            (buffer.baseAddress! + index).initialize(to: Post.taken)
            return post
        }
    }

    /// What a post taken out of an array leaves in its place: no heap storage, nothing to free.
    package static let taken = Post(platform: "", sourceFormat: "", postID: "", authorID: "", createdAt: 0)

    /// The lines of `range` that are not empty: the posts it holds if all are posts.
    private static func nonEmptyLines(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int {
        var count = 0
        var start = range.lowerBound
        while start < range.upperBound {
            var end = start
            while end < range.upperBound, bytes[end] != 0x0A { end += 1 }
            if end > start { count += 1 }
            start = end + 1
        }
        return count
    }

    /// `work` on each block of whole lines of `bytes` (`lineBlocks`), on every core; the results
    /// in the blocks' order.
    static func inLineBlocks<T: Sendable>(_ bytes: [UInt8], size: Int,
                                          _ work: @Sendable (UnsafeBufferPointer<UInt8>, Range<Int>) -> T) -> [T] {
        let blocks = lineBlocks(bytes, size: size)
        let done = Mutex<[Int: T]>([:])
        bytes.withUnsafeBufferPointer { buffer in
            let shared = SharedBytes(buffer: buffer)
            DispatchQueue.concurrentPerform(iterations: blocks.count) { index in
                let result = work(shared.buffer, blocks[index])
                done.withLock { $0[index] = result }
            }
        }
        return done.withLock { done in blocks.indices.compactMap { done[$0] } }
    }

    /// The bytes being read, never written, by every worker while `inLineBlocks` holds them.
    private struct SharedBytes: @unchecked Sendable {
        let buffer: UnsafeBufferPointer<UInt8>
    }

    /// Ranges of about `size` bytes that end just after a newline (the last at the end).
    static func lineBlocks(_ bytes: [UInt8], size: Int) -> [Range<Int>] {
        var blocks: [Range<Int>] = []
        var start = 0
        while start < bytes.count {
            var end = min(bytes.count, start + max(1, size))
            while end < bytes.count, bytes[end - 1] != 0x0A { end += 1 }
            blocks.append(start..<end)
            start = end
        }
        return blocks.isEmpty ? [0..<0] : blocks
    }

    /// Reads the lines of `range` into `output` onwards, stopping at the first bad line.
    private static func decodeBlock(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, projected: Bool,
                                    into output: UnsafeMutablePointer<Post>) -> Block {
        var block = Block()
        var start = range.lowerBound
        while start < range.upperBound {
            var end = start
            while end < range.upperBound, bytes[end] != 0x0A { end += 1 }
            if end < range.upperBound { block.newlines += 1 }
            if end > start {
                // Lines as Toets writes them take the one-pass reader; any other the general one.
                if !projected, let post = Post.canonical(UnsafeBufferPointer(rebasing: bytes[start..<end])) {
                    (output + block.posts).initialize(to: post)
                    block.posts += 1
                    start = end + 1
                    continue
                }
                do {
                    (output + block.posts).initialize(to: try Post(json: JSONDocument(Array(bytes[start..<end])).root,
                                                                   projected: projected))
                    block.posts += 1
                } catch {
                    block.failure = (block.newlines + (end < range.upperBound ? 0 : 1), "\(error)")
                    return block
                }
            }
            start = end + 1
        }
        return block
    }
}

extension Post {
    /// Puts `posts` in canonical order (`canonicalOrder`): their positions are sorted, not the
    /// posts, which are large to move; then each post moves once, along the cycles of the
    /// permutation, without being copied.
    package static func sortCanonically(_ posts: inout [Post]) {
        let order = posts.indices.sorted { a, b in canonicalOrder(posts[a], posts[b]) }
        var placed = [Bool](repeating: false, count: posts.count)
        for start in posts.indices where !placed[start] {
            // Position `current` takes the post at `order[current]`; the last of the cycle already holds it.
            var current = start
            while true {
                placed[current] = true
                let next = order[current]
                if next == start { break }
                posts.swapAt(current, next)
                current = next
            }
        }
    }

    /// The canonical lines of `posts`, in their order: written on every core in blocks, then
    /// joined, the same bytes as one `write(to:)` after another.
    package static func canonicalLines(_ posts: [Post], blockSize: Int = 8_192) -> [UInt8] {
        let blockSize = max(1, blockSize)
        let blocks = (posts.count + blockSize - 1) / blockSize
        let written = Mutex<[Int: [UInt8]]>([:])
        DispatchQueue.concurrentPerform(iterations: blocks) { block in
            var writer = CanonicalJSONWriter(capacity: 1 << 20)
            for post in posts[block * blockSize..<min(posts.count, (block + 1) * blockSize)] { post.write(to: &writer) }
            let bytes = writer.bytes
            written.withLock { $0[block] = bytes }
        }
        return written.withLock { written in
            var bytes: [UInt8] = []
            bytes.reserveCapacity(written.values.reduce(0) { $0 + $1.count })
            for block in 0..<blocks { bytes += written[block] ?? [] }
            return bytes
        }
    }
}

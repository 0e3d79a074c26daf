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
        let results = inLineBlocks(bytes, size: blockSize) { buffer, range in decodeBlock(buffer, range, projected: projected) }
        var posts: [Post] = []
        posts.reserveCapacity(results.reduce(0) { $0 + $1.posts.count })
        var linesBefore = 0
        for block in results {
            if let (line, problem) = block.failure {
                throw PostsArtefactError(artefact: artefact, line: linesBefore + line, problem: problem)
            }
            posts.append(contentsOf: block.posts)
            linesBefore += block.newlines
        }
        return posts
    }

    /// The posts of one block, its newlines, and its first bad line (counted from 1 in the block).
    private struct Block: Sendable {
        var posts: [Post] = []
        var newlines = 0
        var failure: (line: Int, problem: String)?
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

    private static func decodeBlock(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, projected: Bool) -> Block {
        var block = Block()
        var start = range.lowerBound
        while start < range.upperBound {
            var end = start
            while end < range.upperBound, bytes[end] != 0x0A { end += 1 }
            if end < range.upperBound { block.newlines += 1 }
            if end > start {
                do {
                    block.posts.append(try Post(json: JSONDocument(Array(bytes[start..<end])).root, projected: projected))
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
    /// `posts` in canonical order (`canonicalOrder`): their positions are sorted, not the posts,
    /// which are large to move.
    package static func sortedCanonically(_ posts: [Post]) -> [Post] {
        let order = posts.indices.sorted { a, b in canonicalOrder(posts[a], posts[b]) }
        return order.map { posts[$0] }
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

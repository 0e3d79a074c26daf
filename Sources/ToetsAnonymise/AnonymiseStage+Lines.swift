import Dispatch
import Synchronization
import ToetsModel

extension AnonymiseStage {
    /// The canonical lines of `posts`: the bytes `Post.canonicalLines` gives, written on every
    /// core in blocks, but each post freed by the worker that wrote it and each block's lines
    /// freed as they are joined, so that the posts, the blocks and the joined lines are never all
    /// held whole at once (at 10M posts each is several GiB). `posts` is left holding empty
    /// posts (`Post.taken`).
    static func canonicalLines(taking posts: inout [Post], blockSize: Int = 8_192) -> [UInt8] {
        let blockSize = max(1, blockSize)
        let count = posts.count
        let blocks = (count + blockSize - 1) / blockSize
        let written = Mutex<[Int: [UInt8]]>([:])
        posts.withUnsafeMutableBufferPointer { buffer in
            let shared = Post.SharedPosts(buffer: buffer)
            DispatchQueue.concurrentPerform(iterations: blocks) { block in
                var writer = CanonicalJSONWriter(capacity: 1 << 20)
                for index in block * blockSize..<min(count, (block + 1) * blockSize) { shared.take(index).write(to: &writer) }
                let bytes = writer.bytes
                written.withLock { $0[block] = bytes }
            }
        }
        return written.withLock { written in
            var bytes: [UInt8] = []
            bytes.reserveCapacity(written.values.reduce(0) { $0 + $1.count })
            for block in 0..<blocks { bytes += written.removeValue(forKey: block) ?? [] }
            return bytes
        }
    }
}

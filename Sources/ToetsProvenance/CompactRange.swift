/// The right edge of an RFC 6962 tree: the roots of the perfect subtrees that a tree of n
/// leaves decomposes into (one per set bit of n, largest first). Enough to append leaves and
/// compute the root without the leaves themselves, so a run appends to a long log in time
/// that does not grow with the log.
package struct CompactRange: Sendable, Equatable {
    package private(set) var size: Int
    /// Subtree roots, leftmost (largest) first.
    package private(set) var hashes: [[UInt8]]

    package init() {
        size = 0
        hashes = []
    }

    /// A range read back; nil if the hash count does not fit the size.
    package init?(size: Int, hashes: [[UInt8]]) {
        guard size >= 0, size.nonzeroBitCount == hashes.count, hashes.allSatisfy({ $0.count == 32 }) else { return nil }
        self.size = size
        self.hashes = hashes
    }

    package mutating func append(leafHash: [UInt8]) {
        hashes.append(leafHash)
        // Like a binary counter: each trailing 1 bit of the old size merges two equal subtrees.
        var carry = size
        while carry & 1 == 1 {
            let right = hashes.removeLast()
            let left = hashes.removeLast()
            hashes.append(MerkleTree.nodeHash(left, right))
            carry >>= 1
        }
        size += 1
    }

    /// MTH of the whole range: the subtrees folded from the right.
    package var root: [UInt8] {
        guard var hash = hashes.last else { return MerkleTree.emptyRoot }
        for left in hashes.dropLast().reversed() { hash = MerkleTree.nodeHash(left, hash) }
        return hash
    }
}

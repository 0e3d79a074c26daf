import Crypto

/// A Merkle tree over log entries with RFC 6962 (and RFC 9162) hashing: a leaf is
/// SHA-256(0x00 ‖ data), an inner node SHA-256(0x01 ‖ left ‖ right), and a tree of n > 1
/// leaves splits at the largest power of two smaller than n.
///
/// Complete aligned subtrees are kept level by level, so a root, an inclusion proof or a
/// consistency proof costs O(log² n) hashes once the levels are built.
package struct MerkleTree: Sendable {
    /// levels[k][j]: the hash of the complete subtree of 2^k leaves starting at leaf j·2^k.
    private var levels: [[[UInt8]]]

    package init(leafHashes: [[UInt8]] = []) {
        levels = [leafHashes]
        var level = 0
        while levels[level].count > 1 {
            let below = levels[level]
            levels.append(stride(from: 0, to: below.count - 1, by: 2).map { Self.nodeHash(below[$0], below[$0 + 1]) })
            level += 1
        }
    }

    /// The number of leaves.
    package var size: Int { levels[0].count }

    package var leafHashes: [[UInt8]] { levels[0] }

    /// Adds a leaf by its hash.
    package mutating func append(leafHash: [UInt8]) {
        levels[0].append(leafHash)
        var level = 0
        // A new complete subtree forms on each level where the count just became even.
        while levels[level].count % 2 == 0 {
            let below = levels[level]
            if levels.count == level + 1 { levels.append([]) }
            levels[level + 1].append(Self.nodeHash(below[below.count - 2], below[below.count - 1]))
            level += 1
        }
    }

    // MARK: Hashing

    package static func leafHash(_ data: some Collection<UInt8>) -> [UInt8] {
        var hasher = SHA256()
        hasher.update(data: [0x00])
        hasher.update(data: Array(data))
        return Array(hasher.finalize())
    }

    package static func nodeHash(_ left: [UInt8], _ right: [UInt8]) -> [UInt8] {
        var hasher = SHA256()
        hasher.update(data: [0x01])
        hasher.update(data: left)
        hasher.update(data: right)
        return Array(hasher.finalize())
    }

    /// The root of the empty tree: SHA-256 of no bytes.
    package static let emptyRoot: [UInt8] = Array(SHA256.hash(data: [UInt8]()))

    /// The largest power of two smaller than `n` (n > 1): where RFC 6962 splits a tree.
    static func split(_ n: Int) -> Int {
        1 << (Int.bitWidth - (n - 1).leadingZeroBitCount - 1)
    }

    // MARK: Roots and proofs

    /// The root of the tree of the first `count` leaves.
    package func root(size count: Int) -> [UInt8] {
        precondition(count <= size, "a tree of \(size) leaves has no root at size \(count)")
        return count == 0 ? Self.emptyRoot : subtreeHash(start: 0, count: count)
    }

    package var root: [UInt8] { root(size: size) }

    /// MTH(D[start ..< start+count]).
    private func subtreeHash(start: Int, count: Int) -> [UInt8] {
        if count & (count - 1) == 0 && start % count == 0 {
            let level = count.trailingZeroBitCount
            if level < levels.count, start / count < levels[level].count { return levels[level][start / count] }
        }
        let k = Self.split(count)
        return Self.nodeHash(subtreeHash(start: start, count: k), subtreeHash(start: start + k, count: count - k))
    }

    /// The audit path of leaf `index` in the tree of the first `treeSize` leaves (RFC 6962 §2.1.1).
    package func inclusionProof(index: Int, treeSize: Int) -> [[UInt8]] {
        precondition(index < treeSize && treeSize <= size)
        return path(index, start: 0, count: treeSize)
    }

    private func path(_ m: Int, start: Int, count: Int) -> [[UInt8]] {
        guard count > 1 else { return [] }
        let k = Self.split(count)
        return m < k
            ? path(m, start: start, count: k) + [subtreeHash(start: start + k, count: count - k)]
            : path(m - k, start: start + k, count: count - k) + [subtreeHash(start: start, count: k)]
    }

    /// The proof that the tree of `oldSize` leaves is a prefix of the tree of `newSize`
    /// (RFC 6962 §2.1.2); empty when the sizes are equal.
    package func consistencyProof(from oldSize: Int, to newSize: Int) -> [[UInt8]] {
        precondition(0 < oldSize && oldSize <= newSize && newSize <= size)
        return subproof(oldSize, start: 0, count: newSize, complete: true)
    }

    private func subproof(_ m: Int, start: Int, count: Int, complete: Bool) -> [[UInt8]] {
        if m == count { return complete ? [] : [subtreeHash(start: start, count: count)] }
        let k = Self.split(count)
        return m <= k
            ? subproof(m, start: start, count: k, complete: complete) + [subtreeHash(start: start + k, count: count - k)]
            : subproof(m - k, start: start + k, count: count - k, complete: false) + [subtreeHash(start: start, count: k)]
    }

    // MARK: Verification (RFC 9162 §2.1.3.2 and §2.1.4.2)

    /// Whether `proof` shows the leaf with `leafHash` at `index` in a tree of `treeSize` with `root`.
    package static func verifyInclusion(index: Int, treeSize: Int, leafHash: [UInt8], proof: [[UInt8]],
                                        root: [UInt8]) -> Bool {
        guard index >= 0, index < treeSize else { return false }
        var fn = index
        var sn = treeSize - 1
        var r = leafHash
        for p in proof {
            guard sn != 0 else { return false }
            if fn & 1 == 1 || fn == sn {
                r = nodeHash(p, r)
                while fn & 1 == 0 && fn != 0 {
                    fn >>= 1
                    sn >>= 1
                }
            } else {
                r = nodeHash(r, p)
            }
            fn >>= 1
            sn >>= 1
        }
        return sn == 0 && r == root
    }

    /// Whether `proof` shows that the tree of `oldSize` leaves with `oldRoot` is a prefix of the
    /// tree of `newSize` leaves with `newRoot`.
    package static func verifyConsistency(oldSize: Int, newSize: Int, oldRoot: [UInt8], newRoot: [UInt8],
                                          proof: [[UInt8]]) -> Bool {
        guard oldSize > 0, oldSize <= newSize else { return false }
        if oldSize == newSize { return proof.isEmpty && oldRoot == newRoot }
        var path = proof
        guard !path.isEmpty else { return false }
        if oldSize & (oldSize - 1) == 0 { path.insert(oldRoot, at: 0) }
        var fn = oldSize - 1
        var sn = newSize - 1
        while fn & 1 == 1 {
            fn >>= 1
            sn >>= 1
        }
        var fr = path[0]
        var sr = path[0]
        for c in path.dropFirst() {
            guard sn != 0 else { return false }
            if fn & 1 == 1 || fn == sn {
                fr = nodeHash(c, fr)
                sr = nodeHash(c, sr)
                while fn & 1 == 0 && fn != 0 {
                    fn >>= 1
                    sn >>= 1
                }
            } else {
                sr = nodeHash(sr, c)
            }
            fn >>= 1
            sn >>= 1
        }
        return fr == oldRoot && sr == newRoot && sn == 0
    }
}

import Crypto
import Testing
@testable import ToetsProvenance

/// The tree against RFC 6962's definitions written out literally (MTH, PATH, PROOF by
/// recursion over the leaf list), and the RFC 9162 verifiers against both, on every size up to
/// 70 and every index or earlier size in it.
@Suite struct MerkleTreeTests {
    // MARK: RFC 6962 §2.1, literally

    static func sha256(_ bytes: [UInt8]) -> [UInt8] { Array(SHA256.hash(data: bytes)) }

    static func mth(_ d: ArraySlice<[UInt8]>) -> [UInt8] {
        switch d.count {
        case 0: return sha256([])
        case 1: return sha256([0x00] + d.first!)
        default:
            var k = 1
            while k * 2 < d.count { k *= 2 }
            return sha256([0x01] + mth(d.prefix(k)) + mth(d.dropFirst(k)))
        }
    }

    static func path(_ m: Int, _ d: ArraySlice<[UInt8]>) -> [[UInt8]] {
        guard d.count > 1 else { return [] }
        var k = 1
        while k * 2 < d.count { k *= 2 }
        return m < k ? path(m, d.prefix(k)) + [mth(d.dropFirst(k))]
            : path(m - k, d.dropFirst(k)) + [mth(d.prefix(k))]
    }

    static func subproof(_ m: Int, _ d: ArraySlice<[UInt8]>, _ b: Bool) -> [[UInt8]] {
        if m == d.count { return b ? [] : [mth(d)] }
        var k = 1
        while k * 2 < d.count { k *= 2 }
        return m <= k ? subproof(m, d.prefix(k), b) + [mth(d.dropFirst(k))]
            : subproof(m - k, d.dropFirst(k), false) + [mth(d.prefix(k))]
    }

    static func leaves(_ n: Int) -> [[UInt8]] {
        (0..<n).map { Array("entry \($0)".utf8) }
    }

    // MARK: Tests

    @Test func rootsMatchTheRFCDefinitionOnEverySizeUpTo70() {
        let data = Self.leaves(70)
        var tree = MerkleTree()
        #expect(tree.root == Self.sha256([]))
        for n in 1...70 {
            tree.append(leafHash: MerkleTree.leafHash(data[n - 1]))
            let reference = Self.mth(data.prefix(n))
            #expect(tree.root == reference, "size \(n)")
            // Built at once or leaf by leaf, the same tree.
            #expect(MerkleTree(leafHashes: data.prefix(n).map { MerkleTree.leafHash($0) }).root == reference)
        }
        for n in 0...70 { #expect(tree.root(size: n) == Self.mth(data.prefix(n)), "prefix \(n)") }
    }

    @Test func theCompactRangeGivesTheSameRootsAsTheWholeTree() {
        let data = Self.leaves(70)
        var range = CompactRange()
        #expect(range.root == Self.sha256([]))
        for n in 1...70 {
            range.append(leafHash: MerkleTree.leafHash(data[n - 1]))
            #expect(range.root == Self.mth(data.prefix(n)), "size \(n)")
            #expect(range.hashes.count == n.nonzeroBitCount)
            #expect(CompactRange(size: n, hashes: range.hashes) == range)
        }
        #expect(CompactRange(size: 3, hashes: [range.hashes[0]]) == nil)
    }

    @Test func knownRootsOfTheCertificateTransparencyTestLeaves() {
        // The leaves and roots used by the certificate-transparency test suites.
        let data: [[UInt8]] = [[], [0x00], [0x10], [0x20, 0x21], [0x30, 0x31], [0x40, 0x41, 0x42, 0x43],
                               [0x50, 0x51, 0x52, 0x53, 0x54, 0x55, 0x56, 0x57],
                               Array(0x60...0x6f)]
        let roots = ["6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
                     "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
                     "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
                     "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
                     "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
                     "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
                     "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
                     "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"]
        let tree = MerkleTree(leafHashes: data.map { MerkleTree.leafHash($0) })
        for (n, root) in roots.enumerated() {
            #expect(tree.root(size: n + 1).map { String(format: "%02x", $0) }.joined() == root, "size \(n + 1)")
        }
    }

    @Test func inclusionProofsMatchTheRFCAndVerifyOnEverySizeAndIndex() {
        let data = Self.leaves(70)
        let tree = MerkleTree(leafHashes: data.map { MerkleTree.leafHash($0) })
        for n in 1...70 {
            let root = Self.mth(data.prefix(n))
            for m in 0..<n {
                let proof = tree.inclusionProof(index: m, treeSize: n)
                #expect(proof == Self.path(m, data.prefix(n)), "PATH(\(m), D[\(n)])")
                let leaf = MerkleTree.leafHash(data[m])
                #expect(MerkleTree.verifyInclusion(index: m, treeSize: n, leafHash: leaf, proof: proof, root: root))
                // A wrong leaf, index, size, root or proof hash fails.
                #expect(!MerkleTree.verifyInclusion(index: m, treeSize: n, leafHash: MerkleTree.leafHash([9]),
                                                    proof: proof, root: root))
                if n > 1 {
                    #expect(!MerkleTree.verifyInclusion(index: (m + 1) % n, treeSize: n, leafHash: leaf, proof: proof, root: root))
                    var bent = proof
                    bent[bent.count / 2][0] ^= 1
                    #expect(!MerkleTree.verifyInclusion(index: m, treeSize: n, leafHash: leaf, proof: bent, root: root))
                }
                #expect(!MerkleTree.verifyInclusion(index: m, treeSize: n, leafHash: leaf, proof: proof + [root], root: root))
            }
        }
    }

    @Test func consistencyProofsMatchTheRFCAndVerifyOnEveryPairOfSizes() {
        let data = Self.leaves(70)
        let tree = MerkleTree(leafHashes: data.map { MerkleTree.leafHash($0) })
        for n in 1...70 {
            let newRoot = Self.mth(data.prefix(n))
            for m in 1...n {
                let oldRoot = Self.mth(data.prefix(m))
                let proof = tree.consistencyProof(from: m, to: n)
                #expect(proof == Self.subproof(m, data.prefix(n), true), "PROOF(\(m), D[\(n)])")
                #expect(MerkleTree.verifyConsistency(oldSize: m, newSize: n, oldRoot: oldRoot, newRoot: newRoot, proof: proof))
                // A different old tree (one leaf changed) is not a prefix of the new one.
                var other = Array(data.prefix(m))
                other[m - 1] = [0xff]
                let otherRoot = Self.mth(other[...])
                #expect(!MerkleTree.verifyConsistency(oldSize: m, newSize: n, oldRoot: otherRoot, newRoot: newRoot, proof: proof))
                if m < n {
                    var bent = proof
                    bent[bent.count - 1][31] ^= 0x80
                    #expect(!MerkleTree.verifyConsistency(oldSize: m, newSize: n, oldRoot: oldRoot, newRoot: newRoot, proof: bent))
                    #expect(!MerkleTree.verifyConsistency(oldSize: m, newSize: n, oldRoot: oldRoot, newRoot: newRoot, proof: []))
                }
            }
        }
    }
}

import Testing
@testable import ToetsModel

@Suite struct DigestTests {
    @Test func sha256OfABCMatchesTheFIPSVector() {
        #expect(Digest.sha256(of: Array("abc".utf8)).hex
                == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test func streamingHashEqualsOneShotHash() {
        let bytes = (0..<10_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        var hasher = DigestHasher()
        hasher.update(Array(bytes[..<3]))
        hasher.update(Array(bytes[3..<7777]))
        hasher.update(Array(bytes[7777...]))
        #expect(hasher.finalize() == Digest.sha256(of: bytes))
    }

    @Test func onlySixtyFourLowerCaseHexCharactersMakeADigest() {
        let good = String(repeating: "a1", count: 32)
        #expect(Digest(hex: good) != nil)
        #expect(Digest(hex: good.uppercased()) == nil)
        #expect(Digest(hex: String(good.dropLast())) == nil)
        #expect(Digest(hex: String(good.dropLast()) + "g") == nil)
    }

    @Test func preimagesOfDifferentFieldSplitsDiffer() {
        var ab = CanonicalPreimage(domain: "t", version: 1)
        ab.append("ab")
        ab.append("c")
        var abc = CanonicalPreimage(domain: "t", version: 1)
        abc.append("a")
        abc.append("bc")
        #expect(ab.digest() != abc.digest())
        var otherDomain = CanonicalPreimage(domain: "u", version: 1)
        otherDomain.append("ab")
        otherDomain.append("c")
        #expect(otherDomain.digest() != ab.digest())
        var otherVersion = CanonicalPreimage(domain: "t", version: 2)
        otherVersion.append("ab")
        otherVersion.append("c")
        #expect(otherVersion.digest() != ab.digest())
    }
}

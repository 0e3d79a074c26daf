import Testing
import ToetsModel
@testable import ToetsMethods

/// A share with short literals: object, account, content, time.
func share(_ object: String, _ account: String, _ content: String, _ time: Int64) -> CooRTweet.Share {
    CooRTweet.Share(objectID: object, accountID: account, contentID: content, time: time)
}

/// A pair with short literals, older side first.
func pair(_ object: String, _ account: String, _ content: String, _ accountY: String, _ contentY: String, _ delta: Int64) -> CooRTweet.Pair {
    CooRTweet.Pair(objectID: object, accountID: account, contentID: content, accountIDY: accountY, contentIDY: contentY, timeDelta: delta)
}

struct CooRTweetDetectionTests {
    @Test func windowIsInclusiveAtZeroAndAtTheWindow() {
        let shares = [share("o1", "A", "a", 0), share("o1", "B", "b", 0), share("o1", "C", "c", 10), share("o1", "D", "d", 11)]
        let pairs = CooRTweet.detectGroups(shares, timeWindow: 10, minParticipation: 1)
        #expect(pairs == [
            pair("o1", "A", "a", "B", "b", 0),
            pair("o1", "A", "a", "C", "c", 10),
            pair("o1", "B", "b", "C", "c", 10),
            pair("o1", "C", "c", "D", "d", 1),
        ])
    }

    @Test func loopsAreRemovedBySameAccountSameContentAndObjectAsContent() {
        let shares = [
            share("o1", "A", "a1", 0), share("o1", "A", "a2", 1),  // same account
            share("o1", "B", "a1", 2),  // same content as A's a1
            share("o1", "C", "o1", 3),  // its content is the object: the later side
            share("o2", "D", "o2", 0), share("o2", "E", "e", 1),  // the earlier side
        ]
        let pairs = CooRTweet.detectGroups(shares, timeWindow: 10, minParticipation: 1)
        #expect(pairs == [pair("o1", "A", "a2", "B", "a1", 1)])
        let withLoops = CooRTweet.detectGroups(shares, timeWindow: 10, minParticipation: 1, removeLoops: false)
        #expect(withLoops.count == 7)
        #expect(withLoops.first == pair("o1", "A", "a1", "A", "a2", 1))
    }

    @Test func activityPrefilterCountsDuplicateRowsAndDropsSingleRowAccounts() {
        // A's only share is in the input twice, so A passes the pre-filter with 2 rows; the pair
        // A–B then appears twice and C, with one row, never pairs at all.
        let shares = [
            share("o1", "A", "a", 0), share("o1", "A", "a", 0), share("o1", "B", "b", 1),
            share("o2", "B", "b2", 100), share("o1", "C", "c", 2),
        ]
        let pairs = CooRTweet.detectGroups(shares, timeWindow: 10, minParticipation: 2)
        #expect(pairs == [pair("o1", "A", "a", "B", "b", 1), pair("o1", "A", "a", "B", "b", 1)])
        let withoutDuplicate = CooRTweet.detectGroups(Array(shares.dropFirst()), timeWindow: 10, minParticipation: 2)
        #expect(withoutDuplicate.isEmpty)
    }

    @Test func aPairStaysWhenEitherSideQualifies() {
        let shares = [
            share("o1", "A", "a1", 0), share("o1", "B", "b1", 1), share("o1", "C", "c1", 2),
            share("o2", "A", "a2", 100), share("o2", "B", "b2", 101),
            share("o3", "C", "c2", 500),  // C's second row is not coordinated
            share("o4", "D", "d1", 1000), share("o4", "E", "e1", 1001),  // neither D nor E qualifies
            share("o5", "D", "d2", 5000), share("o6", "E", "e2", 9000),
        ]
        let detection = CooRTweet.detect(shares, timeWindow: 10, minParticipation: 2)
        // C has one coordinated share and stays through A and B; D–E goes.
        #expect(detection.pairs == [
            pair("o1", "A", "a1", "B", "b1", 1), pair("o1", "A", "a1", "C", "c1", 2),
            pair("o1", "B", "b1", "C", "c1", 1), pair("o2", "A", "a2", "B", "b2", 1),
        ])
        #expect(detection.qualifiedAccounts == ["A", "B"])
    }

    @Test func aSideStaysWhenItsContentIsAlsoAQualifiedAccountsContent() {
        // The rule is on contents: Z, qualified, also posted content "p" (as weird data does), so
        // the pair P–Q stays although neither P nor Q qualifies.
        let shares = [
            share("o1", "P", "p", 0), share("o1", "Q", "q", 1),
            share("o7", "P", "p7", 900), share("o8", "Q", "q8", 1900),
            share("o2", "Z", "p", 50), share("o3", "Z", "z", 60), share("o3", "Y", "y", 61),
            share("o9", "Y", "y9", 3000),
        ]
        let detection = CooRTweet.detect(shares, timeWindow: 10, minParticipation: 2)
        #expect(detection.qualifiedAccounts == ["Z"])
        #expect(detection.pairs == [pair("o1", "P", "p", "Q", "q", 1), pair("o3", "Z", "z", "Y", "y", 1)])
    }

    @Test func olderShareComesFirstAndATieKeepsRegroupedRowOrder() {
        // Regrouped by account: A's rows (x, a2) come before B's (b1, b2), although B's o3 row is
        // earlier in the input than A's.
        let shares = [
            share("o9", "A", "x", 0),
            share("o1", "B", "b1", 5), share("o1", "A", "a1", 3),
            share("o3", "B", "b2", 50), share("o3", "A", "a2", 50),
        ]
        let pairs = CooRTweet.detectGroups(shares, timeWindow: 10, minParticipation: 1)
        #expect(pairs == [pair("o1", "A", "a1", "B", "b1", 2), pair("o3", "A", "a2", "B", "b2", 0)])
    }

    @Test func pairsComeGroupedByObjectInOrderOfFirstRowAfterRegrouping() {
        let shares = [share("o2", "A", "a1", 0), share("o1", "B", "b1", 0), share("o1", "A", "a2", 1), share("o2", "B", "b2", 1)]
        let pairs = CooRTweet.detectGroups(shares, timeWindow: 10, minParticipation: 2)
        #expect(pairs == [pair("o2", "A", "a1", "B", "b2", 1), pair("o1", "B", "b1", "A", "a2", 1)])
    }

    @Test func largeObjectsGiveTheSamePairsAsTestingEveryPair() {
        var random = SeededRandom(seed: 11)
        var shares: [CooRTweet.Share] = []
        for index in 0..<3_000 {
            let object = "o\(Int.random(in: 0..<6, using: &random))"
            let account = "u\(Int.random(in: 0..<300, using: &random))"
            // Bursts and quiet stretches, with many exact ties.
            let time = Int64.random(in: 0..<40, using: &random) * (Bool.random(using: &random) ? 1 : 97)
            shares.append(share(object, account, "c\(index % 2_900)", time))
        }
        for window: Int64 in [0, 3, 10, 200] {
            let expected = everyPairReference(shares, timeWindow: window)
            let table = InternedShares(shares)
            let rows = table.activeRows(minParticipation: 1)
            let found = table.candidatePairs(rows: rows, timeWindow: window, removeLoops: true)
            #expect(found.map { [Int($0.first), Int($0.second)] } == expected, "window \(window)")
            #expect(found.count > 100)
        }
    }

    /// Steps 1–3 written as plainly as possible, for comparison with the indexed search.
    private func everyPairReference(_ shares: [CooRTweet.Share], timeWindow: Int64) -> [[Int]] {
        var accountOrder: [String] = []
        var rowsOfAccount: [String: [Int]] = [:]
        for (row, share) in shares.enumerated() {
            if rowsOfAccount[share.accountID] == nil { accountOrder.append(share.accountID) }
            rowsOfAccount[share.accountID, default: []].append(row)
        }
        let regrouped = accountOrder.flatMap { rowsOfAccount[$0]! }
        var objectOrder: [String] = []
        var rowsOfObject: [String: [Int]] = [:]
        for row in regrouped {
            if rowsOfObject[shares[row].objectID] == nil { objectOrder.append(shares[row].objectID) }
            rowsOfObject[shares[row].objectID, default: []].append(row)
        }
        var pairs: [[Int]] = []
        for object in objectOrder {
            let rows = rowsOfObject[object]!
            for i in rows.indices {
                for j in rows.indices where j > i {
                    let a = shares[rows[i]], b = shares[rows[j]]
                    guard abs(a.time - b.time) <= timeWindow else { continue }
                    guard a.accountID != b.accountID, a.contentID != b.contentID,
                          object != a.contentID, object != b.contentID else { continue }
                    pairs.append([rows[i], rows[j]])
                }
            }
        }
        return pairs
    }

    @Test func identifiersAreComparedAsBytesNotAsCanonicallyEquivalentText() {
        let composed = "\u{e9}", decomposed = "e\u{301}"
        let shares = [share("o1", composed, "x1", 0), share("o1", decomposed, "x2", 1)]
        let pairs = CooRTweet.detectGroups(shares, timeWindow: 10, minParticipation: 1)
        #expect(pairs.count == 1)
        let network = CooRTweet.generateCoordinatedNetwork(pairs)
        #expect(network.edges.map { Array($0.account1.utf8) } == [Array(decomposed.utf8)])
        #expect(network.nodes.count == 2)
    }

    @Test func speedFlagReappliesParticipationToFastPairsOverAllShares() {
        let shares = [
            share("o1", "A", "a1", 0), share("o1", "B", "b1", 5),
            share("o2", "A", "a2", 100), share("o2", "B", "b2", 150),
            share("o3", "A", "a3", 1000), share("o3", "C", "c3", 1005), share("o4", "C", "c4", 7000),
        ]
        let pairs = CooRTweet.detectGroups(shares, timeWindow: 60, minParticipation: 2)
        #expect(pairs == [pair("o1", "A", "a1", "B", "b1", 5), pair("o2", "A", "a2", "B", "b2", 50), pair("o3", "A", "a3", "C", "c3", 5)])
        // Fast: o1 and o3; A has two fast contents, so both fast pairs stay.
        #expect(CooRTweet.flagSpeedShare(shares, pairs, minParticipation: 2, tw2: 10) == [true, false, true])
        // Without o3, A's only fast content is a1: nobody qualifies, nothing is flagged.
        let withoutO3 = Array(pairs.prefix(2))
        #expect(CooRTweet.flagSpeedShare(shares, withoutO3, minParticipation: 2, tw2: 10) == [false, false])
        #expect(CooRTweet.flagSpeedShare(shares, withoutO3, minParticipation: 2, tw2: 50) == [true, true])
    }

    @Test func negativeWindowFindsNothing() {
        let shares = [share("o1", "A", "a", 0), share("o1", "B", "b", 0)]
        #expect(CooRTweet.detectGroups(shares, timeWindow: -1, minParticipation: 1).isEmpty)
    }
}

/// CooRTweet counts the objects whose shares it has paired; the pairs are the same.
@Suite struct CooRTweetProgressTests {
    @Test func everyObjectIsCountedAndThePairsAreTheSame() {
        var random = SeededRandom(seed: 4)
        let shares = (0..<5000).map { index in
            CooRTweet.Share(objectID: "o\(random.int(0...700))", accountID: "a\(random.int(0...60))", contentID: "c\(index)",
                            time: Int64(index))
        }
        let table = InternedShares(shares)
        let rows = table.activeRows(minParticipation: 2)
        let meter = StageProgress()
        let watched = table.candidatePairs(rows: rows, timeWindow: 10, removeLoops: true, progress: meter)
        let objects = Set(rows.map { shares[Int($0)].objectID }).count
        #expect(meter.snapshot() == ProgressSnapshot(phase: "pairing the shares of each object", unit: "objects",
                                                     done: Int64(objects), total: Int64(objects)))
        #expect(watched == table.candidatePairs(rows: rows, timeWindow: 10, removeLoops: true))
        #expect(CooRTweet.detectGroups(shares, progress: StageProgress()) == CooRTweet.detectGroups(shares))
    }
}

import Testing
import ToetsModel
@testable import ToetsAnonymise

@Suite struct PostAnonymiserOrderTests {
    /// Posts in the order anonymise gets them: sorted by time, many in the same second, the ids
    /// in any order within a second (as pseudonyms leave them), some ids repeated.
    static func posts(_ count: Int, seed: UInt64) -> [Post] {
        var state = seed
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        var time: Int64 = 1_700_000_000
        return (0..<count).map { index in
            if next(3) == 0 { time += Int64(next(4)) }
            // Ids of different lengths and shared prefixes, a few repeated, one not ASCII.
            let id = ["p1.k.", "p1.k.a", "p1.k.ab", "p1.k.é", "p1.k.e\u{301}"][next(5)] + String(next(40))
            return Post(platform: "x", sourceFormat: "t", postID: id, authorID: "a", createdAt: time, text: "post \(index)")
        }
    }

    @Test func sortingRunsOfOneSecondGivesTheFullSortsOrder() {
        for seed in 0..<20 as Range<UInt64> {
            let posts = Self.posts(400, seed: seed)
            var expected = posts
            Post.sortCanonically(&expected)
            var sorted = posts
            PostAnonymiser.sortCanonically(&sorted)
            // Repeated ids in one second keep the order they came in, as in the full sort.
            #expect(sorted.map(\.text) == expected.map(\.text), "seed \(seed)")
        }
    }

    @Test func postsNotInTimeOrderTakeTheFullSort() {
        for seed in 0..<10 as Range<UInt64> {
            var posts = Self.posts(300, seed: seed)
            // One post out of time order anywhere, the last one included.
            posts.swapAt(Int(seed) * 7 % posts.count, posts.count - 1 - Int(seed))
            posts.append(Post(platform: "x", sourceFormat: "t", postID: "p1.k.z", authorID: "a", createdAt: 0, text: "early"))
            var expected = posts
            Post.sortCanonically(&expected)
            var sorted = posts
            PostAnonymiser.sortCanonically(&sorted)
            #expect(sorted.map(\.text) == expected.map(\.text), "seed \(seed)")
            #expect(sorted.first?.text == "early")
        }
    }

    @Test func emptyAndSinglePostsStayAsTheyAre() {
        var none: [Post] = []
        PostAnonymiser.sortCanonically(&none)
        #expect(none.isEmpty)
        var one = Self.posts(1, seed: 1)
        PostAnonymiser.sortCanonically(&one)
        #expect(one == Self.posts(1, seed: 1))
    }
}

@Suite struct AnonymiseConcurrentStepsTests {
    static let key = try! PseudonymKey(bytes: Array(repeating: 5, count: 32), source: "test")

    /// The k-anonymity count runs beside the anonymiser's handle table: its error still stops
    /// the stage, as it is, under the fail policy.
    @Test func aSmallClassStillStopsTheStageUnderTheFailPolicy() {
        let posts = (0..<40).map { (index: Int) -> Post in
            let account = index % 4
            let created: Int64 = 1_600_000_000 + Int64(account) * 34_560_000
            return Post(platform: "x", sourceFormat: "t", postID: "x:\(index)", authorID: "x:\(account)", authorHandle: "kiezer\(account)",
                        createdAt: Int64(1_000 + index), text: "tekst \(index)", accountCreatedAt: created, followers: Int64(account * 1_000))
        }
        #expect(throws: KAnonymity.SmallClasses.self) {
            _ = try AnonymiseStage.anonymise(posts, pseudonyms: Pseudonymizer(key: Self.key),
                                             kAnonymity: KAnonymity(k: 5, policy: .fail, maxSuppressed: 0), scanner: nil)
        }
    }

    /// Posts whose accounts, texts and reposts recur across any block boundary give the same
    /// posts, in the same order, and the same report, run after run.
    @Test func theSameInputGivesTheSameLinesEveryTime() throws {
        let posts = PostAnonymiserTests.recurringPosts(3_000)
        let run = { try AnonymiseStage.anonymise(posts, pseudonyms: Pseudonymizer(key: Self.key),
                                                 kAnonymity: KAnonymity(k: 1, policy: .generalise, maxSuppressed: 0.05), scanner: nil) }
        let (first, firstReport) = try run()
        var expected = PostAnonymiser(pseudonyms: Pseudonymizer(key: Self.key), posts: posts)
        var sequential = posts.map { expected.anonymise($0, metadata: nil) }
        Post.sortCanonically(&sequential)
        #expect(Post.canonicalLines(first) == Post.canonicalLines(sequential))
        for _ in 0..<3 {
            let (again, report) = try run()
            #expect(Post.canonicalLines(again) == Post.canonicalLines(first))
            #expect(report == firstReport)
        }
    }
}

@Suite struct AnonymiseTakingPostsTests {
    static let key = try! PseudonymKey(bytes: Array(repeating: 6, count: 32), source: "test")

    @Test func linesWrittenWhileTheirPostsAreFreedAreTheLinesOfThePosts() {
        let posts = PostAnonymiserTests.recurringPosts(1_000)
        for size in [1, 7, 100, 8_192] {
            var taken = posts
            #expect(AnonymiseStage.canonicalLines(taking: &taken, blockSize: size) == Post.canonicalLines(posts), "blocks of \(size)")
            #expect(taken.count == posts.count && taken.allSatisfy { $0 == Post.taken })
        }
        var none: [Post] = []
        #expect(AnonymiseStage.canonicalLines(taking: &none).isEmpty)
    }

    /// Anonymising takes the raw posts out of the array it is given; a caller that kept the same
    /// posts elsewhere keeps them whole (the array is copied on write, not shared).
    @Test func takingThePostsLeavesEveryOtherCopyWhole() {
        let posts = PostAnonymiserTests.recurringPosts(500)
        let kept = posts
        let anonymiser = PostAnonymiser(pseudonyms: Pseudonymizer(key: Self.key), posts: posts)
        var taken = posts
        let (result, counts) = anonymiser.anonymiseAll(taking: &taken, metadata: [:], workers: 3, blockSize: 7)
        #expect(taken.count == 500 && taken.allSatisfy { $0 == Post.taken })
        #expect(posts == kept && posts.allSatisfy { $0 != Post.taken })
        let (again, countsAgain) = anonymiser.anonymiseAll(posts, metadata: [:], workers: 1, blockSize: 4_096)
        #expect(result == again && counts == countsAgain)
    }
}

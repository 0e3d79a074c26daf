import Testing
import ToetsModel
@testable import ToetsAnonymise

/// Anonymise counts the posts it has anonymised of the posts in; the output is the same.
@Suite struct AnonymiseProgressTests {
    @Test func everyPostIsCountedAndTheOutputIsTheSame() throws {
        let posts = (0..<3000).map { index in
            Post(platform: "x", sourceFormat: "twarc2", postID: "x:\(1_765_000_000_000_000_000 + index)",
                 authorID: "x:\(900_000 + index % 70)", createdAt: Int64(1_765_000_000 + index), text: "post \(index)")
        }
        let key = try PseudonymKey(bytes: Array(repeating: 5, count: 32), source: "test")
        let kAnonymity = KAnonymity(k: 1, policy: .generalise, maxSuppressed: 0.05)
        let meter = StageProgress()
        let watched = try AnonymiseStage.anonymise(posts, pseudonyms: Pseudonymizer(key: key), kAnonymity: kAnonymity,
                                                   scanner: nil, progress: meter)
        #expect(meter.snapshot() == ProgressSnapshot(phase: "anonymising posts", unit: "posts", done: 3000, total: 3000))
        let unwatched = try AnonymiseStage.anonymise(posts, pseudonyms: Pseudonymizer(key: key), kAnonymity: kAnonymity, scanner: nil)
        #expect(watched.0 == unwatched.0)
        #expect(watched.1 == unwatched.1)
    }
}

import Foundation
import Testing
import ToetsModel
@testable import ToetsMethods

@Suite struct NearDuplicateTests {
    func method(_ overrides: [String: ParamValue] = [:]) throws -> NearDuplicate {
        var parameters = Dictionary(uniqueKeysWithValues: NearDuplicate.parameters.map { ($0.name, $0.defaultValue!) })
        parameters.merge(overrides) { $1 }
        return try NearDuplicate(parameters: parameters)
    }

    func post(_ id: String, _ author: String, _ time: Int64, _ text: String, kind: Post.Kind = .post) -> Post {
        Post(platform: "x", sourceFormat: "test", postID: id, authorID: author, createdAt: time, text: text, kind: kind)
    }

    @Test func copyPastaWithSmallEditsLinksAccountsAndRepostsDoNot() throws {
        let text = "stem niet op de partij van de burgemeester want zij liegt over het zwembad"
        let posts = [
            post("1", "a", 0, text),
            post("2", "b", 30, text.replacingOccurrences(of: "zwembad", with: "zwembad!!") + " https://x.example/?q=1"),
            post("3", "a", 100, "vandaag " + text),
            post("4", "b", 130, text + " echt"),
            post("5", "c", 50, text, kind: .repost),
            post("6", "d", 60, "iets heel anders over het weer in zwolle vandaag en morgen"),
        ]
        let result = try method().detect(posts)
        #expect(result.network.edges.map { "\($0.account1)-\($0.account2):\(Int($0.weight))" } == ["a-b:4"])
        #expect(result.detections.filter(\.flagged).map(\.accountID) == ["a", "b"])
        #expect(result.detections.map(\.accountID) == ["a", "b", "c", "d"])  // every account seen is scored
        #expect(result.evidence.count == 4 && result.evidence.allSatisfy { $0.account1 == "a" || $0.account1 == "b" })

        let windowed = try method(["window": .int(40)]).detect(posts)
        #expect(windowed.network.edges.first?.weight == 2)  // 1–2 (30 s) and 3–4 (30 s)
    }

    @Test func bandsMakeAPairAtTheThresholdACandidateAlmostSurely() {
        for threshold in [0.5, 0.7, 0.9] {
            let (bands, rows) = NearDuplicate.banding(threshold: threshold, permutations: 128)
            #expect(bands * rows <= 128)
            #expect(1 - pow(1 - pow(threshold, Double(rows)), Double(bands)) >= 0.999)
        }
        #expect(NearDuplicate.jaccard([1, 2, 3], [2, 3, 4]) == 0.5)
    }

    @Test func lshFindsAtLeast99PercentOfTheExactPairs() throws {
        var random = SeededRandom(seed: 11)
        let vocabulary = (0..<400).map { "w\($0)" }
        var texts: [[UInt64]] = []
        for _ in 0..<300 {
            var words = (0..<24).map { _ in random.pick(vocabulary) }
            texts.append(NearDuplicate.shingles(words.joined(separator: " "), size: 2, minWords: 6))
            for _ in 0..<3 {  // variants with one to four edits
                for _ in 0..<random.int(1...4) { words[random.int(0...23)] = random.pick(vocabulary) }
                texts.append(NearDuplicate.shingles(words.joined(separator: " "), size: 2, minWords: 6))
            }
        }
        for threshold in [0.5, 0.7] {
            let exact = Set(try method(["threshold": .double(threshold), "mode": .string("exact")]).exactPairs(texts).map { "\($0.0)-\($0.1)" })
            let lsh = Set(try method(["threshold": .double(threshold)]).lshPairs(texts).map { "\($0.0)-\($0.1)" })
            #expect(exact.count > 300)
            #expect(lsh.isSubset(of: exact))
            #expect(Double(lsh.count) / Double(exact.count) >= 0.99, "threshold \(threshold): \(lsh.count) of \(exact.count)")
        }
    }
}

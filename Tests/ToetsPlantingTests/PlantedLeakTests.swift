import Testing
import ToetsAnonymise
import ToetsModel
import ToetsTestSupport
@testable import ToetsPlanting

/// Planting sees pseudonymised posts only, so it cannot know the data's display names; yet a
/// planted text must not spell one. A world whose display names are pairs of the ordinary words
/// its accounts write ("Stem Raad", "Markt Brug", …): anonymise replaces them in the real texts,
/// and the leak audit, looking for every display name and every name anonymise found, must find
/// none in the planted posts. Words drawn one at a time and strung together, as planting once
/// made its texts, spell them at once.
@Suite struct PlantedLeakTests {
    /// No word is the start of another, so a name's bytes occur only where its words do.
    static let vocabulary = ["stem", "partij", "raad", "gemeente", "wethouder", "debat", "plein", "school", "fiets",
                             "haven", "markt", "brug", "bieb", "zwembad"]

    /// Accounts named by two of the vocabulary's words, writing texts of those words.
    static func world() -> [Post] {
        var random = SeededRandom(seed: 42)
        var posts: [Post] = []
        for account in 0..<120 {
            let first = vocabulary[account % vocabulary.count]
            let second = vocabulary[(account / vocabulary.count + 1 + account % vocabulary.count) % vocabulary.count]
            let name = first.capitalized + " " + second.capitalized
            var time = Int64(1_772_000_000 + random.int(0...(20 * 86_400)))
            for _ in 0..<random.int(3...30) {
                let text = (0..<random.int(4...28)).map { _ in vocabulary[random.int(0...(vocabulary.count - 1))] }
                posts.append(Post(platform: account % 3 == 0 ? "telegram" : "x", sourceFormat: "twarc2",
                                  postID: "x:\(1_000_000 + posts.count)", authorID: "x:\(5_000 + account)", displayName: name,
                                  createdAt: time, text: text.joined(separator: " "), language: "nl"))
                time += Int64(random.int(60...40_000))
            }
        }
        return posts.sorted(by: Post.canonicalOrder)
    }

    static func pseudonymised(_ raw: [Post]) throws -> (posts: [Post], audit: LeakAudit, names: [String]) {
        let lists = try NameLists.load(folder: TestNameLists.folder)
        let scanner = TextScanner(lists: lists, dictionary: NameDictionary(lists: lists, entries: NameDictionary.entries(of: raw), keep: []))
        let key = try PseudonymKey(bytes: Array(repeating: 3, count: 32), source: "test")
        let (posts, _) = try AnonymiseStage.anonymise(raw, pseudonyms: Pseudonymizer(key: key),
                                                      kAnonymity: KAnonymity(k: 1, policy: .generalise, maxSuppressed: 0.05),
                                                      scanner: scanner)
        let values = LeakValues.sample(of: raw, count: raw.count, seed: 1, names: scanner)
        let names = Set(values.filter { $0.label.hasPrefix("display name") }.map(\.value)).sorted()
        return (posts, LeakAudit(values: values), names)
    }

    static func artefact(_ posts: [Post]) -> [UInt8] {
        var writer = CanonicalJSONWriter()
        for post in posts { post.write(to: &writer) }
        return writer.bytes
    }

    @Test func plantedTextsSpellNoDisplayNameAnonymiseRemoved() throws {
        let raw = Self.world()
        let (posts, audit, names) = try Self.pseudonymised(raw)
        // The attack is real: every account's display name is looked for, and the real
        // pseudonymised posts are clean.
        #expect(names.count >= 100)
        #expect(audit.scan(Self.artefact(posts)).isClean)
        let planting = Planter.plant(into: posts, tactics: Tactic.allCases, strengths: Strength.presets, seed: 5)
        let realIDs = Set(posts.map(\.postID))
        let planted = planting.posts.filter { !realIDs.contains($0.postID) }
        #expect(planted.count > 1_000)
        let result = audit.scan(Self.artefact(planting.posts))
        #expect(result.isClean, "\(result)")
        let texts = planted.compactMap { $0.text?.lowercased() }
        #expect(names.allSatisfy { name in !texts.contains { $0.contains(name.lowercased()) } })
        // Every planted text is a run of whole words of a real one (the first 300 checked: the check is slow).
        let real = Array(Set(posts.compactMap(\.text)))
        #expect(planted.compactMap(\.text).prefix(300).allSatisfy { text in real.contains { $0.contains(text) } })
    }

    @Test func wordsStrungTogetherWouldSpellThem() throws {
        let (posts, audit, _) = try Self.pseudonymised(Self.world())
        let words = posts.flatMap { $0.text?.split(separator: " ").map(String.init) ?? [] }.filter { Self.vocabulary.contains($0) }
        var random = SeededRandom(seed: 5)
        let strung = (0..<500).map { index in
            Post(platform: "x", sourceFormat: "twarc2", postID: "x:p\(index)", authorID: "x:planted", createdAt: Int64(index),
                 text: (0..<15).map { _ in words[random.int(0...(words.count - 1))] }.joined(separator: " "))
        }
        #expect(audit.scan(Self.artefact(strung)).totalHits > 50)
    }
}

import Testing
import ToetsModel
import ToetsTestSupport
@testable import ToetsAnonymise

/// What the leak audit samples from the raw posts: with the anonymise stage's scanner, the
/// display names it looks for and the names it finds, but not the public names it keeps.
@Suite struct LeakValuesTests {
    static let lists = try! NameLists.load(folder: TestNameLists.folder)

    let posts = [
        Post(platform: "x", sourceFormat: "twarc2", postID: "x:1", authorID: "x:10", authorHandle: "kanarie_fan",
             displayName: "Kanariëtte Spreeuw", createdAt: 1,
             text: "Debat met Mark Rutte. Betaal t.n.v. Teunis Kanarievelt, Kerkstraat 12."),
        Post(platform: "x", sourceFormat: "twarc2", postID: "x:2", authorID: "x:11", displayName: "Mark Rutte", createdAt: 2,
             text: "Nieuws"),
        Post(platform: "x", sourceFormat: "twarc2", postID: "x:3", authorID: "x:12", displayName: "Nieuws", createdAt: 3),
        Post(platform: "x", sourceFormat: "twarc2", postID: "x:4", authorID: "x:13", displayName: "Kanarievogel", createdAt: 4,
             text: "Dank Sanne! #Kanarievogel"),
    ]

    @Test func displayNamesAndRecognisedNamesAreSampledButKeptPublicNamesAreNot() {
        let scanner = TextScanner(lists: Self.lists, dictionary: NameDictionary(
            lists: Self.lists, entries: NameDictionary.entries(of: posts), keep: ["Mark Rutte"]))
        let values = LeakValues.sample(of: posts, count: 4, seed: 1, names: scanner)
        let byValue = Dictionary(values.map { ($0.value, $0.label) }, uniquingKeysWith: { a, _ in a })
        #expect(byValue["Kanariëtte Spreeuw"]?.hasPrefix("display name of sampled post") == true)
        #expect(byValue["Teunis Kanarievelt"]?.hasPrefix("person in the text of") == true)
        #expect(byValue["Kerkstraat 12"]?.hasPrefix("address in the text of") == true)
        #expect(byValue["Mark Rutte"] == nil)  // declared public: kept on purpose, not a leak
        #expect(byValue["Nieuws"] == nil)  // a display name of one ordinary word is not looked for
        // One word may also be a hashtag, which stays as written: not sampled.
        #expect(byValue["Kanarievogel"] == nil && byValue["Sanne"] == nil)
        // Without the scanner, the sample is what PIIScanner finds, as before.
        #expect(!LeakValues.sample(of: posts, count: 3, seed: 1).contains { $0.value == "Kanariëtte Spreeuw" })
    }
}

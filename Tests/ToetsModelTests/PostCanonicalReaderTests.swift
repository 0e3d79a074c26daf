import Testing
@testable import ToetsModel

/// The one-pass reader of canonical lines must read them as the general reader does, and must
/// hand every other line to it: a line made to be misread falls back (and is read or refused
/// there), never passes on other data.
@Suite struct PostCanonicalReaderTests {
    static let posts: [Post] = [
        Post(platform: "x", sourceFormat: "cnt-csv", postID: "x:1", authorID: "x:a", createdAt: 1_772_323_200),
        Post(platform: "telegram", sourceFormat: "telegram-json", postID: "telegram:c/9", authorID: "telegram:u7",
             authorHandle: "Jan_de_Vries", displayName: "Jan \"JdV\" de Vriës\\", createdAt: -86_400, precision: .minutes,
             text: "Regel één\nregel \"twee\"\ttab / 😀 — ok\r", kind: .reply, refPostID: "telegram:c/8",
             refAuthorID: "telegram:u2", threadID: "telegram:c/1", urls: ["https://e.nl/a?b=1", "t.me/x"],
             hashtags: ["gr2026", "één"], mentions: ["piet", "klaas"], contentID: "https://e.nl/a", language: "nl",
             accountCreatedAt: 1_500_000_000, followers: 0),
        Post(platform: "x", sourceFormat: "twarc2", postID: "x:2", authorID: "x:b", authorHandle: "", createdAt: 0,
             text: "", kind: .repost, urls: [], hashtags: [], mentions: [""], accountCreatedAt: 0, followers: 9_000_000_000_000_000),
    ]

    static func line(_ post: Post) -> [UInt8] { Array(post.canonicalLine.dropLast()) }

    static func fast(_ bytes: [UInt8]) -> Post? { bytes.withUnsafeBufferPointer { Post.canonical($0) } }

    static func general(_ bytes: [UInt8]) -> Post? { try? Post(json: JSONDocument(bytes).root) }

    @Test func linesAsToetsWritesThemAreReadAsTheyWereWritten() {
        for post in Self.posts {
            #expect(Self.fast(Self.line(post)) == post)
        }
        // A control character is written as \u00XX, which the one-pass reader leaves to the general one.
        var control = Self.posts[0]
        control.text = "bel\u{07}"
        #expect(Self.fast(Self.line(control)) == nil)
        #expect(Self.general(Self.line(control)) == control)
    }

    /// Every line one byte away from a canonical line (a byte left out, replaced or added): the
    /// one-pass reader gives nothing or exactly what the general reader gives.
    @Test func aLineOneByteAwayIsReadAsTheGeneralReaderReadsItOrFallsBack() {
        let replacements: [UInt8] = [0x20, 0x22, 0x5C, 0x2C, 0x3A, 0x30, 0x39, 0x2D, 0x01, 0x7B, 0x5D, 0x6E, 0x75, 0xC3, 0xED, 0xFF]
        var tried = 0
        var misread: [String] = []
        for post in Self.posts {
            let line = Self.line(post)
            var variants: [[UInt8]] = []
            for index in line.indices {
                var shorter = line
                shorter.remove(at: index)
                variants.append(shorter)
                for byte in replacements where byte != line[index] {
                    var replaced = line
                    replaced[index] = byte
                    variants.append(replaced)
                    var longer = line
                    longer.insert(byte, at: index)
                    variants.append(longer)
                }
            }
            for variant in variants {
                tried += 1
                guard let read = Self.fast(variant) else { continue }
                if read != Self.general(variant) { misread.append(String(decoding: variant, as: UTF8.self)) }
            }
        }
        #expect(tried > 20_000)
        #expect(misread.isEmpty, "\(misread.prefix(3))")
    }

    @Test func keysOrValuesWrittenOtherwiseFallBackAndAreReadOrRefusedThere() throws {
        let canonical = String(decoding: Self.line(Self.posts[1]), as: UTF8.self)
        func variant(_ from: String, _ to: String) -> [UInt8] {
            precondition(canonical.contains(from))
            return Array(canonical.replacingOccurrences(of: from, with: to).utf8)
        }
        // Read by the general reader as the same post.
        for same in [variant("\"author_handle\"", "\"author_h\\u0061ndle\""), variant("\"kind\":", "\"kind\" : "),
                     variant("{", "{ "), variant("\"language\":\"nl\",", "\"language\":\"nl\",\"bio\":\"extra\","),
                     variant("1500000000", "1.5e9"), variant("Regel", "\\u0052egel")] {
            #expect(Self.fast(same) == nil)
            #expect(try Post.decodeLines(same, artefact: "a") == [Self.posts[1]])
        }
        // Refused by the general reader, with the artefact and line.
        for bad in [variant("\"language\":\"nl\",", "\"language\":\"nl\",\"language\":\"en\","),
                    variant("\"urls\"", "\"text\":\"tweede\",\"urls\""), variant("Regel", "Re\u{01}gel"),
                    variant("\"platform\":\"telegram\"", "\"platform\":null"), variant("\"kind\":\"reply\"", "\"kind\":\"like\""),
                    variant("-86400", "-086400"), variant("-86400", "-99999999999999999999"),
                    Self.line(Self.posts[1]) + Array(" x".utf8)] {
            #expect(Self.fast(bad) == nil)
            let error = #expect(throws: PostsArtefactError.self) { try Post.decodeLines(Self.line(Self.posts[0]) + [0x0A] + bad, artefact: "a") }
            #expect(error?.line == 2 && error?.artefact == "a")
        }
        // Invalid UTF-8 in a string: an overlong, a surrogate, a cut sequence.
        for invalid: [UInt8] in [[0xC0, 0x80], [0xED, 0xA0, 0x80], [0xE2, 0x82], [0xF5, 0x80, 0x80, 0x80]] {
            var line = Self.line(Self.posts[0])
            line.insert(contentsOf: invalid, at: line.firstRange(of: Array("x:a".utf8))!.upperBound)
            #expect(Self.fast(line) == nil)
            #expect(throws: PostsArtefactError.self) { try Post.decodeLines(line, artefact: "a") }
        }
    }

    @Test func sortingInPlaceGivesTheCanonicalOrder() {
        var posts = (0..<500).map { index in
            Post(platform: "x", sourceFormat: "t", postID: "x:\((index * 7_919) % 1_000)", authorID: "x:a",
                 createdAt: Int64((index * 31) % 17))
        }
        let expected = posts.sorted(by: Post.canonicalOrder)
        Post.sortCanonically(&posts)
        #expect(posts == expected)
        var none: [Post] = []
        Post.sortCanonically(&none)
        #expect(none.isEmpty)
    }
}

import Testing
import ToetsModel
@testable import ToetsMethods

/// The co-action stage reads a posts artefact's bytes straight into its input: it must find
/// exactly what it finds on `Post`s read by the strict reader, and a line it could misread must
/// go to that reader (which reads it or refuses it with its own error), never pass on other data.
@Suite struct CoActionPostsReaderTests {
    /// The fields fixture's posts, and posts that leave the one-pass reader: escapes in kept and
    /// skipped fields, text beyond ASCII, an empty reference, a repeated post id.
    static let posts: [Post] = {
        var posts = MethodFieldsTests.posts
        let base = posts[7]
        func variant(_ index: Int, _ change: (inout Post) -> Void) -> Post {
            var post = base
            post.postID = "p1.k.extra\(index)"
            post.createdAt += Int64(index)
            change(&post)
            return post
        }
        posts += [
            variant(1) { $0.text = "zei \"nee\"\nen ging" },
            variant(2) { $0.authorID = "p1.k.a/b"; $0.kind = .repost; $0.refPostID = "p1.k.post3" },
            variant(3) { $0.text = "café – zwembad 🏊 naïef"; $0.kind = .post },
            variant(4) { $0.kind = .repost; $0.refPostID = "" },
            variant(5) { $0.kind = .reply; $0.refPostID = "" },
            variant(6) { $0.urls = ["https://nieuws.nl/a\\b", "", "https://nieuws.nl/artikel/1"]; $0.kind = .post },
            variant(7) { $0.authorHandle = "h\tandle"; $0.kind = .repost; $0.refPostID = "p1.k.post2" },
        ]
        // Three accounts sharing one link within a minute, and three replying to one post, twice or more each.
        posts += (0..<8).map { index in
            variant(10 + index) { $0.authorID = "p1.k.linker\(index % 3)"; $0.kind = .post; $0.urls = ["https://nieuws.nl/gedeeld"] }
        }
        posts += (0..<8).map { index in
            variant(20 + index) { $0.authorID = "p1.k.replier\(index % 3)"; $0.kind = .reply; $0.refPostID = "p1.k.post9" }
        }
        var repeated = posts[20]
        repeated.authorID = "p1.k.acct-only-in-a-repeat"
        posts.append(repeated)
        return posts.sorted(by: Post.canonicalOrder)
    }()

    static func method(_ network: CoActionNetwork) throws -> CoActionMethod {
        try CoActionMethod(parameters: ["network": .string(network.rawValue), "window": .int(60), "flag_weight": .int(2),
                                        "min_edge_weight": .int(1), "similarity_threshold": .double(0.5),
                                        "min_document_size": .double(1), "groups": .string("components"), "seed": .int(1)])
    }

    static func input(_ bytes: [UInt8], parts: Int) throws(PostsArtefactError) -> CoActionInput {
        try bytes.withUnsafeBufferPointer { (buffer) throws(PostsArtefactError) in
            try CoActionInput(postsArtefact: buffer, artefact: "a.posts", projected: false, columns: CoActionInput.Columns.all.union(.names),
                              parts: parts)
        }
    }

    /// Everything an input holds, spelled out.
    static func describe(_ input: CoActionInput) -> String {
        (0..<input.messageCount).map { m in
            let text = String(decoding: input.textBytes[input.textStart[m]..<input.textStart[m + 1]], as: UTF8.self)
            let id = String(decoding: input.postIDBytes[input.postIDStart[m]..<input.postIDStart[m + 1]], as: UTF8.self)
            let urls = input.urls[Int(input.urlStart[m])..<Int(input.urlStart[m + 1])].map { input.urlNames.string($0) }
            return [id, input.accounts[Int(input.author[m])], "\(input.time[m])", "\(input.isRepost[m])",
                    input.repostOf[m] < 0 ? "-" : input.repostedNames.string(input.repostOf[m]),
                    input.replyTo[m] < 0 ? "-" : input.repliedNames.string(input.replyTo[m]), text, urls.joined(separator: " ")]
                .joined(separator: "|")
        }.joined(separator: "\n") + "\nskipped " + input.skippedAccounts.joined(separator: ",")
    }

    /// The input as the strict path reads it, or its error.
    static func strict(_ bytes: [UInt8]) -> String {
        do {
            return describe(CoActionInput(posts: try Post.decodeLines(bytes, artefact: "a.posts"), columns: CoActionInput.Columns.all.union(.names)))
        } catch {
            return "error: \(error)"
        }
    }

    static func fast(_ bytes: [UInt8], parts: Int = 1) -> String {
        do {
            return describe(try input(bytes, parts: parts))
        } catch {
            return "error: \(error)"
        }
    }

    @Test func everyNetworkFindsOnTheArtefactsBytesWhatItFindsOnPosts() throws {
        let bytes = Post.canonicalLines(Self.posts)
        // Lines out of time order too: the input orders them, both ways alike.
        let shuffled = Post.canonicalLines(Self.posts.enumerated().sorted { ($0.offset * 37) % 101 < ($1.offset * 37) % 101 }.map(\.element))
        for network in CoActionNetwork.allCases {
            let method = try Self.method(network)
            for artefact in [bytes, shuffled] {
                let expected = MethodFieldsTests.outputs(try method.detect(try Post.decodeLines(artefact, artefact: "a.posts")))
                #expect(expected["evidence"]!.count > 60, "\(network.rawValue): the comparison has evidence to compare")
                for parts in [1, 2, 5] {
                    let read = try artefact.withUnsafeBufferPointer { buffer in
                        try CoActionInput(postsArtefact: buffer, artefact: "a.posts", projected: false,
                                          columns: network.columns.union(.names), parts: parts)
                    }
                    #expect(MethodFieldsTests.outputs(method.detect(read)) == expected, "\(network.rawValue), \(parts) parts")
                }
                let viaArtefact = try artefact.withUnsafeBufferPointer { buffer in
                    try method.detect(postsArtefact: buffer, artefact: "a.posts", projected: false, progress: nil)
                }
                #expect(MethodFieldsTests.outputs(try #require(viaArtefact)) == expected, "\(network.rawValue)")
            }
        }
    }

    @Test func theAwkwardPostsTakeTheStrictPathAndStillCount() throws {
        let bytes = Post.canonicalLines(Self.posts)
        #expect(Self.fast(bytes) == Self.strict(bytes))
        let described = Self.fast(bytes)
        #expect(described.contains("zei \"nee\"\nen ging") && described.contains("café – zwembad 🏊 naïef"))
        #expect(described.contains("https://nieuws.nl/a\\b"))
        // The account whose only post repeats an earlier post id is seen, with no message.
        #expect(described.hasSuffix("skipped p1.k.acct-only-in-a-repeat"))
    }

    @Test func linesOneByteFromCanonicalReadAsTheStrictReaderReadsThemOrFailAlike() throws {
        // A repost with links, a reply, and a post beyond ASCII with a link: every field kept is set.
        let lines = [Self.posts[1], Self.posts[2], Self.posts.first { $0.text?.contains("café") == true }!].map(\.canonicalLine)
        let bytes: [UInt8] = [UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: " "), UInt8(ascii: ","), UInt8(ascii: ":"),
                              UInt8(ascii: "}"), UInt8(ascii: "]"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "a"),
                              0x00, 0x1F, 0x7F, 0x80, 0xC3, 0xFF]
        var variants = 0, refused = 0
        for (which, line) in lines.enumerated() {
            let body = Array(line.dropLast())
            var mutated: [[UInt8]] = []
            for position in body.indices {
                var removed = body
                removed.remove(at: position)
                mutated.append(removed)
                for byte in bytes where byte != body[position] {
                    var changed = body
                    changed[position] = byte
                    mutated.append(changed)
                    var inserted = body
                    inserted.insert(byte, at: position)
                    mutated.append(inserted)
                }
            }
            for variant in mutated {
                var artefact: [UInt8] = []
                for (index, other) in lines.enumerated() { artefact += index == which ? variant + [0x0A] : other }
                let strict = Self.strict(artefact)
                #expect(Self.fast(artefact) == strict, "\(String(decoding: variant, as: UTF8.self).debugDescription)")
                variants += 1
                if strict.hasPrefix("error: ") { refused += 1 }
            }
        }
        // Both kinds were tried: lines the strict reader reads and lines it refuses.
        #expect(variants > 10_000 && refused > 1_000 && variants - refused > 1_000, "\(variants) variants, \(refused) refused")
    }

    @Test func keysOutOfOrderRepeatedOrExtraAreReadByTheStrictReader() throws {
        let line = String(decoding: Self.posts[1].canonicalLine.dropLast(), as: UTF8.self)
        let variants = [
            // Two keys swapped.
            line.replacingOccurrences(of: #""author_id""#, with: #""AUTHOR""#).replacingOccurrences(of: #""content_id""#, with: #""author_id""#)
                .replacingOccurrences(of: #""AUTHOR""#, with: #""content_id""#),
            // A repeated key (the strict reader decides which counts, or refuses).
            line.replacingOccurrences(of: #"{"account_created_at""#, with: #"{"post_id":"p1.k.other","account_created_at""#),
            // An extra field, an escaped key, white space, a \u escape in a kept field.
            line.replacingOccurrences(of: #","urls":"#, with: #","zzz":1,"urls":"#),
            line.replacingOccurrences(of: #""post_id""#, with: #""post\u005fid""#),
            line.replacingOccurrences(of: #""kind":"#, with: #""kind": "#),
            line.replacingOccurrences(of: #""p1.k.acct"#, with: #""p1.k.\u0061cct"#),
        ]
        for variant in variants {
            #expect(variant != line)
            let artefact = Array((variant + "\n").utf8) + Self.posts[5].canonicalLine
            #expect(Self.fast(artefact) == Self.strict(artefact), "\(variant)")
        }
    }

    @Test func aBadLineIsNamedAsTheStrictReaderNamesItWhateverTheParts() throws {
        var lines = Self.posts.prefix(60).map(\.canonicalLine)
        lines.insert(Array("\n".utf8), at: 10)
        lines[41] = Array(#"{"post_id": 5}"#.utf8) + [0x0A]
        let artefact = lines.flatMap { $0 }
        let expected = Self.strict(artefact)
        #expect(expected.contains("a.posts line 42"), "\(expected)")
        for parts in 1...8 { #expect(Self.fast(artefact, parts: parts) == expected, "\(parts) parts") }
    }

    @Test func evidenceRowsAreOrderedAsTheirStringsCompare() {
        // Ids that compare equal as strings with different bytes, CSV-awkward ids, ids beyond ASCII.
        let accounts = ["acct1", "acct10", "acct2", "caf\u{E9}", "cafe\u{301}", "a,b", "\"q\"", "zz", "Ω", "é"]
        var random = SeededRandom(seed: 11)
        let rows = (0..<400).map { _ in
            EvidenceRow(account1: accounts[Int(random.next() % 10)], account2: accounts[Int(random.next() % 10)],
                        object: ["posts p1 and p2", "link x", "repost of é", "repost of e\u{301}"][Int(random.next() % 4)],
                        time1: Int64(random.next() % 3), time2: Int64(random.next() % 3))
        }
        let sorted = rows.sorted {
            ($0.account1, $0.account2, $0.object, $0.time1, $0.time2) < ($1.account1, $1.account2, $1.object, $1.time1, $1.time2)
        }
        var expected = Array(EvidenceRow.header.utf8)
        for row in sorted {
            expected += Array("\(CSVScanner.field(row.account1)),\(CSVScanner.field(row.account2)),\(CSVScanner.field(row.object)),\(row.time1),\(row.time2)\n".utf8)
        }
        #expect(EvidenceRow.table(rows) == expected)
    }
}

import Foundation
import Testing
import ToetsModel
import ToetsTestSupport
@testable import ToetsIngest

/// Each format read from a small fixture that follows its published schema.
@Suite struct FormatAdapterTests {
    @Test func twarc2PagesTakeRetweetTextAndReferencedAuthorFromIncludes() throws {
        let result = try ingestFixture("twarc2.jsonl")
        #expect(result.report.entries.first?.format == "twarc2")
        #expect(result.posts.map(\.postID) == ["x:1765000000000000001", "x:1765000000000000002", "x:1765000000000000003",
                                               "x:1765000000000000004"])
        let original = try #require(result.post("x:1765000000000000001"))
        #expect(original.authorID == "x:2001")
        #expect(original.authorHandle == "kiezer_nl")
        #expect(original.displayName == "Kiezer")  // includes.users[].name
        #expect(original.createdAt == 1_772_356_502)
        #expect(original.hashtags == ["gr2026"])
        #expect(original.mentions == ["gemeente_utrecht"])
        #expect(original.urls == ["https://www.utrecht.nl/verkiezingen"])
        #expect(original.threadID == "x:1765000000000000001")
        #expect(original.accountCreatedAt == 1_556_704_800)
        #expect(original.followers == 120)
        let retweet = try #require(result.post("x:1765000000000000002"))
        #expect(retweet.kind == .repost)
        #expect(retweet.refPostID == "x:1765000000000000001")
        #expect(retweet.refAuthorID == "x:2001")
        #expect(retweet.text == original.text)
        #expect(retweet.hashtags == ["gr2026"])
        let reply = try #require(result.post("x:1765000000000000003"))
        #expect(reply.kind == .reply)
        #expect(reply.refAuthorID == "x:2001")
        let flattened = try #require(result.post("x:1765000000000000004"))
        #expect(flattened.authorHandle == "Lotte_U")
        #expect(flattened.displayName == "Lotte")
        #expect(flattened.refAuthorID == "x:2001")
        // The page with a tweet without created_at, and a truncated line, are quarantined.
        #expect(result.quarantine.map(\.line) == [3, 4])
        #expect(result.quarantine.map(\.reason) == ["missing or unreadable created_at", "invalid JSON: unexpected end of input"])
    }

    @Test func zeeschuimerReadsXTikTokAndInstagramItems() throws {
        let result = try ingestFixture("zeeschuimer.ndjson")
        #expect(result.quarantine.isEmpty)
        let tweet = try #require(result.post("x:1766000000000000001"))
        #expect(tweet.kind == .repost)
        #expect(tweet.refPostID == "x:1765999999999999999")
        #expect(tweet.refAuthorID == "x:4002")
        #expect(tweet.text == "Debat vanavond om 20:00 #Debat https://t.co/x")
        #expect(tweet.hashtags == ["debat"])
        #expect(tweet.createdAt == 1_772_366_405)
        #expect(tweet.authorHandle == "WijkNieuws")
        let video = try #require(result.post("tiktok:7340000000000000001"))
        #expect(video.authorID == "tiktok:6800000000000000001")
        #expect(video.displayName == "Stadsvlogger")  // author.nickname
        #expect(video.hashtags == ["fyp", "gemeenteraad"])
        #expect(video.kind == .post)
        let photo = try #require(result.post("instagram:3300000000000000001_5001"))
        #expect(photo.authorHandle == "buurtvereniging")
        #expect(photo.mentions == ["gemeente"])
    }

    @Test func fourCATNDJSONTakesThePlatformFromImportMeta() throws {
        let result = try ingestFixture("4cat.ndjson")
        #expect(result.report.entries.first?.format == "4cat-ndjson")
        #expect(result.posts.map(\.postID) == ["tiktok:7340000000000000002"])
    }

    @Test func telegramUsesUnixTimeAndGivesForwardsNoSourceID() throws {
        let result = try ingestFixture("telegram-result.json")
        #expect(result.report.entries.first?.format == "telegram-json")
        #expect(result.posts.map(\.postID) == ["telegram:1700000001-2", "telegram:1700000001-3", "telegram:1700000001-4"])
        let first = try #require(result.post("telegram:1700000001-2"))
        #expect(first.createdAt == 1_772_352_000)
        #expect(first.text == "Uitslag peiling: https://nieuws.example/peiling #GR2026")
        #expect(first.urls == ["https://nieuws.example/peiling"])
        #expect(first.hashtags == ["gr2026"])
        #expect(first.authorID == "telegram:channel1700000001")
        // `from` is a display name, not a username: the export has none.
        #expect(first.displayName == "Stadsnieuws" && first.authorHandle == nil)
        let forward = try #require(result.post("telegram:1700000001-3"))
        #expect(forward.kind == .forward)
        #expect(forward.refPostID == nil)
        let reply = try #require(result.post("telegram:1700000001-4"))
        #expect(reply.refPostID == "telegram:1700000001-2")
        #expect(reply.mentions == ["redactie"])
        #expect(result.report.skippedReasons == ["Telegram service message": 1])
        #expect(result.quarantine.map(\.reason) == ["missing date_unixtime (the local-time date is not used)"])
    }

    @Test func tiktokResearchVideosAreKeyedByUsername() throws {
        let result = try ingestFixture("tiktok-research.json")
        let video = try #require(result.post("tiktok:7341000000000000001"))
        #expect(video.authorID == "tiktok:lokale_partij")
        #expect(video.hashtags == ["gemeenteraadsverkiezingen"])
        #expect(result.quarantine.map(\.reason) == ["missing create_time"])
    }

    @Test func xArchiveHasMinutePrecisionAndPythonLiteralLists() throws {
        let result = try ingestFixture("x-io-archive.csv")
        let retweet = try #require(result.post("x:1100000000000000001"))
        #expect(retweet.precision == .minutes)
        #expect(retweet.createdAt == 1_551_443_640)
        #expect(retweet.kind == .repost)
        #expect(retweet.refPostID == "x:1099999999999999999")
        #expect(retweet.refAuthorID == "x:998877")
        #expect(retweet.hashtags == ["schandaal"])
        #expect(retweet.mentions == ["id:998877"])
        #expect(retweet.accountCreatedAt == 1_527_811_200)
        #expect(retweet.displayName == "a1b2c3d4e5")  // user_display_name, hashed in the archive for small accounts
        let link = try #require(result.post("x:1100000000000000002"))
        #expect(link.urls == ["https://nep-nieuws.example/artikel?utm_source=tw"])
        #expect(result.quarantine.map(\.line) == [4])
    }

    @Test func twarcCSVReadsDottedColumnsAndJSONLists() throws {
        let result = try ingestFixture("twarc.csv")
        let first = try #require(result.post("x:1767000000000000001"))
        #expect(first.text == "Meer groen in de wijk, \"nu\"!\nStem lokaal #groen")
        #expect(first.hashtags == ["groen"])
        #expect(first.authorHandle == "groenlinks_wijk")
        #expect(first.followers == 800)
        let quote = try #require(result.post("x:1767000000000000002"))
        #expect(quote.kind == .quote)
        #expect(quote.refAuthorID == "x:6001")
        #expect(quote.urls == ["https://twitter.com/groenlinks_wijk/status/1767000000000000001"])
        #expect(result.quarantine.isEmpty)
    }

    @Test func fourCATCSVTellsThePlatformByItsColumns() throws {
        let result = try ingestFixture("4cat-x.csv")
        #expect(result.posts.map(\.postID) == ["x:1768000000000000001", "x:1768000000000000002"])
        #expect(result.post("x:1768000000000000001")?.hashtags == ["wonen"])
        #expect(result.post("x:1768000000000000002")?.kind == .repost)
        #expect(result.post("x:1768000000000000001")?.authorID == "x:7001")
        // Row 4 has no author; row 5 is cut short.
        #expect(result.quarantine.map(\.reason) == ["missing author", "wrong number of fields"])
        #expect(result.quarantine.map(\.line) == [4, 5])
    }

    @Test func cntCSVMapsRepostsRepliesAndSpaceSeparatedURLs() throws {
        var options = IngestOptions()
        options.platforms["collection.tar.gz"] = "x"
        let result = try ingestFixture("cnt.csv", options: options)
        #expect(result.post("x:m1")?.urls == ["https://a.example/x", "https://b.example/y"])
        #expect(result.post("x:m2")?.kind == .repost)
        #expect(result.post("x:m2")?.refPostID == "x:m1")
        #expect(result.post("x:m3")?.kind == .reply)
        #expect(result.quarantine.map(\.reason) == ["timestamp is not a number of seconds"])
    }

    /// One row per share: the post is content_id, what it shares is object_id. A repeated row
    /// is kept, as CooRTweet counts it; a post sharing two objects is two records.
    @Test func coortweetKeepsEveryShareRow() throws {
        let result = try ingestFixture("coortweet.csv")
        let posts = result.posts
        #expect(posts.map(\.postID) == ["unknown:r1", "unknown:r1", "unknown:r1", "unknown:r2"])
        #expect(posts.map { $0.contentID ?? "" } == ["t100", "t100", "t200", "t100"])
        #expect(posts.first?.authorID == "unknown:acc1")
        #expect(result.report.duplicatesDropped == 0)
        #expect(result.quarantine.map(\.reason) == ["missing content_id"])
    }

    @Test func copiesOfAShareTableInAnotherArchiveAreDuplicates() throws {
        let directory = TemporaryDirectory("toets-shares")
        var archives: [(String, String)] = []
        for name in ["a.csv", "b.csv"] {
            let path = directory.path + "/" + name
            try Data(try fixture("coortweet.csv")).write(to: URL(fileURLWithPath: path))
            archives.append((name, path))
        }
        let result = try IngestEngine(options: IngestOptions()).run(archives)
        #expect(result.count == 4)
        #expect(result.report.duplicatesDropped == 4)
    }

    @Test func aFormatCanBeSetInsteadOfDetected() throws {
        var options = IngestOptions()
        options.formats["collection.tar.gz/shares.txt"] = .coortweet
        let result = try ingest([("shares.txt", .file(try fixture("coortweet.csv")))], options: options)
        #expect(result.report.entries.first?.detected == false)
        #expect(result.posts.count == 4)
    }
}

import Foundation
import Testing
import ToetsModel
import ToetsTestSupport
@testable import ToetsIngest

/// Display names are kept where a format has them, in the raw posts only (anonymise reads them
/// as a dictionary of names and drops them).
@Suite struct DisplayNameTests {
    @Test func fourCATCSVTakesTheFullNameOfEachDataSource() throws {
        let x = "id,thread_id,author,author_fullname,author_id,body,unix_timestamp,is_retweet\n"
            + "1,1,kiezer,Jan Kiezer,7001,hallo,1772000000,no\n"
        let tiktok = "id,thread_id,author,author_full,body,unix_timestamp,music_id\n"
            + "2,2,stadsvlogger,Stads Vlogger,hoi,1772000001,5\n"
        let telegram = "id,thread_id,author,author_username,author_name,body,unix_timestamp,author_forwarded_from_name,reply_to\n"
            + "3,9,444,lotte_u,Lotte Uithoorn,dag,1772000002,,\n"
        let result = try ingest([("x.csv", .file(Array(x.utf8))), ("t.csv", .file(Array(tiktok.utf8))),
                                 ("g.csv", .file(Array(telegram.utf8)))])
        #expect(result.quarantine.isEmpty, "\(result.quarantine.map(\.reason))")
        #expect(result.post("x:1")?.displayName == "Jan Kiezer")
        #expect(result.post("tiktok:2")?.displayName == "Stads Vlogger")
        #expect(result.post("telegram:3")?.displayName == "Lotte Uithoorn")
    }

    @Test func zeeschuimerTakesTheNameOfXUsersAndInstagramAccounts() throws {
        let tweet = #"{"source_platform":"twitter.com","data":{"rest_id":"11","core":{"user_results":{"result":{"rest_id":"22","legacy":{"screen_name":"wijk","name":"Wijk Nieuws Oost"}}}},"legacy":{"created_at":"Sun Mar 01 12:00:00 +0000 2026","full_text":"hoi"}}}"#
        let photo = #"{"source_platform":"instagram.com","data":{"id":"33","taken_at":1772000000,"user":{"pk":"44","username":"buurt","full_name":"Buurt Vereniging"},"caption":{"text":"dag"}}}"#
        let result = try ingest([("z.ndjson", .file(Array((tweet + "\n" + photo + "\n").utf8)))])
        #expect(result.quarantine.isEmpty, "\(result.quarantine.map(\.reason))")
        #expect(result.post("x:11")?.displayName == "Wijk Nieuws Oost")
        #expect(result.post("instagram:33")?.displayName == "Buurt Vereniging")
    }

    @Test func theDisplayNameRoundTripsAndIsLeftOutWhereThereIsNone() throws {
        var post = Post(platform: "x", sourceFormat: "twarc2", postID: "x:1", authorID: "x:2", displayName: "Jan \"J\" Kiezer",
                        createdAt: 5)
        let line = post.canonicalLine
        #expect(String(decoding: line, as: UTF8.self).contains(#""created_at":5,"display_name":"Jan \"J\" Kiezer","followers""#))
        #expect(try Post(json: JSONDocument(Array(line.dropLast())).root) == post)
        post.displayName = nil
        #expect(!String(decoding: post.canonicalLine, as: UTF8.self).contains("display_name"))
    }
}

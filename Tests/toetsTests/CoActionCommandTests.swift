import Foundation
import Testing
import ToetsTestSupport

/// `toets co-action`: CNT's input CSV in, CNT's network table out, as a user runs it.
@Suite struct CoActionCommandTests {
    static let header = "message_id,user_id,username,repost_id,reply_id,message,timestamp,urls\n"

    @Test func writesTheDirectedTableWithCNTsOptions() throws {
        let project = TemporaryDirectory()
        try project.write("in.csv", Self.header + "1,a,A,x,,RT,100,\n2,b,B,x,,RT,130,\n3,a,A,x,,RT,140,\n4,\"c,d\",C,x,,RT,400,\n")
        let result = try Toets.run(["co-action", "in.csv", "--network", "co_retweet", "--time_window", "60",
                                    "--min_edge_weight", "1", "--out", "edges.csv"], in: project.path)
        #expect(result.status == 0)
        #expect(try project.read("edges.csv") == "user_1,user_2,weight\na,b,2\nb,a,1\n")
        #expect(result.stdout.contains("2 edges among 3 accounts, from 4 messages"))
        // CNT's defaults: a window of 1 s and a least weight of 2.
        #expect(try Toets.run(["co-action", "in.csv", "--network", "co_retweet", "--out", "default.csv"], in: project.path).status == 0)
        #expect(try project.read("default.csv") == "user_1,user_2,weight\n")
    }

    @Test func aMalformedCSVExitsWithStatus2AndNamesFileAndLine() throws {
        let project = TemporaryDirectory()
        try project.write("in.csv", Self.header + "1,a,A,,,hi,noon,\n")
        let result = try Toets.run(["co-action", "in.csv", "--network", "co_tweet", "--out", "edges.csv"], in: project.path)
        #expect(result.status == 2)
        #expect(result.stderr.contains("in.csv, line 2: timestamp \"noon\" is not whole seconds"))
        #expect(!FileManager.default.fileExists(atPath: project.path + "/edges.csv"))
    }
}

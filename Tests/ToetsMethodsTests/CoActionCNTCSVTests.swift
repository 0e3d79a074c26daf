import Testing
import ToetsModel
@testable import ToetsMethods

/// CNT's own input CSV read straight into `CoActionInput`, against the same rows read as posts.
@Suite struct CoActionCNTCSVTests {
    static let header = "message_id,user_id,username,repost_id,reply_id,message,timestamp,urls\n"

    static func read(_ csv: [UInt8], columns: CoActionInput.Columns = .all, parts: Int = 1) throws(MethodsError) -> CoActionInput {
        try csv.withUnsafeBufferPointer { (bytes) throws(MethodsError) in
            try CoActionInput(cntCSV: bytes, source: "in.csv", columns: columns, parts: parts)
        }
    }

    static func edges(_ network: CoActionNetwork, _ input: CoActionInput) -> [CoActionEdge] {
        CoAction.network(network, of: input, parameters: CoActionParameters(timeWindow: 60, minEdgeWeight: 1)).edges
    }

    /// Each network reads only its columns, and gets the edges the posts give.
    @Test(arguments: CoActionNetwork.allCases)
    func theCSVGivesTheEdgesOfThePostsItHolds(_ network: CoActionNetwork) throws {
        let fromPosts = Self.edges(network, CoActionInput(posts: try CNTFixtures.posts()))
        let csv = try CNTFixtures.bytes("input.csv")
        let all = try Self.read(csv)
        let own = try Self.read(csv, columns: network.columns)
        #expect(Self.edges(network, all) == fromPosts)
        #expect(Self.edges(network, own) == fromPosts)
        #expect(!fromPosts.isEmpty)
        #expect(own.columns == network.columns)
        #expect(all.messageCount == own.messageCount && all.accountCount == own.accountCount)
    }

    @Test func partsReadInParallelGiveTheSameInputAsOne() throws {
        let csv = try CNTFixtures.bytes("input.csv")
        let one = try Self.read(csv)
        for parts in [2, 3, 7, 50] {
            let many = try Self.read(csv, parts: parts)
            #expect(many.accounts == one.accounts && many.author == one.author && many.time == one.time, "\(parts) parts")
            for network in CoActionNetwork.allCases {
                #expect(Self.edges(network, many) == Self.edges(network, one), "\(network) in \(parts) parts")
            }
        }
    }

    /// Most line breaks here are inside quoted messages, before text that reads as records
    /// (some of it only up to a quote, one message nearly all of the file); a part that starts
    /// at one is read again from where the part before it ended, whether reading it failed or not.
    @Test func aPartStartingInsideAQuotedFieldIsReadAgain() throws {
        var csv = Self.header
        for row in 0..<60 {
            let fake = row % 2 == 0 ? "\n9\(row),evil,e,,,\"\"x\"\",1,\n8\(row),evil,e,,,y,1,\n"
                : (0..<(row == 31 ? 3_000 : 20)).map { "\n7\($0),evil,e,,,y,1," }.joined()
            csv += "\(row),u\(row % 7),n,r\(row % 3),,\"line\(fake)end\",\(1_000 + row),https://e.example/\(row % 5)\n"
        }
        let one = try Self.read(Array(csv.utf8))
        #expect(one.messageCount == 60)
        #expect(!one.accounts.contains("evil"))
        for parts in 2...12 {
            let many = try Self.read(Array(csv.utf8), parts: parts)
            #expect(many.accounts == one.accounts && many.author == one.author && many.repostOf == one.repostOf,
                    "\(parts) parts")
            #expect(many.textBytes == one.textBytes && many.textStart == one.textStart, "\(parts) parts")
        }
    }

    @Test func aRepeatedPostIDKeepsTheFirstRowAndRowsNeedNotBeInTimeOrder() throws {
        let csv = Self.header + "1,a,,x,,,30,\n2,b,,x,,,10,\n1,c,,x,,,11,\n3,c,,x,,,100,\n2,d,,y,,,12,\n"
        for parts in [1, 2, 3] {
            let input = try Self.read(Array(csv.utf8), parts: parts)
            #expect(input.accounts == ["a", "b", "c"], "\(parts) parts")
            #expect(input.time == [10, 30, 100], "\(parts) parts")
            #expect(Self.edges(.coRetweet, input).map { "\($0.user1)>\($0.user2)" } == ["a>b", "b>a"], "\(parts) parts")
        }
    }

    @Test func urlsAreSplitAtSpacesAndEmptyOnesLinkNoOne() throws {
        let csv = Self.header + "1,a,,,,t,0,u1  u2\n2,b,,,,t,1,u2\n3,c,,,,t,2,\n4,d,,,,t,3,\n5,e,,r,,t,4,u1\n"
        let input = try Self.read(Array(csv.utf8), columns: .urls)
        #expect(Self.edges(.coLink, input).map { "\($0.user1)>\($0.user2)" } == ["a>b", "b>a"])
    }

    @Test func eachMistakeNamesFileLineAndWhatCNTsCSVHolds() {
        func problem(_ csv: [UInt8]) -> String? {
            do {
                _ = try Self.read(csv)
                return nil
            } catch {
                return error.description
            }
        }
        #expect(problem(Array("id,user,name,repost,reply,text,time,urls\n".utf8))?
            .hasPrefix("in.csv, line 1: the header is not CNT's message_id,user_id,") == true)
        #expect(problem(Array((Self.header + "1,a,,,,\"t\n\",5,\n2,b,,,,t,6\n").utf8))?
            .hasPrefix("in.csv, line 4: 7 fields where CNT's CSV has 8. CNT's input is UTF-8 CSV with the columns message_id,") == true)
        #expect(problem(Array((Self.header + "1,a,,,,t,1.5,\n").utf8))?
            .hasPrefix("in.csv, line 2: timestamp \"1.5\" is not whole seconds") == true)
        #expect(problem(Array((Self.header + "1,a,,,,t,99999999999999999999,\n").utf8))?
            .hasPrefix("in.csv, line 2: timestamp \"99999999999999999999\" is not whole seconds") == true)
        #expect(problem(Array(Self.header.utf8) + [0x31, 0x2C, 0x61, 0x2C, 0x2C, 0x2C, 0x2C, 0xC3, 0x28, 0x2C, 0x31, 0x2C, 0x0A])?
            .hasPrefix("in.csv, line 2: not UTF-8") == true)
        #expect(problem(Array((Self.header + "1,a,,,,\"t,1,\n").utf8))?
            .hasPrefix("in.csv, line 3: unterminated quoted field") == true)
        #expect(problem([])?.hasPrefix("in.csv, line 1: no header") == true)
    }
}

import Testing
@testable import ToetsMethods

struct CooRTweetCSVTests {
    @Test func doublesAreWrittenWithShortestDigitsAndNoExponent() {
        let cases: [(Double, String)] = [
            (3, "3"), (2.5, "2.5"), (1.0 / 3.0, "0.3333333333333333"), (2.0 / 3.0, "0.6666666666666666"),
            (0.1 + 0.2, "0.30000000000000004"), (1e-05, "0.00001"), (1.5e-7, "0.00000015"),
            (1e16, "10000000000000000"), (1.2345678901234568e20, "123456789012345680000"),
            (-0.0, "0"), (-12.75, "-12.75"), (8.799999999999999, "8.799999999999999"),
            (.nan, "NA"), (.infinity, "Inf"), (-.infinity, "-Inf"),
        ]
        for (value, text) in cases {
            #expect(ShortestDecimal.format(value) == text, "\(value)")
            if value.isFinite { #expect(Double(ShortestDecimal.format(value)) == value) }
        }
    }

    @Test func pairsTableHasCooRTweetColumnsAndQuotesOnlyWhenNeeded() {
        let pairs = [pair("o1", "A", "a,1", "B", "b\"1", 3), pair("o2", "A", "a2", "B", "b2", 0)]
        #expect(String(decoding: CooRTweet.pairsCSV(pairs), as: UTF8.self) == """
            object_id,account_id,content_id,account_id_y,content_id_y,time_delta
            o1,A,"a,1",B,"b""1",3
            o2,A,a2,B,b2,0

            """)
        let flagged = CooRTweet.pairsCSV(pairs, speed: CooRTweet.SpeedFlags(tw2: 2, flags: [false, true]))
        #expect(String(decoding: flagged, as: UTF8.self).hasPrefix(
            "object_id,account_id,content_id,account_id_y,content_id_y,time_delta,time_window_2\no1,A,\"a,1\",B,\"b\"\"1\",3,0\n"))
    }

    @Test func edgesTableWritesFullAndFastColumnsWithNA() {
        let pairs = [pair("o1", "A", "a1", "B", "b1", 1), pair("o2", "A", "a2", "B", "b2", 2), pair("o3", "C", "c1", "B", "b3", 30)]
        let plain = CooRTweet.generateCoordinatedNetwork(pairs)
        #expect(String(decoding: CooRTweet.edgesCSV(plain), as: UTF8.self) == """
            account_1,account_2,weight,avg_time_delta,weight_threshold,n_content_id,n_content_id_y,edge_symmetry_score
            A,B,2,1.5,1,2,2,1
            B,C,1,30,0,1,1,1

            """)
        let fast = CooRTweet.generateCoordinatedNetwork(pairs, fast: [true, true, false])
        let lines = String(decoding: CooRTweet.edgesCSV(fast), as: UTF8.self).split(separator: "\n")
        #expect(lines[0].hasPrefix("account_1,account_2,weight_full,avg_time_delta_full,weight_threshold_full,"))
        #expect(lines[0].hasSuffix(",n_content_id_y_fast,edge_symmetry_score_fast"))
        #expect(lines[1] == "A,B,2,1.5,1,2,2,1,2,1.5,0,2,2,1")
        #expect(lines[2] == "B,C,1,30,0,1,1,1,NA,NA,NA,NA,NA,NA")
        #expect(String(decoding: CooRTweet.nodesCSV(plain), as: UTF8.self) == "account_id,component\nA,1\nB,1\nC,1\n")
    }

    @Test func readSharesFindsColumnsByNameAndReportsBadTimestamps() throws {
        let text = "timestamp_share,extra,content_id,account_id,object_id\r\n5,x,c1,A,o1\r\n\r\n7,y,c2,B,o1\r\n"
        let shares = try CooRTweet.readShares(csv: Array(text.utf8), source: "t.csv")
        #expect(shares == [share("o1", "A", "c1", 5), share("o1", "B", "c2", 7)])
        let badTime = #expect(throws: MethodsError.self) {
            try CooRTweet.readShares(csv: Array("object_id,account_id,content_id,timestamp_share\no,a,c,1.5\n".utf8), source: "t.csv")
        }
        #expect(badTime?.description.hasPrefix("t.csv, line 2: timestamp_share '1.5' is not an integer") == true)
        let noColumn = #expect(throws: MethodsError.self) {
            try CooRTweet.readShares(csv: Array("object_id,account_id,content_id\n".utf8), source: "t.csv")
        }
        #expect(noColumn?.description.hasPrefix("t.csv, line 1: no column timestamp_share") == true)
    }
}

import Testing
import ToetsModel
@testable import ToetsScoring

/// Reading labels, with the optional `coordination` column, and what the annotators decide.
@Suite struct GroundTruthTests {
    static let header = "account_id,label,campaign,annotator,confidence,coordination\n"

    func parse(_ rows: String) throws(ScoreError) -> GroundTruth {
        try GroundTruth.parse(Array((Self.header + rows).utf8), file: "labels.csv")
    }

    func refusal(_ rows: String) -> String {
        do {
            _ = try parse(rows)
            return "accepted"
        } catch {
            return error.description
        }
    }

    @Test func anAccountsKindIsTheOneMostOfItsNoneVotesName() throws {
        let truth = try parse("""
            a,none,,A1,0.9,fans
            a,none,,A2,0.9,volunteers
            a,none,,A3,0.9,fans
            b,none,,A1,0.9,volunteers
            b,none,,A2,0.9,fans
            c,none,,A1,0.9,
            c,none,,A2,0.9, news_syndication
            d,campaign,C1,A1,0.9,
            d,none,,A2,0.9,events
            d,none,,A3,0.9,events
            e,campaign,C1,A1,0.9,
            e,campaign,C1,A2,0.9,
            f,none,,A1,0.9,
            g,none,,A1,0.5,events
            g,none,,A1,0.9,fans

            """)
        let majority = truth.decide(.majority).labels
        #expect(majority.keys.sorted() == ["a", "b", "c", "d", "e", "f", "g"])
        #expect(majority["a"]?.coordination == "fans")                // two votes against one
        #expect(majority["b"]?.coordination == "fans")                // a tie: the first in byte order
        #expect(majority["c"]?.coordination == "news_syndication")    // an empty vote names nothing
        #expect(majority["d"]?.coordination == "events" && majority["d"]?.isCampaign == false)
        #expect(majority["e"]?.isCampaign == true && majority["e"]?.coordination == nil)
        #expect(majority["f"]?.coordination == nil)                   // no kind is not a kind
        #expect(majority["g"]?.coordination == "fans")                // an annotator's later row counts
        // Under the rule `any`, d is a campaign account: a campaign account has no kind.
        let any = truth.decide(.any).labels
        #expect(any["d"]?.isCampaign == true && any["d"]?.coordination == nil && any["d"]?.campaign == "C1")
        // Without the column, nothing has a kind.
        let plain = try GroundTruth.parse(Array("account_id,label,campaign,annotator\na,none,,A1\n".utf8), file: "l.csv")
        #expect(plain.decide(.majority).labels["a"] == DecidedLabel(isCampaign: false, campaign: nil, coordination: nil))
    }

    @Test func aBadKindNamesFileLineAndFieldWithoutRepeatingIt() {
        let rule = "field coordination is not a kind of legitimate coordination: write one of news_syndication, "
            + "volunteers, fans, events, official_campaign, other (other for any other kind), or leave it empty"
        #expect(refusal("a,none,,A1,0.9,fans\nb,none,,A1,0.9,Jan de Vries zijn buren\n") == "score: labels.csv line 3: " + rule)
        #expect(refusal("a,none,,A1,0.9,Fans\n") == "score: labels.csv line 2: " + rule)
        #expect(refusal("a,none,,A1,0.9,fans-club\n") == "score: labels.csv line 2: " + rule)
        #expect(refusal("a,none,,A1,0.9,vrijwilligers_van_één_partij\n") == "score: labels.csv line 2: " + rule)
        // A closed list: a lower-case name is not a kind.
        #expect(refusal("a,none,,A1,0.9,pietjansen\n") == "score: labels.csv line 2: " + rule)
        #expect(refusal("a,none,,A1,0.9, events \n") == "accepted")
        // A quoted line break moves the lines on.
        #expect(refusal("a,campaign,\"C1\nC2\",A1,0.9,\nb,none,,A1,0.9,2nd\n") == "score: labels.csv line 4: " + rule)
        #expect(refusal("a,campaign,C1,A1,0.9,fans\n") == "score: labels.csv line 2: field coordination names "
            + "legitimate coordination, but the label is campaign: leave it empty, or label the account none")
    }
}

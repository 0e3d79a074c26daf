import Testing
@testable import ToetsModel

@Suite struct DetectionsTests {
    func parse(_ text: String) throws(DetectionsFile.Problem) -> [Detection] {
        try DetectionsFile.parse(Array(text.utf8), file: "d.csv")
    }

    func problem(_ text: String) -> String? {
        do {
            _ = try parse(text)
            return nil
        } catch {
            return error.description
        }
    }

    @Test func aWellFormedFileReadsAndWritesBackCanonically() throws {
        let detections = try parse("account_id,score,flagged,group,extra\nb,0.25,false,,x\na,3,true,\"g,1\",y\n\n")
        #expect(detections == [Detection(accountID: "b", score: 0.25, flagged: false),
                               Detection(accountID: "a", score: 3, flagged: true, group: "g,1")])
        #expect(String(decoding: DetectionsFile.write(detections), as: UTF8.self)
                == "account_id,score,flagged,group\na,3,true,\"g,1\"\nb,0.25,false,\n")
    }

    @Test func eachMistakeNamesLineAndField() {
        #expect(problem("account,score,flagged,group\n") == "d.csv line 1: the header is account,score,flagged,group; "
                + "detections start with account_id,score,flagged,group")
        #expect(problem("account_id,score,flagged,group\na,1,true,g\nb,high,true,g\n")
                == "d.csv line 3, field score: 'high' is not a finite number")
        #expect(problem("account_id,score,flagged,group\na,nan,true,g\n") == "d.csv line 2, field score: 'nan' is not a finite number")
        #expect(problem("account_id,score,flagged,group\na,1,yes,g\n") == "d.csv line 2, field flagged: 'yes' is not true or false")
        #expect(problem("account_id,score,flagged,group\na,1,false,g\n")
                == "d.csv line 2, field group: an account that is not flagged has no group")
        #expect(problem("account_id,score,flagged,group\n\"a\nb\",1,true,\na,1,true,\na\nb,2,true,\n")
                == "d.csv line 5: 1 fields, but the header has 4")
        #expect(problem("account_id,score,flagged,group\na,1,true,\na,2,true,\n")
                == "d.csv line 3, field account_id: account a again (first on line 2); one row per account")
        #expect(problem("") == "d.csv line 1: empty; expected the header account_id,score,flagged,group")
    }
}

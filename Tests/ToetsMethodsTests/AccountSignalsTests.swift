import Testing
import ToetsModel
@testable import ToetsMethods

@Suite struct AccountSignalsTests {
    @Test func aBurstOfYoungBusyAccountsIsFlaggedAsOneGroup() throws {
        let parameters = Dictionary(uniqueKeysWithValues: AccountSignals.parameters.map { ($0.name, $0.defaultValue!) })
        let start: Int64 = 1_767_225_600  // 2026-01-01
        var posts: [Post] = []
        for member in 0..<5 {
            for index in 0..<60 {  // 60 posts in one day
                posts.append(Post(platform: "x", sourceFormat: "t", postID: "b\(member)-\(index)", authorID: "burst\(member)",
                                  createdAt: start + 10 * 86_400 + Int64(index) * 600, accountCreatedAt: start + Int64(member) * 3600,
                                  followers: 2))
            }
        }
        for day in 0..<20 {
            posts.append(Post(platform: "x", sourceFormat: "t", postID: "o\(day)", authorID: "organic",
                              createdAt: start + Int64(day) * 86_400, accountCreatedAt: start - 2_000 * 86_400, followers: 512))
        }
        posts.append(Post(platform: "x", sourceFormat: "t", postID: "n", authorID: "no-metadata", createdAt: start))
        let result = try AccountSignals(parameters: parameters).detect(posts)
        let byAccount = Dictionary(uniqueKeysWithValues: result.detections.map { ($0.accountID, $0) })
        let group = "created-week-\(UTCTime.bin(start, width: UTCTime.week))"
        #expect((0..<5).allSatisfy { byAccount["burst\($0)"] == Detection(accountID: "burst\($0)", score: 1, flagged: true, group: group) })
        #expect(byAccount["organic"]?.flagged == false && byAccount["organic"]!.score < 0.1)
        #expect(byAccount["no-metadata"]?.score == 1.0 / 50)  // only the rate is known: 1 post a day of 50
        #expect(result.network.edgeCount == 10 && result.evidence.count == 10)
        #expect(UTCTime.bin(-1, width: UTCTime.week) == -1 && UTCTime.bin(604_800, width: UTCTime.week) == 1)
    }
}

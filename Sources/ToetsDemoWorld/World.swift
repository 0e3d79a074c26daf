import Foundation
import ToetsModel

/// The parameters of the simulated world; the same parameters give the same bytes.
package struct WorldParameters: Codable, Sendable {
    package var seed: UInt64 = 20_260_318
    /// Multiplies the number of accounts and so of posts (1: the committed demo, tens of
    /// thousands of posts; 46: about a million).
    package var scale: Double = 1
    /// 2026-02-16 00:00 UTC, four and a half weeks before the municipal elections.
    package var start: Int64 = 1_771_200_000
    /// 2026-03-18 20:00 UTC: polls close at 21:00 local time.
    package var end: Int64 = 1_773_864_000
    package var organicAccounts = 2000
    /// Mean posts of an organic account over the period (heavy-tailed around it).
    package var meanOrganicPosts = 9.0
    /// Share of organic accounts drawn into the annotators' sample.
    package var organicSampleShare = 0.3
    /// Chance that one annotator labels an account of the sample.
    package var annotatorCoverage = 0.8

    package init() {}
}

/// Who an account is in the world (the truth, which the labels only approximate).
enum Role: String {
    case organic, news, syndication, volunteer, party, fan, campaign
}

enum Platform: String, CaseIterable {
    case x, telegram, tiktok
}

/// A simulated account.
struct Account {
    var platform: Platform
    /// The platform's own id (`1500…` on X, `user…`/`channel…` on Telegram, digits on TikTok).
    var id: String
    var handle: String
    var name: String
    var email: String
    var created: Int64
    var followers: Int
    var following: Int
    var municipality: String
    var role: Role
    var campaign: String?
    /// Relative posting rate (heavy-tailed).
    var activity: Double

    /// The id as it appears in normalized posts and labels (`x:1500…`).
    var namespacedID: String { platform.rawValue + ":" + id }
}

/// A simulated post.
struct SimPost {
    var platform: Platform
    var id: String
    var author: Int
    var time: Int64
    var text: String
    var kind: Post.Kind = .post
    /// Index of the post this one reposts, quotes, replies to or forwards.
    var ref: Int?
    var urls: [String] = []
    var hashtags: [String] = []
    var mentions: [String] = []
    /// Telegram: the chat it is in.
    var chat: Int?
    var municipality: String
}

/// A Telegram chat: a channel (one author) or a group (many).
struct Chat {
    var id: Int64
    var name: String
    var isChannel: Bool
    /// The account posting as the channel.
    var owner: Int?
}

/// A FIMI campaign and how strong its signal is.
struct Campaign {
    var id: String
    var tactic: String
    var strength: Double
    var members: [Int] = []
}

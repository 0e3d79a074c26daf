/// A way of coordinating that a planted campaign uses, with the DISARM Red framework technique
/// it carries out (DISARMFoundation/DISARMframeworks, generated_pages/techniques).
package enum Tactic: String, Sendable, CaseIterable, Comparable {
    /// Accounts repost one member's post in turn, each round another hub.
    case retweetRing = "retweet-ring"
    /// One message, posted by every member with small edits.
    case copyPasta = "copy-pasta"
    /// Links to look-alike domains of hosts the real accounts link to.
    case linkLaundering = "link-laundering"
    /// Bursts of posts carrying a hashtag the real accounts already use.
    case hashtagFlooding = "hashtag-flooding"
    /// Recently created accounts posting the same thing within seconds of each other.
    case newAccountBurst = "new-account-burst"
    /// A post on one platform, pushed by accounts on another that link to it.
    case crossPlatform = "cross-platform"

    /// The DISARM technique this tactic carries out.
    package var disarm: (id: String, name: String) {
        switch self {
        case .retweetRing: ("T0049.003", "Bots Amplify via Automated Forwarding and Reposting")
        case .copyPasta: ("T0084.001", "Use Copypasta")
        case .linkLaundering: ("T0099", "Prepare Assets Impersonating Legitimate Entities")
        case .hashtagFlooding: ("T0049.002", "Flood Existing Hashtag")
        case .newAccountBurst: ("T0090", "Create Inauthentic Accounts")
        case .crossPlatform: ("T0119.002", "Post across Platform")
        }
    }

    package static func < (a: Tactic, b: Tactic) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// How strong (how easy to see) a planted campaign is.
package struct Strength: Sendable, Hashable {
    package var name: String
    /// Member accounts.
    package var accounts: Int
    /// Seconds within which the members act in one round.
    package var spread: Int
    /// Share of words cut from each copy of a message (from its ends: see `RealTexts.trimmed`).
    package var editRate: Double
    /// Share of a member's posts that are the campaign's; the rest is ordinary activity.
    package var share: Double
    /// Rounds of coordinated action.
    package var rounds: Int

    /// From the most to the least visible: the dose–response of recall.
    package static let presets = [
        Strength(name: "strong", accounts: 24, spread: 60, editRate: 0, share: 0.8, rounds: 8),
        Strength(name: "medium", accounts: 12, spread: 900, editRate: 0.15, share: 0.4, rounds: 5),
        Strength(name: "weak", accounts: 6, spread: 7200, editRate: 0.35, share: 0.15, rounds: 3),
    ]
}

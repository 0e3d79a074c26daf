import Foundation
import Testing
import ToetsModel
@testable import ToetsPlanting

/// A pseudonymised population to plant into: accounts with their own activity, age and audience,
/// posting in sessions (a few posts minutes apart, then hours or days of quiet), on two
/// platforms, from a shared vocabulary, hashtags and links.
enum Population {
    static let alphabet = Array("abcdefghijklmnopqrstuvwxyz234567")
    static let words = (0..<400).map { "w\($0)" } + ["de", "het", "een", "gemeente", "raad", "stem", "partij", "wethouder"]
    static let tags = (0..<40).map { "tag\($0)" }
    static let hosts = ["nos.nl", "nu.nl", "rtvoost.nl", "destentor.nl", "ad.nl", "telegraaf.nl", "youtube.com"]

    static func pseudonym(_ random: inout SeededRandom) -> String {
        "p1.k7.\(String((0..<16).map { _ in alphabet[random.int(0...31)] }))"
    }

    static func posts(accounts: Int, seed: UInt64) -> [Post] {
        var random = SeededRandom(seed: seed)
        let start: Int64 = 1_770_000_000, span: Int64 = 40 * 86_400
        var posts: [Post] = []
        for _ in 0..<accounts {
            let platform = random.chance(0.7) ? "x" : "telegram"
            let id = pseudonym(&random), handle = pseudonym(&random)
            let created: Int64? = platform == "x" ? start - Int64(random.int(30...3650)) * 86_400 - Int64(random.int(0...86_399)) : nil
            let followers: Int64? = platform == "x" ? Int64(random.logNormal(mu: 5, sigma: 2)) : nil
            let count = min(300, Int(random.pareto(alpha: 1.3) * 2))
            let meanGap = random.logNormal(mu: 9, sigma: 1.2)
            var time = start + Int64(random.unit() * Double(span))
            let repostRate = random.unit() * 0.6, tagRate = random.unit() * 0.5, linkRate = random.unit() * 0.3
            for _ in 0..<count where time <= start + span {
                var post = Post(platform: platform, sourceFormat: platform == "x" ? "twarc2" : "telegram-json",
                                postID: "\(platform):\(pseudonym(&random))", authorID: id, authorHandle: handle,
                                createdAt: time, precision: .seconds,
                                text: (0..<random.int(3...30)).map { _ in words[min(words.count - 1, Int(random.pareto(alpha: 1.1)) - 1)] }
                                    .joined(separator: " "),
                                language: "nl", accountCreatedAt: created, followers: followers)
                if random.chance(repostRate), posts.count > 20 {
                    let target = posts[random.int(0...(min(posts.count, 200) - 1))]
                    post.kind = .repost
                    post.refPostID = target.postID
                    post.refAuthorID = target.authorID
                    post.text = target.text
                }
                if random.chance(tagRate) { post.hashtags = [tags[min(39, Int(random.pareto(alpha: 1.2)) - 1)]] }
                if random.chance(linkRate) { post.urls = ["https://\(hosts[random.int(0...6)])/artikel/\(random.int(1...500))"] }
                posts.append(post)
                time += random.chance(0.4) ? Int64(random.logNormal(mu: log(150), sigma: 1))
                    : Int64(random.logNormal(mu: log(meanGap), sigma: 1))
            }
        }
        return posts.sorted(by: Post.canonicalOrder)
    }
}

@Suite struct PlanterTests {
    static let real = Population.posts(accounts: 800, seed: 5)

    @Test func plantingIsDeterministicAndKeepsEveryRealPost() {
        let first = Planter.plant(into: Self.real, tactics: Tactic.allCases, strengths: Strength.presets, seed: 11)
        let again = Planter.plant(into: Self.real, tactics: Tactic.allCases, strengths: Strength.presets, seed: 11)
        #expect(first.postsArtefact == again.postsArtefact)
        #expect(first.membershipCSV == again.membershipCSV)
        let other = Planter.plant(into: Self.real, tactics: Tactic.allCases, strengths: Strength.presets, seed: 12)
        #expect(other.postsArtefact != first.postsArtefact)
        let realIDs = Set(Self.real.map(\.postID))
        #expect(first.posts.filter { realIDs.contains($0.postID) }.count == Self.real.count)
        #expect(first.posts == first.posts.sorted(by: Post.canonicalOrder))
    }

    @Test func membershipIsExactlyThePlantedAccounts() {
        let planting = Planter.plant(into: Self.real, tactics: Tactic.allCases, strengths: Strength.presets, seed: 11)
        let realAccounts = Set(Self.real.map(\.authorID))
        let newAccounts = Set(planting.posts.map(\.authorID)).subtracting(realAccounts)
        #expect(Set(planting.members.map(\.account)) == newAccounts)
        #expect(planting.members.count == Tactic.allCases.count * Strength.presets.map(\.accounts).reduce(0, +))
        for tactic in Tactic.allCases {
            for strength in Strength.presets {
                #expect(planting.members.count { $0.tactic == tactic && $0.strength == strength.name } == strength.accounts)
            }
        }
        #expect(planting.contacts.allSatisfy(realAccounts.contains))
        #expect(!planting.contacts.isEmpty)
        // No planted post is new content of a real account.
        let realIDs = Set(Self.real.map(\.postID))
        #expect(planting.posts.filter { !realIDs.contains($0.postID) }.allSatisfy { newAccounts.contains($0.authorID) })
    }

    @Test func plantedIdentifiersHaveTheRealIdentifiersForm() {
        let planting = Planter.plant(into: Self.real, tactics: Tactic.allCases, strengths: Strength.presets, seed: 11)
        let alphabet = Set(Population.alphabet)
        for member in planting.members {
            #expect(member.account.hasPrefix("p1.k7."))
            #expect(member.account.count == "p1.k7.".count + 16)
            #expect(member.account.dropFirst(6).allSatisfy(alphabet.contains))
        }
    }

    @Test func strongerCampaignsCoordinateMoreTightly() {
        let planting = Planter.plant(into: Self.real, tactics: [.copyPasta], strengths: Strength.presets, seed: 3)
        let realIDs = Set(Self.real.map(\.postID))
        let plants = planting.posts.filter { !realIDs.contains($0.postID) }
        let strong = Set(planting.members.filter { $0.strength == "strong" }.map(\.account))
        let weak = Set(planting.members.filter { $0.strength == "weak" }.map(\.account))
        // The strong campaign's copies are identical; the weak one's are edited.
        func sharedTexts(_ members: Set<String>) -> Int {
            var counts: [String: Int] = [:]
            for post in plants where members.contains(post.authorID) && post.kind == .post { if let text = post.text { counts[text, default: 0] += 1 } }
            return counts.values.filter { $0 >= members.count }.count
        }
        #expect(sharedTexts(strong) == Strength.presets[0].rounds)
        #expect(sharedTexts(weak) == 0)
    }

    @Test func lookAlikeDomainsDifferFromTheirHostButResembleIt() {
        var planter = Planter(posts: Self.real, seed: 1)
        for host in Population.hosts {
            for _ in 0..<20 {
                let made = planter.lookalike(host)
                #expect(made != host)
                #expect(Self.distance(made, host) <= 4, "\(made) from \(host)")
            }
        }
    }

    /// Levenshtein distance.
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        var row = Array(0...b.count)
        for i in 1...max(1, a.count) where !a.isEmpty {
            var previous = row[0]
            row[0] = i
            for j in 1...max(1, b.count) where !b.isEmpty {
                let current = row[j]
                row[j] = min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] == b[j - 1] ? 0 : 1))
                previous = current
            }
        }
        return row[b.count]
    }

    /// Short identifiers (`x:a1` … `x:a9`) leave almost no free identifier of the same form: the
    /// planting still ends, with new identifiers a character longer, none of them a real one's.
    @Test func plantingIntoShortIdentifiersEndsWithNewOnes() {
        var posts: [Post] = []
        for account in 1...9 {
            for index in 0..<4 {
                posts.append(Post(platform: "x", sourceFormat: "twarc2", postID: "x:p\(account)\(index)", authorID: "x:a\(account)",
                                  createdAt: 1_773_000_000 + Int64(index * 3_600 + account * 60), text: "tekst \(account) \(index)"))
            }
        }
        posts.sort(by: Post.canonicalOrder)
        let strength = Strength(name: "s", accounts: 12, spread: 60, editRate: 0, share: 0.5, rounds: 2)
        let planting = Planter.plant(into: posts, tactics: [.copyPasta], strengths: [strength], seed: 1)
        let members = planting.members.map(\.account)
        #expect(members.count == 12)
        #expect(Set(members).count == 12)
        #expect(Set(members).isDisjoint(with: posts.map(\.authorID)))
        #expect(members.allSatisfy { $0.hasPrefix("x:a") })
    }
}

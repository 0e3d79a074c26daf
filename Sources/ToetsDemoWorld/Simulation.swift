import Foundation
import ToetsModel

/// Builds the world: accounts, chats, campaigns and every post, deterministically from the
/// parameters.
struct Simulation {
    let parameters: WorldParameters
    var random: SeededRandom
    var accounts: [Account] = []
    var posts: [SimPost] = []
    var chats: [Chat] = []
    var campaigns: [Campaign] = []
    var canaries: [String] = []
    private var nextID: [Platform: UInt64] = [.x: 1_760_000_000_000_000_000, .telegram: 1, .tiktok: 7_330_000_000_000_000_000]
    private var nextAccount: [Platform: UInt64] = [.x: 1_400_000_000_000_000_000, .telegram: 5_100_000_000, .tiktok: 6_900_000_000_000_000_000]

    /// More activity towards election day: weight 1 on the first day rising to 3 on the last.
    private let dayWeights: [Double]
    /// The daily rhythm, by local hour: quiet at night, peaks in the morning and evening.
    private let hourWeights: [Double] = [0.3, 0.2, 0.1, 0.1, 0.1, 0.3, 0.8, 1.6, 1.8, 1.2, 1.0, 1.1, 1.6, 1.4, 1.0, 1.0,
                                         1.1, 1.4, 1.6, 2.0, 2.4, 2.5, 2.0, 1.0]

    init(_ parameters: WorldParameters) {
        self.parameters = parameters
        random = SeededRandom(seed: parameters.seed)
        let days = Int((parameters.end - parameters.start) / 86_400) + 1
        dayWeights = (0..<days).map { 1 + 2 * Double($0) / Double(days) }
    }

    var days: Int { dayWeights.count }

    func scaled(_ count: Int) -> Int { max(1, Int((Double(count) * parameters.scale).rounded())) }

    // MARK: Accounts

    mutating func account(_ platform: Platform, role: Role, municipality: String? = nil, campaign: String? = nil,
                          created: Int64? = nil, handle: String? = nil) -> Int {
        let person = DutchText.person(&random)
        nextAccount[platform, default: 0] += UInt64(random.int(1...500_000))
        let raw = String(nextAccount[platform]!)
        let id = platform == .telegram ? "user" + raw : raw
        let popularity = random.pareto(alpha: 1.3)
        accounts.append(Account(
            platform: platform, id: id, handle: handle ?? person.handle, name: person.name, email: person.email,
            created: created ?? (1_262_304_000 + Int64(random.int(0...(15 * 365))) * 86_400),
            followers: min(2_000_000, Int(20 * popularity * popularity)), following: random.int(20...900),
            municipality: municipality ?? random.pick(DutchText.municipalities), role: role, campaign: campaign,
            activity: random.pareto(alpha: 1.7)))
        return accounts.count - 1
    }

    mutating func post(_ author: Int, at time: Int64, text: String, kind: Post.Kind = .post, ref: Int? = nil,
                       urls: [String] = [], hashtags: [String] = [], mentions: [String] = [], chat: Int? = nil) {
        let platform = accounts[author].platform
        nextID[platform, default: 0] += UInt64(random.int(1...1000))
        let id = platform == .telegram ? String(posts.count + 1) : String(nextID[platform]!)
        posts.append(SimPost(platform: platform, id: id, author: author, time: min(max(time, parameters.start), parameters.end),
                             text: text, kind: kind, ref: ref, urls: urls, hashtags: hashtags, mentions: mentions,
                             chat: chat, municipality: accounts[author].municipality))
    }

    /// A time on a day chosen with more activity towards election day, at an hour of the daily rhythm.
    mutating func organicTime() -> Int64 {
        let day = random.weighted(dayWeights)
        // Local time is UTC+1 in February and March.
        let hour = (random.weighted(hourWeights) + 23) % 24
        return parameters.start + Int64(day) * 86_400 + Int64(hour) * 3600 + Int64(random.int(0...3599))
    }

    // MARK: The world

    mutating func run() {
        makeOrganic()
        makeNews()
        makeVolunteers()
        makeFans()
        makeDebateNight()
        makeCampaigns()
        plantCanaries()
        // Time order; references are indices, so they follow their posts to the new positions.
        let order = posts.indices.sorted { a, b in
            posts[a].time != posts[b].time ? posts[a].time < posts[b].time : posts[a].id < posts[b].id
        }
        var position = [Int](repeating: 0, count: posts.count)
        for (new, old) in order.enumerated() { position[old] = new }
        posts = order.map { old in
            var post = posts[old]
            post.ref = post.ref.map { position[$0] }
            return post
        }
    }

    private mutating func makeOrganic() {
        let count = scaled(parameters.organicAccounts)
        var organic: [Int] = []
        for _ in 0..<count {
            let platform = [Platform.x, .x, .x, .x, .x, .x, .telegram, .telegram, .tiktok, .tiktok][random.int(0...9)]
            organic.append(account(platform, role: .organic))
        }
        // Municipal discussion groups on Telegram.
        for municipality in DutchText.municipalities {
            chats.append(Chat(id: 1_600_000_000 + Int64(chats.count), name: "\(municipality) Praat Mee", isChannel: false))
        }
        let meanActivity = organic.map { accounts[$0].activity }.reduce(0, +) / Double(max(organic.count, 1))
        for author in organic {
            let expected = parameters.meanOrganicPosts * accounts[author].activity / meanActivity
            for _ in 0..<min(400, random.poisson(expected)) {
                organicPost(author, at: organicTime())
            }
        }
    }

    /// One organic post: a sentence about a local issue, sometimes a reply or a repost, sometimes
    /// with a link, hashtags or personal data.
    private mutating func organicPost(_ author: Int, at time: Int64, extraTags: [String] = []) {
        let account = accounts[author]
        let issue = random.pick(DutchText.issues)
        var text = DutchText.post(&random, place: account.municipality, issue: issue)
        var hashtags = extraTags
        if random.chance(0.35) { hashtags.append(random.pick(["gr2026", "gemeenteraadsverkiezingen", account.municipality.lowercased(), issue.tag])) }
        var urls: [String] = []
        if random.chance(0.12) { urls.append("https://www.\(account.municipality.lowercased())-nieuws.example/\(issue.tag)/\(random.int(1000...9999))") }
        text += personalData(for: account)
        if !hashtags.isEmpty { text += " " + hashtags.map { "#" + $0 }.joined(separator: " ") }
        if !urls.isEmpty { text += " " + urls.joined(separator: " ") }
        let earlier = posts.indices.last.map { max(0, $0 - 300)...$0 }
        switch account.platform {
        case .x:
            if let earlier, random.chance(0.22) {
                let target = popularTarget(in: earlier, platform: .x)
                post(author, at: max(time, posts[target].time + Int64(random.int(30...7200))), text: "@\(accounts[posts[target].author].handle) " + text,
                     kind: .reply, ref: target, urls: urls, hashtags: hashtags, mentions: [accounts[posts[target].author].handle])
            } else if let earlier, random.chance(0.18) {
                let target = popularTarget(in: earlier, platform: .x)
                post(author, at: max(time, posts[target].time + Int64(random.int(30...86_400))), text: posts[target].text,
                     kind: .repost, ref: target, urls: posts[target].urls, hashtags: posts[target].hashtags)
            } else {
                post(author, at: time, text: text, urls: urls, hashtags: hashtags)
            }
        case .telegram:
            let chat = DutchText.municipalities.firstIndex(of: account.municipality) ?? 0
            post(author, at: time, text: text, urls: urls, hashtags: hashtags, chat: chat)
        case .tiktok:
            post(author, at: time, text: text + " #fyp", hashtags: hashtags + ["fyp"])
        }
    }

    /// An earlier post of `platform`, more likely from an account with many followers.
    private mutating func popularTarget(in range: ClosedRange<Int>, platform: Platform) -> Int {
        let candidates = range.filter { posts[$0].platform == platform && posts[$0].kind != .repost }
        guard !candidates.isEmpty else { return range.upperBound }
        return candidates[random.weighted(candidates.map { (Double(accounts[posts[$0].author].followers) + 10).squareRoot() })]
    }

    /// Now and then, personal data in the text: what the anonymiser has to find.
    private mutating func personalData(for account: Account) -> String {
        guard random.chance(0.08) else { return "" }
        switch random.int(0...8) {
        case 0: return " Mail me: \(account.email)"
        case 1: return " Bel gerust \(DutchText.phone(&random))"
        case 2: return " Steun ons: \(DutchText.iban(&random))"
        case 3: return " Mijn BSN \(DutchText.bsn(&random)) werd gevraagd bij het loket?!"
        case 4: return " Ik woon op \(DutchText.postcode(&random)) en hier is het erg."
        case 5: return " De auto met kenteken \(DutchText.licencePlate(&random)) staat weer fout."
        case 6: return " Volg ook @\(DutchText.person(&random).handle)"
        case 7: return " Zie \(DutchText.profileURL(&random, handle: DutchText.person(&random).handle))"
        default: return " Groepsapp: https://chat.whatsapp.com/\(String(random.next(), radix: 36))"
        }
    }

    private mutating func makeNews() {
        for municipality in DutchText.municipalities {
            let domain = "www.\(municipality.lowercased())-nieuws.example"
            let outlet = account(.x, role: .news, municipality: municipality, handle: "\(municipality)Nieuws")
            accounts[outlet].followers = random.int(20_000...90_000)
            let channelOwner = account(.telegram, role: .news, municipality: municipality, handle: "\(municipality.lowercased())nieuws")
            accounts[channelOwner].id = "channel\(1_700_000_000 + chats.count)"
            chats.append(Chat(id: 1_700_000_000 + Int64(chats.count), name: "\(municipality) Nieuws", isChannel: true, owner: channelOwner))
            let channel = chats.count - 1
            let affiliates = (0..<3).map { _ in account(.x, role: .syndication, municipality: municipality) }
            for day in 0..<days {
                for _ in 0..<random.int(2...4) {
                    let issue = random.pick(DutchText.issues)
                    let url = "https://\(domain)/\(issue.tag)/\(random.int(10_000...99_999))"
                    let time = parameters.start + Int64(day) * 86_400 + Int64(random.int(6...21)) * 3600 + Int64(random.int(0...3599))
                    let headline = "Nieuw: \(issue.noun) in \(municipality) — lees het hele verhaal."
                    post(outlet, at: time, text: headline + " " + url, urls: [url], hashtags: [])
                    let original = posts.count - 1
                    post(channelOwner, at: time + Int64(random.int(60...600)), text: headline + " " + url, urls: [url], chat: channel)
                    // Syndication: the affiliates share the same link within minutes (legitimate).
                    for affiliate in affiliates where random.chance(0.8) {
                        post(affiliate, at: time + Int64(random.int(30...900)), text: posts[original].text, kind: .repost,
                             ref: original, urls: [url])
                    }
                }
            }
        }
    }

    private mutating func makeVolunteers() {
        for party in DutchText.parties {
            let municipality = random.pick(DutchText.municipalities)
            let handle = party.replacingOccurrences(of: " ", with: "") + municipality
            let partyAccount = account(.x, role: .party, municipality: municipality, handle: handle)
            let volunteers = (0..<scaled(10)).map { _ in account(.x, role: .volunteer, municipality: municipality) }
            for day in stride(from: 0, to: days, by: 2) {
                let issue = random.pick(DutchText.issues)
                let url = "https://\(handle.lowercased()).example/plannen/\(issue.tag)"
                let text = "\(party) kiest voor \(issue.noun) in \(municipality). Stem 18 maart! #gr2026 \(url)"
                let time = parameters.start + Int64(day) * 86_400 + Int64(random.int(8...19)) * 3600
                post(partyAccount, at: time, text: text, urls: [url], hashtags: ["gr2026"])
                // Volunteers post the same campaign material within hours (legitimate coordination).
                for volunteer in volunteers where random.chance(0.6) {
                    post(volunteer, at: time + Int64(random.int(300...10_800)), text: text, urls: [url], hashtags: ["gr2026"])
                }
            }
        }
    }

    private mutating func makeFans() {
        let fans = (0..<scaled(40)).map { _ in account(random.chance(0.7) ? .x : .tiktok, role: .fan, municipality: "Groningen") }
        for match in 0..<4 {
            burst(fans, from: parameters.start + Int64(4 + match * 7) * 86_400 + 19 * 3600, seconds: 7200, posts: 1...4,
                  texts: ["Kom op mannen!", "GOAL!!!", "Wat een wedstrijd", "Scheids, echt?"], hashtags: ["fcgroningen"])
        }
    }

    /// Each of `members` posts a few short hashtagged texts within `seconds` of `start`: a fan
    /// community on match night looks like this, and so does a hashtag-flooding campaign.
    private mutating func burst(_ members: [Int], from start: Int64, seconds: Int, posts count: ClosedRange<Int>,
                                texts: [String], hashtags: [String]) {
        for member in members {
            for _ in 0..<random.int(count) {
                post(member, at: start + Int64(random.int(0...seconds)),
                     text: random.pick(texts) + " " + hashtags.map { "#" + $0 }.joined(separator: " "), hashtags: hashtags)
            }
        }
    }

    private mutating func makeDebateNight() {
        // 11 March, 20:00–22:30 local time: the lijsttrekkersdebat, a burst of organic posts.
        let debate = parameters.start + 23 * 86_400 + 19 * 3600
        let organic = accounts.indices.filter { accounts[$0].role == .organic && accounts[$0].platform == .x }
        for _ in 0..<scaled(500) {
            organicPost(random.pick(organic), at: debate + Int64(random.int(0...9000)), extraTags: ["debat"])
        }
    }

    // MARK: Campaigns

    /// Campaigns grow with the scale in members, not in the number of actions, so that a larger
    /// world grows linearly.
    private mutating func makeCampaigns() {
        let recent = parameters.start - 10 * 86_400
        campaigns = [
            Campaign(id: "C1", tactic: "retweet ring", strength: 0.9),
            Campaign(id: "C2", tactic: "copy-pasta with small paraphrases", strength: 0.8),
            Campaign(id: "C3", tactic: "URL laundering through look-alike domains", strength: 0.7),
            Campaign(id: "C4", tactic: "hashtag flooding", strength: 0.85),
            Campaign(id: "C5", tactic: "batch of new accounts posting in synchronised bursts", strength: 0.9),
            Campaign(id: "C6", tactic: "cross-platform amplification from a Telegram channel", strength: 0.75),
            Campaign(id: "C7", tactic: "stealthy amplification mixed with organic behaviour", strength: 0.4),
        ]
        func members(_ campaign: Int, _ count: Int, _ platforms: [Platform], created: Int64? = nil) -> [Int] {
            let ids = (0..<scaled(count)).map { index in
                account(platforms[index % platforms.count], role: .campaign, campaign: campaigns[campaign].id,
                        created: created.map { $0 + Int64(random.int(0...(7 * 86_400))) })
            }
            campaigns[campaign].members = ids
            return ids
        }
        let narratives = [
            "Het stembureau in {place} gaat de uitslag vervalsen. Deel dit voordat het wordt verwijderd!",
            "De gemeente {place} verzwijgt de echte kosten van {issue}. Iedereen moet dit weten.",
            "Stemmen heeft geen zin, de uitslag in {place} staat al vast.",
            "Buitenlandse belangen kopen de raad van {place}. Niet stemmen op de gevestigde partijen!",
            "Waarom zegt niemand iets over {issue} in {place}? De media liegen.",
        ]
        func narrative(_ random: inout SeededRandom) -> String {
            random.pick(narratives).replacingOccurrences(of: "{place}", with: random.pick(DutchText.municipalities))
                .replacingOccurrences(of: "{issue}", with: random.pick(DutchText.issues).noun)
        }

        // C1: a retweet ring: every seed post is retweeted by most members within two minutes.
        let ring = members(0, 20, [.x])
        for _ in 0..<40 {
            let seed = random.pick(ring)
            post(seed, at: organicTime(), text: narrative(&random) + " #gr2026", hashtags: ["gr2026"])
            let original = posts.count - 1
            for member in ring where member != seed && random.chance(0.85) {
                post(member, at: posts[original].time + Int64(random.int(5...120)), text: posts[original].text, kind: .repost, ref: original,
                     hashtags: ["gr2026"])
            }
        }
        // C2: copy-pasta on X and Telegram, reworded a little each time, within half an hour.
        let pasta = members(1, 25, [.x, .x, .telegram])
        for _ in 0..<12 {
            let text = narrative(&random)
            let url = "https://waarheid-\(random.int(10...99)).example/artikel"
            let start = organicTime()
            for member in pasta where random.chance(0.75) {
                let chat = accounts[member].platform == .telegram ? random.int(0...4) : nil
                post(member, at: start + Int64(random.int(0...1800)), text: DutchText.paraphrase(text, &random) + " " + url,
                     urls: [url], chat: chat)
            }
        }
        // C3: URL laundering: look-alike news domains, the same link from several members.
        let launder = members(2, 18, [.x, .telegram])
        let lookalikes = ["n0s-nieuws.example", "nos-nieuws-nl.example", "rtv-utrecht-nieuws.example", "dvhn-nieuws.example",
                          "omroep-brabant-nl.example", "nu-nl-nieuws.example"]
        for _ in 0..<60 {
            let url = "https://\(random.pick(lookalikes))/\(random.pick(DutchText.issues).tag)-\(random.int(100...999))"
            let start = organicTime()
            for member in launder where random.chance(0.35) {
                let chat = accounts[member].platform == .telegram ? random.int(0...4) : nil
                post(member, at: start + Int64(random.int(0...14_400)), text: random.pick(DutchText.opinions) + " " + url, urls: [url], chat: chat)
            }
        }
        // C4: hashtag flooding in one-hour bursts on four days.
        let flood = members(3, 35, [.x])
        for day in 0..<4 {
            burst(flood, from: parameters.start + Int64(8 + day * 5) * 86_400 + 18 * 3600, seconds: 3600, posts: 3...8,
                  texts: ["Kijk uit!", "Dit klopt niet.", "Wakker worden!", "Deel dit."], hashtags: ["stemfraude", "gr2026"])
        }
        // C5: a batch of accounts created within a week, posting in synchronised bursts.
        let batch = members(4, 30, [.tiktok, .x], created: recent)
        for member in batch {
            accounts[member].followers = random.int(0...40)
            accounts[member].following = random.int(200...900)
        }
        for _ in 0..<8 {
            let moment = organicTime()
            let text = narrative(&random)
            for member in batch where random.chance(0.8) {
                post(member, at: moment + Int64(random.int(0...60)), text: text + " #gr2026 #fyp", hashtags: ["gr2026", "fyp"])
            }
        }
        // C6: a Telegram channel starts a story, members carry it to X and TikTok within the hour.
        let cross = members(5, 20, [.x, .tiktok])
        let owner = account(.telegram, role: .campaign, campaign: "C6", handle: "echte_verkiezingsfeiten")
        accounts[owner].id = "channel\(1_800_000_000)"
        campaigns[5].members.append(owner)
        chats.append(Chat(id: 1_800_000_000, name: "Echte Verkiezingsfeiten", isChannel: true, owner: owner))
        let channel = chats.count - 1
        for _ in 0..<15 {
            let text = narrative(&random)
            let url = "https://verkiezingsfeiten.example/\(random.int(1000...9999))"
            let start = organicTime()
            post(owner, at: start, text: text + " " + url, urls: [url], chat: channel)
            for member in cross where random.chance(0.6) {
                post(member, at: start + Int64(random.int(600...3600)), text: DutchText.paraphrase(text, &random) + " " + url,
                     urls: [url], hashtags: ["gr2026"])
            }
            // Forwards into the municipal groups (a forward names no source id).
            for _ in 0..<random.int(1...3) {
                let group = random.int(0...4)
                let forwarder = accounts.indices.last { accounts[$0].platform == .telegram && accounts[$0].role == .campaign }!
                post(forwarder, at: start + Int64(random.int(60...1800)), text: text + " " + url, kind: .forward,
                     ref: posts.count - 1, urls: [url], chat: group)
            }
        }
        // C7: stealthy: mostly organic, now and then amplifying one post together.
        let stealth = members(6, 15, [.x])
        for member in stealth {
            for _ in 0..<random.poisson(parameters.meanOrganicPosts) { organicPost(member, at: organicTime()) }
        }
        for _ in 0..<10 {
            let target = posts.indices.filter { posts[$0].platform == .x && posts[$0].kind == .post }.last { _ in random.chance(0.01) }
                ?? posts.count - 1
            for member in stealth where random.chance(0.4) {
                post(member, at: posts[target].time + Int64(random.int(600...2400)), text: posts[target].text, kind: .repost, ref: target,
                     urls: posts[target].urls, hashtags: posts[target].hashtags)
            }
        }
    }

    /// Canary values, planted in a few posts, for the leak audit to look for in every artefact.
    private mutating func plantCanaries() {
        let tag = String(random.next() % 0xFFFFFF, radix: 16)
        canaries = [
            "canary.\(tag)@toets-canary.example", "06-9\(String(format: "%07d", random.int(0...9_999_999)))",
            DutchText.iban(&random), DutchText.bsn(&random), "@canary_\(tag)",
        ]
        let candidates = posts.indices.filter { posts[$0].kind == .post }
        for (index, value) in canaries.enumerated() {
            for copy in 0..<2 {
                let target = candidates[(index * 7919 + copy * 104_729 + Int(random.next() % 1000)) % candidates.count]
                posts[target].text += " Contact: \(value)"
            }
        }
    }
}

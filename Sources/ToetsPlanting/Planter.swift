import ToetsModel

/// One planted account and the campaign it belongs to.
package struct PlantedMember: Sendable, Hashable {
    package var account: String
    package var tactic: Tactic
    package var strength: String
}

/// What planting made: the posts with the plants in, the exact membership, and the real accounts
/// the plants touched (whose detections may change through that contact alone).
package struct Planting: Sendable {
    /// Real and planted posts, in the posts artefact's order.
    package var posts: [Post]
    /// Sorted by account.
    package var members: [PlantedMember]
    /// Real accounts a planted post refers to, that reposted what a plant reposted, that used a
    /// flooded hashtag or a shared link within an hour of a round, or whose posts carry a text a
    /// campaign's message was cut from; sorted.
    package var contacts: [String]
}

/// Injects coordinated campaigns (one per tactic × strength) into real pseudonymised posts.
///
/// Each member is modelled on a real account of the data (its platform, metadata, rhythm), gets a
/// new identifier of the real identifiers' form, and posts ordinary activity sampled from the
/// data besides the campaign's: a share `share` of its posts is coordinated.
package struct Planter {
    var pool: RealPool
    var random: SeededRandom
    var planted: [Post] = []
    var members: [PlantedMember] = []
    var contacts: Set<String> = []
    /// Real accounts a planted one already replays, left to others while there are others.
    var donorsUsed: Set<String> = []
    /// Real reposters of each post, for contacts.
    let reposters: [String: [String]]
    /// The real texts (indices into `pool.texts`) campaigns' messages were cut from.
    var copied: Set<Int> = []

    package init(posts: [Post], seed: UInt64) {
        pool = RealPool(posts)
        random = SeededRandom(seed: seed)
        var reposters: [String: [String]] = [:]
        for index in pool.reposts { reposters[posts[index].refPostID!, default: []].append(posts[index].authorID) }
        self.reposters = reposters
    }

    /// Plants one campaign per tactic and strength.
    package static func plant(into posts: [Post], tactics: [Tactic], strengths: [Strength], seed: UInt64) -> Planting {
        var planter = Planter(posts: posts, seed: seed)
        guard !planter.pool.donors.isEmpty, planter.pool.lastTime > planter.pool.firstTime else {
            return Planting(posts: posts, members: [], contacts: [])
        }
        for tactic in tactics.sorted() {
            for strength in strengths { planter.campaign(tactic, strength) }
        }
        // A method that compares texts may link a campaign with the real accounts whose text it copies.
        for (index, text) in planter.pool.texts.textOfPost.enumerated() where text >= 0 && planter.copied.contains(Int(text)) {
            planter.contacts.insert(posts[index].authorID)
        }
        let all = (posts + planter.planted).sorted(by: Post.canonicalOrder)
        return Planting(posts: all, members: planter.members.sorted { $0.account.utf8.lexicographicallyPrecedes($1.account.utf8) },
                        contacts: planter.contacts.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
    }

    /// A planted account: a real donor's platform, formats and metadata, a new identifier.
    struct Persona {
        var id: String
        var handle: String?
        var donor: String
        var template: Post
        var created: Int64?
        var followers: Int64?
        /// Seconds (1 to 60 minutes, either way) added to every replayed time of the donor's: a
        /// member neither posts at the very seconds its donor did nor at those of another member
        /// replaying the same donor (which co-action methods would read as coordination the
        /// tactic never made).
        var offset: Int64
    }

    /// A persona modelled on a real account with at least `posts` posts (the most active one if
    /// none has as many), so that planted accounts are as active as real ones that post that much.
    mutating func persona(platform: String?, young: Bool, posts: Int) -> Persona {
        let candidates = platform.flatMap { pool.accountsByPlatform[$0] } ?? pool.donors
        let eligible = candidates.filter { pool.byAccount[$0]!.count >= posts }
        let unused = eligible.filter { !donorsUsed.contains($0) }
        let active = unused.isEmpty ? eligible : unused
        let donor = active.isEmpty ? candidates.max { (pool.byAccount[$0]!.count, $1) < (pool.byAccount[$1]!.count, $0) }!
            : pool.pick(active, &random)
        donorsUsed.insert(donor)
        let template = pool.posts[pool.byAccount[donor]![0]]
        let id = pool.mimic(donor, alphabet: pool.idAlphabet, random: &random)
        let handle = template.authorHandle.map { pool.mimic($0, alphabet: pool.handleAlphabet, random: &random) }
        var created: Int64?
        if template.accountCreatedAt != nil, let dates = pool.creationByPlatform[template.platform], !dates.isEmpty {
            // New accounts come from the youngest tenth of the platform's real ones.
            let sorted = young ? Array(dates.sorted().suffix(max(1, dates.count / 10))) : dates
            created = pool.pick(sorted, &random) + Int64(random.int(-43_200...43_200))
        }
        let followers = template.followers == nil ? nil : pool.followersByPlatform[template.platform].map { pool.pick($0, &random) }
        let offset = Int64(random.int(60...3600)) * (random.chance(0.5) ? 1 : -1)
        return Persona(id: id, handle: handle, donor: donor, template: template, created: created, followers: followers,
                       offset: offset)
    }

    /// A run of about `words` words of a real text in `persona`'s language (see `RealTexts`); nil
    /// where the posts have no text.
    mutating func text(words: Int, for persona: Persona) -> String? {
        guard !pool.texts.isEmpty else { return nil }
        return pool.texts.run(words: words, language: persona.template.language, &random).text
    }

    /// A campaign's message: a text as `text(words:for:)` gives it, whose real text's authors
    /// become contacts.
    mutating func message(words: Int, for persona: Persona) -> String? {
        guard !pool.texts.isEmpty else { return nil }
        let (text, source) = pool.texts.run(words: words, language: persona.template.language, &random)
        copied.insert(source)
        return text
    }

    /// A post by `persona` at `time` (to the minute where its platform's posts are).
    mutating func post(_ persona: Persona, at time: Int64, kind: Post.Kind = .post, text: String?, ref: Post? = nil,
                       urls: [String] = [], hashtags: [String] = [], mentions: [String] = []) -> Post {
        let template = persona.template
        let donorPost = pool.posts[pool.pick(pool.byAccount[persona.donor]!, &random)]
        let id = pool.mimic(donorPost.postID, alphabet: pool.postAlphabet, random: &random)
        let clamped = min(max(time, pool.firstTime), pool.lastTime)
        let at = template.precision == .minutes ? clamped - clamped % 60 : clamped
        let thread: String? = donorPost.threadID == nil ? nil : (ref?.threadID ?? id)
        var made = Post(platform: template.platform, sourceFormat: template.sourceFormat, postID: id, authorID: persona.id,
                        authorHandle: persona.handle, createdAt: at, precision: template.precision, text: text, kind: kind,
                        refPostID: ref?.postID, refAuthorID: ref?.authorID, threadID: thread, urls: urls, hashtags: hashtags,
                        mentions: mentions, language: template.language, accountCreatedAt: persona.created,
                        followers: persona.followers)
        if kind == .repost, ref != nil, !pool.repostsCarryText { made.text = nil }
        planted.append(made)
        if let author = ref?.authorID, pool.byAccount[author] != nil { contacts.insert(author) }
        return made
    }

    /// The donor's post times, moved by whole days (so that hours of the day stay the donor's)
    /// to lie around `around`, inside the data's span where the donor's activity fits in it, and
    /// by the persona's `offset`.
    func timeline(_ persona: Persona, around: Int64?) -> [Int64] {
        let times = pool.byAccount[persona.donor]!.map { pool.posts[$0].createdAt + persona.offset }
        guard let around, let first = times.first, let last = times.last else { return times }
        let day: Int64 = 86_400
        let median = times[times.count / 2]
        var days = (around - median) / day
        let earliest = (pool.firstTime - first + day - 1) / day   // ceil for the data's start
        let latest = (pool.lastTime - last) / day                   // floor for the data's end
        days = earliest <= latest ? min(max(days, earliest), latest) : 0
        return times.map { $0 + days * day }
    }

    /// The indices of `timeline` (sorted) that the coordinated posts at `coordinated` take the
    /// place of: the order-preserving match that moves posts the least (dynamic programming over
    /// targets × posts), so that the account keeps its donor's count and, but for the moves of
    /// those posts to the rounds, its donor's rhythm.
    static func replaced(in timeline: [Int64], by coordinated: [Int64]) -> Set<Int> {
        let targets = coordinated.sorted()
        let n = timeline.count, k = targets.count
        guard k < n else { return Set(timeline.indices) }
        // best[i]: the least total move matching the targets so far to posts before i; took[j * n + i]:
        // whether target j takes post i on the best match of targets 0...j to posts 0...i.
        var best = [Int64](repeating: 0, count: n + 1)
        var took = [Bool](repeating: false, count: k * n)
        for j in 0..<k {
            var next = [Int64](repeating: .max, count: n + 1)
            for i in 0..<n {
                let take = best[i] == .max ? Int64.max : best[i] + abs(timeline[i] - targets[j])
                if take != .max, take <= next[i] {
                    next[i + 1] = take
                    took[j * n + i] = true
                } else {
                    next[i + 1] = next[i]
                }
            }
            best = next
        }
        var chosen = Set<Int>()
        var i = n - 1
        for j in stride(from: k - 1, through: 0, by: -1) {
            while !took[j * n + i] { i -= 1 }
            chosen.insert(i)
            i -= 1
        }
        return chosen
    }

    /// Ordinary activity of `persona` besides its coordinated posts at `coordinated`: its donor's
    /// life replayed on `timeline` (see `timeline(_:around:)`), less the posts the coordinated
    /// ones take the place of; each post like the donor's at that place in kind, length,
    /// hashtags, links and mentions.
    mutating func background(_ persona: Persona, timeline: [Int64], besides coordinated: [Int64]) {
        let own = pool.byAccount[persona.donor]!
        let replaced = Self.replaced(in: timeline, by: coordinated)
        for (index, time) in timeline.enumerated() where !replaced.contains(index) {
            let like = pool.posts[own[index]]
            let words = like.text?.split(separator: " ").count ?? 0
            let hashtags = like.hashtags.isEmpty || pool.hashtags.isEmpty ? [] : like.hashtags.map { _ in pool.pick(pool.hashtags, &random) }
            let urls = like.urls.isEmpty || pool.urls.isEmpty ? [] : like.urls.map { _ in pool.pick(pool.urls, &random) }
            let mentions = like.mentions.isEmpty || pool.mentions.isEmpty ? [] : like.mentions.map { _ in pool.pick(pool.mentions, &random) }
            switch like.kind {
            case .repost where !pool.reposts.isEmpty:
                let target = pool.posts[pool.pick(pool.reposts, &random)]
                let original = Post(platform: target.platform, sourceFormat: target.sourceFormat, postID: target.refPostID!,
                                    authorID: target.refAuthorID ?? "", createdAt: target.createdAt, text: target.text,
                                    threadID: target.threadID)
                _ = post(persona, at: time, kind: .repost, text: target.text, ref: original, urls: target.urls,
                         hashtags: target.hashtags)
                for account in reposters[target.refPostID!] ?? [] { contacts.insert(account) }
            case .reply, .quote, .comment:
                guard !pool.originals.isEmpty else { fallthrough }
                let target = pool.posts[pool.pick(pool.originals, &random)]
                _ = post(persona, at: time, kind: like.kind, text: words == 0 ? nil : text(words: words, for: persona), ref: target,
                         urls: urls, hashtags: hashtags, mentions: mentions)
            default:
                _ = post(persona, at: time, kind: like.kind == .repost ? .post : like.kind,
                         text: words == 0 && like.text == nil ? nil : text(words: max(1, words), for: persona),
                         urls: urls, hashtags: hashtags, mentions: mentions)
            }
        }
    }
}

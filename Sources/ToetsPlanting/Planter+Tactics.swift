import ToetsModel

extension Planter {
    /// One campaign: `strength.accounts` members acting together in `strength.rounds` rounds.
    mutating func campaign(_ tactic: Tactic, _ strength: Strength) {
        let platforms = pool.accountsByPlatform.keys.sorted()
        // Cross-platform: a source on one platform, its amplifiers on another.
        let source = platforms.isEmpty ? nil : pool.pick(platforms, &random)
        let target = platforms.count > 1 ? pool.pick(platforms.filter { $0 != source }, &random) : source
        var personas: [Persona] = []
        for index in 0..<strength.accounts {
            let platform = tactic == .crossPlatform ? (index == 0 ? source : target) : nil
            // As active as a real account that gives `share` of its posts to the campaign.
            let coordinatedPosts = Double(strength.rounds) * (tactic == .hashtagFlooding ? 2.5 : 1)
            personas.append(persona(platform: platform, young: tactic == .newAccountBurst,
                                    posts: Int((coordinatedPosts / strength.share).rounded(.up))))
        }
        for persona in personas { members.append(PlantedMember(account: persona.id, tactic: tactic, strength: strength.name)) }
        // Each member replays its donor's life, moved by whole days around the member with the
        // shortest life; the rounds fall on moments that member posted (one in each k-th of its
        // posts), inside the others' lives too, and each member's nearest posts move to them.
        let spans = personas.map { persona in
            let own = pool.byAccount[persona.donor]!
            return pool.posts[own.last!].createdAt - pool.posts[own[0]].createdAt
        }
        let pacer = spans.indices.min { (spans[$0], $0) < (spans[$1], $1) }!
        let schedule = timeline(personas[pacer], around: nil)
        let timelines = personas.indices.map { $0 == pacer ? schedule : timeline(personas[$0], around: schedule[schedule.count / 2]) }
        for index in personas.indices {
            // An account is made before it first posts.
            if let created = personas[index].created, let first = timelines[index].first, created > first - 3600 {
                personas[index].created = first - Int64(random.int(3600...(30 * 86_400)))
            }
        }
        var coordinated = [[Int64]](repeating: [], count: personas.count)
        for round in 0..<strength.rounds {
            let low = round * schedule.count / strength.rounds
            let high = max(low, (round + 1) * schedule.count / strength.rounds - 1)
            let start = schedule[min(schedule.count - 1, random.int(low...high))]
            func moment() -> Int64 { start + Int64(random.int(0...max(0, strength.spread))) }
            let window = (start - 3600)...(start + Int64(strength.spread) + 3600)
            switch tactic {
            case .retweetRing:
                let hub = personas[random.int(0...(personas.count - 1))]
                let original = post(hub, at: start, text: message(words: random.int(8...25), for: hub))
                coordinated[personas.firstIndex { $0.id == hub.id }!].append(original.createdAt)
                for (index, member) in personas.enumerated() where member.id != hub.id {
                    coordinated[index].append(post(member, at: moment(), kind: .repost, text: original.text, ref: original).createdAt)
                }
            case .copyPasta:
                let text = message(words: random.int(15...30), for: personas[0])
                for index in personas.indices {
                    coordinated[index].append(post(personas[index], at: moment(), text: edited(text, rate: strength.editRate)).createdAt)
                }
            case .linkLaundering:
                let host = lookalike(pool.urls.isEmpty ? "nieuws.nl" : Self.host(of: pool.pick(pool.urls, &random)))
                let link = "https://\(host)/\(slug(for: personas[0]))"
                for index in personas.indices {
                    coordinated[index].append(post(personas[index], at: moment(), text: text(words: random.int(6...20), for: personas[index]),
                                                   urls: [link]).createdAt)
                }
            case .hashtagFlooding:
                let tag = pool.hashtags.isEmpty ? "nieuws" : pool.pick(pool.hashtags, &random)
                for index in personas.indices {
                    for _ in 0..<random.int(2...3) {
                        coordinated[index].append(post(personas[index], at: moment(), text: text(words: random.int(5...15), for: personas[index]),
                                                       hashtags: [tag]).createdAt)
                    }
                }
                touch { $0.hashtags.contains(tag) && window.contains($0.createdAt) }
            case .newAccountBurst:
                let text = message(words: random.int(10...20), for: personas[0])
                let link = pool.urls.isEmpty ? [] : [pool.pick(pool.urls, &random)]
                for index in personas.indices {
                    coordinated[index].append(post(personas[index], at: moment(), text: edited(text, rate: strength.editRate),
                                                   urls: link).createdAt)
                }
                if let shared = link.first { touch { $0.urls.contains(shared) && window.contains($0.createdAt) } }
            case .crossPlatform:
                let text = message(words: random.int(12...25), for: personas[0])
                let origin = post(personas[0], at: start, text: text)
                coordinated[0].append(origin.createdAt)
                let link = "https://\(Self.platformHost(origin.platform))/\(slug(for: personas[0]))"
                for index in personas.indices.dropFirst() {
                    coordinated[index].append(post(personas[index], at: moment(), text: edited(text, rate: strength.editRate),
                                                   urls: [link]).createdAt)
                }
            }
        }
        for (index, member) in personas.enumerated() { background(member, timeline: timelines[index], besides: coordinated[index]) }
    }

    /// Real accounts with a post `matches` accepts become contacts.
    mutating func touch(_ matches: (Post) -> Bool) {
        for post in pool.posts where matches(post) { contacts.insert(post.authorID) }
    }

    /// A member's copy of `message`: each word cut with probability `rate`, from the message's ends
    /// only (see `RealTexts.trimmed`), so that the copy is still a run of a real text.
    mutating func edited(_ message: String?, rate: Double) -> String? {
        message.map { RealTexts.trimmed($0, rate: rate, random: &random) }
    }

    /// A path of a run of two to four words of a real text, as a link would carry them.
    mutating func slug(for persona: Persona) -> String {
        (text(words: random.int(2...4), for: persona) ?? "").split(separator: " ").map { word in
            String(word.lowercased().filter { $0.isLetter || $0.isNumber }.prefix(12))
        }.filter { !$0.isEmpty }.joined(separator: "-")
    }

    /// A domain that reads like `host`: a letter doubled or swapped, a look-alike digit, a hyphen
    /// or another top-level domain.
    mutating func lookalike(_ host: String) -> String {
        var labels = host.split(separator: ".").map(String.init)
        guard labels.count >= 2 else { return host + "-nieuws.nl" }
        let at = labels.count - 2
        var name = Array(labels[at])
        switch random.int(0...4) {
        case 0 where name.count > 2:
            let i = random.int(0...(name.count - 2))
            name.swapAt(i, i + 1)
        case 1:
            let i = random.int(0...(name.count - 1))
            name.insert(name[i], at: i)
        case 2 where name.contains("o") || name.contains("l") || name.contains("e"):
            let i = name.firstIndex { "ole".contains($0) }!
            name[i] = ["o": "0", "l": "1", "e": "3"][name[i]]!
        case 3:
            name.insert("-", at: random.int(1...max(1, name.count - 1)))
        default:
            labels[labels.count - 1] = labels.last == "nl" ? "net" : "nl"
        }
        labels[at] = String(name)
        let made = labels.joined(separator: ".")
        return made == host ? "www-" + host : made
    }

    static func host(of url: String) -> String {
        let rest = url.split(separator: "/", omittingEmptySubsequences: true)
        guard url.contains("://"), rest.count >= 2 else { return "nieuws.nl" }
        return String(rest[1])
    }

    /// Where a platform's posts are linked to.
    static func platformHost(_ platform: String) -> String {
        switch platform {
        case "telegram": "t.me"
        case "tiktok": "www.tiktok.com"
        case "x": "x.com"
        case "instagram": "www.instagram.com"
        default: "\(platform).com"
        }
    }
}

import Foundation
import Testing
import ToetsModel
@testable import ToetsPlanting

/// An attacker's view of the planting: a logistic regression on what planting itself could give
/// away (identifier form and range, age, audience, activity, posting rhythm, length of texts)
/// must not tell planted from real accounts much better than chance. What a campaign does on
/// purpose (sharing links, hashtags, reposts) is the signal methods should find, not an
/// artefact, and is left out; planted accounts are compared with real accounts at least as
/// active, since taking part in a campaign takes posts.
@Suite struct PlantedLookAlikeTests {
    /// Per account: identifier (length, first and mean character of its body), handle length, age,
    /// followers, activity, rhythm (mean and spread of log gaps, time of day), text (words per
    /// post, share with links, hashtags, mentions, reposts).
    static func features(_ posts: [Post]) -> [String: [Double]] {
        var byAccount: [String: [Post]] = [:]
        for post in posts { byAccount[post.authorID, default: []].append(post) }
        return byAccount.mapValues { own in
            let first = own[0]
            let body = Array(RealPool.body(first.authorID).unicodeScalars.map { Double($0.value) })
            let gaps = zip(own.dropFirst(), own).map { log(Double(max(1, $0.createdAt - $1.createdAt))) }
            let meanGap = gaps.isEmpty ? 0 : gaps.reduce(0, +) / Double(gaps.count)
            let spread = gaps.isEmpty ? 0 : (gaps.map { ($0 - meanGap) * ($0 - meanGap) }.reduce(0, +) / Double(gaps.count)).squareRoot()
            let hours = own.map { Double($0.createdAt % 86_400) / 86_400 * 2 * Double.pi }
            return [
                Double(first.authorID.count), body.first ?? 0, body.reduce(0, +) / Double(max(1, body.count)),
                Double(first.authorHandle?.count ?? 0),
                Double(first.accountCreatedAt ?? 0) / 1e9, log(1 + Double(first.followers ?? 0)), first.platform == "x" ? 1 : 0,
                log(Double(own.count)), meanGap, spread,
                hours.map(sin).reduce(0, +) / Double(own.count), hours.map(cos).reduce(0, +) / Double(own.count),
                own.map { Double($0.text?.split(separator: " ").count ?? 0) }.reduce(0, +) / Double(own.count),
            ]
        }
    }

    /// Held-out AUC of a logistic regression (standardised features, L2, gradient descent)
    /// trained on every other real account and the planted accounts of every other campaign
    /// (`planted` maps each to its campaign's number), tested on the rest. Campaigns are held out
    /// whole: the members of one campaign share its moments on purpose, and a classifier that only
    /// recognises a campaign it was trained on has found the coordination, not the planting.
    static func heldOutAUC(_ features: [String: [Double]], planted: [String: Int]) -> Double {
        let accounts = features.keys.sorted()
        let x = accounts.map { features[$0]! }, y = accounts.map { planted[$0] == nil ? 0.0 : 1.0 }
        let width = x[0].count
        let n = Double(x.count)
        let means: [Double] = (0..<width).map { (j: Int) -> Double in x.map { $0[j] }.reduce(0, +) / n }
        let sds: [Double] = (0..<width).map { (j: Int) -> Double in
            let squares: [Double] = x.map { (row: [Double]) -> Double in (row[j] - means[j]) * (row[j] - means[j]) }
            return max(1e-9, (squares.reduce(0, +) / n).squareRoot())
        }
        let z = x.map { row in (0..<width).map { (row[$0] - means[$0]) / sds[$0] } }
        let fold = accounts.indices.map { planted[accounts[$0]] ?? $0 }
        let train = accounts.indices.filter { fold[$0] % 2 == 0 }, test = accounts.indices.filter { fold[$0] % 2 == 1 }
        // Planted accounts are rare: weight the classes equally.
        let positives = train.filter { y[$0] == 1 }.count
        let weight = [0: 1.0 / Double(max(1, train.count - positives)), 1: 1.0 / Double(max(1, positives))]
        var w = [Double](repeating: 0, count: width), b = 0.0
        for _ in 0..<400 {
            var gw = [Double](repeating: 0, count: width), gb = 0.0
            for i in train {
                let p = 1 / (1 + exp(-(zip(w, z[i]).map(*).reduce(0, +) + b)))
                let g = (p - y[i]) * weight[Int(y[i])]!
                for j in 0..<width { gw[j] += g * z[i][j] }
                gb += g
            }
            for j in 0..<width { w[j] -= 0.5 * (gw[j] + 0.01 * w[j]) }
            b -= 0.5 * gb
        }
        let scored: [(score: Double, planted: Bool)] = test.map { (zip(w, z[$0]).map(*).reduce(0, +), y[$0] == 1) }
        let pos = scored.filter(\.planted).map(\.score), neg = scored.filter { !$0.planted }.map(\.score)
        var wins = 0.0
        for p in pos { for n in neg { wins += p > n ? 1 : (p == n ? 0.5 : 0) } }
        return wins / Double(pos.count * neg.count)
    }

    /// The features about rhythm (mean and spread of log gaps): 8 and 9.
    static let rhythm: Set<Int> = [8, 9]

    /// Each planted account with its campaign's number.
    static func campaigns(_ planting: Planting) -> [String: Int] {
        let names = Set(planting.members.map { "\($0.tactic.rawValue) \($0.strength)" }).sorted()
        return Dictionary(uniqueKeysWithValues: planting.members.map { member in
            (member.account, names.firstIndex(of: "\(member.tactic.rawValue) \(member.strength)")!)
        })
    }

    static func planted() -> (features: [String: [Double]], members: [String: Int]) {
        let real = Population.posts(accounts: 1500, seed: 8)
        let planting = Planter.plant(into: real, tactics: Tactic.allCases, strengths: Strength.presets, seed: 21)
        let members = campaigns(planting)
        let all = Self.features(planting.posts)
        let least = members.keys.map { all[$0]![7] }.min()!
        return (all.filter { members[$0.key] != nil || $0.value[7] >= least }, members)
    }

    @Test func aClassifierCannotTellPlantedFromRealAccountsByIdentifierAgeAudienceActivityOrText() {
        let (features, members) = Self.planted()
        let chosen = features.mapValues { row in row.indices.filter { !Self.rhythm.contains($0) }.map { row[$0] } }
        let auc = Self.heldOutAUC(chosen, planted: members)
        #expect(auc < 0.65, "held-out AUC \(auc)")
    }

    /// Rhythm too: each planted account replays a real account's life (its gaps and hours of the
    /// day), and only the posts its campaign's rounds take the place of move.
    @Test func aClassifierWithTheRhythmFeaturesCannotTellThemApartEither() {
        let (features, members) = Self.planted()
        let auc = Self.heldOutAUC(features, planted: members)
        #expect(auc < 0.65, "held-out AUC \(auc) with the rhythm features")
    }

    /// The same classifier sees an artefact at once: planted identifiers of another form.
    @Test func theClassifierFindsAPlantingArtefactWhenThereIsOne() {
        let real = Population.posts(accounts: 1500, seed: 8)
        let planting = Planter.plant(into: real, tactics: Tactic.allCases, strengths: Strength.presets, seed: 21)
        let members = Self.campaigns(planting)
        let marked = planting.posts.map { post in
            var post = post
            if members[post.authorID] != nil { post.authorID = "p1.k7.zz" + post.authorID.dropFirst(8) }
            return post
        }
        let renamed = Dictionary(uniqueKeysWithValues: members.map { ("p1.k7.zz" + $0.key.dropFirst(8), $0.value) })
        let auc = Self.heldOutAUC(Self.features(marked), planted: renamed)
        #expect(auc > 0.9, "held-out AUC \(auc)")
    }
}

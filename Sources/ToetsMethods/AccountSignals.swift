import ToetsModel

/// `method/account-signals`: signs in an account's own metadata and activity that campaigns
/// leave, without looking at other accounts' content: creation bursts (many accounts of the
/// data created in the same week), youth at first post, few followers, and a high posting
/// rate. Each signal is 0…1; the score is their mean over the signals the data allows, and an
/// account is flagged at `flag_score`. Flagged accounts of one creation burst form a group;
/// other flagged accounts have none.
///
/// Works on pseudonymised posts: the creation date is as precise as the anonymise stage's
/// k-anonymity level left it (a month or a year cannot show a week's burst), and handle
/// patterns cannot be read from pseudonyms, so they are not a signal here.
package struct AccountSignals: CoordinationMethod {
    package static let name = "account-signals"
    package static let version = 1
    package static let parameters = [
        ParameterSpec("burst_size", .integer, default: .int(5), summary: "accounts created in one week that make a burst"),
        ParameterSpec("young_days", .integer, default: .int(30), summary: "an account younger than this at its first post is young"),
        ParameterSpec("few_followers", .integer, default: .int(10), summary: "fewer followers than this is a signal"),
        ParameterSpec("high_rate", .number, default: .double(50), summary: "posts per active day that count fully as a high rate"),
        ParameterSpec("flag_score", .number, default: .double(0.75), summary: "operating point: the smallest score flagged"),
    ]

    var burstSize: Int
    var youngSeconds: Int64
    var fewFollowers: Int64
    var highRate: Double
    var flagScore: Double

    package init(parameters: [String: ParamValue]) throws(StageParameterError) {
        guard let burstSize = parameters.integer("burst_size"), burstSize >= 2 else {
            throw StageParameterError(parameter: "burst_size", problem: "must be at least 2")
        }
        guard let highRate = parameters.number("high_rate"), highRate > 0 else {
            throw StageParameterError(parameter: "high_rate", problem: "must be positive")
        }
        guard let flagScore = parameters.number("flag_score"), (0...1).contains(flagScore) else {
            throw StageParameterError(parameter: "flag_score", problem: "must be between 0 and 1")
        }
        self.burstSize = burstSize
        youngSeconds = Int64(max(parameters.integer("young_days") ?? 30, 0)) * 86_400
        fewFollowers = Int64(parameters.integer("few_followers") ?? 10)
        self.highRate = highRate
        self.flagScore = flagScore
    }

    struct Account {
        var created: Int64?
        var followers: Int64?
        var first = Int64.max
        var last = Int64.min
        var posts = 0
    }

    package func detect(_ posts: [Post]) throws -> MethodResult {
        var accounts: [String: Account] = [:]
        for post in posts {
            var account = accounts[post.authorID] ?? Account()
            account.created = post.accountCreatedAt ?? account.created
            account.followers = post.followers ?? account.followers
            account.first = min(account.first, post.createdAt)
            account.last = max(account.last, post.createdAt)
            account.posts += 1
            accounts[post.authorID] = account
        }
        // Weeks start on Thursday 1 January 1970 here; any fixed origin finds the same batches.
        var perWeek: [Int64: Int] = [:]
        for account in accounts.values { if let created = account.created { perWeek[UTCTime.bin(created, width: UTCTime.week), default: 0] += 1 } }

        var detections: [Detection] = []
        for (id, account) in accounts {
            var signals: [Double] = []
            if let created = account.created {
                signals.append(perWeek[UTCTime.bin(created, width: UTCTime.week)]! >= burstSize ? 1 : 0)
                signals.append(account.first - created < youngSeconds ? 1 : 0)
            }
            if let followers = account.followers { signals.append(followers < fewFollowers ? 1 : 0) }
            let days = max(1, Double(account.last - account.first) / 86_400)
            signals.append(min(1, Double(account.posts) / days / highRate))
            let score = signals.reduce(0, +) / Double(signals.count)
            let flagged = score >= flagScore
            let burst = account.created.map { perWeek[UTCTime.bin($0, width: UTCTime.week)]! >= burstSize } ?? false
            detections.append(Detection(accountID: id, score: score, flagged: flagged,
                                        group: flagged && burst ? "created-week-\(UTCTime.bin(account.created!, width: UTCTime.week))" : nil))
        }
        detections.sort { $0.accountID.utf8.lexicographicallyPrecedes($1.accountID.utf8) }
        // The network: flagged accounts of one creation burst, linked to each other.
        var network = AccountGraph()
        var evidence: [EvidenceRow] = []
        let bursts = Dictionary(grouping: detections.filter { $0.group?.hasPrefix("created-week-") == true }, by: { $0.group! })
        for (group, members) in bursts.sorted(by: { $0.key < $1.key }) {
            for i in members.indices {
                for j in members.indices where j > i {
                    network.addEdge(members[i].accountID, members[j].accountID, weight: 1)
                    evidence.append(EvidenceRow(account1: members[i].accountID, account2: members[j].accountID, object: group,
                                                time1: accounts[members[i].accountID]!.created!,
                                                time2: accounts[members[j].accountID]!.created!))
                }
            }
        }
        return MethodResult(detections: detections, evidence: evidence, network: network)
    }
}

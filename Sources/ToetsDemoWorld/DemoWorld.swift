import Foundation
import ToetsIngest
import ToetsModel

/// The demo world of the 2026 municipal elections: generates it and writes the data set
/// (archives in real formats, annotator labels, the true campaign membership).
package struct DemoWorld {
    package let parameters: WorldParameters
    private var simulation: Simulation

    package init(_ parameters: WorldParameters) {
        self.parameters = parameters
        simulation = Simulation(parameters)
        simulation.run()
    }

    /// What was generated, for the data sheet and the tests.
    package struct Summary: Codable, Sendable {
        package var parameters: WorldParameters
        package var accounts: [String: Int]
        package var posts: [String: Int]
        package var campaigns: [String: String]
        package var labelledAccounts: Int
        package var labelRows: Int
    }

    /// The files of the data set, written into `directory`.
    package static let files = ["x.tar.gz", "telegram.zip", "tiktok.ndjson.gz", "4cat-zwolle.csv", "labels.csv",
                                "truth.csv", "canaries.txt", "world.json"]

    /// Writes every file of the data set into `directory`.
    @discardableResult
    package func write(to directory: String) throws -> Summary {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let writers = DemoWriters(simulation: simulation)
        try writers.writeX(to: directory + "/x.tar.gz")
        try writers.writeTelegram(to: directory + "/telegram.zip")
        try writers.writeTikTok(to: directory + "/tiktok.ndjson.gz")
        try writers.write4CAT(municipality: "Zwolle", to: directory + "/4cat-zwolle.csv")
        var random = SeededRandom(seed: parameters.seed ^ 0xA11_0DA7E)
        let labels = Annotators.label(simulation, parameters: parameters, random: &random)
        try Data(labels.csv.utf8).write(to: URL(fileURLWithPath: directory + "/labels.csv"))
        try Data(truthCSV.utf8).write(to: URL(fileURLWithPath: directory + "/truth.csv"))
        try Data((simulation.canaries.joined(separator: "\n") + "\n").utf8)
            .write(to: URL(fileURLWithPath: directory + "/canaries.txt"))
        let summary = Summary(
            parameters: parameters,
            accounts: Dictionary(grouping: simulation.accounts, by: { "\($0.platform.rawValue)/\($0.role.rawValue)" }).mapValues(\.count),
            posts: Dictionary(grouping: simulation.posts, by: { "\($0.platform.rawValue)/\($0.kind.rawValue)" }).mapValues(\.count),
            campaigns: Dictionary(uniqueKeysWithValues: simulation.campaigns.map { ($0.id, "\($0.tactic) (\($0.members.count) accounts)") }),
            labelledAccounts: labels.accounts, labelRows: labels.rows)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try (encoder.encode(summary) + Data("\n".utf8)).write(to: URL(fileURLWithPath: directory + "/world.json"))
        return summary
    }

    /// `account_id,platform,role,campaign`: the truth the annotators approximate; for tests only.
    var truthCSV: String {
        var lines = ["account_id,platform,role,campaign"]
        for account in simulation.accounts.sorted(by: { $0.namespacedID < $1.namespacedID }) {
            lines.append("\(account.namespacedID),\(account.platform.rawValue),\(account.role.rawValue),\(account.campaign ?? "")")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// How many posts the world has.
    package var postCount: Int { simulation.posts.count }
}

/// Three simulated annotators with realistic disagreement: each labels part of a sample of the
/// accounts; campaigns are found more often the stronger their signal, and accounts in
/// legitimate coordination are sometimes mistaken for a campaign. An account in legitimate
/// coordination that an annotator labels none usually gets its kind, sometimes `other`, and
/// sometimes none at all.
enum Annotators {
    static func label(_ world: Simulation, parameters: WorldParameters, random: inout SeededRandom)
        -> (csv: String, accounts: Int, rows: Int) {
        // Kinds are drawn from a stream of their own, so that naming them changes no other column.
        var naming = SeededRandom(seed: parameters.seed ^ 0xC00D_14A7E)
        let strength = Dictionary(uniqueKeysWithValues: world.campaigns.map { ($0.id, $0.strength) })
        let campaignIDs = world.campaigns.map(\.id)
        var rows: [String] = []
        var labelled = Set<String>()
        let annotators = [("A1", 0.0), ("A2", 0.05), ("A3", -0.08)]  // A2 a little keener, A3 more cautious
        for account in world.accounts.sorted(by: { $0.namespacedID < $1.namespacedID }) {
            let inSample = account.role != .organic || random.chance(parameters.organicSampleShare)
            guard inSample else { continue }
            // The sampling design travels with the labels: the chance this account had of being sampled.
            let inclusion = account.role == .organic ? parameters.organicSampleShare : 1
            for (annotator, bias) in annotators where random.chance(parameters.annotatorCoverage) {
                var label = "none"
                var campaign = ""
                var correct: Bool
                if let truth = account.campaign {
                    let found = random.chance(min(0.98, 0.45 + 0.55 * strength[truth, default: 0.5] + bias))
                    if found {
                        label = "campaign"
                        campaign = random.chance(0.92) ? truth : random.pick(campaignIDs)
                    }
                    correct = found && campaign == truth
                } else {
                    let legitimate = kind(of: account.role) != nil
                    if random.chance((legitimate ? 0.10 : 0.02) + max(0, bias)) {
                        label = "campaign"
                        campaign = random.pick(campaignIDs)
                    }
                    correct = label == "none"
                }
                let confidence = correct ? 0.6 + 0.4 * random.unit() : 0.35 + 0.4 * random.unit()
                var coordination = ""
                if label == "none", let kind = kind(of: account.role) {
                    let draw = naming.unit()
                    coordination = draw < 0.75 ? kind : (draw < 0.8 ? "other" : "")
                }
                rows.append("\(account.namespacedID),\(label),\(campaign),\(annotator),\(String(format: "%.2f", confidence)),"
                    + coordination + "," + DetectionsFile.formatNumber(inclusion))
                labelled.insert(account.namespacedID)
            }
        }
        let csv = "account_id,label,campaign,annotator,confidence,coordination,inclusion_probability\n"
            + rows.joined(separator: "\n") + "\n"
        return (csv, labelled.count, rows.count)
    }

    /// The kind of legitimate coordination an account of `role` takes part in; nil for none.
    static func kind(of role: Role) -> String? {
        switch role {
        case .news, .syndication: "news_syndication"
        case .volunteer: "volunteers"
        case .fan: "fans"
        case .party: "official_campaign"
        case .organic, .campaign: nil
        }
    }
}

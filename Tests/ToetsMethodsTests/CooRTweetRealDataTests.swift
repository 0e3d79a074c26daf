import Foundation
import Testing
import ToetsModel
@testable import ToetsMethods

/// CooRTweet's bundled real data (in the shared folder next to the repository, not in it) against
/// the figures of the independent Python oracle, `scripts/oracles/coortweet_oracle.py`.
struct CooRTweetRealDataTests {
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let dataFolder = repository.appendingPathComponent("../shared/data/coortweet").standardizedFileURL
    static let dataPresent = FileManager.default.fileExists(atPath: dataFolder.appendingPathComponent("russian_coord_tweets.csv").path)
    static let skipNote: Comment = "the real data folder ../shared/data/coortweet is not next to the repository"

    struct Fixture: Decodable {
        var runs: [Run]
    }

    struct Run: Decodable {
        var name: String
        var file: String
        var timeWindow: Int64
        var minParticipation: Int
        var removeLoops: Bool
        var edgeWeight: Double
        var tw2: Int64?
        var figures: Figures
    }

    struct Figures: Decodable, Equatable {
        var shares: Int
        var pairs: Int
        var accounts: Int
        var accountsNotQualified: Int
        var accountsBelowMinDistinctContent: Int
        var edges: Int
        var weightQuantile: Double?
        var flaggedEdges: Int
        var components: Int
        var subgraph1Accounts: Int
        var subgraph1Components: Int
        var fastPairs: Int?
        var fastEdges: Int?
        var fastWeightQuantile: Double?
        var fastFlaggedEdges: Int?
        var pairsSha256: String
        var edgesSha256: String
        var nodesSubgraph1Sha256: String
    }

    static func run(named name: String) throws -> Run {
        let url = repository.appendingPathComponent("Tests/ToetsMethodsTests/Fixtures/coortweet-oracle-figures.json")
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        let fixture = try decoder.decode(Fixture.self, from: Data(contentsOf: url))
        return try #require(fixture.runs.first { $0.name == name })
    }

    static func shares(_ file: String) throws -> [CooRTweet.Share] {
        let bytes = try [UInt8](Data(contentsOf: dataFolder.appendingPathComponent(file)))
        return try CooRTweet.readShares(csv: bytes, source: file)
    }

    @Test(.enabled(if: dataPresent, skipNote),
          arguments: ["russian-tw10", "russian-tw60", "russian-tw60-speed10", "german-urls-default"])
    func realDataMatchTheIndependentOracle(_ name: String) throws {
        let run = try Self.run(named: name)
        let shares = try Self.shares(run.file)
        let detection = CooRTweet.detect(
            shares, timeWindow: run.timeWindow, minParticipation: run.minParticipation, removeLoops: run.removeLoops)
        let pairs = detection.pairs
        let speed = run.tw2.map { tw2 in
            CooRTweet.SpeedFlags(tw2: tw2, flags: CooRTweet.flagSpeedShare(shares, pairs, minParticipation: run.minParticipation, tw2: tw2))
        }
        let network = CooRTweet.generateCoordinatedNetwork(pairs, edgeWeight: run.edgeWeight, fast: speed?.flags)
        let subgraph = CooRTweet.generateCoordinatedNetwork(pairs, edgeWeight: run.edgeWeight, subgraph: .flaggedEdges)

        let accounts = Set(pairs.flatMap { [$0.accountID, $0.accountIDY] })
        var contents: [String: Set<String>] = [:]
        for pair in pairs {
            contents[pair.accountID, default: []].insert(pair.contentID)
            contents[pair.accountIDY, default: []].insert(pair.contentIDY)
        }
        let tables = (pairs: CooRTweet.pairsCSV(pairs, speed: speed), edges: CooRTweet.edgesCSV(network), nodes: CooRTweet.nodesCSV(subgraph))
        let fastEdges = network.edges.compactMap(\.fast)
        let figures = Figures(
            shares: shares.count,
            pairs: pairs.count,
            accounts: accounts.count,
            accountsNotQualified: accounts.subtracting(detection.qualifiedAccounts).count,
            accountsBelowMinDistinctContent: contents.values.filter { $0.count < run.minParticipation }.count,
            edges: network.edges.count,
            weightQuantile: network.weightQuantile,
            flaggedEdges: network.edges.filter(\.full.weightThreshold).count,
            components: Set(network.nodes.map(\.component)).count,
            subgraph1Accounts: subgraph.nodes.count,
            subgraph1Components: Set(subgraph.nodes.map(\.component)).count,
            fastPairs: speed.map { $0.flags.filter { $0 }.count },
            fastEdges: speed == nil ? nil : fastEdges.count,
            fastWeightQuantile: network.fastWeightQuantile,
            fastFlaggedEdges: speed == nil ? nil : fastEdges.filter(\.weightThreshold).count,
            pairsSha256: Digest.sha256(of: tables.pairs).hex,
            edgesSha256: Digest.sha256(of: tables.edges).hex,
            nodesSubgraph1Sha256: Digest.sha256(of: tables.nodes).hex)
        if figures != run.figures {
            // Leave the tables behind to diff with the oracle's `--out` tables.
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("toets-coortweet-\(name)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data(tables.pairs).write(to: folder.appendingPathComponent("pairs.csv"))
            try Data(tables.edges).write(to: folder.appendingPathComponent("edges.csv"))
            try Data(tables.nodes).write(to: folder.appendingPathComponent("nodes_subgraph1.csv"))
            Issue.record("\(name) differs from the oracle; Swift tables in \(folder.path)")
        }
        #expect(figures == run.figures)
    }

    /// The semantics text says 318 of 525 accounts in russian-default appear through the OR
    /// rule. 525 holds. 318 counts accounts with one distinct coordinated content; 317 of them
    /// are unqualified, the 318th qualifies with one content that is in two of its input rows.
    @Test(.enabled(if: dataPresent, skipNote))
    func russianDefaultsHave525AccountsAnd318WithOneCoordinatedContent() throws {
        let shares = try Self.shares("russian_coord_tweets.csv")
        let detection = CooRTweet.detect(shares)
        let accounts = Set(detection.pairs.flatMap { [$0.accountID, $0.accountIDY] })
        #expect(accounts.count == 525)
        var contents: [String: Set<String>] = [:]
        for pair in detection.pairs {
            contents[pair.accountID, default: []].insert(pair.contentID)
            contents[pair.accountIDY, default: []].insert(pair.contentIDY)
        }
        let single = Set(contents.filter { $0.value.count == 1 }.keys)
        let unqualified = accounts.subtracting(detection.qualifiedAccounts)
        #expect(single.count == 318)
        #expect(unqualified.count == 317)
        let qualifiedSingle = single.subtracting(unqualified)
        #expect(qualifiedSingle == ["8637162562f6b9c0ac0ac40d1cc6b296"])
        let rows = shares.filter { $0.accountID == qualifiedSingle.first && contents[$0.accountID]!.contains($0.contentID) }
        #expect(rows.count == 2)
    }
}

import Foundation
import Testing
import ToetsIngest
import ToetsModel
import ToetsTestSupport
@testable import ToetsDemoWorld

@Suite struct DemoWorldTests {
    static func small(seed: UInt64 = 7) -> WorldParameters {
        var parameters = WorldParameters()
        parameters.seed = seed
        parameters.scale = 0.2
        return parameters
    }

    func digests(_ directory: String) throws -> [String: Digest] {
        var result: [String: Digest] = [:]
        for name in DemoWorld.files {
            result[name] = Digest.sha256(of: [UInt8](try Data(contentsOf: URL(fileURLWithPath: directory + "/" + name))))
        }
        return result
    }

    @Test func theSameSeedGivesTheSameBytesAndAnotherSeedOthers() throws {
        let a = TemporaryDirectory("toets-world")
        let b = TemporaryDirectory("toets-world")
        let c = TemporaryDirectory("toets-world")
        try DemoWorld(Self.small()).write(to: a.path)
        try DemoWorld(Self.small()).write(to: b.path)
        try DemoWorld(Self.small(seed: 8)).write(to: c.path)
        #expect(try digests(a.path) == digests(b.path))
        #expect(try digests(a.path)["x.tar.gz"] != digests(c.path)["x.tar.gz"])
    }

    @Test func everyArchiveIngestsWithoutQuarantineAndTheZwolleCSVOverlapsX() throws {
        let directory = TemporaryDirectory("toets-world")
        let world = DemoWorld(Self.small())
        try world.write(to: directory.path)
        let archives = ["x.tar.gz", "telegram.zip", "tiktok.ndjson.gz", "4cat-zwolle.csv"].map { ($0, directory.path + "/" + $0) }
        let result = try IngestEngine(options: IngestOptions()).run(archives)
        #expect(result.quarantine.isEmpty)
        #expect(result.report.skippedEntries.isEmpty && result.report.refusedEntries.isEmpty)
        #expect(result.count == world.postCount)
        #expect(result.report.duplicatesDropped > 0)
        let platforms = Set(result.posts.map(\.platform))
        #expect(platforms == ["x", "telegram", "tiktok"])
        let kinds = Set(result.posts.map(\.kind))
        #expect(kinds.isSuperset(of: [.post, .repost, .reply, .forward]))
        #expect(result.posts.allSatisfy { $0.createdAt >= world.parameters.start && $0.createdAt <= world.parameters.end })
    }

    @Test func labelsComeFromThreeAnnotatorsWhoDisagreeAndLeaveAccountsUnknown() throws {
        let directory = TemporaryDirectory("toets-world")
        try DemoWorld(Self.small()).write(to: directory.path)
        let labels = try CSVScanner().records(try String(contentsOfFile: directory.path + "/labels.csv", encoding: .utf8))
        let truth = try CSVScanner().records(try String(contentsOfFile: directory.path + "/truth.csv", encoding: .utf8))
        #expect(labels.first == ["account_id", "label", "campaign", "annotator", "confidence", "coordination",
                                 "inclusion_probability"])
        let rows = labels.dropFirst()
        #expect(Set(rows.map { $0[3] }) == ["A1", "A2", "A3"])
        #expect(Set(rows.map { $0[1] }) == ["campaign", "none"])
        #expect(rows.allSatisfy { Double($0[4]).map { (0...1).contains($0) } ?? false })
        let byAccount = Dictionary(grouping: rows, by: { $0[0] })
        let disagreements = byAccount.values.filter { Set($0.map { $0[1] }).count > 1 }
        #expect(!disagreements.isEmpty)
        // Some accounts are unlabelled: unknown, not negative.
        let accounts = Set(truth.dropFirst().map { $0[0] })
        #expect(accounts.subtracting(byAccount.keys).count > accounts.count / 3)
        // Annotators find most members of strong campaigns, and the truth names every campaign.
        let members = Set(truth.dropFirst().filter { $0[3] == "C1" }.map { $0[0] })
        let found = members.filter { byAccount[$0]?.contains { $0[1] == "campaign" } ?? false }
        #expect(Double(found.count) >= 0.7 * Double(members.count))
        #expect(Set(truth.dropFirst().map { $0[3] }).isSuperset(of: ["C1", "C2", "C3", "C4", "C5", "C6", "C7"]))
    }

    @Test func theLabelsCarryTheirSamplingDesign() throws {
        let directory = TemporaryDirectory("toets-world")
        let parameters = Self.small()
        try DemoWorld(parameters).write(to: directory.path)
        let labels = try CSVScanner().records(try String(contentsOfFile: directory.path + "/labels.csv", encoding: .utf8))
        let truth = try CSVScanner().records(try String(contentsOfFile: directory.path + "/truth.csv", encoding: .utf8))
        let role = Dictionary(uniqueKeysWithValues: truth.dropFirst().map { ($0[0], $0[2]) })
        // Every non-organic account is in the sample (probability 1), organic ones with the sample share.
        for row in labels.dropFirst() {
            let expected = role[row[0]] == "organic" ? parameters.organicSampleShare : 1
            #expect(try LabelsFile.inclusionProbability(row[6]) == expected, "\(row)")
        }
        let sampledOrganic = Set(labels.dropFirst().filter { role[$0[0]] == "organic" }.map { $0[0] }).count
        let organic = truth.dropFirst().filter { $0[2] == "organic" }.count
        // Close to the share (annotators skip an account now and then: 0.2³ of them get no label at all).
        #expect(abs(Double(sampledOrganic) / Double(organic) - parameters.organicSampleShare) < 0.08)
    }

    @Test func annotatorsMostlyNameTheKindOfLegitimateCoordinationOfAnAccountTheyLabelNone() throws {
        let directory = TemporaryDirectory("toets-world")
        try DemoWorld(Self.small()).write(to: directory.path)
        let labels = try CSVScanner().records(try String(contentsOfFile: directory.path + "/labels.csv", encoding: .utf8))
        let truth = try CSVScanner().records(try String(contentsOfFile: directory.path + "/truth.csv", encoding: .utf8))
        let role = Dictionary(uniqueKeysWithValues: truth.dropFirst().map { ($0[0], $0[2]) })
        let kinds = ["news": "news_syndication", "syndication": "news_syndication", "volunteer": "volunteers",
                     "fan": "fans", "party": "official_campaign"]
        let rows = labels.dropFirst()
        // Only a none label of an account in legitimate coordination names a kind: its own, or other.
        for row in rows where !row[5].isEmpty {
            #expect(row[1] == "none" && (row[5] == kinds[role[row[0]]!] || row[5] == "other"), "\(row)")
            #expect(try LabelsFile.coordinationKind(row[5]) == row[5])
        }
        let legitimateNone = rows.filter { kinds[role[$0[0]]!] != nil && $0[1] == "none" }
        let named = legitimateNone.filter { $0[5] == kinds[role[$0[0]]!] }
        #expect(Double(named.count) > 0.6 * Double(legitimateNone.count))
        #expect(legitimateNone.contains { $0[5].isEmpty } && legitimateNone.contains { $0[5] == "other" })
        #expect(Set(named.map { $0[5] }) == ["news_syndication", "volunteers", "fans", "official_campaign"])
    }

    @Test func canariesArePlantedInThePosts() throws {
        let directory = TemporaryDirectory("toets-world")
        try DemoWorld(Self.small()).write(to: directory.path)
        let canaries = try String(contentsOfFile: directory.path + "/canaries.txt", encoding: .utf8).split(separator: "\n")
        #expect(canaries.count == 5)
        let result = try IngestEngine(options: IngestOptions()).run(
            ["x.tar.gz", "telegram.zip", "tiktok.ndjson.gz"].map { ($0, directory.path + "/" + $0) })
        let texts = result.posts.compactMap(\.text).joined(separator: "\n")
        for canary in canaries { #expect(texts.contains(canary), "canary \(canary) is in no post") }
    }

    @Test func personalDataPassesItsChecksums() {
        var random = SeededRandom(seed: 1)
        for _ in 0..<200 {
            let bsn = DutchText.bsn(&random).compactMap(\.wholeNumberValue)
            #expect(bsn.count == 9)
            let weighted = zip(bsn.prefix(8), stride(from: 9, through: 2, by: -1)).reduce(0) { $0 + $1.0 * $1.1 }
            #expect((weighted - bsn[8]) % 11 == 0)
            let iban = DutchText.iban(&random).replacingOccurrences(of: " ", with: "")
            #expect(iban.count == 18 && iban.hasPrefix("NL"))
            let rearranged = iban.dropFirst(4) + iban.prefix(4)
            let digits = rearranged.map { $0.isLetter ? String(Int($0.asciiValue!) - 55) : String($0) }.joined()
            #expect(digits.reduce(0) { ($0 * 10 + Int(String($1))!) % 97 } == 1)
            let postcode = DutchText.postcode(&random)
            #expect(postcode.range(of: #"^[1-9][0-9]{3} [A-Z]{2}$"#, options: .regularExpression) != nil)
        }
    }
}

@Suite struct CommittedDemoDataTests {
    /// datasets/demo is exactly what `toets demo-data` writes with the defaults: the data set in
    /// git cannot drift from the generator and its documentation.
    @Test func theCommittedDemoDataIsTheGeneratorsDefaultOutput() throws {
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let committed = repository.appendingPathComponent("datasets/demo").path
        let fresh = TemporaryDirectory("toets-world")
        try DemoWorld(WorldParameters()).write(to: fresh.path)
        for name in DemoWorld.files {
            let a = try Data(contentsOf: URL(fileURLWithPath: committed + "/" + name))
            let b = try Data(contentsOf: URL(fileURLWithPath: fresh.path + "/" + name))
            #expect(a == b, "datasets/demo/\(name) differs from the generator's output: run `make demo-data`")
        }
    }
}

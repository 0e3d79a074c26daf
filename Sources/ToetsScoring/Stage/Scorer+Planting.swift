import ToetsModel

extension Scorecard {
    /// What each method caught of the planted campaigns of one plant stage.
    package struct Planted: Sendable {
        /// The plant stage.
        package var stage: String
        /// Campaign cells in planting order: tactic, its DISARM technique, strength, members.
        package var cells: [(tactic: String, disarm: String, strength: String, accounts: Int)]
        package var methods: [PlantedMethod]
        /// Real accounts the plants touched.
        package var contacts: Int
    }

    /// One method on the planted posts.
    package struct PlantedMethod: Sendable {
        package var method: String
        /// Planted accounts flagged per cell (in `cells` order), with the exact interval of recall.
        package var recall: [(flagged: Int, interval: ConfidenceInterval)]
        /// Real accounts whose flag differs between the run on the posts and on the planted posts.
        package var changed: Int
        /// Of those, accounts the plants touched: their change has a plain explanation.
        package var changedContacts: Int
    }

    /// The planted membership and contacts of a plant stage, as the score stage reads them.
    package struct PlantedTruth: Sendable {
        package var stage: String
        /// Account, tactic, DISARM id, strength; in file order.
        package var members: [(account: String, tactic: String, disarm: String, strength: String)]
        package var contacts: Set<String>
    }
}

extension Scorer {
    /// Recall per tactic × strength of each method's planted run (`method@plant`), and how the
    /// real accounts' flags moved between its two runs.
    static func planted(_ truth: Scorecard.PlantedTruth, runs: [(name: String, detections: [Detection])],
                        declared: [(name: String, detections: [Detection])], level: Double) -> Scorecard.Planted {
        var cells: [(tactic: String, disarm: String, strength: String, accounts: Int)] = []
        var cellOf: [String: Int] = [:]
        for member in truth.members {
            let key = member.tactic + "\u{0}" + member.strength
            if let index = cellOf[key] { cells[index].accounts += 1 } else {
                cellOf[key] = cells.count
                cells.append((member.tactic, member.disarm, member.strength, 1))
            }
        }
        let planted = Set(truth.members.map(\.account))
        var methods: [Scorecard.PlantedMethod] = []
        for (name, detections) in runs.sorted(by: { $0.name < $1.name }) {
            guard let run = PlantedRun.parse(name), run.plant == truth.stage,
                  let original = declared.first(where: { $0.name == run.stage }) else { continue }
            let flagged = Set(detections.filter(\.flagged).map(\.accountID))
            var found = [Int](repeating: 0, count: cells.count)
            for member in truth.members where flagged.contains(member.account) {
                found[cellOf[member.tactic + "\u{0}" + member.strength]!] += 1
            }
            let before = Set(original.detections.filter(\.flagged).map(\.accountID))
            let after = flagged.subtracting(planted)
            let changed = before.symmetricDifference(after)
            methods.append(Scorecard.PlantedMethod(
                method: run.stage,
                recall: cells.indices.map { index in
                    (found[index], ConfidenceInterval.clopperPearson(successes: found[index], trials: cells[index].accounts, level: level))
                },
                changed: changed.count, changedContacts: changed.intersection(truth.contacts).count))
        }
        return Scorecard.Planted(stage: truth.stage, cells: cells, methods: methods, contacts: truth.contacts.count)
    }
}

extension Scorecard.PlantedTruth {
    /// Reads a plant stage's `membership` (CSV `account_id,tactic,disarm,strength`) and `contacts`
    /// (CSV `account_id`).
    static func parse(stage: String, membership: [UInt8], contacts: [UInt8]) throws(ScoreError) -> Scorecard.PlantedTruth {
        func rows(_ bytes: [UInt8], header: String, artefact: String) throws(ScoreError) -> [[String]] {
            let lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: true)
            guard lines.first.map(String.init) == header else {
                throw .badPlanting(artefact: "\(stage).\(artefact)", line: 1, problem: "the first line must be '\(header)'")
            }
            let width = header.split(separator: ",").count
            var result: [[String]] = []
            for (number, line) in lines.dropFirst().enumerated() {
                let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
                guard fields.count == width, !fields[0].isEmpty else {
                    throw .badPlanting(artefact: "\(stage).\(artefact)", line: number + 2, problem: "expected \(width) fields")
                }
                result.append(fields)
            }
            return result
        }
        let members = try rows(membership, header: "account_id,tactic,disarm,strength", artefact: "membership")
        let touched = try rows(contacts, header: "account_id", artefact: "contacts")
        return Scorecard.PlantedTruth(stage: stage, members: members.map { ($0[0], $0[1], $0[2], $0[3]) },
                                      contacts: Set(touched.map { $0[0] }))
    }
}

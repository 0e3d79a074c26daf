import Foundation
import ToetsModel

/// `uses: plant` — planted campaigns with known members in real pseudonymised posts.
///
/// Input: one `posts` artefact (from an anonymise stage). Outputs: `posts` (the real posts with
/// the planted ones, for methods), and, sealed like ground truth (only evaluation stages see
/// them), `membership` (CSV `account_id,tactic,disarm,strength`: every planted account) and
/// `contacts` (CSV `account_id`: the real accounts the plants touched). The runner runs every
/// method that reads the same posts once more on the planted posts, and the score stage
/// measures recall per tactic × strength and how the real accounts' detections moved.
package struct PlantStage: BuiltinStage {
    package init() {}

    package let kind = "plant"
    /// 2: members replay their donors' lives; rounds on a member's moments; longer identifiers
    /// where short ones run out.
    /// 3: texts are runs of whole words of one real text (words strung together could spell a
    /// display name anonymise removed); edits cut words from a copy's ends; the authors of the
    /// texts campaigns copied are contacts; a member's replayed life moves by 1–60 minutes too.
    package let version = 3
    package let role = StageRole.data
    package var about: StageAbout {
        StageAbout(summary: "Plants synthetic coordinated campaigns with exactly known members into the pseudonymised posts.")
    }

    package static let sealed = ["membership", "contacts"]
    package var sealedOutputs: [String] { Self.sealed }

    package var parameters: [ParameterSpec] {
        [
            ParameterSpec("seed", .integer, summary: "the seed of every random choice: the same seed plants the same campaigns"),
            ParameterSpec("tactics", .list, default: .list(Tactic.allCases.map { .string($0.rawValue) }),
                          summary: "tactics to plant: " + Tactic.allCases.map(\.rawValue).joined(separator: ", ")),
            ParameterSpec("strengths", .list, default: .list(Strength.presets.map { .string($0.name) }),
                          summary: "strengths to plant each tactic at: strong, medium, weak, or mappings with name, accounts, "
                              + "spread (seconds), edit_rate, share and rounds"),
        ]
    }

    package func outputs(parameters: [String: ParamValue]) throws(StageParameterError) -> [String] {
        _ = try PlantSettings(parameters)
        return ["posts", "membership", "contacts"]
    }

    package func run(_ context: any StageContext) async throws {
        let settings = try PlantSettings(context.parameters)
        let candidates = context.inputs.filter { $0.key.hasSuffix(".posts") }
        guard candidates.count == 1, let (name, input) = candidates.first else {
            throw PlantError("plant needs exactly one artefact named posts (from an anonymise stage); it has "
                + (context.inputs.isEmpty ? "none" : context.inputs.keys.sorted().joined(separator: ", ")))
        }
        guard let data = FileManager.default.contents(atPath: input.path) else { throw PlantError("cannot read \(name)") }
        let posts = try Post.decodeLines(Array(data), artefact: name)
        let planting = try await onOwnThread {
            Planter.plant(into: posts, tactics: settings.tactics, strengths: settings.strengths, seed: settings.seed)
        }
        try await context.storeOutput("posts", bytes: planting.postsArtefact)
        try await context.storeOutput("membership", bytes: planting.membershipCSV)
        try await context.storeOutput("contacts", bytes: planting.contactsCSV)
    }
}

/// A plant stage's checked parameters.
struct PlantSettings: Sendable {
    var seed: UInt64
    var tactics: [Tactic]
    var strengths: [Strength]

    init(_ parameters: [String: ParamValue]) throws(StageParameterError) {
        guard let seed = parameters["seed"]?.intValue, seed >= 0 else {
            throw StageParameterError(parameter: "seed", problem: "seed must be a whole number of at least 0")
        }
        self.seed = UInt64(seed)
        var tactics: [Tactic] = []
        for (index, item) in (parameters["tactics"]?.listValue ?? []).enumerated() {
            guard let tactic = item.stringValue.flatMap(Tactic.init(rawValue:)) else {
                throw StageParameterError(parameter: "tactics[\(index)]",
                                          problem: "unknown tactic; the tactics are " + Tactic.allCases.map(\.rawValue).joined(separator: ", "))
            }
            if !tactics.contains(tactic) { tactics.append(tactic) }
        }
        guard !tactics.isEmpty else { throw StageParameterError(parameter: "tactics", problem: "name at least one tactic") }
        self.tactics = tactics
        var strengths: [Strength] = []
        for (index, item) in (parameters["strengths"]?.listValue ?? []).enumerated() {
            let strength = try Self.strength(item, at: "strengths[\(index)]")
            guard !strengths.contains(where: { $0.name == strength.name }) else {
                throw StageParameterError(parameter: "strengths[\(index)]", problem: "strength '\(strength.name)' is given twice")
            }
            strengths.append(strength)
        }
        guard !strengths.isEmpty else { throw StageParameterError(parameter: "strengths", problem: "name at least one strength") }
        self.strengths = strengths
    }

    private static func strength(_ item: ParamValue, at path: String) throws(StageParameterError) -> Strength {
        if let name = item.stringValue {
            guard let preset = Strength.presets.first(where: { $0.name == name }) else {
                throw StageParameterError(parameter: path, problem: "unknown strength '\(name)'; give strong, medium, weak or a mapping")
            }
            return preset
        }
        guard case .map(let fields) = item else {
            throw StageParameterError(parameter: path, problem: "a strength is a preset name or a mapping")
        }
        let known = ["name", "accounts", "spread", "edit_rate", "share", "rounds"]
        if let unknown = fields.keys.sorted().first(where: { !known.contains($0) }) {
            throw StageParameterError(parameter: "\(path).\(unknown)", problem: "unknown field; a strength has " + known.joined(separator: ", "))
        }
        guard let name = fields["name"]?.stringValue, SweepVariant.isSweepable(.string(name)) else {
            throw StageParameterError(parameter: "\(path).name", problem: "name must be letters, digits, '-' or '_'")
        }
        guard let accounts = fields["accounts"]?.intValue, (2...10_000).contains(accounts) else {
            throw StageParameterError(parameter: "\(path).accounts", problem: "accounts must be a whole number from 2 to 10000")
        }
        guard let spread = fields["spread"]?.intValue, (0...31_536_000).contains(spread) else {
            throw StageParameterError(parameter: "\(path).spread", problem: "spread must be seconds from 0 to a year")
        }
        guard let rate = fields["edit_rate"]?.numberValue, rate >= 0, rate < 1 else {
            throw StageParameterError(parameter: "\(path).edit_rate", problem: "edit_rate must lie in [0, 1)")
        }
        guard let share = fields["share"]?.numberValue, share > 0, share <= 1 else {
            throw StageParameterError(parameter: "\(path).share", problem: "share must lie in (0, 1]")
        }
        guard let rounds = fields["rounds"]?.intValue, (1...1000).contains(rounds) else {
            throw StageParameterError(parameter: "\(path).rounds", problem: "rounds must be a whole number from 1 to 1000")
        }
        return Strength(name: name, accounts: accounts, spread: spread, editRate: rate, share: share, rounds: rounds)
    }
}

/// Why planting failed.
struct PlantError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

extension Planting {
    /// The posts artefact: canonical NDJSON in the posts order.
    var postsArtefact: [UInt8] {
        var writer = CanonicalJSONWriter()
        for post in posts { post.write(to: &writer) }
        return writer.bytes
    }

    var membershipCSV: [UInt8] {
        var text = "account_id,tactic,disarm,strength\n"
        for member in members { text += "\(member.account),\(member.tactic.rawValue),\(member.tactic.disarm.id),\(member.strength)\n" }
        return Array(text.utf8)
    }

    var contactsCSV: [UInt8] {
        Array((["account_id"] + contacts).map { $0 + "\n" }.joined().utf8)
    }
}

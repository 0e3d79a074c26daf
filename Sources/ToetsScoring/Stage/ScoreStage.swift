import Foundation
import ToetsModel

/// `uses: score` — every method's detections against the pseudonymised ground truth.
///
/// Inputs, from the stages it needs: each artefact named `detections` (the method is the stage
/// that wrote it), exactly one named `labels`, at most one named `posts` for strata, and at most
/// one named `rule` (a `decision-rule` stage) whose decision the results carry. Other
/// artefacts of those stages (evidence, networks, reports) are ignored. Outputs: `results`
/// (canonical JSON), the tables `accounts.csv`, `comparisons.csv`, `curves.csv`, `strata.csv`,
/// `coordination.csv`, `overlap.csv` and `ordinary.csv`, and `summary.txt`.
package struct ScoreStage: BuiltinStage {
    package init() {}

    package let kind = "score"
    /// 2: results schema 2, with the error analysis, and its tables coordination.csv and overlap.csv.
    /// 3: results schema 3: the decision rule and its outcome, paired tests of the figures shown,
    /// the interval shown for each figure (exact where the bootstrap degenerates), campaign
    /// clusters, design-weighted estimates, curves at grid points, one minimum cell size.
    /// 4: false positives among ordinary accounts by platform, activity and language
    /// (`error_analysis.ordinary`, `ordinary.csv`).
    /// 5: results schema 4: robustness (rank stability under the bootstrap), Kendall's W, every
    /// sweep variant scored, planted campaigns' recall per tactic and strength.
    package let version = 5
    package let role = StageRole.evaluation
    package var parameters: [ParameterSpec] { ScoreSettings.parameters }

    package static let outputs = ["results", "accounts.csv", "comparisons.csv", "curves.csv", "strata.csv",
                                  "coordination.csv", "overlap.csv", "ordinary.csv", "summary.txt"]

    package func outputs(parameters: [String: ParamValue]) throws(StageParameterError) -> [String] {
        _ = try ScoreSettings(parameters: parameters)
        return Self.outputs
    }

    package func run(_ context: any StageContext) async throws {
        let settings = try ScoreSettings(parameters: context.parameters)
        let inputs = try ScoreInputs.read(context.inputs)
        var card = try await Scorer.score(methods: inputs.methods, truth: inputs.truth, strata: inputs.strata,
                                          settings: settings, rule: inputs.rule, variants: inputs.variants,
                                          progress: context.progress)
        card.planted = inputs.plantings.map { truth in
            Scorer.planted(truth, runs: inputs.plantedRuns, declared: inputs.methods, level: settings.level)
        }
        for (name, bytes) in Self.render(card, stage: "\(kind) \(version)") {
            try await context.storeOutput(name, bytes: bytes)
        }
    }

    /// The output artefacts of a scorecard, by name.
    package static func render(_ card: Scorecard, stage: String) -> [(String, [UInt8])] {
        [("results", card.resultsJSON(stage: stage)), ("accounts.csv", card.accountsCSV),
         ("comparisons.csv", card.comparisonsCSV), ("curves.csv", card.curvesCSV), ("strata.csv", card.strataCSV),
         ("coordination.csv", card.coordinationCSV), ("overlap.csv", card.overlapCSV),
         ("ordinary.csv", card.ordinaryCSV), ("summary.txt", Array(card.summary.utf8))]
    }
}

/// The score stage's inputs, read and checked.
package struct ScoreInputs: Sendable {
    package var methods: [(name: String, detections: [Detection])]
    /// Sweep points of the methods (stages named `method@parameter=value`), scored beside them.
    package var variants: [(name: String, detections: [Detection])] = []
    /// Methods run on planted posts (stages named `method@plant`), and the plants' membership.
    package var plantedRuns: [(name: String, detections: [Detection])] = []
    package var plantings: [Scorecard.PlantedTruth] = []
    package var truth: GroundTruth
    package var strata: AccountStrata?
    /// The pre-registered decision rule, from an input artefact named `rule`.
    package var rule: DecisionRule?

    /// Reads `inputs` (by `stage.artefact` name), refusing what cannot be scored.
    package static func read(_ inputs: [String: Artefact]) throws(ScoreError) -> ScoreInputs {
        let names = inputs.keys.sorted()
        func split(_ name: String) -> (stage: String, artefact: String) {
            guard let dot = name.firstIndex(of: ".") else { return (name, "") }
            return (String(name[..<dot]), String(name[name.index(after: dot)...]))
        }
        let detectionNames = names.filter { split($0).artefact == "detections" }
        let labelNames = names.filter { split($0).artefact == "labels" }
        // A plant stage's posts hold the plants: strata come from the real posts.
        let plantStages = Set(names.filter { split($0).artefact == "membership" }.map { split($0).stage })
        let postNames = names.filter { split($0).artefact == "posts" && !plantStages.contains(split($0).stage) }
        let ruleNames = names.filter { split($0).artefact == "rule" }
        guard !detectionNames.isEmpty else { throw .noDetections(inputs: names) }
        guard labelNames.count == 1 else { throw .labelsCount(found: labelNames, inputs: names) }
        guard postNames.count <= 1 else { throw .severalPosts(postNames) }
        guard ruleNames.count <= 1 else {
            throw .badRule(artefact: ruleNames.joined(separator: ", "), problem: "a score stage follows one decision rule; "
                + "it needs \(ruleNames.count). Need one decision-rule stage")
        }

        func bytes(_ name: String) throws(ScoreError) -> [UInt8] {
            guard let path = inputs[name]?.path, let data = FileManager.default.contents(atPath: path) else {
                throw .unreadable(artefact: name)
            }
            return Array(data)
        }
        let truth = try GroundTruth.parse(try bytes(labelNames[0]), file: labelNames[0])
        var methods: [(name: String, detections: [Detection])] = []
        var variants: [(name: String, detections: [Detection])] = []
        var plantedRuns: [(name: String, detections: [Detection])] = []
        for name in detectionNames {
            do {
                let entry = (split(name).stage, try DetectionsFile.parse(try bytes(name), file: name))
                if SweepVariant.parse(entry.0) != nil {
                    variants.append(entry)
                } else if PlantedRun.parse(entry.0) != nil {
                    plantedRuns.append(entry)
                } else {
                    methods.append(entry)
                }
            } catch let problem as DetectionsFile.Problem {
                throw .badDetections(problem.description)
            } catch let error as ScoreError {
                throw error
            } catch {
                throw .badDetections("\(name): \(error)")
            }
        }
        let strata = try postNames.first.map { name throws(ScoreError) in
            try AccountStrata.parse(try bytes(name), artefact: name)
        }
        try IdentifierKind.check([(labelNames[0], truth.rows.map(\.account))]
            + (methods + variants + plantedRuns).map { ("the detections of '\($0.name)'", $0.detections.map(\.accountID)) }
            + (postNames.first.map { [($0, Array(strata!.accounts))] } ?? []))
        let rule = try ruleNames.first.map { name throws(ScoreError) in try DecisionRule.read(try bytes(name), artefact: name) }
        guard !methods.isEmpty else { throw .noDetections(inputs: names) }
        var plantings: [Scorecard.PlantedTruth] = []
        for stage in plantStages.sorted() {
            guard inputs["\(stage).contacts"] != nil else { throw .unreadable(artefact: "\(stage).contacts") }
            plantings.append(try Scorecard.PlantedTruth.parse(stage: stage, membership: try bytes("\(stage).membership"),
                                                              contacts: try bytes("\(stage).contacts")))
        }
        return ScoreInputs(methods: methods, variants: variants, plantedRuns: plantedRuns, plantings: plantings, truth: truth,
                           strata: strata, rule: rule)
    }
}

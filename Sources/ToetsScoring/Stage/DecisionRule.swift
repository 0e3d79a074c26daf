import ToetsModel

/// What "better" means, declared before any score exists: the primary metric, the smallest
/// difference that matters, the harm budget and the error rate of the tests.
///
/// A pipeline declares it as a stage of its own (`uses: decision-rule`), which needs nothing
/// and writes the rule as canonical JSON; the score stage needs that stage. The rule's statement
/// therefore enters the provenance log before the score step can start, as the methods' do,
/// and its digest is among the score step's inputs: the log shows the rule was fixed before
/// the labels were scored, and which rule it was.
package struct DecisionRule: Sendable, Hashable {
    /// The figure that decides which method is better.
    package enum PrimaryMetric: String, Sendable, CaseIterable {
        case f1
        case averagePrecision = "average_precision"
        case precision
        case recall
    }

    package var primaryMetric: PrimaryMetric
    /// The smallest difference in the primary metric that matters.
    package var minDifference: Double
    /// At most this many false positives per 1,000 legitimate accounts, overall.
    package var harmBudget: Double
    /// The same per kind of legitimate coordination: one budget for every kind, or one per kind
    /// (kinds not named are held to `harmBudget`); nil: kinds are not checked separately.
    package var harmBudgetPerKind: HarmBudgetPerKind?
    /// The family-wise error rate of the paired tests (Holm).
    package var alpha: Double

    /// A per-kind budget: the same for all kinds, or by kind.
    package enum HarmBudgetPerKind: Sendable, Hashable {
        case all(Double)
        case byKind([String: Double])
    }

    /// The budget a kind is held to, per 1,000 of its accounts; nil when kinds are not checked.
    package func budget(kind: String) -> Double? {
        switch harmBudgetPerKind {
        case nil: nil
        case .all(let budget)?: budget
        case .byKind(let budgets)?: budgets[kind] ?? harmBudget
        }
    }

    package init(primaryMetric: PrimaryMetric, minDifference: Double, harmBudget: Double,
                 harmBudgetPerKind: HarmBudgetPerKind? = nil, alpha: Double = 0.05) {
        self.primaryMetric = primaryMetric
        self.minDifference = minDifference
        self.harmBudget = harmBudget
        self.harmBudgetPerKind = harmBudgetPerKind
        self.alpha = alpha
    }

    package static let parameters = [
        ParameterSpec("primary_metric", .string,
                      summary: "the figure that decides which method is better: f1, average_precision, precision or recall"),
        ParameterSpec("min_difference", .number,
                      summary: "the smallest difference in the primary metric that matters (0 to 1), such as 0.05"),
        ParameterSpec("harm_budget", .number,
                      summary: "at most this many false positives per 1,000 legitimate accounts; a method above it is never "
                          + "recommended"),
        ParameterSpec("harm_budget_per_kind", .any, default: .null,
                      summary: "the same per kind of legitimate coordination: a number for every kind, or a mapping from "
                          + "kind (" + LabelsFile.kinds.joined(separator: ", ") + ") to a number; null: not checked"),
        ParameterSpec("alpha", .number, default: .double(0.05),
                      summary: "family-wise error rate of the paired tests of the primary metric (Holm's correction)"),
    ]

    /// Checks a declaration (defaults filled in), naming the first parameter that is wrong.
    package init(parameters: [String: ParamValue]) throws(StageParameterError) {
        func fail(_ name: String, _ problem: String) -> StageParameterError {
            StageParameterError(parameter: name, problem: problem)
        }
        guard let metric = parameters["primary_metric"]?.stringValue.flatMap(PrimaryMetric.init) else {
            throw fail("primary_metric", "must be one of " + PrimaryMetric.allCases.map(\.rawValue).joined(separator: ", "))
        }
        guard let difference = parameters["min_difference"]?.numberValue, difference >= 0, difference < 1 else {
            throw fail("min_difference", "must be a difference in the primary metric from 0 up to (not including) 1, such as 0.05")
        }
        guard let harm = parameters["harm_budget"]?.numberValue, harm >= 0, harm <= 1000 else {
            throw fail("harm_budget", "must be a number of false positives per 1,000 legitimate accounts, from 0 to 1000, "
                + "such as 10")
        }
        var perKind: HarmBudgetPerKind?
        switch parameters["harm_budget_per_kind"] ?? .null {
        case .null: perKind = nil
        case .int, .double:
            guard let value = parameters["harm_budget_per_kind"]?.numberValue, value >= 0, value <= 1000 else {
                throw fail("harm_budget_per_kind", "must be a number from 0 to 1000 per 1,000 accounts of a kind")
            }
            perKind = .all(value)
        case .map(let entries):
            var budgets: [String: Double] = [:]
            for (kind, value) in entries {
                guard LabelsFile.kinds.contains(kind) else {
                    throw fail("harm_budget_per_kind", "'\(kind)' is not a kind of legitimate coordination; the kinds are "
                        + LabelsFile.kinds.joined(separator: ", "))
                }
                guard let number = value.numberValue, number >= 0, number <= 1000 else {
                    throw fail("harm_budget_per_kind", "the budget of \(kind) must be a number from 0 to 1000")
                }
                budgets[kind] = number
            }
            perKind = .byKind(budgets)
        default:
            throw fail("harm_budget_per_kind", "must be a number, a mapping from kind to number, or null")
        }
        guard let alpha = parameters["alpha"]?.numberValue, alpha > 0, alpha < 1 else {
            throw fail("alpha", "must lie strictly between 0 and 1, such as 0.05")
        }
        self.init(primaryMetric: metric, minDifference: difference, harmBudget: harm, harmBudgetPerKind: perKind, alpha: alpha)
    }

    /// The rule as its stage writes it and the results repeat it.
    package var asParameters: ParamValue {
        let perKind: ParamValue = switch harmBudgetPerKind {
        case nil: .null
        case .all(let value)?: .double(value)
        case .byKind(let budgets)?: .map(budgets.mapValues(ParamValue.double))
        }
        return .map([
            "primary_metric": .string(primaryMetric.rawValue), "min_difference": .double(minDifference),
            "harm_budget_per_1000": .double(harmBudget), "harm_budget_per_kind_per_1000": perKind,
            "alpha": .double(alpha),
        ])
    }

    /// The `rule` artefact: canonical JSON with a schema version and a final newline.
    package var artefact: [UInt8] {
        guard case .map(var entries) = asParameters else { return [] }
        entries["schema_version"] = .int(1)
        return Array(ParamValue.map(entries).canonicalJSON.utf8) + [0x0A]
    }

    /// Reads a `rule` artefact.
    package static func read(_ bytes: [UInt8], artefact: String) throws(ScoreError) -> DecisionRule {
        let root: JSONValue
        do {
            root = try JSONDocument(bytes).root
        } catch {
            throw .badRule(artefact: artefact, problem: error.description)
        }
        guard root["schema_version"]?.int64 == 1 else {
            throw .badRule(artefact: artefact, problem: "schema_version is not 1; it was written by another decision-rule stage")
        }
        var parameters: [String: ParamValue] = [
            "primary_metric": root["primary_metric"]?.string.map(ParamValue.string) ?? .null,
            "min_difference": root["min_difference"]?.double.map(ParamValue.double) ?? .null,
            "harm_budget": root["harm_budget_per_1000"]?.double.map(ParamValue.double) ?? .null,
            "alpha": root["alpha"]?.double.map(ParamValue.double) ?? .null,
        ]
        if let kinds = root["harm_budget_per_kind_per_1000"] {
            if let value = kinds.double {
                parameters["harm_budget_per_kind"] = .double(value)
            } else if !kinds.members.isEmpty {
                parameters["harm_budget_per_kind"] = .map(Dictionary(uniqueKeysWithValues: kinds.members.map {
                    ($0.key, $0.value.double.map(ParamValue.double) ?? .null)
                }))
            }
        }
        do {
            return try DecisionRule(parameters: parameters)
        } catch {
            throw .badRule(artefact: artefact, problem: "\(error.parameter) \(error.problem)")
        }
    }
}

/// `uses: decision-rule` — the pre-registered decision rule, declared under `with:` and checked
/// like every parameter; writes it as the artefact `rule`, which the score stage reads.
package struct DecisionRuleStage: BuiltinStage {
    package init() {}

    package let kind = "decision-rule"
    package let version = 1
    /// An evaluation stage, but one that reads nothing: `needs:` is refused (see `run`), so the
    /// rule can only depend on what the pipeline declares.
    package let role = StageRole.evaluation
    package var parameters: [ParameterSpec] { DecisionRule.parameters }

    package func outputs(parameters: [String: ParamValue]) throws(StageParameterError) -> [String] {
        _ = try DecisionRule(parameters: parameters)
        return ["rule"]
    }

    package func run(_ context: any StageContext) async throws {
        guard context.inputs.isEmpty else {
            throw ScoreError.badRule(artefact: context.stageName, problem: "a decision rule reads nothing: remove its "
                + "needs (it needs " + context.inputs.keys.sorted().joined(separator: ", ") + "), so that it is fixed "
                + "without any data, score or label")
        }
        try await context.storeOutput("rule", bytes: try DecisionRule(parameters: context.parameters).artefact)
    }
}

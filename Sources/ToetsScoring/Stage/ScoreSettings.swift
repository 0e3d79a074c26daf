import ToetsModel

/// The score stage's parameters, checked.
package struct ScoreSettings: Sendable, Hashable {
    /// What a bootstrap resample draws.
    package enum Resampling: String, Sendable, CaseIterable {
        /// Accounts one by one.
        case accounts
        /// Whole labelled campaigns (a cluster bootstrap); every other account on its own.
        case campaigns
    }

    /// Which pairs of methods are compared.
    package enum Comparisons: Sendable, Hashable {
        case all
        case none
        case pairs([[String]])
    }

    package var labelRule = LabelRule.majority
    package var topK = [50, 100]
    /// The largest false-positive rate of the budgeted operating point.
    package var falsePositiveBudget = 0.01
    package var replicates = 1000
    package var seed: UInt64 = 1
    package var level = 0.95
    package var resampling = Resampling.campaigns
    /// The one minimum cell size of everything published: strata, kinds, overlap cells,
    /// campaigns, histogram bins and the accounts between two published curve points.
    package var minCell = 10
    /// Below this many campaign clusters, intervals carry a caveat (and proportions show the
    /// span of the bootstrap and the exact interval).
    package var minClusters = 20
    /// Methods whose scores the pipeline declares to be probabilities: only they get a
    /// calibration table and a Brier score.
    package var probabilityScores: [String] = []
    package var comparisons = Comparisons.all
    package var strata = ["platform", "language", "municipality"]
    /// The family-wise error rate of Holm's correction and the Nemenyi test.
    package var alpha = 0.05

    package init() {}

    package static let parameters = [
        ParameterSpec("label_rule", .string, default: .string("majority"),
                      summary: "how annotators' labels decide an account: majority (a tie is unknown), all (campaign "
                          + "only if every annotator says so) or any"),
        ParameterSpec("top_k", .list, default: .list([.int(50), .int(100)]),
                      summary: "the k of precision at k (analyst capacity), a list of whole numbers ≥ 1"),
        ParameterSpec("fp_budget", .number, default: .double(0.01),
                      summary: "the operating point with the best recall whose false-positive rate stays within this share"),
        ParameterSpec("replicates", .integer, default: .int(1000), summary: "bootstrap resamples"),
        ParameterSpec("seed", .integer, default: .int(1), summary: "seed of the bootstrap (a whole number ≥ 0)"),
        ParameterSpec("level", .number, default: .double(0.95), summary: "confidence level of every interval"),
        ParameterSpec("resample", .string, default: .string("campaigns"),
                      summary: "the bootstrap's independent unit: campaigns (whole labelled campaigns, a cluster "
                          + "bootstrap) or accounts"),
        ParameterSpec("min_cell", .integer, default: .int(10),
                      summary: "the minimum cell size of everything published: strata, kinds of coordination, overlap "
                          + "cells, campaigns and histogram bins with fewer accounts are pooled or left out, and curves are "
                          + "published at grid points at least this many accounts apart"),
        ParameterSpec("min_clusters", .integer, default: .int(20),
                      summary: "with fewer campaign clusters (resampling units holding a campaign account), intervals "
                          + "carry a caveat and proportions show the span of the bootstrap and the exact interval"),
        ParameterSpec("probability_scores", .list, default: .list([]),
                      summary: "the method stages whose scores are declared probabilities; only they get calibration "
                          + "and a Brier score"),
        ParameterSpec("comparisons", .any, default: .string("all"),
                      summary: "which pairs of methods to compare: all, none, or a list of [a, b] pairs of method stages"),
        ParameterSpec("strata", .list, default: .list(["platform", "language", "municipality"].map(ParamValue.string)),
                      summary: "account properties to stratify by, as the posts carry them: platform, language, municipality"),
        ParameterSpec("alpha", .number, default: .double(0.05),
                      summary: "family-wise error rate of Holm's correction (the decision rule's own alpha where the "
                          + "score stage needs a decision-rule stage) and of the Nemenyi critical difference"),
    ]

    /// Checks parameters (defaults filled in), naming the first that is wrong.
    package init(parameters: [String: ParamValue]) throws(StageParameterError) {
        func fail(_ name: String, _ problem: String) -> StageParameterError {
            StageParameterError(parameter: name, problem: problem)
        }
        func number(_ name: String) -> Double? { parameters[name]?.numberValue }
        guard let rule = parameters["label_rule"]?.stringValue.flatMap(LabelRule.init) else {
            throw fail("label_rule", "must be majority, all or any")
        }
        labelRule = rule
        guard let ks = parameters["top_k"]?.listValue?.map(\.intValue), ks.allSatisfy({ ($0 ?? 0) >= 1 }) else {
            throw fail("top_k", "must be a list of whole numbers of at least 1, such as [50, 100]")
        }
        topK = Array(Set(ks.compactMap { $0 })).sorted()
        guard let budget = number("fp_budget"), (0...1).contains(budget) else {
            throw fail("fp_budget", "must be a false-positive rate between 0 and 1, such as 0.01")
        }
        falsePositiveBudget = budget
        guard let replicates = parameters["replicates"]?.intValue, (1...1_000_000).contains(replicates) else {
            throw fail("replicates", "must be a whole number between 1 and 1000000 (1000 is usual, 10000 for final figures)")
        }
        self.replicates = replicates
        guard let seed = parameters["seed"]?.intValue, seed >= 0 else { throw fail("seed", "must be a whole number ≥ 0") }
        self.seed = UInt64(seed)
        guard let level = number("level"), level > 0, level < 1 else {
            throw fail("level", "must lie strictly between 0 and 1, such as 0.95")
        }
        self.level = level
        guard let resampling = parameters["resample"]?.stringValue.flatMap(Resampling.init) else {
            throw fail("resample", "must be campaigns or accounts")
        }
        self.resampling = resampling
        guard let minCell = parameters["min_cell"]?.intValue, minCell >= 1 else {
            throw fail("min_cell", "must be a whole number of at least 1 (10 is usual; statistical offices use 3, 5 or 10)")
        }
        self.minCell = minCell
        guard let minClusters = parameters["min_clusters"]?.intValue, minClusters >= 2 else {
            throw fail("min_clusters", "must be a whole number of at least 2 (20 is usual)")
        }
        self.minClusters = minClusters
        guard let declared = parameters["probability_scores"]?.listValue?.map(\.stringValue),
              declared.allSatisfy({ $0 != nil }) else {
            throw fail("probability_scores", "must be a list of method stage names, such as [my-method]")
        }
        probabilityScores = declared.compactMap { $0 }.sorted()
        switch parameters["comparisons"] {
        case .string("all")?: comparisons = .all
        case .string("none")?: comparisons = .none
        case .list(let pairs)?:
            let parsed = pairs.map { $0.listValue?.compactMap(\.stringValue) ?? [] }
            guard parsed.allSatisfy({ $0.count == 2 && $0[0] != $0[1] }) else {
                throw fail("comparisons", "a list must hold pairs of two different method stages, such as [[a, b], [a, c]]")
            }
            comparisons = .pairs(parsed)
        default:
            throw fail("comparisons", "must be all, none, or a list of [a, b] pairs of method stages")
        }
        let known = Set(AccountStrata.Dimension.allCases.map(\.rawValue))
        guard let strata = parameters["strata"]?.listValue?.map(\.stringValue),
              strata.allSatisfy({ $0.map(known.contains) ?? false }) else {
            throw fail("strata", "must be a list drawn from " + AccountStrata.Dimension.allCases.map(\.rawValue).joined(separator: ", "))
        }
        self.strata = AccountStrata.Dimension.allCases.map(\.rawValue).filter { strata.contains($0) }
        guard let alpha = number("alpha"), alpha > 0, alpha < 1 else {
            throw fail("alpha", "must lie strictly between 0 and 1, such as 0.05")
        }
        self.alpha = alpha
    }

    /// The parameters as they go into the results, canonical.
    package var asParameters: ParamValue {
        let comparisons: ParamValue = switch self.comparisons {
        case .all: .string("all")
        case .none: .string("none")
        case .pairs(let pairs): .list(pairs.map { .list($0.map(ParamValue.string)) })
        }
        return .map([
            "label_rule": .string(labelRule.rawValue), "top_k": .list(topK.map(ParamValue.int)),
            "fp_budget": .double(falsePositiveBudget), "replicates": .int(replicates), "seed": .int(Int(seed)),
            "level": .double(level), "resample": .string(resampling.rawValue), "min_cell": .int(minCell),
            "min_clusters": .int(minClusters), "probability_scores": .list(probabilityScores.map(ParamValue.string)),
            "comparisons": comparisons, "strata": .list(strata.map(ParamValue.string)), "alpha": .double(alpha),
        ])
    }
}

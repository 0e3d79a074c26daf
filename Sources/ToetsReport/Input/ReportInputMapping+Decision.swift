import ToetsModel

extension ReportInputMapping {
    /// The decision rule and its outcome from the results' `decision`; nil when no rule was declared.
    static func decisionFacts(_ decision: JSONValue?) -> DecisionFacts? {
        guard let decision, let rule = decision["rule"], let metric = rule["primary_metric"]?.string else { return nil }
        var kindBudgets: [NamedDecimal] = []
        var kindDefault: Double?
        if let kinds = rule["harm_budget_per_kind_per_1000"] {
            if let all = kinds.double {
                kindDefault = all
            } else if !kinds.members.isEmpty {
                kindBudgets = kinds.members.compactMap { entry in entry.value.double.map { NamedDecimal(entry.key, $0) } }
                    .sorted { $0.name < $1.name }
                kindDefault = rule["harm_budget_per_1000"]?.double
            }
        }
        return DecisionFacts(
            primaryMetric: metric, minDifference: rule["min_difference"]?.double ?? 0,
            harmBudget: rule["harm_budget_per_1000"]?.double ?? 0, kindBudgets: kindBudgets, kindBudgetDefault: kindDefault,
            alpha: rule["alpha"]?.double ?? 0.05, designWeighted: decision["design_weighted"]?.bool ?? false,
            outcome: decision["outcome"]?.string ?? "", method: decision["method"]?.string, leader: decision["leader"]?.string,
            notShownBetterThan: (decision["not_shown_better_than"]?.elements ?? []).compactMap(\.string),
            standings: (decision["methods"]?.elements ?? []).map { standing in
                StandingFacts(
                    method: standing["name"]?.string ?? "", flags: int(standing["flags"]),
                    falsePositivesPerThousand: estimate(standing["false_positives_per_1000"]),
                    harm: standing["harm"]?.string ?? "",
                    kindsOver: (standing["kinds"]?.elements ?? []).filter { $0["harm"]?.string != "within" }
                        .compactMap { $0["kind"]?.string },
                    recommendable: standing["recommendable"]?.bool ?? false,
                    reasons: (standing["reasons"]?.elements ?? []).compactMap(\.string))
            },
            pairs: (decision["pairs"]?.elements ?? []).map { pair in
                PairVerdictFacts(first: pair["first"]?.string ?? "", second: pair["second"]?.string ?? "",
                                 verdict: pair["verdict"]?.string ?? "")
            },
            tooFewReplicates: decision["too_few_replicates"]?.bool ?? false,
            kindsNotChecked: int(decision["kinds_not_checked_accounts"]))
    }

    /// The disclosure ledger from the results' `disclosure`.
    static func disclosureFacts(_ disclosure: JSONValue?) -> DisclosureFacts? {
        guard let disclosure, let minCell = disclosure["min_cell"]?.int64 else { return nil }
        return DisclosureFacts(minCell: Int(minCell), smallestPublishedCell: disclosure["smallest_published_cell"]?.int64.map { Int($0) },
                               suppressedCells: int(disclosure["suppressed_cells"]),
                               pureSets: (disclosure["pure_sets"]?.elements ?? []).map { set in
                                   NamedValue(set["method"]?.string ?? "", set["set"]?.string ?? "")
                               })
    }
}

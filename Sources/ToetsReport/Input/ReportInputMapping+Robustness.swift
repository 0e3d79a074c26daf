import ToetsModel

extension ReportInputMapping {
    /// The results' `robustness` and the Kendall's W of their stratum rankings.
    static func robustnessFacts(_ root: JSONValue) -> RobustnessFacts? {
        guard let robustness = root["robustness"] else { return nil }
        let stability = robustness["rank_stability"]
        let ranks = (stability?["methods"]?.members ?? []).map { name, standing in
            RobustnessFacts.Rank(method: name, rank: standing["rank"]?.double, lower: standing["lower"]?.double,
                                 upper: standing["upper"]?.double, probabilityFirst: standing["probability_first"]?.double)
        }.sorted { ($0.rank ?? .infinity, $0.method) < ($1.rank ?? .infinity, $1.method) }
        let friedman = root["comparisons", "friedman"]?.elements ?? []
        let strata = friedman.compactMap { ranking -> RobustnessFacts.StratumAgreement? in
            guard let w = ranking["kendall_w"] else { return nil }
            return RobustnessFacts.StratumAgreement(dimension: ranking["dimension"]?.string ?? "", metric: ranking["metric"]?.string ?? "",
                                                    w: w["value"]?.double, cells: ranking["blocks"]?.elements.count ?? 0)
        }
        let sweep = robustness["sweep"]
        let points = (sweep?["methods"]?.members ?? []).sorted { $0.key < $1.key }.flatMap { name, list in
            list.elements.map { point in
                RobustnessFacts.SweepPoint(method: name, parameter: point["parameter"]?.string ?? "", value: point["value"]?.string ?? "",
                                           primary: estimate(point["primary"]), flags: int(point["flags"]),
                                           rankAtPoint: point["rank_at_point"]?.double)
            }
        }
        var planted: [RobustnessFacts.PlantedRecall] = []
        var changes: [RobustnessFacts.PlantedChange] = []
        for plant in robustness["planted"]?.elements ?? [] {
            let stage = plant["stage"]?.string ?? ""
            let campaigns = plant["campaigns"]?.elements ?? []
            for (name, method) in (plant["methods"]?.members ?? []).sorted(by: { $0.key < $1.key }) {
                for (campaign, found) in zip(campaigns, method["recall"]?.elements ?? []) {
                    let interval = found["interval"]
                    planted.append(RobustnessFacts.PlantedRecall(
                        plant: stage, method: name, tactic: campaign["tactic"]?.string ?? "", disarm: campaign["disarm"]?.string ?? "",
                        strength: campaign["strength"]?.string ?? "", accounts: int(campaign["accounts"]), flagged: int(found["flagged"]),
                        recall: Estimate(found["value"]?.double, lower: interval?["lower"]?.double, upper: interval?["upper"]?.double,
                                         intervalKind: interval?["kind"]?.string)))
                }
                changes.append(RobustnessFacts.PlantedChange(
                    plant: stage, method: name, changed: method["real_accounts_changed"]?.int64.map(Int.init),
                    contacts: method["real_accounts_changed_contacts"]?.int64.map(Int.init),
                    otherwise: method["real_accounts_changed_otherwise"]?.int64.map(Int.init)))
            }
        }
        return RobustnessFacts(
            rankMetric: stability?["metric"]?.string ?? "f1", ranks: ranks, rankedResamples: int(stability?["ranked_resamples"]),
            resamples: int(stability?["resamples"]), strata: strata, sweep: points,
            sweepDeclared: Dictionary(uniqueKeysWithValues: (sweep?["declared"]?.members ?? []).map { ($0.key, estimate($0.value)) }),
            sweepAgreement: sweep?["kendall_w", "value"]?.double,
            sweepConfigurations: int(sweep?["configurations"]), planted: planted, changes: changes)
    }
}

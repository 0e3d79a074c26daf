import ToetsModel

/// The `robustness` part of the results: how stable the ranking is.
extension Scorecard {
    var robustnessJSON: ParamValue {
        var entry: [String: ParamValue] = [:]
        if let stability = rankStability {
            entry["rank_stability"] = .map([
                "metric": .string(rankMetric.rawValue), "level": .double(stability.level),
                "resamples": .int(stability.resamples), "ranked_resamples": .int(stability.rankedResamples),
                "note": Self.note(stability.note),
                "interval": .string("the lower and higher order statistics of the resampled ranks at (1 − level)/2 and "
                    + "(1 + level)/2; rank 1 is the best, ties share their average rank"),
                "methods": .map(Dictionary(uniqueKeysWithValues: zip(methods.map(\.name), stability.standings).map { name, standing in
                    (name, ParamValue.map([
                        "rank": Self.number(standing.rank), "mean_rank": Self.number(standing.meanRank),
                        "lower": Self.number(standing.lower), "upper": Self.number(standing.upper),
                        "probability_first": Self.number(standing.probabilityFirst),
                    ]))
                })),
            ])
        } else {
            entry["rank_stability"] = .map(["note": .string(MetricNote.tooFewMethods.rawValue)])
        }
        entry["sweep"] = sweepJSON
        entry["planted"] = .list(planted.map(plantedJSON))
        return .map(entry)
    }

    /// Recall per tactic × strength with exact intervals. Planted accounts are synthetic, so
    /// counts of them name nobody; the count of real accounts whose flag changed is a count of
    /// people and follows min_cell.
    private func plantedJSON(_ planted: Planted) -> ParamValue {
        let k = settings.minCell
        return .map([
            "stage": .string(planted.stage),
            "campaigns": .list(planted.cells.map { cell in
                .map(["tactic": .string(cell.tactic), "disarm": .string(cell.disarm), "strength": .string(cell.strength),
                      "accounts": .int(cell.accounts)])
            }),
            "contacts": Disclosure.publishable(planted.contacts, minCell: k) ? .int(planted.contacts) : .null,
            "methods": .map(Dictionary(uniqueKeysWithValues: planted.methods.map { method in
                (method.method, ParamValue.map([
                    "recall": .list(zip(planted.cells, method.recall).map { cell, found in
                        .map(["tactic": .string(cell.tactic), "strength": .string(cell.strength), "flagged": .int(found.flagged),
                              "value": .double(Double(found.flagged) / Double(cell.accounts)),
                              "interval": .map(["kind": .string(ShownInterval.Kind.clopperPearson.rawValue),
                                                "lower": Self.number(found.interval.lower), "upper": Self.number(found.interval.upper)])])
                    }),
                    "real_accounts_changed": Disclosure.publishable(method.changed, minCell: k) ? .int(method.changed) : .null,
                    "real_accounts_changed_contacts": Disclosure.publishable(method.changedContacts, minCell: k)
                        ? .int(method.changedContacts) : .null,
                    "real_accounts_changed_otherwise": Disclosure.publishable(method.changed - method.changedContacts, minCell: k)
                        ? .int(method.changed - method.changedContacts) : .null,
                ]))
            })),
        ])
    }

    private var sweepJSON: ParamValue {
        guard let sweep else { return .null }
        let names = sweep.points.map(\.method).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        return .map([
            "judged": .string("the declared operating points (with:); the sweep is a sensitivity analysis, never a way to "
                + "choose another point after seeing the labels"),
            "metric": .string(rankMetric.rawValue),
            "kendall_w": Self.json(sweep.agreement), "configurations": .int(sweep.configurations),
            "declared": .map(sweep.declared.mapValues(Self.json)),
            "methods": .map(Dictionary(uniqueKeysWithValues: names.map { name in
                (name, ParamValue.list(sweep.points.filter { $0.method == name }.map { point in
                    .map([
                        "parameter": .string(point.parameter), "value": .string(point.displayValue), "stage": .string(point.stage),
                        "flags": .int(point.flags), "precision": Self.json(point.overall.precision),
                        "recall": Self.json(point.overall.recall), "f1": Self.json(point.overall.f1),
                        "false_positive_rate": Self.json(point.overall.falsePositiveRate), "primary": Self.json(point.primary),
                        "rank_at_point": Self.number(point.rankAtPoint),
                    ])
                }))
            })),
        ])
    }
}

extension Scorecard.SweepPoint {
    /// The swept value as written in the pipeline (a variant's name writes a decimal point as `,`).
    package var displayValue: String { String(value.map { $0 == "," ? "." : $0 }) }
}

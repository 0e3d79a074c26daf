import ToetsModel

/// The `results` artefact: canonical JSON (keys in byte order, no white space) with a schema
/// version, the stage and its parameters, and every figure with its intervals and note.
extension Scorecard {
    /// 2: `error_analysis` (false positives by kind of legitimate coordination, overlap between methods).
    /// Schema 3 gained `error_analysis.ordinary` (score stage 4): a key added, none changed.
    /// 3: `decision` (the pre-registered rule and its outcome), `interval` (the one shown) on every
    /// figure, paired tests of each difference, design-weighted `population` figures, campaign
    /// clusters, `disclosure`, `flags` and `warnings` per method, curves at grid points, small
    /// cells left out.
    /// 4: `robustness` (each method's rank under the bootstrap), Kendall's W per stratum ranking.
    package static let schemaVersion = 4

    /// The results as canonical JSON, with a final newline.
    package func resultsJSON(stage: String) -> [UInt8] {
        var document: [String: ParamValue] = [
            "schema_version": .int(Self.schemaVersion),
            "stage": .string(stage),
            "parameters": settings.asParameters,
            "bootstrap": .map([
                "replicates": .int(settings.replicates), "seed": .int(Int(settings.seed)), "level": .double(settings.level),
                "unit": .string(settings.resampling.rawValue), "units": .int(resamplingUnits),
                "block_size": .int(ParallelBootstrap.blockSize), "jackknife_groups": .int(jackknifeGroups),
                "campaign_clusters": .int(campaignClusters), "min_clusters": .int(settings.minClusters),
                "few_clusters": .bool(fewClusters),
                "stratified_by_design": .bool(!design.isEmpty),
                "intervals": .string("percentile and BCa (bias-corrected and accelerated, Efron 1987) bootstrap "
                    + "intervals; Wilson score and exact Clopper–Pearson intervals for proportions of counts. The interval "
                    + "shown is BCa (percentile where BCa is undefined), Clopper–Pearson where a proportion's bootstrap "
                    + "degenerates, and with fewer campaign clusters than min_clusters the span of the bootstrap and the "
                    + "Clopper–Pearson interval, with a caveat"),
            ]),
            "labels": labelsJSON,
            "methods": .list(methods.map(methodJSON)),
            "comparisons": comparisonsJSON,
            "strata": strataJSON,
            "error_analysis": errorAnalysisJSON,
            "decision": decisionJSON,
            "disclosure": disclosureJSON,
            "robustness": robustnessJSON,
        ]
        var codes: Set<String> = []
        Self.collectNotes(.map(document), into: &codes)
        document["notes"] = .map(Dictionary(uniqueKeysWithValues: codes.compactMap { code in
            MetricNote(rawValue: code).map { (code, ParamValue.string($0.description)) }
        }))
        return Array(ParamValue.map(document).canonicalJSON.utf8) + [0x0A]
    }

    private var labelsJSON: ParamValue {
        .map([
            "rule": .string(settings.labelRule.rawValue), "rows": .int(labels.rows),
            "annotators": .list(labels.annotators.map(ParamValue.string)),
            "labelled_accounts": .int(labels.labelled), "campaign_accounts": .int(labels.positives),
            "other_accounts": .int(labels.negatives), "undecided_accounts": .int(labels.undecided),
            "unlabelled_accounts": .int(labels.unlabelled),
            "design": design.isEmpty ? .null : .list(design.map { level in
                .map(["inclusion_probability": .double(level.inclusionProbability), "labelled_accounts": .int(level.accounts),
                      "campaign_accounts": .int(level.campaignAccounts)])
            }),
            "population_prevalence": populationPrevalence.map(Self.json) ?? .null,
            "campaigns": .map(Dictionary(uniqueKeysWithValues: labels.campaigns.map { ($0.campaign, ParamValue.int($0.accounts)) })),
            "agreement": .map([
                "krippendorff_alpha_label": Self.json(labels.alphaLabel),
                "krippendorff_alpha_campaign": Self.json(labels.alphaCampaign),
                "fleiss_kappa_label": Self.json(labels.fleissKappa),
                "fleiss_accounts": .int(labels.fleissSubjects), "fleiss_ratings_per_account": .int(labels.fleissRaters),
            ]),
        ])
    }

    private func methodJSON(_ method: MethodScore) -> ParamValue {
        let unknowns = method.unknowns
        let json = Self.json as (Figure) -> ParamValue
        let number = Self.number, note = Self.note
        return .map([
            "name": .string(method.name), "detections": .int(method.detected), "flags": .int(method.flags),
            "warnings": .list(method.warnings.map { .string($0.rawValue) }),
            "population": method.population.map { population in
                .map(["precision": json(population.precision), "recall": json(population.recall), "f1": json(population.f1),
                      "false_positive_rate": json(population.falsePositiveRate)])
            } ?? .null,
            "labelled_accounts_missing": .int(method.missing),
            "scores_are_probabilities": .bool(method.probabilities),
            "own_flag": Self.cellJSON(method.overall, overall: true),
            "top_k": .list(method.topK.map { top in
                .map(["k": .int(top.k), "precision": json(top.precision),
                      "unknown_accounts_in_top_k": number(top.unknownInTopK)])
            }),
            "fp_budget": .map([
                // No threshold: with it, whoever holds the scores would know which accounts the counts are of.
                "rate": .double(method.budget.rate),
                "counts": Self.json(method.budget.counts), "precision": json(method.budget.precision),
                "recall": json(method.budget.recall), "note": note(method.budget.note),
            ]),
            "average_precision": json(method.overall.averagePrecision),
            "roc_auc": json(method.overall.rocAUC),
            "brier": json(method.brier),
            "reliability": .map([
                // Histogram bins with fewer accounts than the minimum cell are left out.
                "bins": .list(method.reliability.bins.filter { $0.count >= settings.minCell }.map { bin in
                    .map(["lower": .double(bin.lower), "upper": .double(bin.upper), "accounts": .int(bin.count),
                          "campaign_accounts": .int(bin.positives), "mean_score": number(bin.meanScore),
                          "observed_rate": number(bin.observedRate)])
                }),
                "bins_left_out": .int(method.reliability.bins.count { $0.count > 0 && $0.count < settings.minCell }),
                "expected_calibration_error": Self.json(method.reliability.expectedCalibrationError),
                "note": note(method.reliability.note),
            ]),
            "curves": .map([
                "published_points": .int(method.published.points.count),
                "smallest_stretch": method.published.smallestStretch.map(ParamValue.int) ?? .null,
                "note": note(method.precisionRecall.note ?? method.roc.note),
            ]),
            "groups": .map([
                "adjusted_rand_index": json(method.groups.adjustedRandIndex),
                "normalized_mutual_information": json(method.groups.normalizedMutualInformation),
                "b_cubed_precision": json(method.groups.bCubedPrecision),
                "b_cubed_recall": json(method.groups.bCubedRecall),
                "b_cubed_f1": json(method.groups.bCubedF1),
                // A campaign whose size, found or missed accounts fall below the minimum cell is named, not counted.
                "campaign_recall": .list(method.groups.campaignRecall.map { row, interval in
                    guard campaignRowPublishable(row) else {
                        return .map(["campaign": .string(row.campaign), "note": .string(MetricNote.suppressedSmallCell.rawValue)])
                    }
                    return .map(["campaign": .string(row.campaign), "accounts": .int(row.accounts), "flagged": .int(row.flagged),
                                 "recall": json(Figure(value: row.recall.value, note: row.recall.note, wilson: interval,
                                                       proportion: (row.flagged, row.accounts))
                                                    .shown(level: settings.level, fewClusters: false)),
                                 "largest_group_share": number(row.largestGroupShare)])
                }),
            ]),
            "unknowns": .map([
                "detected": .int(unknowns.detected), "flagged": .int(unknowns.flagged),
                "precision_labelled_only": json(method.overall.precision),
                "precision_if_unknown_are_negative": json(unknowns.precisionIfNegative),
                "precision_if_unknown_are_campaign": json(unknowns.precisionIfPositive),
            ]),
        ])
    }

    private var comparisonsJSON: ParamValue {
        .map([
            "alpha": .double(decision?.rule.alpha ?? settings.alpha),
            "test": .string("paired bootstrap test of each difference (the percentile interval inverted: it rejects at α "
                + "when the (1 − α) interval excludes 0), Holm-corrected over the pairs per figure; the exact McNemar test "
                + "is of accuracy on paired flags, for reference only"),
            "note": methods.count < 2 ? .string(MetricNote.tooFewMethods.rawValue) : .null,
            "pairs": .list(pairs.map { pair in
                var entry: [String: ParamValue] = [
                    "first": .string(pair.first), "second": .string(pair.second),
                    "mcnemar_accuracy": .map([
                        "only_first_correct": .int(pair.mcNemar.onlyFirstCorrect),
                        "only_second_correct": .int(pair.mcNemar.onlySecondCorrect),
                        "p": Self.json(pair.mcNemar.pValue), "holm_adjusted_p": .double(pair.mcNemarHolmAdjusted),
                    ]),
                ]
                for metric in DecisionRule.PrimaryMetric.allCases {
                    let tested = pair.differences[metric]!
                    guard case .map(var figure) = Self.json(tested.difference) else { continue }
                    figure["p_value"] = Self.number(tested.pValue)
                    figure["holm_adjusted_p"] = Self.number(tested.holmAdjusted)
                    figure["holm_rejected"] = .bool(tested.rejected)
                    entry[metric.rawValue + "_difference"] = .map(figure)
                }
                return .map(entry)
            }),
            "friedman": methods.count < 3 ? .map(["note": .string(MetricNote.tooFewMethods.rawValue)])
                : .list(rankings.map(rankingJSON)),
        ])
    }

    private var decisionJSON: ParamValue {
        guard let decision else {
            return .map(["rule": .null, "outcome": .string("no-rule"),
                         "note": .string("the pipeline declares no decision rule (a decision-rule stage the score stage "
                            + "needs), so no method is named better than another")])
        }
        return .map([
            "rule": decision.rule.asParameters,
            "design_weighted": .bool(decision.designWeighted),
            "outcome": .string(decision.outcome.rawValue),
            "method": decision.method.map(ParamValue.string) ?? .null,
            "leader": decision.leader.map(ParamValue.string) ?? .null,
            "not_shown_better_than": .list(decision.notShownBetterThan.map(ParamValue.string)),
            "kinds_not_checked_accounts": .int(decision.kindsNotChecked),
            "too_few_replicates": .bool(decision.tooFewReplicates),
            "methods": .list(decision.standings.map { standing in
                .map([
                    "name": .string(standing.method), "flags": .int(standing.flags),
                    "false_positives_per_1000": Self.json(standing.perThousand),
                    "harm": .string(standing.status.rawValue),
                    "kinds": .list(standing.kinds.map { kind in
                        .map(["kind": .string(kind.kind), "accounts": .int(kind.accounts),
                              "false_positives_per_1000": .double(kind.perThousand), "upper": .double(kind.upper),
                              "budget": .double(kind.budget), "harm": .string(kind.status.rawValue)])
                    }),
                    "primary": Self.json(standing.primary),
                    "recommendable": .bool(standing.recommendable),
                    "reasons": .list(standing.reasons.map { .string($0.rawValue) }),
                ])
            }),
            "pairs": .list(decision.pairs.map { pair in
                .map(["first": .string(pair.first), "second": .string(pair.second), "verdict": .string(pair.verdict.rawValue)])
            }),
        ])
    }

    private var disclosureJSON: ParamValue {
        let ledger = disclosure
        return .map([
            "min_cell": .int(ledger.minCell),
            "smallest_published_cell": ledger.smallestPublishedCell.map(ParamValue.int) ?? .null,
            "suppressed_cells": .int(ledger.suppressedCells),
            "pure_sets": .list(ledger.pureSets.map { .map(["method": .string($0.method), "set": .string($0.set)]) }),
            "rule": .string("counts of 1 to min_cell − 1 accounts in a stratum, kind, overlap set, campaign or histogram bin "
                + "are not published, nor figures they could be recovered from; curves are published without thresholds, "
                + "only at points with at least min_cell campaign and min_cell other accounts between any two of them and "
                + "after the last; a method's figures at its own flag, among its k highest scores and at the "
                + "false-positive budget are published whatever their size, and pure_sets names those whose labelled "
                + "accounts are all of one label"),
        ])
    }

    private func rankingJSON(_ ranking: Ranking) -> ParamValue {
        var entry: [String: ParamValue] = [
            "dimension": .string(ranking.dimension), "metric": .string(ranking.metric),
            "blocks": .list(ranking.blocks.map(ParamValue.string)), "note": Self.note(ranking.note),
        ]
        if let friedman = ranking.friedman {
            entry["mean_ranks"] = .map(Dictionary(uniqueKeysWithValues: zip(methods.map(\.name),
                                                                            friedman.meanRanks.map(ParamValue.double))))
            entry["statistic"] = Self.json(friedman.statistic)
            entry["p_value"] = Self.json(friedman.pValue)
        }
        if let w = ranking.kendallW { entry["kendall_w"] = Self.json(w) }
        if let nemenyi = ranking.nemenyi {
            entry["critical_difference"] = .double(nemenyi.criticalDifference)
            entry["q_alpha"] = .double(nemenyi.q)
            var different: [ParamValue] = []
            for first in methods.indices {
                for second in methods.indices where second > first && nemenyi.significant[first][second] {
                    different.append(.list([.string(methods[first].name), .string(methods[second].name)]))
                }
            }
            entry["significantly_different"] = .list(different)
        }
        return .map(entry)
    }

    private var strataJSON: ParamValue {
        .map([
            "min_cell": .int(settings.minCell),
            "not_carried": .list(uncarried.map(ParamValue.string)),
            "dimensions": .list(dimensions.map { dimension in
                .map(["name": .string(dimension.name), "cells": .int(dimension.cells),
                      "values_pooled_or_left_out": .int(dimension.pooledValues), "suppressed": .bool(dimension.suppressed)])
            }),
            "cells": .list(strata.map { stratum in
                .map(["dimension": .string(stratum.dimension), "cell": .string(stratum.cell),
                      "labelled_accounts": .int(stratum.size), "campaign_accounts": publishedCount(stratum.positives),
                      "methods": .map(Dictionary(uniqueKeysWithValues: zip(methods.map(\.name), stratum.scores.map { score in
                          stratumCellPublishable(score) ? Self.cellJSON(score, overall: false)
                              : .map(["note": .string(MetricNote.suppressedSmallCell.rawValue)])
                      })))])
            }),
        ])
    }

    private var errorAnalysisJSON: ParamValue {
        .map([
            "coordination": .map([
                "rule": .string("an account the label rule decides is not a campaign account has the kind of legitimate "
                    + "coordination most of its annotators who label it none name (ties: the first in byte order); "
                    + "accounts whose annotators name no kind are counted apart, not as a kind; a kind with fewer than "
                    + "min_cell accounts is pooled into other, and an other still smaller is left out"),
                "kinds": .list(errors.kinds.map { kind in
                    .map(["kind": .string(kind.kind), "accounts": .int(kind.accounts),
                          "methods": .map(Dictionary(uniqueKeysWithValues: methods.indices.map { method in
                              guard kindCellPublishable(kind, method: method) else {
                                  return (methods[method].name, ParamValue.map(["note": .string(MetricNote.suppressedSmallCell.rawValue)]))
                              }
                              return (methods[method].name, ParamValue.map([
                                  "false_positives": .int(kind.falsePositives[method]),
                                  "false_positive_rate": Self.json(kind.falsePositiveRate(method: method, level: settings.level)),
                              ]))
                          }))])
                }),
                "other_accounts_without_kind": .int(errors.withoutKind),
                "accounts_in_kinds_too_small_to_show": .int(errors.suppressed),
            ]),
            "ordinary": ordinaryJSON,
            "overlap": .list(errors.overlap.map { set in
                .map(["methods": .list(set.methods.map(ParamValue.string)),
                      "campaign_accounts": publishedCount(set.campaignAccounts), "other_accounts": publishedCount(set.otherAccounts)])
            }),
        ])
    }

    /// A count of accounts, or null when it is too small to publish.
    func publishedCount(_ count: Int) -> ParamValue {
        Disclosure.publishable(count, minCell: settings.minCell) ? .int(count) : .null
    }

    /// Whether a stratum cell's counts (and so its figures) may be published.
    func stratumCellPublishable(_ score: CellScore) -> Bool {
        let c = score.counts
        return [c.truePositives, c.falsePositives, c.falseNegatives, c.trueNegatives]
            .allSatisfy { Disclosure.publishable($0, minCell: settings.minCell) }
    }

    /// Whether the accounts of a kind that method `method` flagged, and those it did not, may be published.
    func kindCellPublishable(_ kind: ErrorAnalysis.KindCount, method: Int) -> Bool {
        Disclosure.publishable(kind.falsePositives[method], minCell: settings.minCell)
            && Disclosure.publishable(kind.accounts - kind.falsePositives[method], minCell: settings.minCell)
    }

    private static func cellJSON(_ score: CellScore, overall: Bool) -> ParamValue {
        var entry: [String: ParamValue] = [
            "counts": json(score.counts), "precision": json(score.precision), "recall": json(score.recall),
            "f1": json(score.f1), "false_positive_rate": json(score.falsePositiveRate),
        ]
        if !overall {
            entry["false_positive_rate_ratio"] = json(score.falsePositiveRateRatio)
            entry["average_precision"] = json(score.averagePrecision)
            entry["roc_auc"] = json(score.rocAUC)
        }
        return .map(entry)
    }

    // MARK: Leaves

    static func number(_ value: Double?) -> ParamValue {
        guard let value, value.isFinite else { return .null }
        return .double(value == 0 ? 0 : value)  // never "-0.0"
    }

    static func note(_ note: MetricNote?) -> ParamValue {
        note.map { .string($0.rawValue) } ?? .null
    }

    static func json(_ metric: Metric) -> ParamValue {
        .map(["value": number(metric.value), "note": note(metric.note)])
    }

    static func json(_ counts: ConfusionCounts) -> ParamValue {
        .map(["true_positives": .int(counts.truePositives), "false_positives": .int(counts.falsePositives),
              "false_negatives": .int(counts.falseNegatives), "true_negatives": .int(counts.trueNegatives)])
    }

    static func json(_ interval: ConfidenceInterval) -> ParamValue {
        .map(["lower": number(interval.lower), "upper": number(interval.upper), "note": note(interval.note)])
    }

    static func json(_ figure: Figure) -> ParamValue {
        var entry: [String: ParamValue] = ["value": number(figure.value), "note": note(figure.note)]
        if let shown = figure.shown {
            entry["interval"] = .map(["kind": .string(shown.kind.rawValue), "lower": number(shown.lower),
                                      "upper": number(shown.upper), "notes": .list(shown.notes.map { .string($0.rawValue) })])
        }
        if let wilson = figure.wilson { entry["wilson"] = json(wilson) }
        if let bootstrap = figure.bootstrap {
            entry["percentile"] = json(bootstrap.percentile)
            entry["bca"] = json(bootstrap.bca)
            entry["defined_resamples"] = .int(bootstrap.definedResamples)
        }
        return .map(entry)
    }

    /// Every string under a key `note`.
    private static func collectNotes(_ value: ParamValue, into codes: inout Set<String>) {
        switch value {
        case .map(let entries):
            for (key, child) in entries {
                if key == "note", case .string(let code) = child {
                    codes.insert(code)
                } else if key == "notes", case .list(let items) = child {
                    for case .string(let code) in items { codes.insert(code) }
                } else {
                    collectNotes(child, into: &codes)
                }
            }
        case .list(let items):
            for item in items { collectNotes(item, into: &codes) }
        default:
            break
        }
    }
}

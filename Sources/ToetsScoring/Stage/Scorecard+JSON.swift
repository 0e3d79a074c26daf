import ToetsModel

/// The `results` artefact: canonical JSON (keys in byte order, no white space) with a schema
/// version, the stage and its parameters, and every figure with its intervals and note.
extension Scorecard {
    /// 2: `error_analysis` (false positives by kind of legitimate coordination, overlap between methods).
    package static let schemaVersion = 2

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
                "intervals": .string("percentile and BCa (bias-corrected and accelerated, Efron 1987) bootstrap "
                    + "intervals; Wilson score intervals for proportions of counts"),
            ]),
            "labels": labelsJSON,
            "methods": .list(methods.map(Self.methodJSON)),
            "comparisons": comparisonsJSON,
            "strata": strataJSON,
            "error_analysis": errorAnalysisJSON,
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
            "campaigns": .map(Dictionary(uniqueKeysWithValues: labels.campaigns.map { ($0.campaign, ParamValue.int($0.accounts)) })),
            "agreement": .map([
                "krippendorff_alpha_label": Self.json(labels.alphaLabel),
                "krippendorff_alpha_campaign": Self.json(labels.alphaCampaign),
                "fleiss_kappa_label": Self.json(labels.fleissKappa),
                "fleiss_accounts": .int(labels.fleissSubjects), "fleiss_ratings_per_account": .int(labels.fleissRaters),
            ]),
        ])
    }

    private static func methodJSON(_ method: MethodScore) -> ParamValue {
        let unknowns = method.unknowns
        return .map([
            "name": .string(method.name), "detections": .int(method.detected),
            "labelled_accounts_missing": .int(method.missing),
            "scores_are_probabilities": .bool(method.probabilities),
            "own_flag": cellJSON(method.overall, overall: true),
            "top_k": .list(method.topK.map { top in
                .map(["k": .int(top.k), "precision": json(top.precision),
                      "unknown_accounts_in_top_k": number(top.unknownInTopK)])
            }),
            "fp_budget": .map([
                "rate": .double(method.budget.rate), "threshold": number(method.budget.threshold),
                "counts": json(method.budget.counts), "precision": json(method.budget.precision),
                "recall": json(method.budget.recall), "note": note(method.budget.note),
            ]),
            "average_precision": json(method.overall.averagePrecision),
            "roc_auc": json(method.overall.rocAUC),
            "brier": json(method.brier),
            "reliability": .map([
                "bins": .list(method.reliability.bins.map { bin in
                    .map(["lower": .double(bin.lower), "upper": .double(bin.upper), "accounts": .int(bin.count),
                          "campaign_accounts": .int(bin.positives), "mean_score": number(bin.meanScore),
                          "observed_rate": number(bin.observedRate)])
                }),
                "expected_calibration_error": json(method.reliability.expectedCalibrationError),
                "note": note(method.reliability.note),
            ]),
            "curves": .map([
                "precision_recall_points": .int(method.precisionRecall.points.count),
                "roc_points": .int(method.roc.points.count),
                "note": note(method.precisionRecall.note ?? method.roc.note),
            ]),
            "groups": .map([
                "adjusted_rand_index": json(method.groups.adjustedRandIndex),
                "normalized_mutual_information": json(method.groups.normalizedMutualInformation),
                "b_cubed_precision": json(method.groups.bCubedPrecision),
                "b_cubed_recall": json(method.groups.bCubedRecall),
                "b_cubed_f1": json(method.groups.bCubedF1),
                "campaign_recall": .list(method.groups.campaignRecall.map { row, interval in
                    .map(["campaign": .string(row.campaign), "accounts": .int(row.accounts), "flagged": .int(row.flagged),
                          "recall": json(Figure(value: row.recall.value, note: row.recall.note, wilson: interval)),
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
            "alpha": .double(settings.alpha),
            "note": methods.count < 2 ? .string(MetricNote.tooFewMethods.rawValue) : .null,
            "pairs": .list(pairs.map { pair in
                .map([
                    "first": .string(pair.first), "second": .string(pair.second),
                    "only_first_correct": .int(pair.mcNemar.onlyFirstCorrect),
                    "only_second_correct": .int(pair.mcNemar.onlySecondCorrect),
                    "mcnemar_p": Self.json(pair.mcNemar.pValue),
                    "holm_adjusted_p": .double(pair.holmAdjusted), "holm_rejected": .bool(pair.holmRejected),
                    "f1_difference": Self.json(pair.f1Difference),
                    "average_precision_difference": Self.json(pair.averagePrecisionDifference),
                ])
            }),
            "friedman": methods.count < 3 ? .map(["note": .string(MetricNote.tooFewMethods.rawValue)])
                : .list(rankings.map(rankingJSON)),
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
            "min_stratum": .int(settings.minStratum),
            "not_carried": .list(uncarried.map(ParamValue.string)),
            "dimensions": .list(dimensions.map { dimension in
                .map(["name": .string(dimension.name), "cells": .int(dimension.cells),
                      "values_pooled_or_left_out": .int(dimension.pooledValues), "suppressed": .bool(dimension.suppressed)])
            }),
            "cells": .list(strata.map { stratum in
                .map(["dimension": .string(stratum.dimension), "cell": .string(stratum.cell),
                      "labelled_accounts": .int(stratum.size), "campaign_accounts": .int(stratum.positives),
                      "methods": .map(Dictionary(uniqueKeysWithValues: zip(methods.map(\.name),
                                                                           stratum.scores.map { Self.cellJSON($0, overall: false) })))])
            }),
        ])
    }

    private var errorAnalysisJSON: ParamValue {
        .map([
            "coordination": .map([
                "rule": .string("an account the label rule decides is not a campaign account has the kind of legitimate "
                    + "coordination most of its annotators who label it none name (ties: the first in byte order); "
                    + "accounts whose annotators name no kind are counted apart, not as a kind; a kind with fewer than "
                    + "min_stratum accounts is pooled into other, and an other still smaller is left out"),
                "kinds": .list(errors.kinds.map { kind in
                    .map(["kind": .string(kind.kind), "accounts": .int(kind.accounts),
                          "methods": .map(Dictionary(uniqueKeysWithValues: methods.indices.map { method in
                              (methods[method].name, ParamValue.map([
                                  "false_positives": .int(kind.falsePositives[method]),
                                  "false_positive_rate": Self.json(kind.falsePositiveRate(method: method, level: settings.level)),
                              ]))
                          }))])
                }),
                "other_accounts_without_kind": .int(errors.withoutKind),
                "accounts_in_kinds_too_small_to_show": .int(errors.suppressed),
            ]),
            "overlap": .list(errors.overlap.map { set in
                .map(["methods": .list(set.methods.map(ParamValue.string)), "campaign_accounts": .int(set.campaignAccounts),
                      "other_accounts": .int(set.otherAccounts)])
            }),
        ])
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
                if key == "note", case .string(let code) = child { codes.insert(code) } else { collectNotes(child, into: &codes) }
            }
        case .list(let items):
            for item in items { collectNotes(item, into: &codes) }
        default:
            break
        }
    }
}

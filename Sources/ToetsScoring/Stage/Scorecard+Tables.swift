import ToetsModel

/// The CSV tables: one row per figure (`accounts.csv`), per pair (`comparisons.csv`), per
/// curve point (`curves.csv`), per method and stratum cell (`strata.csv`), per kind of
/// legitimate coordination and method (`coordination.csv`) and per set of methods that flagged
/// the same accounts (`overlap.csv`). Rows are in a fixed order and numbers in their shortest
/// exact form, so the bytes are deterministic.
extension Scorecard {
    package var accountsCSV: [UInt8] {
        var table = CSVTable(["method", "dimension", "stratum", "labelled_accounts", "metric", "value", "wilson_lower",
                              "wilson_upper", "percentile_lower", "percentile_upper", "bca_lower", "bca_upper", "note",
                              "interval", "interval_lower", "interval_upper"])
        for (index, method) in methods.enumerated() {
            func add(_ dimension: String, _ stratum: String, _ size: Int, _ metric: String, _ figure: Figure) {
                table.add([method.name, dimension, stratum, String(size), metric] + Self.figureFields(figure))
            }
            func addCounts(_ dimension: String, _ stratum: String, _ size: Int, _ prefix: String, _ counts: ConfusionCounts) {
                for (name, count) in [("true_positives", counts.truePositives), ("false_positives", counts.falsePositives),
                                      ("false_negatives", counts.falseNegatives), ("true_negatives", counts.trueNegatives)] {
                    add(dimension, stratum, size, prefix + name, Figure(value: Double(count)))
                }
            }
            func addCell(_ dimension: String, _ stratum: String, _ size: Int, _ score: CellScore) {
                guard dimension == "all" || stratumCellPublishable(score) else {
                    add(dimension, stratum, size, "own_flag", Figure(value: nil, note: .suppressedSmallCell))
                    return
                }
                addCounts(dimension, stratum, size, "own_flag.", score.counts)
                add(dimension, stratum, size, "own_flag.precision", score.precision)
                add(dimension, stratum, size, "own_flag.recall", score.recall)
                add(dimension, stratum, size, "own_flag.f1", score.f1)
                add(dimension, stratum, size, "own_flag.false_positive_rate", score.falsePositiveRate)
                if dimension != "all" {
                    add(dimension, stratum, size, "own_flag.false_positive_rate_ratio", score.falsePositiveRateRatio)
                }
                add(dimension, stratum, size, "average_precision", score.averagePrecision)
                add(dimension, stratum, size, "roc_auc", score.rocAUC)
            }
            let size = method.overall.counts.items
            add("all", "all", size, "flags", Figure(value: Double(method.flags)))
            addCell("all", "all", size, method.overall)
            if let population = method.population {
                add("all", "all", size, "population.precision", population.precision)
                add("all", "all", size, "population.recall", population.recall)
                add("all", "all", size, "population.f1", population.f1)
                add("all", "all", size, "population.false_positive_rate", population.falsePositiveRate)
            }
            for top in method.topK { add("all", "all", size, "top_\(top.k).precision", top.precision) }
            let budget = "fp_budget_\(DetectionsFile.formatNumber(method.budget.rate))."
            addCounts("all", "all", size, budget, method.budget.counts)
            add("all", "all", size, budget + "precision", method.budget.precision)
            add("all", "all", size, budget + "recall", method.budget.recall)
            add("all", "all", size, "brier", method.brier)
            add("all", "all", size, "groups.adjusted_rand_index", method.groups.adjustedRandIndex)
            add("all", "all", size, "groups.normalized_mutual_information", method.groups.normalizedMutualInformation)
            add("all", "all", size, "groups.b_cubed_precision", method.groups.bCubedPrecision)
            add("all", "all", size, "groups.b_cubed_recall", method.groups.bCubedRecall)
            add("all", "all", size, "groups.b_cubed_f1", method.groups.bCubedF1)
            for (row, interval) in method.groups.campaignRecall {
                guard campaignRowPublishable(row) else {
                    table.add([method.name, "campaign", row.campaign, "", "campaign_recall"] + Self.figureFields(
                        Figure(value: nil, note: .suppressedSmallCell)))
                    continue
                }
                add("campaign", row.campaign, row.accounts, "campaign_recall",
                    Figure(value: row.recall.value, note: row.recall.note, wilson: interval, proportion: (row.flagged, row.accounts))
                        .shown(level: settings.level, fewClusters: false))
            }
            add("all", "all", size, "unknowns.precision_if_unknown_are_negative", method.unknowns.precisionIfNegative)
            add("all", "all", size, "unknowns.precision_if_unknown_are_campaign", method.unknowns.precisionIfPositive)
            for stratum in strata {
                addCell(stratum.dimension, stratum.cell, stratum.size, stratum.scores[index])
            }
        }
        return table.bytes
    }

    package var comparisonsCSV: [UInt8] {
        var table = CSVTable(["first", "second", "figure", "difference", "interval", "interval_lower", "interval_upper",
                              "p_value", "holm_adjusted_p", "holm_rejected", "note"])
        for pair in pairs {
            for metric in DecisionRule.PrimaryMetric.allCases {
                let tested = pair.differences[metric]!
                let fields = Self.figureFields(tested.difference)
                table.add([pair.first, pair.second, metric.rawValue, fields[0], fields[8], fields[9], fields[10],
                           Self.text(tested.pValue), Self.text(tested.holmAdjusted), String(tested.rejected), fields[7]])
            }
            table.add([pair.first, pair.second, "accuracy_mcnemar", "", "", "", "", Self.text(pair.mcNemar.pValue.value),
                       Self.text(pair.mcNemarHolmAdjusted), "", pair.mcNemar.pValue.note?.rawValue ?? ""])
        }
        return table.bytes
    }

    /// Each method's curves at their published points (see `PublishedCurves`): no thresholds.
    package var curvesCSV: [UInt8] {
        var table = CSVTable(["method", "curve", "point", "recall", "precision", "false_positive_rate", "true_positive_rate"])
        for method in methods {
            for (index, point) in method.published.precisionRecall.enumerated() {
                table.add([method.name, "precision_recall", String(index), Self.text(point.recall), Self.text(point.precision), "", ""])
            }
            for (index, point) in method.published.roc.enumerated() {
                table.add([method.name, "roc", String(index), "", "", Self.text(point.falsePositiveRate),
                           Self.text(point.truePositiveRate)])
            }
        }
        return table.bytes
    }

    package var strataCSV: [UInt8] {
        var table = CSVTable(["dimension", "stratum", "labelled_accounts", "campaign_accounts", "method", "flagged",
                              "false_positives", "false_positive_rate", "fpr_wilson_lower", "fpr_wilson_upper",
                              "false_positive_rate_ratio", "ratio_percentile_lower", "ratio_percentile_upper",
                              "ratio_bca_lower", "ratio_bca_upper", "recall", "recall_wilson_lower", "recall_wilson_upper",
                              "note"])
        for stratum in strata {
            for (method, score) in zip(methods, stratum.scores) {
                guard stratumCellPublishable(score) else {
                    table.add([stratum.dimension, stratum.cell, String(stratum.size), "", method.name]
                        + Array(repeating: "", count: 13) + [MetricNote.suppressedSmallCell.rawValue])
                    continue
                }
                let rate = Self.figureFields(score.falsePositiveRate)
                let ratio = Self.figureFields(score.falsePositiveRateRatio)
                let recall = Self.figureFields(score.recall)
                let notes = [("fpr", rate[7]), ("ratio", ratio[7]), ("recall", recall[7])].filter { !$0.1.isEmpty }
                table.add([stratum.dimension, stratum.cell, String(stratum.size), Self.publishedText(stratum.positives, settings.minCell), method.name,
                           String(score.counts.flagged), String(score.counts.falsePositives), rate[0], rate[1], rate[2],
                           ratio[0], ratio[3], ratio[4], ratio[5], ratio[6], recall[0], recall[1], recall[2],
                           notes.map { $0.0 + ":" + $0.1 }.joined(separator: " ")])
            }
        }
        return table.bytes
    }

    package var coordinationCSV: [UInt8] {
        var table = CSVTable(["kind", "accounts", "method", "false_positives", "false_positive_rate", "wilson_lower",
                              "wilson_upper"])
        for kind in errors.kinds {
            for (index, method) in methods.enumerated() {
                guard kindCellPublishable(kind, method: index) else {
                    table.add([kind.kind, String(kind.accounts), method.name, "", "", "", ""])
                    continue
                }
                let rate = Self.figureFields(kind.falsePositiveRate(method: index, level: settings.level))
                table.add([kind.kind, String(kind.accounts), method.name, String(kind.falsePositives[index]),
                           rate[0], rate[1], rate[2]])
            }
        }
        return table.bytes
    }

    /// `methods` joins the names with `+` (a stage name holds none); empty for no method.
    package var overlapCSV: [UInt8] {
        var table = CSVTable(["methods", "campaign_accounts", "other_accounts"])
        for set in errors.overlap {
            table.add([set.methods.joined(separator: "+"), Self.publishedText(set.campaignAccounts, settings.minCell),
                       Self.publishedText(set.otherAccounts, settings.minCell)])
        }
        return table.bytes
    }

    /// A count, or empty when it is too small to publish.
    static func publishedText(_ count: Int, _ minCell: Int) -> String {
        Disclosure.publishable(count, minCell: minCell) ? String(count) : ""
    }

    /// value, Wilson lower and upper, percentile lower and upper, BCa lower and upper, notes,
    /// and the interval shown: its kind, lower and upper.
    static func figureFields(_ figure: Figure) -> [String] {
        var notes: [String] = figure.note.map { [$0.rawValue] } ?? []
        if let note = figure.wilson?.note { notes.append("wilson=" + note.rawValue) }
        if let note = figure.bootstrap?.percentile.note { notes.append("percentile=" + note.rawValue) }
        if let note = figure.bootstrap?.bca.note { notes.append("bca=" + note.rawValue) }
        return [text(figure.value), text(figure.wilson?.lower), text(figure.wilson?.upper),
                text(figure.bootstrap?.percentile.lower), text(figure.bootstrap?.percentile.upper),
                text(figure.bootstrap?.bca.lower), text(figure.bootstrap?.bca.upper),
                (notes + (figure.shown?.notes.map(\.rawValue) ?? [])).joined(separator: ";"),
                figure.shown?.kind.rawValue ?? "", text(figure.shown?.lower), text(figure.shown?.upper)]
    }

    static func text(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "" }
        return DetectionsFile.formatNumber(value == 0 ? 0 : value)
    }
}

/// A CSV table built row by row.
struct CSVTable {
    private var text: String

    init(_ header: [String]) {
        text = header.joined(separator: ",") + "\n"
    }

    mutating func add(_ fields: [String]) {
        text += fields.map(CSVScanner.field).joined(separator: ",") + "\n"
    }

    var bytes: [UInt8] { Array(text.utf8) }
}

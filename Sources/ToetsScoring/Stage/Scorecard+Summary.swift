import Foundation
import ToetsModel

/// `summary.txt`: the headline figures in plain words, for the terminal and for a first read.
extension Scorecard {
    package var summary: String {
        let percent = Self.percent(settings.level)
        var lines = [
            "Scores of \(methods.count) method\(methods.count == 1 ? "" : "s") on \(labels.labelled) labelled accounts "
                + "(label rule \(settings.labelRule.rawValue): \(labels.positives) campaign accounts, \(labels.negatives) others).",
            "Unknown, not negative: \(labels.unlabelled) accounts without a label"
                + (labels.undecided > 0 ? " and \(labels.undecided) the rule leaves undecided" : "") + ".",
            "Intervals: \(percent) BCa bootstrap over \(settings.resampling.rawValue) (\(settings.replicates) resamples, "
                + "seed \(settings.seed)), exact Clopper–Pearson where a proportion's bootstrap degenerates; "
                + "\(campaignClusters) campaign clusters"
                + (fewClusters ? " — fewer than \(settings.minClusters): intervals rest on few independent units and may be too narrow." : "."),
        ]
        if let prevalence = populationPrevalence {
            lines.append("Sampling design: labelled accounts are a designed sample ("
                + design.map { "\(Self.plain($0.inclusionProbability)): \($0.accounts)" }.joined(separator: ", ")
                + " by inclusion probability); design-weighted prevalence \(Self.show(prevalence)) against "
                + "\(Self.plain(labels.labelled > 0 ? Double(labels.positives) / Double(labels.labelled) : nil)) among the labelled.")
        }
        for method in methods {
            lines += method.warnings.compactMap { $0.warning(method: method.name) }.map { "WARNING: " + $0 }
        }
        lines.append("")
        lines.append(decisionSummary)
        for method in methods {
            let overall = method.overall
            lines.append("")
            lines.append("\(method.name): \(method.flags) accounts flagged; at its own flag precision \(Self.show(overall.precision)), "
                + "recall \(Self.show(overall.recall)), F1 \(Self.show(overall.f1)), false positives per 1,000 legitimate "
                + "accounts \(Self.count((overall.falsePositiveRate.value ?? 0) * 1000))")
            if let population = method.population {
                lines.append("  design-weighted (population): precision \(Self.show(population.precision)), recall "
                    + "\(Self.show(population.recall)), F1 \(Self.show(population.f1)), false-positive rate "
                    + "\(Self.show(population.falsePositiveRate))")
            }
            lines.append("  average precision \(Self.show(overall.averagePrecision)), ROC AUC \(Self.show(overall.rocAUC))"
                + (method.probabilities ? ", Brier \(Self.show(method.brier))" : " (scores are not probabilities: no Brier score)"))
            lines.append("  at a false-positive budget of \(Self.percent(method.budget.rate)): "
                + "recall \(Self.show(method.budget.recall)), precision \(Self.show(method.budget.precision))")
            for top in method.topK {
                lines.append("  precision at \(top.k): \(Self.show(top.precision)); \(Self.count(top.unknownInTopK)) of its "
                    + "top \(top.k) detections are unknown accounts")
            }
            if let before = overall.precision.value, let after = method.unknowns.precisionIfNegative.value,
               let high = method.unknowns.precisionIfPositive.value, method.unknowns.flagged > 0 {
                lines.append("  it flagged \(method.unknowns.flagged) unknown accounts: counted as negatives, precision "
                    + "would be \(Self.plain(after)) instead of \(Self.plain(before)) (\(Self.plain(high)) if all were campaign accounts)")
            }
            if method.missing > 0 {
                lines.append("  \(method.missing) labelled accounts are missing from its detections: scored lowest, not flagged")
            }
            if method.groups.bCubedF1.note != .noGroupsFlagged {
                lines.append("  groups: adjusted Rand index \(Self.show(method.groups.adjustedRandIndex)), "
                    + "B-cubed F1 \(Self.show(method.groups.bCubedF1))")
            }
        }
        if !pairs.isEmpty {
            lines.append("")
            let metric = decision?.rule.primaryMetric ?? .f1
            lines.append("Comparisons of \(metric.rawValue) (paired bootstrap differences and tests, Holm-corrected):")
            for pair in pairs {
                let tested = pair.differences[metric]!
                lines.append("  \(pair.first) − \(pair.second): \(Self.show(tested.difference, signed: true)); p "
                    + "\(Self.p(tested.pValue)), Holm \(Self.p(tested.holmAdjusted))" + (tested.rejected ? " (differ)" : ""))
            }
        }
        for ranking in rankings where ranking.metric == "f1" {
            guard let friedman = ranking.friedman else { continue }
            lines.append("  Friedman over \(ranking.dimension) (\(ranking.blocks.count) cells, F1): p "
                + "\(Self.p(friedman.pValue.value))" + (ranking.nemenyi.map { ", critical difference \(Self.plain($0.criticalDifference))" } ?? ""))
        }
        if !strata.isEmpty {
            lines.append("")
            lines.append("False-positive rate against the method's overall rate, per stratum (cells under "
                + "\(settings.minCell) labelled accounts pooled or left out):")
            for stratum in strata {
                let ratios = zip(methods, stratum.scores).map { method, score in
                    "\(method.name) " + (stratumCellPublishable(score) ? Self.plain(score.falsePositiveRateRatio.value)
                        : "held back (a count under \(settings.minCell))")
                }
                lines.append("  \(stratum.dimension) \(stratum.cell) (n \(stratum.size)): " + ratios.joined(separator: ", "))
            }
        }
        lines.append("")
        if !errors.kinds.isEmpty {
            lines.append("False positives by kind of legitimate coordination, as the labels name it:")
            for kind in errors.kinds {
                let counts = methods.indices.map { index in
                    "\(methods[index].name) " + (kindCellPublishable(kind, method: index)
                        ? String(kind.falsePositives[index]) : "<\(settings.minCell)")
                }
                lines.append("  \(kind.kind) (n \(kind.accounts)): " + counts.joined(separator: ", "))
            }
        }
        func cell(_ count: Int) -> String { Disclosure.publishable(count, minCell: settings.minCell) ? String(count) : "<\(settings.minCell)" }
        let missed = errors.overlap.first { $0.methods.isEmpty }?.campaignAccounts ?? 0
        lines.append("Campaign accounts no method flagged: \(cell(missed)).")
        if methods.count > 1 {
            let alone = methods.map { method in
                "\(method.name) \(cell(errors.overlap.first { $0.methods == [method.name] }?.campaignAccounts ?? 0))"
            }
            lines.append("Campaign accounts only one method flagged: " + alone.joined(separator: ", ") + ".")
        }
        lines.append("")
        lines.append("Annotators (\(labels.annotators.count)): Krippendorff's alpha \(Self.plain(labels.alphaLabel.value)) on "
            + "campaign or not, \(Self.plain(labels.alphaCampaign.value)) on the campaign; Fleiss' kappa "
            + "\(Self.plain(labels.fleissKappa.value)) over \(labels.fleissSubjects) accounts with \(labels.fleissRaters) labels each.")
        return lines.joined(separator: "\n") + "\n"
    }

    /// `0.812 [0.744, 0.861]` with the interval shown (`exact` marks Clopper–Pearson), or just the value.
    static func show(_ figure: Figure, signed: Bool = false) -> String {
        guard let value = figure.value else { return "not defined (\(figure.note?.description ?? "no value"))" }
        let shown = signed && value > 0 ? "+" + plain(value) : plain(value)
        guard let interval = figure.shown else { return shown }
        let mark = interval.kind == .clopperPearson ? " exact" : ""
        return "\(shown) [\(plain(interval.lower)), \(plain(interval.upper))\(mark)]"
    }

    /// What the decision rule decided, in a sentence or two.
    var decisionSummary: String {
        guard let decision else {
            return "Decision: no decision rule was declared before scoring, so no method is named better than another."
        }
        let rule = decision.rule
        var text = "Decision rule (declared before scoring): \(rule.primaryMetric.rawValue), smallest difference that matters "
            + "\(Self.plain(rule.minDifference)), at most \(DetectionsFile.formatNumber(rule.harmBudget)) false positives per 1,000 "
            + "legitimate accounts, alpha \(Self.plain(rule.alpha)). "
        switch decision.outcome {
        case .best: text += "It names \(decision.method!) best: shown better than every other method within its harm budget."
        case .onlyRecommendable:
            text += "Only \(decision.method!) can be recommended (shown within its harm budget); it is not shown better "
                + "than the others."
        case .noneShownBetter:
            text += "No method is shown to be better: \(decision.leader!) leads but is not shown better than "
                + decision.notShownBetterThan.joined(separator: ", ") + "."
        case .noneRecommendable: text += "No method can be recommended: none is shown to stay within its harm budget."
        }
        for standing in decision.standings where !standing.recommendable {
            text += "\n  \(standing.method) cannot be recommended: " + standing.reasons.map(\.rawValue).joined(separator: ", ")
        }
        return text
    }

    /// A p-value: three decimals, or `< 0.001`.
    static func p(_ value: Double?) -> String {
        guard let value else { return "n/a" }
        return value < 0.001 ? "< 0.001" : plain(value)
    }

    /// A count, with one decimal when ties made it an expectation.
    static func count(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(format: "%.1f", value)
    }

    /// 0.95 as `95%`, 0.005 as `0.5%`.
    static func percent(_ share: Double) -> String {
        DetectionsFile.formatNumber((share * 1000).rounded() / 10) + "%"
    }

    static func plain(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "n/a" }
        let text = String(format: "%.3f", value)
        return text == "-0.000" ? "0.000" : text
    }
}

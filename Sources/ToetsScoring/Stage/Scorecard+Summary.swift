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
                + "seed \(settings.seed)); Wilson for proportions in tables.",
        ]
        for method in methods {
            let overall = method.overall
            lines.append("")
            lines.append("\(method.name): at its own flag precision \(Self.show(overall.precision)), "
                + "recall \(Self.show(overall.recall)), F1 \(Self.show(overall.f1))")
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
            lines.append("  groups: adjusted Rand index \(Self.show(method.groups.adjustedRandIndex)), "
                + "B-cubed F1 \(Self.show(method.groups.bCubedF1))")
        }
        if !pairs.isEmpty {
            lines.append("")
            lines.append("Comparisons (exact McNemar on paired flags, Holm-corrected; paired bootstrap differences):")
            for pair in pairs {
                lines.append("  \(pair.first) − \(pair.second): F1 \(Self.show(pair.f1Difference, signed: true)), "
                    + "AP \(Self.show(pair.averagePrecisionDifference, signed: true)); McNemar p "
                    + "\(Self.p(pair.mcNemar.pValue.value)), Holm \(Self.p(pair.holmAdjusted))"
                    + (pair.holmRejected ? " (differ)" : ""))
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
                + "\(settings.minStratum) labelled accounts pooled or left out):")
            for stratum in strata {
                let ratios = zip(methods, stratum.scores).map { method, score in
                    "\(method.name) \(Self.plain(score.falsePositiveRateRatio.value))"
                }
                lines.append("  \(stratum.dimension) \(stratum.cell) (n \(stratum.size)): " + ratios.joined(separator: ", "))
            }
        }
        lines.append("")
        if !errors.kinds.isEmpty {
            lines.append("False positives by kind of legitimate coordination, as the labels name it:")
            for kind in errors.kinds {
                let counts = zip(methods, kind.falsePositives).map { "\($0.name) \($1)" }
                lines.append("  \(kind.kind) (n \(kind.accounts)): " + counts.joined(separator: ", "))
            }
        }
        let missed = errors.overlap.first { $0.methods.isEmpty }?.campaignAccounts ?? 0
        lines.append("Campaign accounts no method flagged: \(missed).")
        if methods.count > 1 {
            let alone = methods.map { method in
                "\(method.name) \(errors.overlap.first { $0.methods == [method.name] }?.campaignAccounts ?? 0)"
            }
            lines.append("Campaign accounts only one method flagged: " + alone.joined(separator: ", ") + ".")
        }
        lines.append("")
        lines.append("Annotators (\(labels.annotators.count)): Krippendorff's alpha \(Self.plain(labels.alphaLabel.value)) on "
            + "campaign or not, \(Self.plain(labels.alphaCampaign.value)) on the campaign; Fleiss' kappa "
            + "\(Self.plain(labels.fleissKappa.value)) over \(labels.fleissSubjects) accounts with \(labels.fleissRaters) labels each.")
        return lines.joined(separator: "\n") + "\n"
    }

    /// `0.812 [0.744, 0.861]` with the BCa interval, or the percentile one, or just the value.
    static func show(_ figure: Figure, signed: Bool = false) -> String {
        guard let value = figure.value else { return "not defined (\(figure.note?.description ?? "no value"))" }
        let interval = figure.bootstrap.flatMap { result in
            result.bca.lower != nil ? result.bca : (result.percentile.lower != nil ? result.percentile : nil)
        } ?? figure.wilson
        let shown = signed && value > 0 ? "+" + plain(value) : plain(value)
        guard let interval, let lower = interval.lower, let upper = interval.upper else { return shown }
        return "\(shown) [\(plain(lower)), \(plain(upper))]"
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

/// Section 5: curves, intervals, precision@k, pairwise tests, DET and calibration.
extension KlankbordReport {
    var methodList: String { input.methods.map(\.name).joined(separator: ", ") }

    func figure(_ chart: Chart, caption: String) -> HTMLNode {
        chart.figure(caption: caption, dataLabel: t(DocumentWords.dataBehindChart))
    }

    var results: HTMLDocument.Section {
        HTMLDocument.Section(id: "results", heading: t(ResultsText.heading), body: [], subsections: [
            HTMLDocument.Section(id: "precision-recall", heading: t(ResultsText.prHeading),
                                 body: [figure(precisionRecallChart, caption: t(ResultsText.prCaption))]),
            HTMLDocument.Section(id: "intervals", heading: t(ResultsText.forestHeading),
                                 body: [figure(forestPlot, caption: t(ResultsText.forestCaption))]),
            HTMLDocument.Section(id: "precision-at-k", heading: t(ResultsText.topKHeading), body: precisionAtK),
            HTMLDocument.Section(id: "comparisons", heading: t(ResultsText.pairsHeading), body: comparisons),
            HTMLDocument.Section(id: "det", heading: t(ResultsText.detHeading), body: detectionErrorTradeoff),
            HTMLDocument.Section(id: "calibration", heading: t(ResultsText.calibrationHeading), body: calibration),
        ], pageBreak: true)
    }

    var prevalenceText: String { numbers.decimal(input.groundTruth.prevalence, digits: 3) }

    var precisionRecallChart: Chart {
        var references: [CurveChart.Reference] = []
        if let prevalence = input.groundTruth.prevalence {
            references.append(.horizontal(prevalence, label: t(ResultsText.prBaseline, ["prevalence": prevalenceText])))
        }
        return CurveChart(
            id: "chart-pr", title: t(ResultsText.prTitle),
            summary: t(ResultsText.prSummary, ["methods": methodList, "prevalence": prevalenceText,
                                               "k": numbers.integer(input.disclosure?.minCell ?? input.run.suppressionThreshold)]),
            x: .init(label: t(KlankbordText.recall)), y: .init(label: t(KlankbordText.precision)), joining: .line,
            series: input.methods.enumerated().map { index, method in
                let m = method.metrics
                let point = m.recall.value.flatMap { r in m.precision.value.map { CurvePoint(r, $0) } }
                let curve = PrecisionRecallInterpolation.densify(method.precisionRecall, positives: input.groundTruth.positives,
                                                                 negatives: input.groundTruth.negatives)
                return CurveChart.Series(label: method.name, style: index, points: curve, highlight: point)
            },
            references: references
        ).render(language)
    }

    var forestPlot: Chart {
        var rows: [ForestPlot.Row] = []
        for (group, pick) in [(t(KlankbordText.f1), \HeadlineMetrics.f1), (t(KlankbordText.precision), \.precision)] {
            for (index, method) in input.methods.enumerated() {
                rows.append(.init(label: method.name, group: group, series: index, estimate: method.metrics[keyPath: pick]))
            }
        }
        return ForestPlot(id: "chart-forest", title: t(ResultsText.forestTitle),
                          summary: t(ResultsText.forestSummary, ["level": level]), axisLabel: t(DocumentWords.value),
                          rows: rows).render(language)
    }

    var precisionAtK: [HTMLNode] {
        let ks = Array(Set(input.methods.flatMap { $0.precisionAtK.map(\.k) })).sorted()
        guard !ks.isEmpty else { return [] }
        let chart = BarChart(
            id: "chart-topk", title: t(ResultsText.topKTitle),
            summary: t(ResultsText.topKSummary, ["ks": ks.map { numbers.integer($0) }.joined(separator: ", ")]),
            categories: ks.map { t(ResultsText.topKCategory, ["k": numbers.integer($0)]) },
            series: input.methods.enumerated().map { index, method in
                BarChart.Series(label: method.name, style: index, values: ks.map { k in
                    method.precisionAtK.first { $0.k == k }?.precision ?? .undefined("–")
                })
            },
            valueLabel: t(KlankbordText.precision), domain: 0...1)
        return [figure(chart.render(language), caption: t(ResultsText.topKCaption))]
    }

    /// The figure the comparisons are about, in this report's language.
    var comparedMetric: String {
        t(DecisionText.metric(input.comparisons.first?.metric ?? input.decision?.primaryMetric ?? "f1"))
    }

    /// A pair's conclusion: the decision rule's verdict where there is a rule, else whether the
    /// difference holds after Holm's correction.
    func verdict(_ pair: Comparison) -> String {
        guard let decision = input.decision,
              let verdict = decision.pairs.first(where: { ($0.first, $0.second) == (pair.first, pair.second) })?.verdict else {
            return pair.significant ? t(ResultsText.pairsDiffers) : t(ResultsText.pairsNoClearDifference)
        }
        switch verdict {
        case "first-better": return t(DecisionText.firstBetter, ["method": pair.first])
        case "second-better": return t(DecisionText.firstBetter, ["method": pair.second])
        case "difference-below-minimum": return t(DecisionText.belowMinimum, ["min": numbers.decimal(decision.minDifference, digits: 2)])
        case "not-significant": return t(DecisionText.notSignificant)
        default: return "–"
        }
    }

    var comparisons: [HTMLNode] {
        guard !input.comparisons.isEmpty else { return [.p(t(ResultsText.pairsNone))] }
        let metric = ["metric": comparedMetric]
        let table = DataTable(
            caption: t(ResultsText.pairsTableCaption),
            columns: [t(ResultsText.pairsFirst), t(ResultsText.pairsSecond), t(ResultsText.pairsDifference, metric),
                      t(ResultsText.pairsP), t(ResultsText.pairsHolm), t(ResultsText.pairsVerdict)],
            rows: input.comparisons.map { pair in
                [.text(pair.first), .text(pair.second), .number(est(pair.difference)),
                 .number(numbers.pValue(pair.pValue)), .number(numbers.pValue(pair.holmAdjustedP)), .text(verdict(pair))]
            })
        let differences = input.comparisons.map { pair in
            ForestPlot.Row(label: pair.first + " − " + pair.second, group: t(ResultsText.pairsDiffAxis, metric),
                           series: input.methods.firstIndex { $0.name == pair.first } ?? 0, estimate: pair.difference)
        }
        let magnitudes = differences.flatMap { [$0.estimate.lower, $0.estimate.upper, $0.estimate.value] }
            .compactMap { $0?.magnitude }
        let bound = max(0.25, magnitudes.max() ?? 0)
        let domain = Scale.niceDomain(-bound, bound, target: 4)
        let summary = t(ResultsText.pairsDiffSummary, ["level": level, "metric": comparedMetric])
        let chart = ForestPlot(id: "chart-differences", title: t(ResultsText.pairsDiffTitle, metric),
                               summary: summary, axisLabel: t(ResultsText.pairsDiffAxis, metric), domain: domain,
                               rows: differences, reference: 0)
        return [.p(t(ResultsText.pairsIntro, ["pairs": numbers.integer(input.comparisons.count), "metric": comparedMetric])),
                matrix, table.node, figure(chart.render(language), caption: summary)]
    }

    /// The comparison matrix: a row and a column per method, the Holm-adjusted p where they meet.
    var matrix: HTMLNode {
        let names = input.methods.map(\.name)
        let rows: [[DataTable.Cell]] = names.map { row in
            [.text(row)] + names.map { column in
                guard row != column else { return .text("·") }
                guard let pair = input.comparisons.first(where: { ($0.first, $0.second) == (row, column)
                    || ($0.first, $0.second) == (column, row) }) else { return .text("–") }
                return .number(numbers.pValue(pair.holmAdjustedP) + (pair.significant ? " *" : ""))
            }
        }
        return DataTable(caption: t(ResultsText.pairsHolm) + " (* " + t(ResultsText.pairsDiffers) + ")",
                         columns: [t(DocumentWords.method)] + names, rows: rows, style: "compact").node
    }

    var detectionErrorTradeoff: [HTMLNode] {
        // Probit axes cannot show 0 or 1: only points strictly inside are drawn.
        let inside = { (point: CurvePoint) in point.x > 0 && point.x < 1 && point.y > 0 && point.y < 1 }
        let withCurves = input.methods.enumerated().filter { $0.element.detectionErrorTradeoff.filter(inside).count >= 2 }
        guard !withCurves.isEmpty else { return [.p(t(ResultsText.detNone))] }
        let drawn = withCurves.flatMap { $0.element.detectionErrorTradeoff.filter(inside) }
        func domain(_ values: [Double]) -> ClosedRange<Double> {
            let low = min(0.01, values.min() ?? 0.01), high = max(0.5, values.max() ?? 0.5)
            return Scale.probitDomain(low, high)
        }
        let chart = CurveChart(
            id: "chart-det", title: t(ResultsText.detTitle),
            summary: t(ResultsText.detSummary, ["methods": withCurves.map(\.element.name).joined(separator: ", ")]),
            x: .init(.probit, domain(drawn.map(\.x)), label: t(ResultsText.detX)),
            y: .init(.probit, domain(drawn.map(\.y)), label: t(ResultsText.detY)), joining: .line,
            series: withCurves.map { index, method in
                CurveChart.Series(label: method.name, style: index, points: method.detectionErrorTradeoff.filter(inside))
            }).render(language)
        return [figure(chart, caption: t(ResultsText.detCaption))]
    }

    var calibration: [HTMLNode] {
        let calibrated = input.methods.enumerated().filter { $0.element.probabilities && !$0.element.calibration.isEmpty }
        guard !calibrated.isEmpty else { return [.p(t(ResultsText.calibrationNone))] }
        let chart = CurveChart(
            id: "chart-calibration", title: t(ResultsText.calibrationTitle),
            summary: t(ResultsText.calibrationSummary, ["methods": calibrated.map(\.element.name).joined(separator: ", ")]),
            x: .init(label: t(ResultsText.calibrationX)), y: .init(label: t(ResultsText.calibrationY)), joining: .markers,
            series: calibrated.map { index, method in
                CurveChart.Series(label: method.name, style: index,
                                  points: method.calibration.map { CurvePoint($0.predicted, $0.observed) })
            },
            references: [.diagonal(label: t(ResultsText.calibrationDiagonal))]).render(language)
        let bins = DataTable(
            caption: t(ResultsText.calibrationTableCaption),
            columns: [t(DocumentWords.method), t(ResultsText.calibrationX), t(ResultsText.calibrationY),
                      t(ResultsText.calibrationBinAccounts)],
            rows: calibrated.flatMap { _, method in
                method.calibration.map { bin in
                    [.text(method.name), .number(numbers.decimal(bin.predicted, digits: 3)),
                     .number(numbers.decimal(bin.observed, digits: 3)), .number(numbers.integer(bin.accounts))]
                }
            }, style: "compact")
        return [figure(chart, caption: t(ResultsText.calibrationCaption)), bins.node]
    }
}

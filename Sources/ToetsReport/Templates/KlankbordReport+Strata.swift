/// Sections 6 and 7: groups of accounts, campaign recall, errors by kind, overlap.
extension KlankbordReport {
    /// A published count, or "< k" where disclosure control held it back.
    func cell(_ count: Int?) -> String {
        count.map(numbers.integer) ?? "<\u{00A0}" + numbers.integer(input.disclosure?.minCell ?? input.run.suppressionThreshold)
    }

    /// Stratum cells as `dimension: cell` rows in first-seen order.
    var stratumRows: [(dimension: String, cell: String)] {
        var rows: [(dimension: String, cell: String)] = []
        for cell in input.strata where !rows.contains(where: { $0 == (cell.dimension, cell.cell) }) {
            rows.append((cell.dimension, cell.cell))
        }
        return rows
    }

    /// Shown (not suppressed) cells at twice the overall false-positive rate or more.
    var highRatioCells: [StratumCell] {
        input.strata.filter { !$0.suppressed && ($0.falsePositiveRateRatio.value ?? 0) >= 2 }
    }

    var suppressedCells: Int { input.strata.filter(\.suppressed).count }

    var strata: HTMLDocument.Section {
        var body: [HTMLNode] = [.p(t(StrataText.intro))]
        let rows = stratumRows
        if rows.isEmpty {
            body.append(.p(t(StrataText.noStrata)))
        } else {
            let threshold = numbers.integer(input.run.suppressionThreshold)
            let cells: [[HeatMap.Cell]] = rows.map { row in
                input.methods.map { method in
                    guard let cell = input.strata.first(where: { ($0.dimension, $0.cell, $0.method)
                        == (row.dimension, row.cell, method.name) }) else {
                        return HeatMap.Cell(estimate: .undefined("–"), n: 0, suppressed: false)
                    }
                    return HeatMap.Cell(estimate: cell.falsePositiveRateRatio, n: cell.accounts, suppressed: cell.suppressed,
                                        harm: cell.falsePositives.map { HeatMap.Harm(flagged: $0, of: cell.negatives) })
                }
            }
            let chart = HeatMap(
                id: "chart-strata", title: t(StrataText.heatTitle),
                summary: t(StrataText.heatSummary, ["cells": numbers.integer(rows.count),
                                                    "methods": numbers.integer(input.methods.count),
                                                    "suppressed": numbers.integer(suppressedCells), "threshold": threshold]),
                rows: rows.map { StratumDimension.label($0.dimension, $0.cell)(language) }, columns: input.methods.map(\.name),
                cells: cells,
                suppressedLabel: t(StrataText.suppressedLabel, ["threshold": threshold])).render(language)
            body.append(figure(chart, caption: t(StrataText.heatCaption)))
            let high = highRatioCells
            body.append(.p(high.isEmpty ? t(StrataText.noHighRatio) : t(StrataText.highRatio, [
                "count": numbers.integer(high.count),
                "cells": high.map { cell in
                    let counts = cell.falsePositives.map { ", " + t(ChartWords.countOf, ["n": numbers.integer($0),
                                                                                       "total": numbers.integer(cell.negatives)]) } ?? ""
                    return "\(cell.method), \(StratumDimension.label(cell.dimension, cell.cell)(language)) (\(numbers.decimal(cell.falsePositiveRateRatio.value, digits: 2))\(counts))"
                }.joined(separator: "; "),
            ])))
        }
        return HTMLDocument.Section(id: "strata", heading: t(StrataText.heading), body: body, subsections: [
            HTMLDocument.Section(id: "campaigns", heading: t(StrataText.campaignsHeading), body: campaignRecall),
        ], pageBreak: true)
    }

    var campaignRecall: [HTMLNode] {
        guard !input.campaigns.isEmpty else { return [.p(t(StrataText.campaignsNone))] }
        return [DataTable(
            caption: t(StrataText.campaignsCaption),
            columns: [t(StrataText.campaignsCampaign), t(StrataText.campaignsAccounts)] + input.methods.map(\.name),
            rows: input.campaigns.map { campaign in
                [.text(campaign.campaign), .number(cell(campaign.accounts))] + input.methods.map { method in
                    guard let found = campaign.found.first(where: { $0.method == method.name }) else { return .number("–") }
                    guard let total = campaign.accounts, let count = found.count else { return .number(cell(nil)) }
                    let share = total > 0 ? Double(count) / Double(total) : nil
                    return .number(t(StrataText.campaignFound, ["found": numbers.integer(count),
                                                                "total": numbers.integer(total),
                                                                "percent": numbers.percent(share)]))
                }
            }, style: "compact").node]
    }

    var errors: HTMLDocument.Section {
        var body: [HTMLNode] = [.p(t(StrataText.errorsIntro))]
        let kinds = input.legitimateCoordination
        if kinds.isEmpty {
            body.append(.p(t(StrataText.errorsNone)))
        } else {
            body.append(DataTable(
                caption: t(StrataText.errorsCaption),
                columns: [t(StrataText.errorsKind), t(StrataText.errorsAccounts)] + input.methods.map(\.name),
                rows: kinds.map { kind in
                    [.text(CoordinationKind.label(kind.kind)(language)), .number(numbers.integer(kind.accounts))]
                        + input.methods.map { method in
                            .number(kind.falsePositives.first { $0.method == method.name }.map { cell($0.count) } ?? "–")
                        }
                }).node)
            let chart = BarChart(
                id: "chart-errors", title: t(StrataText.errorsChartTitle),
                summary: t(StrataText.errorsChartSummary, ["kinds": numbers.integer(kinds.count)]),
                categories: kinds.map { CoordinationKind.label($0.kind)(language) },
                series: input.methods.enumerated().map { index, method in
                    BarChart.Series(label: method.name, style: index, values: kinds.map { kind in
                        Estimate(kind.falsePositives.first { $0.method == method.name }?.count.map(Double.init))
                    })
                },
                valueLabel: t(StrataText.errorsChartAxis), digits: 0).render(language)
            body.append(figure(chart, caption: t(StrataText.errorsCaption)))
        }
        if let note = specialCategoryNote { body.append(note) }
        if input.legitimateCoordinationHidden > 0 {
            body.append(.p(t(StrataText.errorsHidden, ["n": numbers.integer(input.legitimateCoordinationHidden),
                                                       "min": numbers.integer(input.run.suppressionThreshold)])))
        }
        return HTMLDocument.Section(id: "errors", heading: t(StrataText.errorsHeading), body: body,
                                    subsections: [ordinaryErrorsSection].compactMap { $0 } + [
            HTMLDocument.Section(id: "overlap", heading: t(StrataText.overlapHeading), body: overlap),
        ])
    }

    var overlap: [HTMLNode] {
        guard !input.overlap.isEmpty else { return [.p(t(StrataText.overlapNone))] }
        let table = DataTable(
            caption: t(StrataText.overlapCaption),
            columns: [t(StrataText.overlapFlaggedBy), t(StrataText.overlapCampaign), t(StrataText.overlapLegitimate)],
            rows: input.overlap.map { row in
                [.text(row.methods.isEmpty ? t(StrataText.overlapNobody) : row.methods.joined(separator: " + ")),
                 .number(cell(row.truePositives)), .number(cell(row.falsePositives))]
            })
        let alone: [String] = input.methods.compactMap { method in
            guard let row = input.overlap.first(where: { $0.methods == [method.name] }), let found = row.truePositives,
                  found > 0 else { return nil }
            return t(StrataText.overlapAlone, ["method": method.name, "n": numbers.integer(found)])
        }
        return [table.node] + (alone.isEmpty ? [] : [.ul(alone)])
    }
}

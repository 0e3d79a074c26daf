/// False positives among ordinary accounts: per method, how many of its false positives the kinds
/// of legitimate coordination, the platform, the activity and the language explain, and how many
/// remain; every sentence from the score stage's counts and its `more_than_elsewhere` test.
extension KlankbordReport {
    /// Nil when the results carry no such analysis.
    var ordinaryErrorsSection: HTMLDocument.Section? {
        guard let facts = input.ordinaryErrors, !input.methods.isEmpty else { return nil }
        let breakdowns = ordinaryBreakdowns(facts)
        var intro = t(OrdinaryText.intro, ["accounts": numbers.integer(facts.accounts)])
        if facts.accountsOfHiddenKinds > 0 {
            intro += " " + t(OrdinaryText.introHidden, ["n": numbers.integer(facts.accountsOfHiddenKinds)])
        }
        if !breakdowns.isEmpty {
            intro += " " + t(OrdinaryText.introBreakdowns,
                             ["breakdowns": DecisionSentences.list(breakdowns.map(breakdownName), language)])
        }
        if breakdowns.contains("activity") {
            intro += " " + t(OrdinaryText.introActivity, ["min": numbers.integer(input.disclosure?.minCell
                                                                                  ?? input.run.suppressionThreshold)])
        }
        if breakdowns.isEmpty { intro += " " + t(OrdinaryText.introNone) }
        var body: [HTMLNode] = [.p(intro), .p(t(OrdinaryText.rule, ["level": numbers.decimal(input.run.intervalLevel * 100, digits: 0)]))]
        body.append(DataTable(
            caption: t(OrdinaryText.summaryCaption),
            columns: [t(DocumentWords.method), t(OrdinaryText.columnAll), t(OrdinaryText.columnKinds),
                      t(OrdinaryText.columnOrdinary)]
                + breakdowns.map { t(OrdinaryText.columnExplained, ["breakdown": breakdownName($0)]) }
                + [t(OrdinaryText.columnUnexplained)],
            rows: input.methods.map { method in
                let all = method.metrics.counts.falsePositives
                guard let ordinary = facts.methods.first(where: { $0.method == method.name }),
                      let falsePositives = ordinary.falsePositives else {
                    return [.text(method.name), .number(numbers.integer(all))]
                        + Array(repeating: .number(t(OrdinaryText.heldBack)), count: breakdowns.count + 3)
                }
                return [.text(method.name), .number(numbers.integer(all)), .number(numbers.integer(all - falsePositives)),
                        .number(numbers.integer(falsePositives))]
                    + breakdowns.map { breakdown in
                        .number(ordinary.parts.first { $0.breakdown == breakdown }.map { numbers.integer($0.explained) }
                            ?? t(OrdinaryText.notBrokenDown))
                    }
                    + [.number(ordinary.unexplained.map(numbers.integer) ?? cell(nil))]
            }, style: "compact").node)
        body.append(.ul(input.methods.map { ordinarySentences($0, facts) }))
        for breakdown in breakdowns { body.append(ordinaryCells(breakdown, facts)) }
        return HTMLDocument.Section(id: "ordinary", heading: t(OrdinaryText.heading), body: body)
    }

    /// The breakdowns any method carries, in the score stage's order.
    func ordinaryBreakdowns(_ facts: OrdinaryErrorFacts) -> [String] {
        var names: [String] = []
        for method in facts.methods {
            for part in method.parts where !names.contains(part.breakdown) { names.append(part.breakdown) }
        }
        return names
    }

    /// What one method's false positives among ordinary accounts come to, in sentences.
    func ordinarySentences(_ method: MethodFacts, _ facts: OrdinaryErrorFacts) -> String {
        let all = method.metrics.counts.falsePositives
        let minCell = input.disclosure?.minCell ?? input.run.suppressionThreshold
        guard let ordinary = facts.methods.first(where: { $0.method == method.name }),
              let falsePositives = ordinary.falsePositives else {
            return t(OrdinaryText.withheld, ["method": method.name, "min": numbers.integer(minCell)])
        }
        let values = ["method": method.name, "all": numbers.integer(all), "kinds": numbers.integer(all - falsePositives),
                      "ordinary": numbers.integer(falsePositives), "accounts": numbers.integer(facts.accounts)]
        if all == 0 { return t(OrdinaryText.noneLegitimate, values) }
        if falsePositives == 0 { return t(OrdinaryText.allKinds, values) }
        var sentences = [t(OrdinaryText.totals, values)]
        for part in ordinary.parts {
            let breakdown = ["breakdown": breakdownName(part.breakdown)]
            let above = part.cells.filter(\.moreThanElsewhere)
            guard !above.isEmpty else {
                sentences.append(t(OrdinaryText.notConcentrated, values.merging(breakdown) { $1 }))
                continue
            }
            let cells = above.map { cell in
                t(OrdinaryText.concentratedCell, rateValues(cell.falsePositives, cell.accounts, cell.rate)
                    .merging(["cell": cellName(part.breakdown, cell.name, facts)]) { $1 })
                    + " " + t(OrdinaryText.elsewhere, rateValues(cell.elsewhereFalsePositives, cell.elsewhereAccounts,
                                                                 cell.elsewhereRate))
            }
            sentences.append(t(OrdinaryText.concentrated, values.merging(breakdown) { $1 }.merging([
                "explained": numbers.integer(part.explained),
                "share": numbers.percent(Double(part.explained) / Double(falsePositives)),
                "cells": cells.joined(separator: "; "),
            ]) { $1 }))
        }
        let names = ordinary.parts.map { breakdownName($0.breakdown) }
        let either = names.count > 1 ? names.dropLast().joined(separator: ", ") + " " + t(OrdinaryText.or) + " " + names.last!
            : names.first ?? ""
        if ordinary.parts.isEmpty {
            // Not broken down: nothing explains them, and the introduction says why.
        } else if let n = ordinary.unexplained {
            sentences.append(n == 0 ? t(OrdinaryText.noneUnexplained, values)
                : n == falsePositives ? t(OrdinaryText.allUnexplained, values)
                : t(OrdinaryText.unexplained, values.merging(["n": numbers.integer(n), "breakdowns": either]) { $1 }))
        } else {
            sentences.append(t(OrdinaryText.unexplainedFew, values.merging(["min": numbers.integer(minCell)]) { $1 }))
        }
        return sentences.joined(separator: " ")
    }

    /// `n`, `total`, `rate`, `lower`, `upper` for a count of a total with its rate's interval.
    private func rateValues(_ n: Int?, _ total: Int?, _ rate: Estimate) -> [String: String] {
        let digits = (rate.upper ?? 1) < 0.1 ? 1 : 0
        return ["n": n.map(numbers.integer) ?? "–", "total": total.map(numbers.integer) ?? "–",
                "rate": numbers.percent(rate.value, digits: digits), "lower": numbers.percent(rate.lower, digits: digits),
                "upper": numbers.percent(rate.upper, digits: digits)]
    }

    /// One breakdown's cells: flagged of all ordinary accounts in each, per method.
    func ordinaryCells(_ breakdown: String, _ facts: OrdinaryErrorFacts) -> HTMLNode {
        var names: [String] = []
        for method in facts.methods {
            for part in method.parts where part.breakdown == breakdown {
                for cell in part.cells where !names.contains(cell.name) { names.append(cell.name) }
            }
        }
        return DataTable(
            caption: t(OrdinaryText.cellsCaption, ["breakdown": breakdownName(breakdown)]),
            columns: [breakdownName(breakdown).capitalisedFirst] + input.methods.map(\.name),
            rows: names.map { name in
                [.text(cellName(breakdown, name, facts))] + input.methods.map { method in
                    let facts = facts.methods.first { $0.method == method.name }
                    if facts != nil && facts?.falsePositives == nil { return .number(t(OrdinaryText.heldBack)) }
                    let part = facts?.parts.first { $0.breakdown == breakdown }
                    guard let cell = part?.cells.first(where: { $0.name == name }) else { return .number("–") }
                    guard let n = cell.falsePositives, let total = cell.accounts else { return .number(t(OrdinaryText.heldBack)) }
                    let counts = t(ChartWords.countOf, ["n": numbers.integer(n), "total": numbers.integer(total)])
                    return .number(cell.moreThanElsewhere ? counts + " " + t(OrdinaryText.cellsMark) : counts)
                }
            }, style: "compact").node
    }

    func breakdownName(_ breakdown: String) -> String {
        switch breakdown {
        case "platform": t(OrdinaryText.breakdownPlatform)
        case "activity": t(OrdinaryText.breakdownActivity)
        case "language": t(OrdinaryText.breakdownLanguage)
        default: breakdown
        }
    }

    /// A cell in words: an activity band as a number of posts; a platform or language as written,
    /// the score stage's pooled and unknown cells in the document's language.
    func cellName(_ breakdown: String, _ name: String, _ facts: OrdinaryErrorFacts) -> String {
        if breakdown == "activity", let band = facts.bands.first(where: { $0.name == name }) {
            guard let upper = band.upper else { return t(OrdinaryText.bandOpen, ["lower": numbers.integer(band.lower)]) }
            if upper == band.lower { return band.lower == 1 ? t(OrdinaryText.onePost) : t(OrdinaryText.bandOne, ["n": numbers.integer(upper)]) }
            return t(OrdinaryText.band, ["lower": numbers.integer(band.lower), "upper": numbers.integer(upper)])
        }
        return StratumDimension.value(name)(language)
    }
}

private extension String {
    var capitalisedFirst: String { prefix(1).uppercased() + dropFirst() }
}

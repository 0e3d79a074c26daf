import ToetsModel

/// The results' `error_analysis.ordinary` and the table `ordinary.csv`: false positives among
/// ordinary accounts by platform, activity and language (`OrdinaryErrors`).
extension Scorecard {
    var ordinaryJSON: ParamValue {
        .map([
            "rule": .string("ordinary accounts are the labelled accounts the label rule decides are not campaign accounts "
                + "and whose kind of legitimate coordination is not shown (none named, or too few to show); activity is "
                + "the posts an account wrote, in bands cut at the thirds of the ordinary accounts, a band with fewer than "
                + "min_cell accounts merged into its neighbour; platform and language cells are the strata's. A cell is "
                + "more_than_elsewhere when the interval of its false-positive rate lies wholly above the interval of the "
                + "rate among the ordinary accounts outside it; its false positives are explained by that breakdown, and "
                + "those in no such cell are unexplained. Cells of 1 to min_cell − 1 accounts, flagged or unflagged "
                + "accounts are held back (and those whose difference from the strata cell of the same name would be), then "
                + "further cells, smallest first, until what is held back is 0 or at least min_cell and more than one "
                + "cell; a method whose counts would reveal a held-back cell of the kinds table shows none"),
            "accounts": .int(ordinary.accounts),
            "accounts_of_kinds_too_small_to_show": .int(ordinary.accountsOfHiddenKinds),
            "activity_bands": .list(ordinary.bands.map { band in
                .map(["name": .string(band.name), "lower": .int(band.lower), "upper": band.upper.map(ParamValue.int) ?? .null])
            }),
            "methods": .list(ordinary.methods.map { method in
                guard let falsePositives = method.falsePositives else {
                    return .map(["method": .string(method.method), "note": .string(MetricNote.suppressedSmallCell.rawValue)])
                }
                return .map([
                    "method": .string(method.method), "false_positives": .int(falsePositives),
                    "unexplained": method.unexplained.map(ParamValue.int) ?? .null,
                    "breakdowns": .list(method.parts.map { part in
                        .map(["breakdown": .string(part.breakdown.rawValue), "explained": .int(part.explained),
                              "cells": .list(part.cells.map(Self.ordinaryCellJSON))])
                    }),
                ])
            }),
        ])
    }

    private static func ordinaryCellJSON(_ cell: OrdinaryErrors.Cell) -> ParamValue {
        guard let counts = cell.counts else {
            return .map(["cell": .string(cell.name), "note": .string(MetricNote.suppressedSmallCell.rawValue)])
        }
        return .map([
            "cell": .string(cell.name), "accounts": .int(counts.accounts), "false_positives": .int(counts.falsePositives),
            "false_positive_rate": json(counts.rate),
            "elsewhere": .map(["accounts": .int(counts.elsewhereAccounts), "false_positives": .int(counts.elsewhereFalsePositives),
                               "false_positive_rate": counts.elsewhereRate.map(json) ?? .null]),
            "more_than_elsewhere": .bool(counts.moreThanElsewhere),
        ])
    }

    /// One row per method, breakdown and cell; a method's totals as breakdown `all`.
    package var ordinaryCSV: [UInt8] {
        var table = CSVTable(["method", "breakdown", "cell", "accounts", "false_positives", "false_positive_rate",
                              "interval", "interval_lower", "interval_upper", "more_than_elsewhere", "explained",
                              "unexplained", "note"])
        for method in ordinary.methods {
            guard let falsePositives = method.falsePositives else {
                table.add([method.method, "all", "", String(ordinary.accounts), "", "", "", "", "", "", "", "",
                           MetricNote.suppressedSmallCell.rawValue])
                continue
            }
            table.add([method.method, "all", "", String(ordinary.accounts), String(falsePositives), "", "", "", "", "", "",
                       method.unexplained.map(String.init) ?? "", ""])
            for part in method.parts {
                for cell in part.cells {
                    guard let counts = cell.counts else {
                        table.add([method.method, part.breakdown.rawValue, cell.name, "", "", "", "", "", "", "", "", "",
                                   MetricNote.suppressedSmallCell.rawValue])
                        continue
                    }
                    let rate = Self.figureFields(counts.rate)
                    table.add([method.method, part.breakdown.rawValue, cell.name, String(counts.accounts),
                               String(counts.falsePositives), rate[0], rate[8], rate[9], rate[10],
                               String(counts.moreThanElsewhere), counts.moreThanElsewhere ? String(counts.falsePositives) : "0",
                               "", rate[7]])
                }
            }
        }
        return table.bytes
    }
}

import ToetsModel

/// The results' `error_analysis.ordinary` (score stage 4): false positives among ordinary accounts.
extension ReportInputMapping {
    /// Nil when the results carry no such analysis (an older score stage).
    static func ordinaryErrors(_ ordinary: JSONValue?) -> OrdinaryErrorFacts? {
        guard let ordinary, let accounts = ordinary["accounts"]?.int64 else { return nil }
        func count(_ value: JSONValue?) -> Int? { value?.int64.map { Int($0) } }
        return OrdinaryErrorFacts(
            accounts: Int(accounts), accountsOfHiddenKinds: int(ordinary["accounts_of_kinds_too_small_to_show"]),
            bands: (ordinary["activity_bands"]?.elements ?? []).map { band in
                OrdinaryErrorFacts.Band(name: band["name"]?.string ?? "", lower: int(band["lower"]), upper: count(band["upper"]))
            },
            methods: (ordinary["methods"]?.elements ?? []).map { method in
                OrdinaryErrorFacts.Method(
                    method: method["method"]?.string ?? "", falsePositives: count(method["false_positives"]),
                    unexplained: count(method["unexplained"]),
                    parts: (method["breakdowns"]?.elements ?? []).map { part in
                        OrdinaryErrorFacts.Part(
                            breakdown: part["breakdown"]?.string ?? "", explained: int(part["explained"]),
                            cells: (part["cells"]?.elements ?? []).map { cell in
                                OrdinaryErrorFacts.Cell(
                                    name: cell["cell"]?.string ?? "", accounts: count(cell["accounts"]),
                                    falsePositives: count(cell["false_positives"]), rate: estimate(cell["false_positive_rate"]),
                                    elsewhereAccounts: count(cell["elsewhere", "accounts"]),
                                    elsewhereFalsePositives: count(cell["elsewhere", "false_positives"]),
                                    elsewhereRate: estimate(cell["elsewhere", "false_positive_rate"]),
                                    moreThanElsewhere: cell["more_than_elsewhere"]?.bool ?? false)
                            })
                    })
            })
    }
}

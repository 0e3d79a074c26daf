import ToetsModel

/// The results' `error_analysis` (schema 2): counts by kind of legitimate coordination and by
/// set of methods, never an account.
extension ReportInputMapping {
    /// Each kind the labels name, in the results' order, with the false positives of each method.
    static func legitimateCoordination(_ analysis: JSONValue?, methods: [String]) -> [LegitimateCoordinationCount] {
        (analysis?["coordination", "kinds"]?.elements ?? []).map { kind in
            LegitimateCoordinationCount(
                kind: kind["kind"]?.string ?? "", accounts: int(kind["accounts"]),
                falsePositives: methods.compactMap { name in
                    kind["methods"]?.member(name).map { MethodCount(name, $0["false_positives"]?.int64.map { Int($0) }) }
                })
        }
    }

    /// The labelled accounts by the exact set of methods that flagged them: campaign accounts as
    /// true positives, the others as false positives (for the empty set, those no method flagged).
    static func overlap(_ analysis: JSONValue?) -> [OverlapRow] {
        (analysis?["overlap"]?.elements ?? []).map { set in
            OverlapRow(methods: (set["methods"]?.elements ?? []).compactMap(\.string),
                       truePositives: set["campaign_accounts"]?.int64.map { Int($0) },
                       falsePositives: set["other_accounts"]?.int64.map { Int($0) })
        }
    }
}

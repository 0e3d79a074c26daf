import Foundation

/// Agreement between the true grouping of accounts (campaigns) and a method's groups.
///
/// Labels are per item; nil puts an item in a cluster of its own (an account in no campaign,
/// or in no detected group). The caller chooses the items: usually the labelled accounts.
package enum ClusterAgreement {
    /// The adjusted Rand index, as scikit-learn's `adjusted_rand_score`: the Rand index
    /// corrected for chance, 1 for identical partitions, about 0 for independent ones.
    /// Identical partitions give 1 even when every item is alone or all are together.
    package static func adjustedRandIndex<T: Hashable, P: Hashable>(truth: [T?], predicted: [P?]) -> Metric {
        guard !truth.isEmpty else { return .undefined(.noItems) }
        let table = Contingency(truth: truth, predicted: predicted)
        // Ordered pair counts (Hubert & Arabie 1985, in the pair-confusion form).
        let n = Double(table.items)
        let sameBoth = table.cells.reduce(0.0) { $0 + Double($1.count * $1.count) }
        let sameTruth = table.rowSums.reduce(0.0) { $0 + Double($1 * $1) }
        let samePredicted = table.columnSums.reduce(0.0) { $0 + Double($1 * $1) }
        let truePositive = sameBoth - n
        let falsePositive = samePredicted - sameBoth
        let falseNegative = sameTruth - sameBoth
        let trueNegative = n * n - falsePositive - falseNegative - sameBoth
        if falsePositive == 0 && falseNegative == 0 { return Metric(1) }
        let numerator = 2 * (truePositive * trueNegative - falseNegative * falsePositive)
        let denominator = (truePositive + falseNegative) * (falseNegative + trueNegative)
            + (truePositive + falsePositive) * (falsePositive + trueNegative)
        return Metric(numerator / denominator)
    }

    /// Normalised mutual information with the arithmetic mean of the two entropies as the
    /// normaliser, as scikit-learn's `normalized_mutual_info_score` defaults. When both
    /// labellings are a single cluster it is 1 (noted); when either carries no information it is 0.
    package static func normalizedMutualInformation<T: Hashable, P: Hashable>(truth: [T?],
                                                                              predicted: [P?]) -> Metric {
        guard !truth.isEmpty else { return .undefined(.noItems) }
        let table = Contingency(truth: truth, predicted: predicted)
        if table.rowSums.count == 1 && table.columnSums.count == 1 { return Metric(1, note: .singleCluster) }
        let n = Double(table.items)
        var information = 0.0
        for cell in table.cells {
            let joint = Double(cell.count)
            information += joint / n
                * log(n * joint / (Double(table.rowSums[cell.row]) * Double(table.columnSums[cell.column])))
        }
        information = max(0, information)
        guard information > 0 else { return Metric(0) }
        func entropy(_ sizes: [Int]) -> Double {
            sizes.reduce(0.0) { sum, size in
                let share = Double(size) / n
                return sum - share * log(share)
            }
        }
        let normaliser = (entropy(table.rowSums) + entropy(table.columnSums)) / 2
        return Metric(information / normaliser)
    }

    /// B-cubed precision, recall and F1 (Bagga & Baldwin 1998; Amigó et al. 2009): per item,
    /// the share of its predicted cluster that shares its true cluster (precision) and the
    /// share of its true cluster that shares its predicted cluster (recall), averaged over items.
    package static func bCubed<T: Hashable, P: Hashable>(truth: [T?], predicted: [P?])
        -> (precision: Metric, recall: Metric, f1: Metric) {
        guard !truth.isEmpty else { return (.undefined(.noItems), .undefined(.noItems), .undefined(.noItems)) }
        let table = Contingency(truth: truth, predicted: predicted)
        var precision = 0.0, recall = 0.0
        for cell in table.cells {
            // Each of the cell's items contributes count / cluster size.
            let squared = Double(cell.count * cell.count)
            precision += squared / Double(table.columnSums[cell.column])
            recall += squared / Double(table.rowSums[cell.row])
        }
        let n = Double(table.items)
        precision /= n
        recall /= n
        return (Metric(precision), Metric(recall), Metric(2 * precision * recall / (precision + recall)))
    }
}

/// How much of one true campaign a method flagged.
package struct CampaignRecall: Sendable, Hashable, Codable {
    package var campaign: String
    /// Labelled accounts in the campaign.
    package var accounts: Int
    /// Those the method flagged.
    package var flagged: Int
    /// flagged / accounts.
    package var recall: Metric
    /// The largest share of the campaign's accounts that fall in one detected group; nil when
    /// no groups were given or none of its accounts is in a group.
    package var largestGroupShare: Double?

    /// One row per campaign, sorted by campaign name; accounts with a nil campaign are skipped.
    /// `groups`, when given, holds each account's detected group (nil: in none).
    package static func perCampaign(campaigns: [String?], flagged: [Bool],
                                    groups: [String?]? = nil) -> [CampaignRecall] {
        precondition(campaigns.count == flagged.count, "campaigns and flags differ in length")
        precondition(groups.map { $0.count == campaigns.count } ?? true, "campaigns and groups differ in length")
        var members: [String: [Int]] = [:]
        for (item, campaign) in campaigns.enumerated() {
            if let campaign { members[campaign, default: []].append(item) }
        }
        return members.keys.sorted().map { campaign in
            let items = members[campaign]!
            let hits = items.count(where: { flagged[$0] })
            var largest: Double?
            if let groups {
                var sizes: [String: Int] = [:]
                for item in items { if let group = groups[item] { sizes[group, default: 0] += 1 } }
                if let top = sizes.values.max() { largest = Double(top) / Double(items.count) }
            }
            return CampaignRecall(campaign: campaign, accounts: items.count, flagged: hits,
                                  recall: .ratio(hits, items.count, else: .noItems), largestGroupShare: largest)
        }
    }
}

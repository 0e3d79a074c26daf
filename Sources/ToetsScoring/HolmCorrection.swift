/// Holm's step-down correction for a family of p-values, as statsmodels'
/// `multipletests(pvals, alpha, method="holm")`.
package struct HolmCorrection: Sendable, Hashable, Codable {
    /// Adjusted p-values, in the input order: the running maximum of (m − j) · p₍ⱼ₎ over the
    /// ascending p-values (j from 0), capped at 1.
    package var adjusted: [Double]
    /// Whether each hypothesis is rejected at `alpha`: step down the ascending p-values while
    /// p₍ⱼ₎ ≤ alpha / (m − j), rejecting those passed.
    package var rejected: [Bool]
    /// The family-wise error rate controlled.
    package var alpha: Double

    package init(pValues: [Double], alpha: Double = 0.05) {
        precondition(pValues.allSatisfy { $0 >= 0 && $0 <= 1 }, "p-values lie in [0, 1]")
        self.alpha = alpha
        let m = pValues.count
        // A stable order makes tied p-values come out the same whatever the input order.
        let order = pValues.indices.sorted { (pValues[$0], $0) < (pValues[$1], $1) }
        var adjusted = [Double](repeating: 0, count: m)
        var rejected = [Bool](repeating: false, count: m)
        var running = 0.0
        var stillRejecting = true
        for (rank, index) in order.enumerated() {
            running = max(running, Double(m - rank) * pValues[index])
            adjusted[index] = min(1, running)
            stillRejecting = stillRejecting && pValues[index] <= alpha / Double(m - rank)
            rejected[index] = stillRejecting
        }
        self.adjusted = adjusted
        self.rejected = rejected
    }
}

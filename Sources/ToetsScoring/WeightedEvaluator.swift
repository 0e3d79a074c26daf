/// Every account-level figure of one method on a weighted sample of items, in one pass over
/// the items in score order.
///
/// A bootstrap resample is a multiset of items: item i drawn wᵢ times. Scoring it by copying
/// and re-sorting the drawn items would cost a sort per method per resample; walking the
/// method's fixed score order once with the weights gives the same figures in linear time, for
/// the whole sample and for every stratum cell at once. Tied scores still enter together:
/// steps close only at the last item of a tie, as `ThresholdCounts` does, so with all weights 1
/// the figures are those of `ConfusionCounts`, `PrecisionRecallCurve`, `ROCCurve`,
/// `PrecisionAtK`, `OperatingPoint` and `Calibration` (the tests check this).
///
/// Undefined figures come out as NaN here, an internal marker only: callers turn them into
/// notes before anything is written.
package struct WeightedEvaluator: Sendable {
    /// The figures computed for each cell (cell 0 is the whole sample), in this order.
    package enum CellStatistic: Int, CaseIterable, Sendable {
        case precision, recall, f1, falsePositiveRate, falsePositiveRateRatio, averagePrecision, rocAUC
    }

    /// Figures of the whole sample besides cell 0's, after the cells: the Brier score, the
    /// operating point at the false-positive budget, then precision at each k.
    package enum SampleStatistic: Int, CaseIterable, Sendable {
        case brier, budgetPrecision, budgetRecall
    }

    package let cellCount: Int
    package let topK: [Int]
    /// The false-positive budget as a rate of the negatives.
    package let budget: Double
    /// Whether the scores lie in [0, 1], so that the Brier score means something.
    package let probabilities: Bool

    private let itemCount: Int
    /// Item indices in score order, highest first; ties in item order.
    private let order: [Int32]
    /// Per position: bit 0 positive, bit 1 flagged, bit 2 the last and bit 3 the first item of
    /// its score (both for a score held by one item).
    private let flags: [UInt8]
    private let orderedScores: [Double]
    /// Per position, its stratum cell in each dimension (−1 for none); cell 0, which every
    /// item is in, is not listed: its counters live in registers in the hot loop.
    private let cells: [Int32]
    private let dimensions: Int

    /// Figures per sample: cells × statistics, then the sample figures, then one per k.
    package var width: Int { cellCount * CellStatistic.allCases.count + SampleStatistic.allCases.count + topK.count }

    /// Where a cell figure sits in a row of `width` values.
    package static func index(cell: Int, _ statistic: CellStatistic) -> Int {
        cell * CellStatistic.allCases.count + statistic.rawValue
    }

    /// Where a sample figure sits.
    package func index(_ statistic: SampleStatistic) -> Int {
        cellCount * CellStatistic.allCases.count + statistic.rawValue
    }

    /// Where precision at `topK[position]` sits.
    package func index(topK position: Int) -> Int {
        cellCount * CellStatistic.allCases.count + SampleStatistic.allCases.count + position
    }

    /// `itemCells[item]` lists the stratum cells (1..<cellCount) the item belongs to, one per
    /// stratum dimension, −1 where it is in none; every item is in cell 0.
    package init(truth: [Bool], scores: [Double], flagged: [Bool], itemCells: [[Int32]], cellCount: Int,
                 topK: [Int], budget: Double) {
        precondition(truth.count == scores.count && truth.count == flagged.count && truth.count == itemCells.count,
                     "the columns differ in length")
        precondition(scores.allSatisfy(\.isFinite), "scores are finite")
        itemCount = truth.count
        self.cellCount = cellCount
        self.topK = topK
        self.budget = budget
        probabilities = scores.allSatisfy { $0 >= 0 && $0 <= 1 }
        let sorted = scores.indices.sorted { scores[$0] > scores[$1] || (scores[$0] == scores[$1] && $0 < $1) }
        order = sorted.map { Int32($0) }
        let dimensions = itemCells.first?.count ?? 0
        self.dimensions = dimensions
        var flags = [UInt8](repeating: 0, count: sorted.count)
        var cells = [Int32](repeating: -1, count: sorted.count * dimensions)
        for (position, item) in sorted.enumerated() {
            var bits: UInt8 = truth[item] ? 1 : 0
            if flagged[item] { bits |= 2 }
            if position == sorted.count - 1 || scores[sorted[position + 1]] != scores[item] { bits |= 4 }
            if position == 0 || scores[sorted[position - 1]] != scores[item] { bits |= 8 }
            flags[position] = bits
            precondition(itemCells[item].count == dimensions, "every item has one entry per dimension")
            for (dimension, cell) in itemCells[item].enumerated() {
                precondition(cell != 0 && cell < cellCount, "a cell number is out of range")
                cells[position * dimensions + dimension] = cell
            }
        }
        self.flags = flags
        self.cells = cells
        orderedScores = sorted.map { scores[$0] }
    }

    /// Counters reused from one evaluation to the next.
    package struct Scratch {
        /// Per cell: positives and negatives so far, flagged positives and negatives, and both
        /// counts before the current tie.
        var counts: [Int]
        /// Per cell: the AP and ROC sums.
        var sums: [Double]
        /// The weights in score order.
        var gathered: [Int32] = []

        package init(cellCount: Int) {
            counts = [Int](repeating: 0, count: cellCount * 6)
            sums = [Double](repeating: 0, count: cellCount * 2)
        }
    }

    /// The largest number of false positives whose rate `fp / negatives` stays within `budget`,
    /// by the same floating-point comparison as `OperatingPoint`.
    static func allowedFalsePositives(budget: Double, negatives: Int) -> Int {
        guard negatives > 0 else { return Int.max }
        func within(_ falsePositives: Int) -> Bool { Double(falsePositives) / Double(negatives) <= budget }
        var allowed = min(max(Int((budget * Double(negatives)).rounded(.down)), -1), negatives)
        while allowed < negatives && within(allowed + 1) { allowed += 1 }
        while allowed >= 0 && !within(allowed) { allowed -= 1 }
        return allowed
    }

    /// Scores the sample in which item i has weight `weights[i]` (0: not drawn) and writes
    /// `width` figures to `out`. `negatives` is the total weight of the negative items.
    package func evaluate(weights: UnsafeBufferPointer<Int32>, negatives: Int, scratch: inout Scratch,
                          into out: UnsafeMutableBufferPointer<Double>) {
        precondition(weights.count == itemCount && out.count >= width, "buffers of the wrong size")
        let cellCount = cellCount, stride = dimensions, probabilities = probabilities
        let allowedFalsePositives = Self.allowedFalsePositives(budget: budget, negatives: negatives)
        let kOrder = topK.indices.sorted { topK[$0] < topK[$1] }
        var topPositives = [Double](repeating: .nan, count: topK.count)
        var nextK = 0
        var budgetTP = 0, budgetFP = 0

        /// A step of the curves of all items closed: precision at the k it reached, and the
        /// operating point if it keeps within the budget.
        func closeOverallStep(weightBefore: Int, positivesBefore: Int, positives: Int, negatives: Int) {
            let weightAfter = positives + negatives
            while nextK < kOrder.count, topK[kOrder[nextK]] <= weightAfter {
                let k = topK[kOrder[nextK]]
                topPositives[kOrder[nextK]] = Double(positivesBefore)
                    + Double(positives - positivesBefore) * Double(k - weightBefore) / Double(weightAfter - weightBefore)
                nextK += 1
            }
            if negatives <= allowedFalsePositives {
                budgetTP = positives
                budgetFP = negatives
            }
        }

        // Gathering the weights into score order first, in a loop of its own, lets the processor
        // overlap the cache misses of this random access; inside the main loop they would stall it.
        if scratch.gathered.count != order.count { scratch.gathered = [Int32](repeating: 0, count: order.count) }
        scratch.gathered.withUnsafeMutableBufferPointer { gathered in
            order.withUnsafeBufferPointer { order in
                for position in 0..<order.count { gathered[position] = weights[Int(order[position])] }
            }
        }
        scratch.counts.withUnsafeMutableBufferPointer { counts in
        scratch.sums.withUnsafeMutableBufferPointer { sums in
        scratch.gathered.withUnsafeBufferPointer { gathered in
        flags.withUnsafeBufferPointer { flags in
        cells.withUnsafeBufferPointer { cells in
        orderedScores.withUnsafeBufferPointer { scores in
            counts.update(repeating: 0)
            sums.update(repeating: 0)
            let tp = counts.baseAddress!, fp = tp + cellCount, flaggedTP = fp + cellCount
            let flaggedFP = flaggedTP + cellCount, tpBefore = flaggedFP + cellCount, fpBefore = tpBefore + cellCount
            let ap = sums.baseAddress!, roc = ap + cellCount
            // Cell 0 (all items) is touched by every item: its counters stay in local variables,
            // since a counter in memory makes each item wait for the previous item's store.
            var allTP = 0, allFP = 0, allFlaggedTP = 0, allFlaggedFP = 0, allTPBefore = 0, allFPBefore = 0
            var allAP = 0.0, allROC = 0.0, squaredError = 0.0
            var drawnInTie = false

            for position in 0..<gathered.count {
                let bits = flags[position]
                let weight = Int(gathered[position])
                let positive = bits & 1 != 0, isFlagged = bits & 2 != 0
                let base = position * stride
                if bits & 12 == 12 {
                    // A score held by this item alone (the usual case): its step closes at once.
                    guard weight != 0 else { continue }
                    if probabilities {
                        let error = (positive ? 1 : 0) - scores[position]
                        squaredError += Double(weight) * error * error
                    }
                    let weightBefore = allTP &+ allFP, positivesBefore = allTP
                    if positive {
                        allTP &+= weight
                        if isFlagged { allFlaggedTP &+= weight }
                        allAP += Double(weight) * Double(allTP) / Double(allTP &+ allFP)
                    } else {
                        allFP &+= weight
                        if isFlagged { allFlaggedFP &+= weight }
                        allROC += Double(weight) * Double(allTP)
                    }
                    for slot in base..<(base + stride) {
                        let cell = Int(cells[slot])
                        if cell < 0 { continue }
                        if positive {
                            tp[cell] &+= weight
                            if isFlagged { flaggedTP[cell] &+= weight }
                            ap[cell] += Double(weight) * Double(tp[cell]) / Double(tp[cell] &+ fp[cell])
                        } else {
                            fp[cell] &+= weight
                            if isFlagged { flaggedFP[cell] &+= weight }
                            roc[cell] += Double(weight) * Double(tp[cell])
                        }
                    }
                    closeOverallStep(weightBefore: weightBefore, positivesBefore: positivesBefore,
                                     positives: allTP, negatives: allFP)
                    continue
                }
                // A tie of several items: remember every cell's counts before it, count its items,
                // and close one step in each cell that changed at its last item.
                if bits & 8 != 0 {
                    allTPBefore = allTP
                    allFPBefore = allFP
                    tpBefore.update(from: tp, count: cellCount)
                    fpBefore.update(from: fp, count: cellCount)
                }
                if weight != 0 {
                    drawnInTie = true
                    if probabilities {
                        let error = (positive ? 1 : 0) - scores[position]
                        squaredError += Double(weight) * error * error
                    }
                    if positive {
                        allTP &+= weight
                        if isFlagged { allFlaggedTP &+= weight }
                    } else {
                        allFP &+= weight
                        if isFlagged { allFlaggedFP &+= weight }
                    }
                    for slot in base..<(base + stride) {
                        let cell = Int(cells[slot])
                        if cell < 0 { continue }
                        if positive {
                            tp[cell] &+= weight
                            if isFlagged { flaggedTP[cell] &+= weight }
                        } else {
                            fp[cell] &+= weight
                            if isFlagged { flaggedFP[cell] &+= weight }
                        }
                    }
                }
                guard bits & 4 != 0, drawnInTie else { continue }
                let newTP = allTP - allTPBefore, newFP = allFP - allFPBefore
                if newTP > 0 { allAP += Double(newTP) * Double(allTP) / Double(allTP + allFP) }
                if newFP > 0 { allROC += Double(newFP) * Double(allTPBefore + allTP) / 2 }
                for cell in 1..<max(1, cellCount) {
                    let newTP = tp[cell] - tpBefore[cell], newFP = fp[cell] - fpBefore[cell]
                    if newTP > 0 { ap[cell] += Double(newTP) * Double(tp[cell]) / Double(tp[cell] + fp[cell]) }
                    if newFP > 0 { roc[cell] += Double(newFP) * Double(tpBefore[cell] + tp[cell]) / 2 }
                }
                closeOverallStep(weightBefore: allTPBefore + allFPBefore, positivesBefore: allTPBefore,
                                 positives: allTP, negatives: allFP)
                drawnInTie = false
            }
            tp[0] = allTP
            fp[0] = allFP
            flaggedTP[0] = allFlaggedTP
            flaggedFP[0] = allFlaggedFP
            ap[0] = allAP
            roc[0] = allROC

            func ratio(_ numerator: Double, _ denominator: Double) -> Double {
                denominator == 0 ? .nan : numerator / denominator
            }
            let columns = CellStatistic.allCases.count
            var overallRate = Double.nan
            for cell in 0..<cellCount {
                let positives = tp[cell], negatives = fp[cell]
                let hits = flaggedTP[cell], falseAlarms = flaggedFP[cell]
                let base = cell * columns
                out[base + CellStatistic.precision.rawValue] = ratio(Double(hits), Double(hits + falseAlarms))
                out[base + CellStatistic.recall.rawValue] = ratio(Double(hits), Double(positives))
                out[base + CellStatistic.f1.rawValue] = ratio(Double(2 * hits), Double(hits + falseAlarms + positives))
                let rate = ratio(Double(falseAlarms), Double(negatives))
                if cell == 0 { overallRate = rate }
                out[base + CellStatistic.falsePositiveRate.rawValue] = rate
                out[base + CellStatistic.falsePositiveRateRatio.rawValue] = overallRate == 0 ? .nan : rate / overallRate
                out[base + CellStatistic.averagePrecision.rawValue] = ratio(ap[cell], Double(positives))
                out[base + CellStatistic.rocAUC.rawValue] = positives == 0 || negatives == 0
                    ? .nan : roc[cell] / (Double(positives) * Double(negatives))
            }
            let total = tp[0] + fp[0]
            out[index(.brier)] = probabilities ? ratio(squaredError, Double(total)) : .nan
            out[index(.budgetPrecision)] = ratio(Double(budgetTP), Double(budgetTP + budgetFP))
            out[index(.budgetRecall)] = ratio(Double(budgetTP), Double(tp[0]))
            for (slot, k) in topK.enumerated() {
                let places = min(k, total)
                let positives = topPositives[slot].isNaN ? Double(tp[0]) : topPositives[slot]
                out[index(topK: slot)] = places == 0 ? .nan : positives / Double(places)
            }
        }
        }
        }
        }
        }
        }
    }
}

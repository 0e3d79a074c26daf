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
    /// Per position: bit 0 positive, bit 1 flagged, bit 2 the last item of a tie.
    private let flags: [UInt8]
    private let orderedScores: [Double]
    /// Per position, `cellsPerItem` cell numbers (the first always 0; −1 for none).
    private let cells: [Int32]
    private let cellsPerItem: Int

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
        cellsPerItem = 1 + dimensions
        var flags = [UInt8](repeating: 0, count: sorted.count)
        var cells = [Int32](repeating: -1, count: sorted.count * (1 + dimensions))
        for (position, item) in sorted.enumerated() {
            var bits: UInt8 = truth[item] ? 1 : 0
            if flagged[item] { bits |= 2 }
            if position == sorted.count - 1 || scores[sorted[position + 1]] != scores[item] { bits |= 4 }
            flags[position] = bits
            precondition(itemCells[item].count == dimensions, "every item has one entry per dimension")
            cells[position * (1 + dimensions)] = 0
            for (dimension, cell) in itemCells[item].enumerated() {
                precondition(cell < cellCount, "a cell number is out of range")
                cells[position * (1 + dimensions) + 1 + dimension] = cell
            }
        }
        self.flags = flags
        self.cells = cells
        orderedScores = sorted.map { scores[$0] }
    }

    /// Counters reused from one evaluation to the next.
    package struct Scratch {
        var counts: [Int]
        var sums: [Double]
        var stamps: [Int]
        var touched: [Int32]

        package init(cellCount: Int) {
            counts = [Int](repeating: 0, count: cellCount * 6)
            sums = [Double](repeating: 0, count: cellCount * 2)
            stamps = [Int](repeating: -1, count: cellCount)
            touched = []
            touched.reserveCapacity(cellCount)
        }
    }

    /// Scores the sample in which item i has weight `weights[i]` (0: not drawn) and writes
    /// `width` figures to `out`. `negatives` is the total weight of the negative items.
    package func evaluate(weights: UnsafeBufferPointer<Int32>, negatives: Int, scratch: inout Scratch,
                          into out: UnsafeMutableBufferPointer<Double>) {
        precondition(weights.count == itemCount && out.count >= width, "buffers of the wrong size")
        // Per cell: positives and negatives so far, flagged positives and negatives, and both
        // counts at the last closed step; the AP and ROC sums.
        let cellCount = cellCount, stride = cellsPerItem
        scratch.counts.withUnsafeMutableBufferPointer { counts in
        scratch.sums.withUnsafeMutableBufferPointer { sums in
        scratch.stamps.withUnsafeMutableBufferPointer { stamps in
            counts.update(repeating: 0)
            sums.update(repeating: 0)
            stamps.update(repeating: -1)
            let tp = 0, fp = cellCount, flaggedTP = 2 * cellCount, flaggedFP = 3 * cellCount
            let closedTP = 4 * cellCount, closedFP = 5 * cellCount
            let apSum = 0, rocSum = cellCount
            var squaredError = 0.0
            var budgetTP = 0, budgetFP = 0
            var topPositives = [Double](repeating: .nan, count: topK.count)
            var step = 0
            scratch.touched.removeAll(keepingCapacity: true)
            order.withUnsafeBufferPointer { order in
            flags.withUnsafeBufferPointer { flags in
            cells.withUnsafeBufferPointer { cells in
            orderedScores.withUnsafeBufferPointer { scores in
                for position in 0..<order.count {
                    let weight = Int(weights[Int(order[position])])
                    let bits = flags[position]
                    if weight != 0 {
                        let positive = bits & 1 != 0, flagged = bits & 2 != 0
                        for slot in (position * stride)..<(position * stride + stride) {
                            let cell = Int(cells[slot])
                            if cell < 0 { continue }
                            if positive {
                                counts[tp + cell] += weight
                                if flagged { counts[flaggedTP + cell] += weight }
                            } else {
                                counts[fp + cell] += weight
                                if flagged { counts[flaggedFP + cell] += weight }
                            }
                            if stamps[cell] != step {
                                stamps[cell] = step
                                scratch.touched.append(Int32(cell))
                            }
                        }
                        let error = (positive ? 1 : 0) - scores[position]
                        squaredError += Double(weight) * error * error
                    }
                    guard bits & 4 != 0 else { continue }
                    guard !scratch.touched.isEmpty else {
                        step += 1
                        continue
                    }
                    // The last item of a tie: one step of every curve, in each cell it touched.
                    let before = counts[closedTP] + counts[closedFP], after = counts[tp] + counts[fp]
                    for (slot, k) in topK.enumerated() where topPositives[slot].isNaN && before < k && k <= after {
                        topPositives[slot] = Double(counts[closedTP])
                            + Double(counts[tp] - counts[closedTP]) * Double(k - before) / Double(after - before)
                    }
                    if negatives == 0 || Double(counts[fp]) / Double(negatives) <= budget {
                        budgetTP = counts[tp]
                        budgetFP = counts[fp]
                    }
                    for cell in scratch.touched {
                        let c = Int(cell)
                        let newTP = counts[tp + c] - counts[closedTP + c], newFP = counts[fp + c] - counts[closedFP + c]
                        if newTP > 0 {
                            sums[apSum + c] += Double(newTP) * Double(counts[tp + c]) / Double(counts[tp + c] + counts[fp + c])
                        }
                        if newFP > 0 {
                            sums[rocSum + c] += Double(newFP) * Double(counts[closedTP + c] + counts[tp + c]) / 2
                        }
                        counts[closedTP + c] = counts[tp + c]
                        counts[closedFP + c] = counts[fp + c]
                    }
                    scratch.touched.removeAll(keepingCapacity: true)
                    step += 1
                }
            }
            }
            }
            }

            func ratio(_ numerator: Double, _ denominator: Double) -> Double {
                denominator == 0 ? .nan : numerator / denominator
            }
            let columns = CellStatistic.allCases.count
            var overallRate = Double.nan
            for cell in 0..<cellCount {
                let positives = counts[tp + cell], negatives = counts[fp + cell]
                let hits = counts[flaggedTP + cell], falseAlarms = counts[flaggedFP + cell]
                let base = cell * columns
                out[base + CellStatistic.precision.rawValue] = ratio(Double(hits), Double(hits + falseAlarms))
                out[base + CellStatistic.recall.rawValue] = ratio(Double(hits), Double(positives))
                out[base + CellStatistic.f1.rawValue] = ratio(Double(2 * hits), Double(hits + falseAlarms + positives))
                let rate = ratio(Double(falseAlarms), Double(negatives))
                if cell == 0 { overallRate = rate }
                out[base + CellStatistic.falsePositiveRate.rawValue] = rate
                out[base + CellStatistic.falsePositiveRateRatio.rawValue] = overallRate == 0 ? .nan : rate / overallRate
                out[base + CellStatistic.averagePrecision.rawValue] = ratio(sums[apSum + cell], Double(positives))
                out[base + CellStatistic.rocAUC.rawValue] = positives == 0 || negatives == 0
                    ? .nan : sums[rocSum + cell] / (Double(positives) * Double(negatives))
            }
            let total = counts[tp] + counts[fp]
            out[index(.brier)] = probabilities ? ratio(squaredError, Double(total)) : .nan
            out[index(.budgetPrecision)] = ratio(Double(budgetTP), Double(budgetTP + budgetFP))
            out[index(.budgetRecall)] = ratio(Double(budgetTP), Double(counts[tp]))
            for (slot, k) in topK.enumerated() {
                let places = min(k, total)
                let positives = topPositives[slot].isNaN ? Double(counts[tp]) : topPositives[slot]
                out[index(topK: slot)] = places == 0 ? .nan : positives / Double(places)
            }
        }
        }
        }
    }
}

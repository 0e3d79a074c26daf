/// The p-quantile of ascending `sorted` values by linear interpolation between order statistics
/// (Hyndman & Fan type 7: NumPy's and SciPy's default, used by `scipy.stats.bootstrap`).
func linearQuantile(sorted: [Double], _ p: Double) -> Double {
    precondition(!sorted.isEmpty, "a quantile needs values")
    let position = Double(sorted.count - 1) * min(max(p, 0), 1)
    let below = Int(position.rounded(.down))
    let fraction = position - Double(below)
    guard below + 1 < sorted.count, fraction > 0 else { return sorted[below] }
    return sorted[below] + (sorted[below + 1] - sorted[below]) * fraction
}

/// R's `quantile(x, probs, type = 7)`, the default of R and of CooRTweet's edge threshold.
enum RQuantile {
    /// The type-7 quantile of a non-empty sample: linear interpolation between the order
    /// statistics around position 1 + (n − 1)·p, written as R writes it, (1 − h)·x[lo] + h·x[hi],
    /// and only when the two differ, so that the floating-point result is R's to the last bit.
    static func type7(_ values: [Double], probability: Double) -> Double {
        precondition(!values.isEmpty, "the quantile of an empty sample is NA")
        precondition((0...1).contains(probability), "a probability lies in [0, 1]")
        let sorted = values.sorted()
        let index = 1 + Double(sorted.count - 1) * probability
        let low = index.rounded(.down)
        let high = index.rounded(.up)
        let lowValue = sorted[Int(low) - 1]
        let highValue = sorted[Int(high) - 1]
        guard index > low, highValue != lowValue else { return lowValue }
        let h = index - low
        return (1 - h) * lowValue + h * highValue
    }
}

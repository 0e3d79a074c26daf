import Foundation

/// Maps data values to pixels along one axis and chooses its ticks.
package struct Scale: Sendable, Hashable {
    /// How values are spaced.
    package enum Kind: Sendable, Hashable {
        case linear
        /// Base 10; the domain must be positive.
        case log
        /// Normal deviates (probit): a probability p at Φ⁻¹(p), as DET curves are drawn; the
        /// domain must lie strictly between 0 and 1.
        case probit
    }

    package var kind: Kind
    package var lower: Double
    package var upper: Double
    /// Pixel positions of `lower` and `upper` (the y axis runs from bottom to top, so `from > to`).
    package var from: Double
    package var to: Double

    package init(_ kind: Kind, domain: ClosedRange<Double>, range: (Double, Double)) {
        precondition(domain.lowerBound.isFinite && domain.upperBound.isFinite, "a scale's domain must be finite")
        precondition(kind == .linear || domain.lowerBound > 0, "a log scale's domain must be positive")
        precondition(kind != .probit || domain.upperBound < 1, "a probit scale's domain lies inside (0, 1)")
        self.kind = kind
        self.lower = domain.lowerBound
        // A one-value domain still needs a width to map onto.
        self.upper = domain.upperBound > domain.lowerBound ? domain.upperBound
            : (kind == .log ? domain.lowerBound * 10 : kind == .probit ? (domain.lowerBound + 1) / 2 : domain.lowerBound + 1)
        self.from = range.0
        self.to = range.1
    }

    /// Whether `value` lies in the domain (and can be drawn at all).
    package func contains(_ value: Double) -> Bool {
        value.isFinite && value >= lower && value <= upper && (kind == .linear || value > 0) && (kind != .probit || value < 1)
    }

    /// The pixel position of `value`, clamped to the domain.
    package func position(_ value: Double) -> Double {
        let fraction: Double
        switch kind {
        case .linear:
            let v = value.isFinite ? min(max(value, lower), upper) : lower
            fraction = (v - lower) / (upper - lower)
        case .log:
            let v = value.isFinite && value > 0 ? min(max(value, lower), upper) : lower
            fraction = (log10(v) - log10(lower)) / (log10(upper) - log10(lower))
        case .probit:
            let v = value.isFinite ? min(max(value, lower), upper) : lower
            fraction = (Scale.probit(v) - Scale.probit(lower)) / (Scale.probit(upper) - Scale.probit(lower))
        }
        return from + fraction * (to - from)
    }

    /// Tick values inside the domain: "nice" steps (1, 2, 2.5, 5 × 10^k) for a linear scale,
    /// powers of ten (with 2 and 5 between them over short ranges) for a log scale.
    package func ticks(target: Int = 5) -> [Double] {
        switch kind {
        case .linear:
            let step = Scale.niceStep(upper - lower, target: target)
            let first = (lower / step).rounded(.up), last = (upper / step).rounded(.down)
            guard first <= last else { return [lower, upper] }
            // Multiples of the step, not a running sum, so no rounding drift creeps in.
            return stride(from: first, through: last, by: 1).map { Scale.clean($0 * step) }
        case .log:
            let firstDecade = Int(log10(lower).rounded(.down)), lastDecade = Int(log10(upper).rounded(.up))
            let multipliers: [Double] = lastDecade - firstDecade <= 2 ? [1, 2, 5] : [1]
            var ticks: [Double] = []
            for decade in firstDecade...lastDecade {
                for multiplier in multipliers {
                    let value = Scale.clean(multiplier * pow(10, Double(decade)))
                    if value >= lower * (1 - 1e-9) && value <= upper * (1 + 1e-9) { ticks.append(value) }
                }
            }
            return ticks
        case .probit:
            return Scale.probitTicks.filter { $0 >= lower * (1 - 1e-9) && $0 <= upper * (1 + 1e-9) }
        }
    }

    /// The ticks of a probit axis: the usual DET grid.
    static let probitTicks = [0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.4, 0.6, 0.8, 0.9, 0.95, 0.98, 0.99]

    /// Φ⁻¹(p), by bisection on the normal CDF (erfc): exact enough to place a pixel.
    static func probit(_ p: Double) -> Double {
        var low = -9.0, high = 9.0
        for _ in 0..<80 {
            let middle = (low + high) / 2
            if 0.5 * erfc(-middle / 2.0.squareRoot()) < p { low = middle } else { high = middle }
        }
        return (low + high) / 2
    }

    /// A probit domain covering `low…high`, widened to ticks of `probitTicks` and kept inside (0, 1).
    package static func probitDomain(_ low: Double, _ high: Double) -> ClosedRange<Double> {
        let lower = probitTicks.last { $0 <= low } ?? probitTicks[0]
        let upper = probitTicks.first { $0 >= high } ?? probitTicks[probitTicks.count - 1]
        return lower...max(upper, probitTicks.first { $0 > lower }!)
    }

    /// Decimals that tell the ticks apart.
    package func tickDigits(target: Int = 5) -> Int {
        switch kind {
        case .linear:
            let step = Scale.niceStep(upper - lower, target: target)
            return Scale.digits(for: step)
        case .log, .probit:
            return max(0, -Int(log10(lower).rounded(.down)))
        }
    }

    /// The step for about `target` intervals over `span`: 1, 2, 2.5 or 5 times a power of ten.
    package static func niceStep(_ span: Double, target: Int) -> Double {
        guard span > 0, span.isFinite, target > 0 else { return 1 }
        let raw = span / Double(target)
        let magnitude = pow(10, log10(raw).rounded(.down))
        let residual = raw / magnitude
        let nice: Double = residual <= 1 ? 1 : residual <= 2 ? 2 : residual <= 2.5 ? 2.5 : residual <= 5 ? 5 : 10
        return nice * magnitude
    }

    /// A domain widened to nice steps: `0…0.87` becomes `0…1`, `0…37` becomes `0…40`.
    package static func niceDomain(_ lower: Double, _ upper: Double, target: Int = 5) -> ClosedRange<Double> {
        guard upper > lower else { return lower...(lower + 1) }
        let step = niceStep(upper - lower, target: target)
        return clean((lower / step).rounded(.down) * step)...clean((upper / step).rounded(.up) * step)
    }

    static func digits(for step: Double) -> Int {
        var digits = 0, scaled = step
        while digits < 9 && (scaled - scaled.rounded()).magnitude > 1e-9 * max(1, scaled.magnitude) {
            scaled *= 10
            digits += 1
        }
        return digits
    }

    /// Removes binary noise such as `0.30000000000000004`, so ticks print and compare cleanly.
    static func clean(_ value: Double) -> Double {
        guard value != 0, value.isFinite else { return 0 }
        // Twelve significant digits; dividing by an exact power of ten (10^0 … 10^22) gives the
        // double nearest to the decimal, which multiplying by a negative power would not.
        let shift = 12 - Int(log10(value.magnitude).rounded(.down))
        guard shift >= 0 else { return value }
        guard shift <= 22 else { return value }
        let power = pow(10, Double(shift))
        return (value * power).rounded() / power
    }
}

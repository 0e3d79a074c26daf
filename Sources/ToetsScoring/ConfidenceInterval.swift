/// A point estimate with a two-sided confidence interval, or the reason there is none.
package struct ConfidenceInterval: Sendable, Hashable, Codable {
    /// The point estimate; nil when undefined.
    package var estimate: Double?
    /// Lower bound; nil when undefined.
    package var lower: Double?
    /// Upper bound; nil when undefined.
    package var upper: Double?
    /// The confidence level, e.g. 0.95.
    package var level: Double
    /// Why a bound is missing or needs a caveat, if so.
    package var note: MetricNote?

    package init(estimate: Double?, lower: Double?, upper: Double?, level: Double, note: MetricNote? = nil) {
        self.estimate = estimate
        self.lower = lower
        self.upper = upper
        self.level = level
        self.note = note
    }

    /// An interval that could not be computed, for the given reason.
    static func undefined(estimate: Double? = nil, level: Double, _ note: MetricNote) -> ConfidenceInterval {
        ConfidenceInterval(estimate: estimate, lower: nil, upper: nil, level: level, note: note)
    }

    /// The Wilson score interval for a binomial proportion `successes / trials`, as statsmodels'
    /// `proportion_confint(method="wilson")`. It stays inside [0, 1] and behaves at 0 and n,
    /// where the normal (Wald) interval collapses.
    package static func wilson(successes: Int, trials: Int, level: Double = 0.95) -> ConfidenceInterval {
        precondition(successes >= 0 && successes <= trials, "successes must lie in 0...trials")
        guard level > 0 && level < 1 else { return .undefined(level: level, .invalidLevel) }
        guard trials > 0 else { return .undefined(level: level, .noItems) }
        let n = Double(trials), proportion = Double(successes) / n
        let z = Distributions.normalQuantile(1 - (1 - level) / 2), z2 = z * z
        let denominator = 1 + z2 / n
        let centre = (proportion + z2 / (2 * n)) / denominator
        let halfWidth = z * (proportion * (1 - proportion) / n + z2 / (4 * n * n)).squareRoot() / denominator
        // At 0 and n the bound is exactly 0 or 1; computed, it misses by a rounding error (6.9e-18).
        return ConfidenceInterval(estimate: proportion, lower: successes == 0 ? 0 : max(0, centre - halfWidth),
                                  upper: successes == trials ? 1 : min(1, centre + halfWidth), level: level)
    }
}

extension ConfidenceInterval {
    /// The Clopper–Pearson ("exact") interval for `successes / trials`, as statsmodels'
    /// `proportion_confint(method="beta")`: Beta(α/2; x, n − x + 1) to Beta(1 − α/2; x + 1, n − x),
    /// 0 at x = 0 and 1 at x = n. It never has zero width, which is why it replaces a bootstrap
    /// interval that collapsed: a resample cannot create an error that never happened.
    package static func clopperPearson(successes: Int, trials: Int, level: Double = 0.95) -> ConfidenceInterval {
        precondition(successes >= 0 && successes <= trials, "successes must lie in 0...trials")
        guard level > 0 && level < 1 else { return .undefined(level: level, .invalidLevel) }
        guard trials > 0 else { return .undefined(level: level, .noItems) }
        let alpha = 1 - level, x = Double(successes), n = Double(trials)
        let lower = successes == 0 ? 0 : Distributions.betaQuantile(alpha / 2, x, n - x + 1)
        let upper = successes == trials ? 1 : Distributions.betaQuantile(1 - alpha / 2, x + 1, n - x)
        return ConfidenceInterval(estimate: x / n, lower: lower, upper: upper, level: level)
    }
}

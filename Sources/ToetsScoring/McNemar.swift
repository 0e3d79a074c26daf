/// The exact McNemar test of two methods judged on the same items.
package struct McNemarTest: Sendable, Hashable, Codable {
    /// Items the first method got right and the second wrong.
    package var onlyFirstCorrect: Int
    /// Items the second method got right and the first wrong.
    package var onlySecondCorrect: Int
    /// min of the two discordant counts (statsmodels' `statistic`).
    package var statistic: Int
    /// Two-sided exact p-value: 2 · P(X ≤ min) for X ~ Binomial(discordant, ½), capped at 1.
    package var pValue: Metric

    /// The test on discordant counts, as statsmodels' `mcnemar(table, exact=True)`. With no
    /// discordant pairs the methods never disagree; p is 1 (as statsmodels) and noted.
    package init(onlyFirstCorrect: Int, onlySecondCorrect: Int) {
        precondition(onlyFirstCorrect >= 0 && onlySecondCorrect >= 0, "counts are not negative")
        self.onlyFirstCorrect = onlyFirstCorrect
        self.onlySecondCorrect = onlySecondCorrect
        statistic = min(onlyFirstCorrect, onlySecondCorrect)
        let discordant = onlyFirstCorrect + onlySecondCorrect
        guard discordant > 0 else {
            pValue = Metric(1, note: .noDiscordantPairs)
            return
        }
        pValue = Metric(min(1, 2 * Distributions.binomialHalfCDF(statistic, trials: discordant)))
    }

    /// The test on per-item correctness of the two methods; the arrays must have the same length.
    package init(firstCorrect: [Bool], secondCorrect: [Bool]) {
        precondition(firstCorrect.count == secondCorrect.count, "the methods were judged on different items")
        var onlyFirst = 0, onlySecond = 0
        for (first, second) in zip(firstCorrect, secondCorrect) where first != second {
            if first { onlyFirst += 1 } else { onlySecond += 1 }
        }
        self.init(onlyFirstCorrect: onlyFirst, onlySecondCorrect: onlySecond)
    }
}

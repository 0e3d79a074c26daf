/// Agreement between annotators of the ground truth.
package enum Agreement {
    /// Krippendorff's alpha for nominal values, missing values allowed (Krippendorff 2011,
    /// "Computing Krippendorff's alpha-reliability"), as the `krippendorff` package's
    /// `alpha(reliability_data, level_of_measurement="nominal")`.
    ///
    /// `ratings[rater][unit]` is the value a rater gave a unit, nil when not rated; every row
    /// covers the same units. Units with fewer than two values cannot be paired and are left out.
    package static func krippendorffAlpha<Value: Hashable>(ratings: [[Value?]]) -> Metric {
        let units = ratings.first?.count ?? 0
        guard ratings.allSatisfy({ $0.count == units }) else { return .undefined(.raggedInput) }
        var valueTotals: [Value: Double] = [:]
        var observedDisagreement = 0.0
        for unit in 0..<units {
            var counts: [Value: Int] = [:]
            for row in ratings { if let value = row[unit] { counts[value, default: 0] += 1 } }
            let m = counts.values.reduce(0, +)
            guard m >= 2 else { continue }
            // Pairs of different values within the unit, each weighted 1 / (m − 1).
            let sameValuePairs = counts.values.reduce(0) { $0 + $1 * $1 }
            observedDisagreement += Double(m * m - sameValuePairs) / Double(m - 1)
            for (value, count) in counts { valueTotals[value, default: 0] += Double(count) }
        }
        guard !valueTotals.isEmpty else { return .undefined(.noPairableValues) }
        // Sum in a fixed order: the total's last bits must not depend on hashing.
        let totals = valueTotals.values.sorted()
        let n = totals.reduce(0, +)
        let expectedDisagreement = n * n - totals.reduce(0) { $0 + $1 * $1 }
        guard expectedDisagreement > 0 else { return .undefined(.singleValueInDomain) }
        return Metric(1 - (n - 1) * observedDisagreement / expectedDisagreement)
    }

    /// Fleiss' kappa, as statsmodels' `fleiss_kappa(table, method="fleiss")`.
    ///
    /// `counts[subject][category]` is how many raters put the subject in the category; every
    /// subject must have the same number of ratings, at least two.
    package static func fleissKappa(counts: [[Int]]) -> Metric {
        guard let first = counts.first else { return .undefined(.noItems) }
        guard counts.allSatisfy({ $0.count == first.count }) else { return .undefined(.raggedInput) }
        let raters = first.reduce(0, +)
        guard counts.allSatisfy({ $0.reduce(0, +) == raters }) else { return .undefined(.unequalRaterCounts) }
        guard raters >= 2 else { return .undefined(.tooFewRaters) }
        let subjects = Double(counts.count), r = Double(raters)
        var categoryTotals = [Double](repeating: 0, count: first.count)
        var meanAgreement = 0.0
        for row in counts {
            let squares = row.reduce(0) { $0 + $1 * $1 }
            meanAgreement += Double(squares - raters) / (r * (r - 1))
            for (category, count) in row.enumerated() { categoryTotals[category] += Double(count) }
        }
        meanAgreement /= subjects
        let chanceAgreement = categoryTotals.reduce(0) { sum, total in
            let share = total / (subjects * r)
            return sum + share * share
        }
        guard chanceAgreement < 1 else { return .undefined(.perfectChanceAgreement) }
        return Metric((meanAgreement - chanceAgreement) / (1 - chanceAgreement))
    }

    /// Ground-truth rows (unit, rater, value) as the two layouts above: `ratings[rater][unit]`
    /// with raters and units sorted, and Fleiss counts per unit over the sorted values (every
    /// unit, whatever its number of ratings; `fleissKappa` refuses unequal counts). A rater who
    /// labels a unit twice counts once, with the later value.
    package static func layouts(rows: [(unit: String, rater: String, value: String)])
        -> (units: [String], raters: [String], values: [String], ratings: [[String?]], counts: [[Int]]) {
        let units = Array(Set(rows.map(\.unit))).sorted()
        let raters = Array(Set(rows.map(\.rater))).sorted()
        let values = Array(Set(rows.map(\.value))).sorted()
        let unitIndex = Dictionary(uniqueKeysWithValues: units.enumerated().map { ($1, $0) })
        let raterIndex = Dictionary(uniqueKeysWithValues: raters.enumerated().map { ($1, $0) })
        let valueIndex = Dictionary(uniqueKeysWithValues: values.enumerated().map { ($1, $0) })
        var ratings = [[String?]](repeating: [String?](repeating: nil, count: units.count), count: raters.count)
        for row in rows { ratings[raterIndex[row.rater]!][unitIndex[row.unit]!] = row.value }
        var counts = [[Int]](repeating: [Int](repeating: 0, count: values.count), count: units.count)
        for rater in ratings.indices {
            for unit in units.indices {
                if let value = ratings[rater][unit] { counts[unit][valueIndex[value]!] += 1 }
            }
        }
        return (units, raters, values, ratings, counts)
    }
}

/// False positives among ordinary accounts: the labelled accounts that are neither campaign
/// accounts nor of a shown kind of legitimate coordination, broken down by platform, activity
/// (posts written, in bands drawn from the data) and language, per method at its own flag.
///
/// The kinds explain some of a method's false positives; this says where the rest fall. A cell
/// holds more than its share when the interval of the method's false-positive rate in it lies
/// wholly above the interval of its rate among the ordinary accounts outside it (a conservative
/// test: intervals that merely differ claim nothing). A false positive in such a cell counts as
/// explained by that breakdown; one in no such cell of any breakdown stays unexplained.
///
/// Disclosure follows the report's one minimum cell: a cell whose accounts, flagged or unflagged
/// accounts number 1 to `minCell` − 1 is held back, and so are further cells (smallest first)
/// until what is held back sums to 0 or at least `minCell` and is more than one cell, so that no
/// held-back count can be recovered by subtracting the shown cells from the total. Where the
/// strata table publishes the same dimension, a cell is also held back when its difference from
/// the strata cell (the legitimate coordination in it) would be such a count. A method whose held-back cells of the
/// kinds table sum to such a count shows nothing here, since its ordinary total would reveal them.
/// Accounts of kinds too few to show are counted with the ordinary accounts for the same reason.
package struct OrdinaryErrors: Sendable {
    /// A way to break the ordinary accounts down.
    package enum Breakdown: String, CaseIterable, Sendable {
        case platform, activity, language
    }

    /// Accounts that wrote from `lower` to `upper` posts (no upper bound: `lower` or more).
    package struct Band: Sendable, Equatable {
        package var lower: Int
        package var upper: Int?

        /// `2-5`, `4`, `9+`: the cell's name in the results.
        package var name: String {
            guard let upper else { return "\(lower)+" }
            return upper == lower ? "\(lower)" : "\(lower)-\(upper)"
        }
    }

    /// One method's false positives in one cell of a breakdown.
    package struct Cell: Sendable {
        /// The published counts of a cell, and how its rate compares with the rest.
        package struct Counts: Sendable {
            package var accounts: Int
            package var falsePositives: Int
            package var rate: Figure
            /// The ordinary accounts outside the cell, and those of them the method flagged.
            package var elsewhereAccounts: Int
            package var elsewhereFalsePositives: Int
            /// Nil when the cell holds every ordinary account.
            package var elsewhereRate: Figure?
            /// Whether the cell's interval lies wholly above the interval elsewhere.
            package var moreThanElsewhere: Bool
        }

        package var name: String
        /// Nil when held back.
        package var counts: Counts?
    }

    /// One breakdown of one method's false positives.
    package struct Part: Sendable {
        package var breakdown: Breakdown
        package var cells: [Cell]
        /// False positives in the cells that hold more than their share.
        package var explained: Int
    }

    /// One method's false positives among the ordinary accounts.
    package struct MethodErrors: Sendable {
        package var method: String
        /// Nil when held back (see the type's comment).
        package var falsePositives: Int?
        package var parts: [Part]
        /// False positives in no cell that holds more than its share; nil when held back.
        package var unexplained: Int?
    }

    /// Ordinary accounts, and how many of them are of kinds too few to show.
    package var accounts: Int
    package var accountsOfHiddenKinds: Int
    /// The activity bands, lowest first; empty without posts.
    package var bands: [Band]
    /// In the order of the evaluation set's columns.
    package var methods: [MethodErrors]

    /// The ordinary false positives of every method in `set`; without `strata` (no posts), the
    /// totals alone.
    package init(_ set: EvaluationSet, errors: ErrorAnalysis, strata: AccountStrata?, minimum: Int, level: Double) {
        let pool = set.accounts.indices.filter { !set.truth[$0] && errors.itemKinds[$0] < 0 }
        accounts = pool.count
        accountsOfHiddenKinds = pool.count { set.coordination[$0] != nil }
        func publishable(_ count: Int) -> Bool { Disclosure.publishable(count, minCell: minimum) }

        // Per breakdown: its cell names, each pool account's cell (−1: in none shown), and, where
        // the strata table shows the dimension, each cell's negatives there.
        var plans: [(breakdown: Breakdown, names: [String], cellOf: [Int], strataItems: [[Int]]?)] = []
        var bands: [Band] = []
        if let strata {
            for breakdown in Breakdown.allCases {
                if breakdown == .activity {
                    bands = Self.bands(pool.map { strata.postCounts[set.accounts[$0]] ?? 0 }, minimum: minimum)
                    guard bands.count > 1 else { bands = []; continue }
                    let cellOf = pool.map { item in
                        let posts = strata.postCounts[set.accounts[item]] ?? 0
                        return bands.lastIndex { $0.lower <= posts } ?? 0
                    }
                    plans.append((breakdown, bands.map(\.name), cellOf, nil))
                    continue
                }
                let dimension = AccountStrata.Dimension(rawValue: breakdown.rawValue)!
                guard strata.values[dimension] != nil else { continue }
                let plan = StratumPlan(dimension: breakdown.rawValue,
                                       itemValues: set.accounts.map { strata.value(dimension, of: $0) }, minimum: minimum)
                guard !plan.cells.isEmpty else { continue }
                let shownInStrata = set.strata.contains { $0.dimension == breakdown.rawValue }
                let strataItems: [[Int]]? = shownInStrata ? plan.cells.indices.map { cell in
                    set.accounts.indices.filter { !set.truth[$0] && plan.itemCells[$0] == cell }
                } : nil
                plans.append((breakdown, plan.cells, pool.map { Int(plan.itemCells[$0]) }, strataItems))
            }
        }
        self.bands = bands

        methods = set.columns.indices.map { method in
            let flagged = set.columns[method].flagged
            let total = pool.count { flagged[$0] }
            // Held-back cells of the kinds table: the ordinary total would give away their sum.
            let heldKinds = errors.kinds.filter { !publishable($0.falsePositives[method])
                || !publishable($0.accounts - $0.falsePositives[method]) }
            let heldFlagged = heldKinds.reduce(0) { $0 + $1.falsePositives[method] }
            let heldOthers = heldKinds.reduce(0) { $0 + $1.accounts - $1.falsePositives[method] }
            guard publishable(heldFlagged), publishable(heldOthers), publishable(total), publishable(pool.count - total) else {
                return MethodErrors(method: set.columns[method].name, falsePositives: nil, parts: [], unexplained: nil)
            }
            var explainedPositions = [Bool](repeating: false, count: pool.count)
            let parts = plans.map { plan -> Part in
                var part = Self.part(plan.breakdown, names: plan.names, cellOf: plan.cellOf, pool: pool, flagged: flagged,
                                     strataItems: plan.strataItems, minimum: minimum, level: level)
                for cell in part.cells where cell.counts?.moreThanElsewhere == true {
                    let index = plan.names.firstIndex(of: cell.name)!
                    for position in pool.indices where plan.cellOf[position] == index && flagged[pool[position]] {
                        explainedPositions[position] = true
                    }
                    part.explained += cell.counts!.falsePositives
                }
                return part
            }
            let unexplained = total - explainedPositions.count { $0 }
            return MethodErrors(method: set.columns[method].name, falsePositives: total, parts: parts,
                                unexplained: publishable(unexplained) ? unexplained : nil)
        }
    }

    /// One breakdown of one method: counts per cell, held back where small (see the type's comment).
    static func part(_ breakdown: Breakdown, names: [String], cellOf: [Int], pool: [Int], flagged: [Bool],
                     strataItems: [[Int]]?, minimum: Int, level: Double) -> Part {
        func publishable(_ count: Int) -> Bool { Disclosure.publishable(count, minCell: minimum) }
        var accounts = [Int](repeating: 0, count: names.count), hits = accounts
        var outsideAccounts = 0, outsideHits = 0
        for (position, item) in pool.enumerated() {
            let cell = cellOf[position]
            let hit = flagged[item] ? 1 : 0
            if cell < 0 {
                outsideAccounts += 1
                outsideHits += hit
            } else {
                accounts[cell] += 1
                hits[cell] += hit
            }
        }
        let total = hits.reduce(outsideHits, +), all = pool.count
        var held = names.indices.map { cell in
            var small = !publishable(accounts[cell]) || !publishable(hits[cell]) || !publishable(accounts[cell] - hits[cell])
            if let strataItems {
                // What the strata cell holds beyond the ordinary accounts: legitimate coordination.
                let negatives = strataItems[cell].count, strataHits = strataItems[cell].count { flagged[$0] }
                small = small || !publishable(negatives - accounts[cell]) || !publishable(strataHits - hits[cell])
                    || !publishable(negatives - strataHits - (accounts[cell] - hits[cell]))
            }
            return small
        }
        while true {
            let heldHits = names.indices.reduce(outsideHits) { $0 + (held[$1] ? hits[$1] : 0) }
            let heldAccounts = names.indices.reduce(outsideAccounts) { $0 + (held[$1] ? accounts[$1] : 0) }
            // One held cell alone would be the total minus the rest: it needs a companion.
            let heldCells = names.indices.count { held[$0] && accounts[$0] > 0 } + (outsideAccounts > 0 ? 1 : 0)
            if publishable(heldHits) && publishable(heldAccounts - heldHits) && heldCells != 1 { break }
            let candidates = names.indices.filter { !held[$0] && accounts[$0] > 0 }
            guard let smallest = candidates.min(by: { accounts[$0] != accounts[$1] ? accounts[$0] < accounts[$1] : $0 < $1 })
            else { break }
            held[smallest] = true
        }
        func rate(_ successes: Int, _ trials: Int) -> Figure {
            Figure(value: Double(successes) / Double(trials), wilson: .wilson(successes: successes, trials: trials, level: level),
                   proportion: (successes, trials)).shown(level: level, fewClusters: false)
        }
        let cells = names.indices.filter { accounts[$0] > 0 }.map { cell -> Cell in
            guard !held[cell] else { return Cell(name: names[cell], counts: nil) }
            let here = rate(hits[cell], accounts[cell])
            let elsewhereAccounts = all - accounts[cell], elsewhereHits = total - hits[cell]
            let elsewhere = elsewhereAccounts > 0 ? rate(elsewhereHits, elsewhereAccounts) : nil
            let above = here.shown.flatMap { here in elsewhere?.shown.map { here.lower > $0.upper } } ?? false
            return Cell(name: names[cell], counts: Cell.Counts(
                accounts: accounts[cell], falsePositives: hits[cell], rate: here, elsewhereAccounts: elsewhereAccounts,
                elsewhereFalsePositives: elsewhereHits, elsewhereRate: elsewhere, moreThanElsewhere: above))
        }
        return Part(breakdown: breakdown, cells: cells, explained: 0)
    }

    /// Activity bands from the posts each ordinary account wrote: cut at the thirds of the
    /// accounts (the lowest third, the middle, the highest), a band with fewer than `minimum`
    /// accounts merged into its neighbour. Each band starts at the fewest posts written in it.
    static func bands(_ posts: [Int], minimum: Int) -> [Band] {
        guard !posts.isEmpty else { return [] }
        let sorted = posts.sorted()
        var uppers: [Int] = []
        for third in [1, 2] {
            let cut = sorted[max(0, (sorted.count * third + 2) / 3 - 1)]
            if cut < sorted.last!, !uppers.contains(cut) { uppers.append(cut) }
        }
        // A band starts at the fewest posts an account in it wrote.
        var bands: [Band] = []
        var lower = sorted[0]
        for upper in uppers {
            bands.append(Band(lower: lower, upper: upper))
            lower = sorted.first { $0 > upper }!
        }
        bands.append(Band(lower: lower, upper: nil))
        func size(_ band: Band) -> Int { sorted.count { posts in posts >= band.lower && posts <= (band.upper ?? Int.max) } }
        while bands.count > 1, let small = bands.indices.first(where: { size(bands[$0]) < minimum }) {
            // Merge with the next band, or the previous one for the last.
            let other = small + 1 < bands.count ? small + 1 : small - 1
            let (first, second) = (min(small, other), max(small, other))
            bands[first] = Band(lower: bands[first].lower, upper: bands[second].upper)
            bands.remove(at: second)
        }
        return bands
    }
}

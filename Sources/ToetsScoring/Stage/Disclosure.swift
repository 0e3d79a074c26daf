/// Disclosure control of everything the score stage publishes: one minimum cell size.
///
/// A count of accounts from 1 to `minCell` − 1 in any published cell (a stratum, a kind of
/// legitimate coordination, a set of methods, a campaign, a histogram bin) could single people
/// out, or hand anyone who holds a method's flags the annotators' verdict on them; such a count
/// is not published, nor any figure it could be recovered from. A zero is published: it names
/// nobody. Curves are published only at points with at least `minCell` campaign and `minCell`
/// other accounts between any two of them (`PublishedCurves`). A method's figures at its own
/// flag, among its k highest scores and at the false-positive budget are the evaluation's
/// results and are published whatever their size; they say how many of those accounts were
/// campaign accounts, not which, unless all of them are of one label (precision 1 or 0): then
/// whoever holds the method's scores, and knows the accounts are labelled, can read their labels
/// off it. `pureSets` names each such set, so that the report can say so.
package struct Disclosure: Sendable {
    /// A published set of one method's accounts whose labelled accounts are all of one label.
    package struct PureSet: Sendable, Equatable {
        package var method: String
        /// `own-flag`, `top-K` or `fp-budget`.
        package var set: String
    }

    package var minCell: Int
    /// The smallest count of accounts in any published cell (0s aside); nil when none.
    package var smallestPublishedCell: Int?
    /// Cells not published because they held fewer than `minCell` accounts.
    package var suppressedCells: Int
    package var pureSets: [PureSet]

    /// Whether a count may be published.
    package static func publishable(_ count: Int, minCell: Int) -> Bool { count == 0 || count >= minCell }
}

extension Scorecard {
    /// The cells a campaign-recall row publishes (its accounts, found and missed), if it may.
    func campaignRowPublishable(_ row: CampaignRecall) -> Bool {
        row.accounts >= settings.minCell && Disclosure.publishable(row.flagged, minCell: settings.minCell)
            && Disclosure.publishable(row.accounts - row.flagged, minCell: settings.minCell)
    }

    /// The ledger of what was published and held back.
    package var disclosure: Disclosure {
        let k = settings.minCell
        var published: [Int] = []
        var suppressed = 0
        func consider(_ count: Int) {
            if Disclosure.publishable(count, minCell: k) { if count > 0 { published.append(count) } } else { suppressed += 1 }
        }
        for stratum in strata {
            published.append(stratum.size)
            for score in stratum.scores { consider(score.counts.falsePositives); consider(score.counts.flagged) }
        }
        for kind in errors.kinds {
            published.append(kind.accounts)
            kind.falsePositives.forEach(consider)
        }
        for set in errors.overlap { consider(set.campaignAccounts); consider(set.otherAccounts) }
        for planting in planted {
            consider(planting.contacts)
            for method in planting.methods {
                consider(method.changed); consider(method.changedContacts); consider(method.changed - method.changedContacts)
            }
        }
        for method in ordinary.methods {
            guard method.falsePositives != nil else { suppressed += 1; continue }
            for part in method.parts {
                for cell in part.cells {
                    guard let counts = cell.counts else { suppressed += 1; continue }
                    published.append(counts.accounts)
                    consider(counts.falsePositives)
                }
            }
        }
        for method in methods {
            for (row, _) in method.groups.campaignRecall {
                if campaignRowPublishable(row) { published.append(min(row.accounts, row.flagged > 0 ? row.flagged : row.accounts)) }
                else { suppressed += 1 }
            }
            for bin in method.reliability.bins where bin.count > 0 { consider(bin.count) }
            if let stretch = method.published.smallestStretch { published.append(stretch) }
        }
        var pure: [Disclosure.PureSet] = []
        for method in methods {
            func isPure(_ counts: ConfusionCounts) -> Bool {
                counts.flagged > 0 && (counts.falsePositives == 0 || counts.truePositives == 0)
            }
            if isPure(method.overall.counts) { pure.append(.init(method: method.name, set: "own-flag")) }
            for top in method.topK where top.precision.value == 1 || top.precision.value == 0 {
                pure.append(.init(method: method.name, set: "top-\(top.k)"))
            }
            if isPure(method.budget.counts) { pure.append(.init(method: method.name, set: "fp-budget")) }
        }
        return Disclosure(minCell: k, smallestPublishedCell: published.filter { $0 > 0 }.min(), suppressedCells: suppressed,
                          pureSets: pure)
    }
}

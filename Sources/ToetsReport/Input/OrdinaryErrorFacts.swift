/// False positives among ordinary accounts (neither campaign accounts nor of a shown kind of
/// legitimate coordination), per method, by platform, activity and language: the results'
/// `error_analysis.ordinary`.
package struct OrdinaryErrorFacts: Sendable, Hashable, Codable {
    /// Accounts that wrote from `lower` to `upper` posts; no upper: `lower` or more.
    package struct Band: Sendable, Hashable, Codable {
        package var name: String
        package var lower: Int
        package var upper: Int?

        package init(name: String, lower: Int, upper: Int?) {
            self.name = name
            self.lower = lower
            self.upper = upper
        }
    }

    /// One method's false positives in one cell; the counts are nil when held back.
    package struct Cell: Sendable, Hashable, Codable {
        package var name: String
        package var accounts: Int?
        package var falsePositives: Int?
        package var rate: Estimate
        /// The ordinary accounts outside the cell, those flagged, and their rate.
        package var elsewhereAccounts: Int?
        package var elsewhereFalsePositives: Int?
        package var elsewhereRate: Estimate
        /// Whether the cell's interval lies wholly above the interval elsewhere.
        package var moreThanElsewhere: Bool

        package init(name: String, accounts: Int? = nil, falsePositives: Int? = nil, rate: Estimate = Estimate(nil),
                     elsewhereAccounts: Int? = nil, elsewhereFalsePositives: Int? = nil, elsewhereRate: Estimate = Estimate(nil),
                     moreThanElsewhere: Bool = false) {
            self.name = name
            self.accounts = accounts
            self.falsePositives = falsePositives
            self.rate = rate
            self.elsewhereAccounts = elsewhereAccounts
            self.elsewhereFalsePositives = elsewhereFalsePositives
            self.elsewhereRate = elsewhereRate
            self.moreThanElsewhere = moreThanElsewhere
        }
    }

    /// One breakdown (`platform`, `activity`, `language`) of one method's false positives.
    package struct Part: Sendable, Hashable, Codable {
        package var breakdown: String
        /// False positives in cells that hold more than their share.
        package var explained: Int
        package var cells: [Cell]

        package init(breakdown: String, explained: Int, cells: [Cell]) {
            self.breakdown = breakdown
            self.explained = explained
            self.cells = cells
        }
    }

    /// One method: its false positives among ordinary accounts (nil when held back), how they break
    /// down, and how many fall in no cell that holds more than its share (nil when too few to publish).
    package struct Method: Sendable, Hashable, Codable {
        package var method: String
        package var falsePositives: Int?
        package var unexplained: Int?
        package var parts: [Part]

        package init(method: String, falsePositives: Int?, unexplained: Int?, parts: [Part]) {
            self.method = method
            self.falsePositives = falsePositives
            self.unexplained = unexplained
            self.parts = parts
        }
    }

    /// Ordinary accounts, of which this many are of kinds too few to show.
    package var accounts: Int
    package var accountsOfHiddenKinds: Int
    package var bands: [Band]
    package var methods: [Method]

    package init(accounts: Int, accountsOfHiddenKinds: Int = 0, bands: [Band] = [], methods: [Method]) {
        self.accounts = accounts
        self.accountsOfHiddenKinds = accountsOfHiddenKinds
        self.bands = bands
        self.methods = methods
    }
}

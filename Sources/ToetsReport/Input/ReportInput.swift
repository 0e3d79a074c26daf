import ToetsModel

/// Everything the reports show, as plain values: the one contract between the score results
/// (and the anonymise, ingest and provenance records) and the report templates.
///
/// The report stage maps its inputs into this model and hands it to `ReportBundle`; the
/// templates never read a results file themselves, so the results schema can change without
/// touching a template. It holds no raw identifiers and no post texts: accounts appear only as
/// counts. Lists are rendered in the order given; the mapping sorts them.
package struct ReportInput: Sendable, Hashable, Codable {
    /// Bumped whenever a field changes meaning or disappears.
    /// 2: `anonymisation` and `ingest` may be absent (the run carried no such report).
    /// 3: the decision rule's outcome, the sampling design, population estimates, the disclosure
    /// ledger, comparisons of the primary metric by its own test, each method's flags and warnings.
    /// 4: `run.simulatedData`; declared texts (teams, summaries, operating points, sources,
    /// labelling, interval method, notes) carry their Dutch form.
    /// 5: `governance`: the pipeline's governance declaration and the source files upstream.
    package static let schemaVersion = 5

    package var schemaVersion: Int
    package var run: RunFacts
    package var groundTruth: GroundTruthFacts
    package var methods: [MethodFacts]
    /// Every pair of methods, tested on the same accounts.
    package var comparisons: [Comparison]
    /// Per stratum cell and method; cells below the suppression threshold are marked, not left out.
    package var strata: [StratumCell]
    package var campaigns: [CampaignRecall]
    /// False positives by the kind of legitimate coordination the labels name.
    package var legitimateCoordination: [LegitimateCoordinationCount]
    /// Accounts of kinds too small to show, even pooled (counted, never broken down).
    package var legitimateCoordinationHidden = 0
    /// Labelled accounts by the exact set of methods that flagged them.
    package var overlap: [OverlapRow]
    /// False positives among ordinary accounts by platform, activity and language; nil when the
    /// results carry none.
    package var ordinaryErrors: OrdinaryErrorFacts?
    /// Nil when the report stage had no anonymise report among its inputs: shown as not available.
    package var anonymisation: AnonymisationFacts?
    /// Nil when it had no ingest report (an evaluation stage may not need an ingest stage directly).
    package var ingest: IngestFacts?
    package var reproducibility: ReproducibilityFacts
    /// Caveats recorded by the run, shown as written (after the identifier guard).
    package var notes: [DeclaredText]
    /// What the pre-registered decision rule decided; nil when the pipeline declared none.
    package var decision: DecisionFacts?
    /// What disclosure control held back.
    package var disclosure: DisclosureFacts?
    /// Rank stability, sweeps and planted campaigns; nil for results that carry none.
    package var robustness: RobustnessFacts?
    /// Who is responsible, on which legal basis, and how the data were collected, as declared.
    package var governance = GovernanceFacts()

    package init(run: RunFacts, groundTruth: GroundTruthFacts, methods: [MethodFacts], comparisons: [Comparison],
                 strata: [StratumCell], campaigns: [CampaignRecall],
                 legitimateCoordination: [LegitimateCoordinationCount], overlap: [OverlapRow],
                 anonymisation: AnonymisationFacts?, ingest: IngestFacts?, reproducibility: ReproducibilityFacts,
                 notes: [DeclaredText] = []) {
        self.schemaVersion = ReportInput.schemaVersion
        self.run = run
        self.groundTruth = groundTruth
        self.methods = methods
        self.comparisons = comparisons
        self.strata = strata
        self.campaigns = campaigns
        self.legitimateCoordination = legitimateCoordination
        self.overlap = overlap
        self.anonymisation = anonymisation
        self.ingest = ingest
        self.reproducibility = reproducibility
        self.notes = notes
    }

    /// The method called `name`, if any.
    package func method(named name: String) -> MethodFacts? {
        methods.first { $0.name == name }
    }
}

/// A point estimate with its interval, or the reason there is none.
package struct Estimate: Sendable, Hashable, Codable {
    /// Nil when the figure is undefined (no flagged accounts, no positives, …).
    package var value: Double?
    package var lower: Double?
    package var upper: Double?
    /// Why the value or an interval bound is missing, or a caveat about it, in a few words.
    package var note: String?
    /// Which interval the bounds are: `bca`, `percentile`, `wilson`, `clopper-pearson` (exact,
    /// where the bootstrap degenerated) or `bootstrap-and-clopper-pearson`; nil when not known.
    package var intervalKind: String?
    /// Whether the interval rests on fewer campaign clusters than the minimum.
    package var fewClusters: Bool

    package init(_ value: Double?, lower: Double? = nil, upper: Double? = nil, note: String? = nil,
                 intervalKind: String? = nil, fewClusters: Bool = false) {
        // Non-finite numbers never reach a chart or a sentence: they become "undefined".
        self.value = value.flatMap { $0.isFinite ? $0 : nil }
        self.lower = lower.flatMap { $0.isFinite ? $0 : nil }
        self.upper = upper.flatMap { $0.isFinite ? $0 : nil }
        self.note = note
        self.intervalKind = intervalKind
        self.fewClusters = fewClusters
    }

    /// Whether the interval shown is the exact Clopper–Pearson one.
    package var isExact: Bool { intervalKind == "clopper-pearson" }

    /// The estimate scaled by `factor` (rates per 1,000), bounds too.
    package func scaled(_ factor: Double) -> Estimate {
        Estimate(value.map { $0 * factor }, lower: lower.map { $0 * factor }, upper: upper.map { $0 * factor }, note: note,
                 intervalKind: intervalKind, fewClusters: fewClusters)
    }

    /// An undefined figure, with the reason.
    package static func undefined(_ note: String) -> Estimate { Estimate(nil, note: note) }

    /// Whether both interval bounds are known.
    package var hasInterval: Bool { lower != nil && upper != nil }
}

/// A name with a count, for tables of reasons, formats, replaced identifier kinds, ….
package struct NamedCount: Sendable, Hashable, Codable {
    package var name: String
    package var count: Int

    package init(_ name: String, _ count: Int) {
        self.name = name
        self.count = count
    }
}

/// A name with a text value (seeds, kept fields, generalisations).
package struct NamedValue: Sendable, Hashable, Codable {
    package var name: String
    package var value: String

    package init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }
}

/// An artefact or file and the SHA-256 of its bytes.
package struct NamedDigest: Sendable, Hashable, Codable {
    package var name: String
    package var digest: Digest

    package init(_ name: String, _ digest: Digest) {
        self.name = name
        self.digest = digest
    }
}

/// A day range (ISO dates, `YYYY-MM-DD`): the period of a data set, never a post's time.
package struct DayRange: Sendable, Hashable, Codable {
    package var first: String
    package var last: String

    package init(first: String, last: String) {
        self.first = first
        self.last = last
    }
}

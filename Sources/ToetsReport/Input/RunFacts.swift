/// What the run was and how its figures were computed.
package struct RunFacts: Sendable, Hashable, Codable {
    package var pipeline: String
    package var runID: String
    /// The day the report was made (`YYYY-MM-DD`), a parameter so that output stays byte-identical.
    package var date: String
    /// The confidence level of every interval, e.g. 0.95.
    package var intervalLevel: Double
    /// How intervals were computed, in a few words (`percentile bootstrap, 2000 resamples`).
    package var intervalMethod: DeclaredText
    /// The independent unit that was resampled (`account`, `campaign`).
    package var resamplingUnit: String
    /// Cells with fewer labelled accounts than this are suppressed.
    package var suppressionThreshold: Int
    /// Significance level of the pairwise tests, after Holm's correction.
    package var alpha: Double
    /// Resampling units holding a campaign account, and the minimum below which intervals carry a caveat.
    package var campaignClusters = 0
    package var minClusters = 20
    /// The labelled sample by inclusion probability; empty without a sampling design.
    package var design: [DesignLevel] = []
    /// The design-weighted share of campaign accounts; nil without a design.
    package var populationPrevalence: Estimate?
    /// Whether a data or ground-truth stage declares its data simulated (`about: {simulated: true}`).
    package var simulatedData = false

    /// Whether intervals rest on fewer campaign clusters than the minimum.
    package var fewClusters: Bool { campaignClusters > 0 && campaignClusters < minClusters }

    package init(pipeline: String, runID: String, date: String, intervalLevel: Double, intervalMethod: DeclaredText,
                 resamplingUnit: String, suppressionThreshold: Int, alpha: Double) {
        self.pipeline = pipeline
        self.runID = runID
        self.date = date
        self.intervalLevel = intervalLevel
        self.intervalMethod = intervalMethod
        self.resamplingUnit = resamplingUnit
        self.suppressionThreshold = suppressionThreshold
        self.alpha = alpha
    }
}

/// The ground truth, as a datasheet describes a data set.
package struct GroundTruthFacts: Sendable, Hashable, Codable {
    /// Where the labels come from (organisations, earlier takedowns, …).
    package var sources: [DeclaredText]
    package var period: DayRange
    /// How labelling was done, in a sentence or two.
    package var labelling: DeclaredText
    package var annotators: Int
    /// Agreement statistics by name (`Krippendorff's alpha (label)`, …).
    package var agreement: [NamedEstimate]
    package var positives: Int
    package var negatives: Int
    /// Labelled but without a majority decision.
    package var undecided: Int
    /// Accounts in the data with no label: unknown, not negative.
    package var unlabelled: Int
    package var campaigns: Int

    package init(sources: [DeclaredText], period: DayRange, labelling: DeclaredText, annotators: Int, agreement: [NamedEstimate],
                 positives: Int, negatives: Int, undecided: Int, unlabelled: Int, campaigns: Int) {
        self.sources = sources
        self.period = period
        self.labelling = labelling
        self.annotators = annotators
        self.agreement = agreement
        self.positives = positives
        self.negatives = negatives
        self.undecided = undecided
        self.unlabelled = unlabelled
        self.campaigns = campaigns
    }

    /// Accounts with a decided label.
    package var labelled: Int { positives + negatives }

    /// Campaign accounts among the decided labels: the baseline precision of flagging at random.
    package var prevalence: Double? {
        labelled > 0 ? Double(positives) / Double(labelled) : nil
    }
}

/// An estimate with its name.
package struct NamedEstimate: Sendable, Hashable, Codable {
    package var name: String
    package var estimate: Estimate

    package init(_ name: String, _ estimate: Estimate) {
        self.name = name
        self.estimate = estimate
    }
}

/// What the anonymise stage did (its report, reduced to facts a reader needs).
package struct AnonymisationFacts: Sendable, Hashable, Codable {
    /// The pseudonymisation key's id (never the key).
    package var keyID: String
    package var pseudonymFormat: String
    package var posts: Int
    package var accounts: Int
    /// Identifiers replaced by pseudonyms, by kind.
    package var replaced: [NamedCount]
    /// Personal data in texts replaced by typed tokens, by kind.
    package var textReplaced: [NamedCount]
    package var kept: [String]
    package var dropped: [String]
    /// Field and how it was generalised.
    package var generalised: [NamedValue]
    package var k: Int
    package var kAnonymityLevel: String
    package var accountsSuppressed: Int

    package init(keyID: String, pseudonymFormat: String, posts: Int, accounts: Int, replaced: [NamedCount],
                 textReplaced: [NamedCount], kept: [String], dropped: [String], generalised: [NamedValue], k: Int,
                 kAnonymityLevel: String, accountsSuppressed: Int) {
        self.keyID = keyID
        self.pseudonymFormat = pseudonymFormat
        self.posts = posts
        self.accounts = accounts
        self.replaced = replaced
        self.textReplaced = textReplaced
        self.kept = kept
        self.dropped = dropped
        self.generalised = generalised
        self.k = k
        self.kAnonymityLevel = kAnonymityLevel
        self.accountsSuppressed = accountsSuppressed
    }
}

/// What the ingest stage read and refused.
package struct IngestFacts: Sendable, Hashable, Codable {
    package var archives: Int
    package var entries: Int
    /// Posts written per source format.
    package var formats: [NamedCount]
    /// Posts written per platform.
    package var platforms: [NamedCount]
    package var period: DayRange
    package var records: Int
    package var postsWritten: Int
    package var duplicatesDropped: Int
    package var quarantined: Int
    package var quarantineReasons: [NamedCount]

    package init(archives: Int, entries: Int, formats: [NamedCount], platforms: [NamedCount], period: DayRange,
                 records: Int, postsWritten: Int, duplicatesDropped: Int, quarantined: Int,
                 quarantineReasons: [NamedCount]) {
        self.archives = archives
        self.entries = entries
        self.formats = formats
        self.platforms = platforms
        self.period = period
        self.records = records
        self.postsWritten = postsWritten
        self.duplicatesDropped = duplicatesDropped
        self.quarantined = quarantined
        self.quarantineReasons = quarantineReasons
    }
}

/// What another person needs to redo the run and check they got the same bytes.
package struct ReproducibilityFacts: Sendable, Hashable, Codable {
    package var toolVersion: String
    package var commit: String
    /// The exact command line.
    package var command: String
    /// CPU, cores, memory, operating system, Swift version.
    package var hardware: [NamedValue]
    package var seeds: [Seed]
    package var inputs: [NamedDigest]
    package var outputs: [NamedDigest]
    /// Wall-clock seconds per stage.
    package var timings: [StageTiming]

    package init(toolVersion: String, commit: String, command: String, hardware: [NamedValue], seeds: [Seed],
                 inputs: [NamedDigest], outputs: [NamedDigest], timings: [StageTiming]) {
        self.toolVersion = toolVersion
        self.commit = commit
        self.command = command
        self.hardware = hardware
        self.seeds = seeds
        self.inputs = inputs
        self.outputs = outputs
        self.timings = timings
    }
}

/// How long a stage took, and the run that computed it: that run itself, or the earlier run whose
/// result it reused. A rerun that reuses everything thus publishes the same annex as the run that
/// computed it, and its documents can be copied instead of rendered again.
package struct StageTiming: Sendable, Hashable, Codable {
    package var stage: String
    package var seconds: Double
    package var run: Int64

    package init(stage: String, seconds: Double, run: Int64) {
        self.stage = stage
        self.seconds = seconds
        self.run = run
    }
}

/// A random seed, by the parameter that set it.
package struct Seed: Sendable, Hashable, Codable {
    package var name: String
    package var value: UInt64

    package init(_ name: String, _ value: UInt64) {
        self.name = name
        self.value = value
    }
}

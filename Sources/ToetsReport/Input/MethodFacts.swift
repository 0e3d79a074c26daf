import ToetsModel

/// One evaluated method: its declaration (the method card) and its scores.
package struct MethodFacts: Sendable, Hashable, Codable {
    package static let builtIn = "built-in"
    package static let external = "external"

    /// The stage name in the pipeline, e.g. `coortweet`; also the label in every chart.
    package var name: String
    /// Who proposed or maintains it (a team or organisation, never a private person's handle).
    package var team: DeclaredText
    package var version: String
    /// `built-in` or `external` (`MethodFacts.builtIn`, `.external`); empty when not declared.
    package var kind: String
    /// The built-in kind and its implementation version (`method/coortweet v1`), or the command.
    package var implementation: String
    /// What it does, in a sentence or two.
    package var summary: DeclaredText
    /// The code files it declares (external methods) or the implementation it runs (built-in).
    package var codeDigests: [NamedDigest]
    /// Its parameters as declared under `with:`, canonical JSON per leaf.
    package var parameters: [ParameterLeaf]
    package var operatingPoint: OperatingPointFacts
    /// Whether its scores are probabilities, so that calibration means something.
    package var probabilities: Bool
    /// Whether it learns from data (the register asks); nil when the team has not said.
    package var selfLearning: Bool?
    /// True when an external method ran without the sandbox (`toets run --unsandboxed`); nil
    /// otherwise.
    package var ranUnsandboxed: Bool?
    /// The post fields it declared (`fields:`) and so alone received; nil: every field.
    package var postFields: [String]?
    /// The OCI image an external method ran in (`oci-archive sha256:…` or a pinned reference);
    /// nil when it ran in the host's system.
    package var image: String?
    /// Labelled accounts it gave a score to, and those it left out.
    package var accountsScored: Int
    package var accountsMissing: Int
    package var metrics: HeadlineMetrics
    /// Recall on x, precision on y, in the order of falling threshold.
    package var precisionRecall: [CurvePoint]
    /// False-positive rate on x, miss rate on y; empty when the scores are only flags.
    package var detectionErrorTradeoff: [CurvePoint]
    /// Empty unless `probabilities`.
    package var calibration: [CalibrationBin]
    package var precisionAtK: [PrecisionAtKFacts]
    /// Accounts it flagged, labelled or not.
    package var flags = 0
    /// Warnings about it on these data (`operating-point-flags-nothing`).
    package var warnings: [String] = []
    /// Design-weighted estimates, when the labels carry a sampling design.
    package var population: PopulationFacts?
    /// Its precision if the unlabelled accounts it flagged were legitimate, or campaign accounts.
    package var unknowns: UnknownsFacts?

    /// Whether its declared operating point flags no account on these data.
    package var flagsNothing: Bool { warnings.contains("operating-point-flags-nothing") }

    /// The figures sentences state: design-weighted where the labels carry a sampling design,
    /// since a natural frequency speaks of the accounts a method would meet, not of the sample.
    package var statedPrecision: Estimate { population?.precision ?? metrics.precision }
    package var statedRecall: Estimate { population?.recall ?? metrics.recall }
    package var statedFalsePositiveRate: Estimate { population?.falsePositiveRate ?? metrics.falsePositiveRate }

    package init(name: String, team: DeclaredText, version: String, kind: String, implementation: String = "", summary: DeclaredText,
                 codeDigests: [NamedDigest], parameters: [ParameterLeaf], operatingPoint: OperatingPointFacts,
                 probabilities: Bool, selfLearning: Bool?, accountsScored: Int, accountsMissing: Int, metrics: HeadlineMetrics,
                 precisionRecall: [CurvePoint], detectionErrorTradeoff: [CurvePoint] = [],
                 calibration: [CalibrationBin] = [], precisionAtK: [PrecisionAtKFacts]) {
        self.name = name
        self.team = team
        self.version = version
        self.kind = kind
        self.implementation = implementation
        self.summary = summary
        self.codeDigests = codeDigests
        self.parameters = parameters
        self.operatingPoint = operatingPoint
        self.probabilities = probabilities
        self.selfLearning = selfLearning
        self.accountsScored = accountsScored
        self.accountsMissing = accountsMissing
        self.metrics = metrics
        self.precisionRecall = precisionRecall
        self.detectionErrorTradeoff = detectionErrorTradeoff
        self.calibration = calibration
        self.precisionAtK = precisionAtK
    }
}

/// Where a method flags, and how that was fixed.
package struct OperatingPointFacts: Sendable, Hashable, Codable {
    /// The rule in words, e.g. `score ≥ 0.5` or `flagged column of the detections`.
    package var rule: DeclaredText
    package var threshold: Double?
    /// How and by whom it was chosen, e.g. `declared in the pipeline by the team`.
    package var howFixed: DeclaredText
    /// Whether the provenance log shows it was fixed before any label was read.
    package var fixedBeforeScoring: Bool

    package init(rule: DeclaredText, threshold: Double?, howFixed: DeclaredText, fixedBeforeScoring: Bool) {
        self.rule = rule
        self.threshold = threshold
        self.howFixed = howFixed
        self.fixedBeforeScoring = fixedBeforeScoring
    }
}

/// The headline figures of a method at its operating point, and its ranking quality.
package struct HeadlineMetrics: Sendable, Hashable, Codable {
    package var precision: Estimate
    package var recall: Estimate
    package var f1: Estimate
    package var averagePrecision: Estimate
    package var falsePositiveRate: Estimate
    package var counts: ConfusionFacts

    package init(precision: Estimate, recall: Estimate, f1: Estimate, averagePrecision: Estimate,
                 falsePositiveRate: Estimate, counts: ConfusionFacts) {
        self.precision = precision
        self.recall = recall
        self.f1 = f1
        self.averagePrecision = averagePrecision
        self.falsePositiveRate = falsePositiveRate
        self.counts = counts
    }
}

/// Labelled accounts at the operating point.
package struct ConfusionFacts: Sendable, Hashable, Codable {
    package var truePositives: Int
    package var falsePositives: Int
    package var falseNegatives: Int
    package var trueNegatives: Int

    package init(truePositives: Int, falsePositives: Int, falseNegatives: Int, trueNegatives: Int) {
        self.truePositives = truePositives
        self.falsePositives = falsePositives
        self.falseNegatives = falseNegatives
        self.trueNegatives = trueNegatives
    }

    package var flagged: Int { truePositives + falsePositives }
    package var positives: Int { truePositives + falseNegatives }
    package var negatives: Int { falsePositives + trueNegatives }
}

/// A point of a curve.
package struct CurvePoint: Sendable, Hashable, Codable {
    package var x: Double
    package var y: Double

    package init(_ x: Double, _ y: Double) {
        self.x = x
        self.y = y
    }
}

/// One bin of a reliability diagram.
package struct CalibrationBin: Sendable, Hashable, Codable {
    /// The mean predicted probability in the bin.
    package var predicted: Double
    /// The fraction of campaign accounts in the bin.
    package var observed: Double
    package var accounts: Int

    package init(predicted: Double, observed: Double, accounts: Int) {
        self.predicted = predicted
        self.observed = observed
        self.accounts = accounts
    }
}

/// Precision among the k highest-scored labelled accounts.
package struct PrecisionAtKFacts: Sendable, Hashable, Codable {
    package var k: Int
    package var precision: Estimate

    package init(k: Int, precision: Estimate) {
        self.k = k
        self.precision = precision
    }
}

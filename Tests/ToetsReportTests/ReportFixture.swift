import Foundation
import ToetsModel
import ToetsRunner
@testable import ToetsReport

/// A fixed `ReportInput`, built in code: three methods, three campaigns, two stratum dimensions
/// with one suppressed cell. Small, so the golden files stay small, but with every part present.
enum ReportFixture {
    static func digest(_ seed: String) -> Digest { Digest.sha256(of: Array(seed.utf8)) }

    static func pr(_ points: [(Double, Double)]) -> [CurvePoint] { points.map { CurvePoint($0.0, $0.1) } }

    static let methods: [MethodFacts] = [
        MethodFacts(
            name: "coortweet", team: DeclaredText("Team Rijnmond (university)", nl: "Team Rijnmond (universiteit)"), version: "2.1.3", kind: "built-in",
            implementation: "method/coortweet v3",
            summary: DeclaredText("Links accounts that share the same object within a time window, as CooRTweet does.",
                                  nl: "Verbindt accounts die binnen een tijdvenster hetzelfde object delen, zoals CooRTweet."),
            codeDigests: [NamedDigest("toets coortweet stage v3", digest("coortweet"))],
            parameters: [ParameterLeaf(path: ["edge_weight"], value: "0.5"), ParameterLeaf(path: ["time_window"], value: "60")],
            operatingPoint: OperatingPointFacts(rule: DeclaredText(MappingText.defaultRule.text), threshold: nil,
                                                howFixed: DeclaredText("declared in pipelines/demo.yaml by the team",
                                                                       nl: "door het team opgegeven in pipelines/demo.yaml"), fixedBeforeScoring: true),
            probabilities: false, selfLearning: false, accountsScored: 480, accountsMissing: 0,
            metrics: HeadlineMetrics(
                precision: Estimate(0.62, lower: 0.51, upper: 0.72), recall: Estimate(0.55, lower: 0.44, upper: 0.66),
                f1: Estimate(0.583, lower: 0.49, upper: 0.67), averagePrecision: Estimate(0.58, lower: 0.47, upper: 0.69),
                falsePositiveRate: Estimate(0.0833, lower: 0.058, upper: 0.115),
                counts: ConfusionFacts(truePositives: 44, falsePositives: 27, falseNegatives: 36, trueNegatives: 297)),
            precisionRecall: pr([(0, 1), (0.1, 0.9), (0.3, 0.8), (0.55, 0.62), (0.7, 0.41), (0.85, 0.3), (1, 0.2)]),
            detectionErrorTradeoff: pr([(0.003, 0.8), (0.01, 0.7), (0.05, 0.5), (0.0833, 0.45), (0.2, 0.3), (0.5, 0.1), (1, 0)]),
            precisionAtK: [PrecisionAtKFacts(k: 10, precision: Estimate(0.9, lower: 0.6, upper: 1)),
                           PrecisionAtKFacts(k: 50, precision: Estimate(0.7, lower: 0.56, upper: 0.82))]),
        MethodFacts(
            name: "co-retweet", team: DeclaredText("Team Delta (civil society)", nl: "Team Delta (maatschappelijke organisatie)"), version: "1.0.0", kind: "external",
            implementation: "python3 {root}/methods/co-retweet/run.py {in.posts} {params} {out.detections} {out.evidence}",
            summary: DeclaredText("Scores pairs of accounts that retweet the same posts within 60 seconds.",
                                  nl: "Scoort paren accounts die binnen 60 seconden dezelfde berichten reposten."),
            codeDigests: [NamedDigest("methods/co-retweet/run.py", digest("run.py")),
                          NamedDigest("methods/co-retweet/graph.py", digest("graph.py"))],
            parameters: [ParameterLeaf(path: ["flag_weight"], value: "3"), ParameterLeaf(path: ["network"], value: "\"co_retweet\"")],
            operatingPoint: OperatingPointFacts(rule: DeclaredText("score ≥ 0.5", nl: "score ≥ 0,5"), threshold: 0.5,
                                                howFixed: DeclaredText("declared in the pipeline before scoring",
                                                                       nl: "vóór het scoren opgegeven in de pijplijn"), fixedBeforeScoring: true),
            probabilities: true, selfLearning: nil, accountsScored: 472, accountsMissing: 8,
            metrics: HeadlineMetrics(
                precision: Estimate(0.81, lower: 0.7, upper: 0.9), recall: Estimate(0.425, lower: 0.32, upper: 0.53),
                f1: Estimate(0.557, lower: 0.46, upper: 0.65), averagePrecision: Estimate(0.66, lower: 0.55, upper: 0.76),
                falsePositiveRate: Estimate(0.0247, lower: 0.012, upper: 0.043),
                counts: ConfusionFacts(truePositives: 34, falsePositives: 8, falseNegatives: 46, trueNegatives: 316)),
            precisionRecall: pr([(0, 1), (0.2, 0.95), (0.425, 0.81), (0.6, 0.5), (0.8, 0.33), (1, 0.2)]),
            detectionErrorTradeoff: pr([(0.001, 0.9), (0.0247, 0.575), (0.1, 0.35), (0.3, 0.2), (1, 0)]),
            calibration: [CalibrationBin(predicted: 0.1, observed: 0.08, accounts: 250),
                          CalibrationBin(predicted: 0.3, observed: 0.22, accounts: 80),
                          CalibrationBin(predicted: 0.6, observed: 0.55, accounts: 45),
                          CalibrationBin(predicted: 0.85, observed: 0.9, accounts: 29)],
            precisionAtK: [PrecisionAtKFacts(k: 10, precision: Estimate(1, lower: 0.72, upper: 1)),
                           PrecisionAtKFacts(k: 50, precision: Estimate(0.74, lower: 0.6, upper: 0.85))]),
        MethodFacts(
            name: "near-duplicate", team: DeclaredText("Team Noord (university)", nl: "Team Noord (universiteit)"), version: "0.9", kind: "built-in",
            implementation: "method/near-duplicate v2",
            summary: DeclaredText("Groups accounts that post near-identical texts (MinHash, Jaccard ≥ 0.7).",
                                  nl: "Groepeert accounts die bijna gelijke teksten plaatsen (MinHash, Jaccard ≥ 0,7)."),
            codeDigests: [NamedDigest("toets near-duplicate stage v2", digest("near-duplicate"))],
            parameters: [ParameterLeaf(path: ["min_weight"], value: "2"), ParameterLeaf(path: ["threshold"], value: "0.7")],
            operatingPoint: OperatingPointFacts(rule: DeclaredText(MappingText.defaultRule.text), threshold: nil,
                                                howFixed: DeclaredText("declared in pipelines/demo.yaml by the team",
                                                                       nl: "door het team opgegeven in pipelines/demo.yaml"), fixedBeforeScoring: false),
            probabilities: false, selfLearning: false, accountsScored: 480, accountsMissing: 0,
            metrics: HeadlineMetrics(
                precision: Estimate(0.4, lower: 0.28, upper: 0.53), recall: Estimate(0.3, lower: 0.2, upper: 0.41),
                f1: Estimate(0.343, lower: 0.25, upper: 0.44), averagePrecision: Estimate(0.31, lower: 0.22, upper: 0.41),
                falsePositiveRate: Estimate(0.111, lower: 0.08, upper: 0.15),
                counts: ConfusionFacts(truePositives: 24, falsePositives: 36, falseNegatives: 56, trueNegatives: 288)),
            precisionRecall: pr([(0, 0.6), (0.3, 0.4), (1, 0.2)]),
            precisionAtK: [PrecisionAtKFacts(k: 10, precision: Estimate(0.5, lower: 0.24, upper: 0.76)),
                           PrecisionAtKFacts(k: 50, precision: Estimate(0.42, lower: 0.29, upper: 0.56))]),
    ]

    static func strata(_ dimension: String, _ cell: String, _ accounts: Int, _ negatives: Int,
                       _ ratios: [Double?], suppressed: Bool = false) -> [StratumCell] {
        zip(methods, ratios).map { method, ratio in
            var stratum = StratumCell(dimension: dimension, cell: cell, method: method.name, accounts: accounts,
                                      negatives: negatives, suppressed: suppressed,
                                      falsePositiveRateRatio: suppressed ? .undefined("suppressed")
                                          : Estimate(ratio, lower: ratio.map { $0 * 0.6 }, upper: ratio.map { $0 * 1.5 }))
            // The legitimate accounts flagged, at about 6% times the ratio: what the score stage publishes as counts.
            stratum.falsePositives = suppressed ? nil : ratio.map { Int(($0 * Double(negatives) * 0.06).rounded()) }
            return stratum
        }
    }

    static var input: ReportInput {
        var input = ReportInput(
            run: RunFacts(pipeline: "demo", runID: "run-0007", date: "2026-03-25", intervalLevel: 0.95,
                          intervalMethod: DeclaredText("percentile bootstrap, 2000 resamples",
                                                       nl: "percentielbootstrap, 2000 hertrekkingen"), resamplingUnit: "account",
                          suppressionThreshold: 10, alpha: 0.05),
            groundTruth: GroundTruthFacts(
                sources: [DeclaredText("Demo world campaign list", nl: "Campagnelijst van de demowereld"),
                          DeclaredText("Annotation round 1 by three annotators", nl: "Beoordelingsronde 1 door drie beoordelaars")],
                period: DayRange(first: "2026-02-16", last: "2026-03-18"),
                labelling: DeclaredText("Three annotators labelled each account independently; the majority label counts.",
                                        nl: "Drie beoordelaars labelden elk account onafhankelijk; het meerderheidslabel telt."),
                annotators: 3,
                agreement: [NamedEstimate("Krippendorff's alpha (label)", Estimate(0.78, lower: 0.72, upper: 0.83))],
                positives: 80, negatives: 324, undecided: 6, unlabelled: 1_520, campaigns: 3),
            methods: methods,
            comparisons: [
                Comparison(first: "coortweet", second: "co-retweet", difference: Estimate(0.026, lower: -0.05, upper: 0.1),
                           pValue: 0.3, holmAdjustedP: 0.6, significant: false),
                Comparison(first: "coortweet", second: "near-duplicate", difference: Estimate(0.24, lower: 0.13, upper: 0.35),
                           pValue: 0.0004, holmAdjustedP: 0.0012, significant: true),
                Comparison(first: "co-retweet", second: "near-duplicate", difference: Estimate(0.214, lower: 0.1, upper: 0.33),
                           pValue: 0.002, holmAdjustedP: 0.004, significant: true),
            ],
            strata: strata("platform", "x", 260, 200, [0.9, 1.1, 0.8])
                + strata("platform", "telegram", 120, 100, [1.3, 2.4, 1.2])
                + strata("platform", "tiktok", 6, 5, [nil, nil, nil], suppressed: true)
                + strata("municipality", "zwolle", 90, 60, [1.8, 0.7, 2.1]),
            // Counts under the minimum cell of 10 are held back (nil), as the score stage publishes them.
            campaigns: [
                CampaignRecall(campaign: "C1", accounts: 40, found: [MethodCount("coortweet", 26), MethodCount("co-retweet", 20),
                                                                    MethodCount("near-duplicate", nil)]),
                CampaignRecall(campaign: "C2", accounts: 25, found: [MethodCount("coortweet", 12), MethodCount("co-retweet", 10),
                                                                    MethodCount("near-duplicate", 11)]),
                CampaignRecall(campaign: "C3", accounts: nil, found: [MethodCount("coortweet", nil), MethodCount("co-retweet", nil),
                                                                     MethodCount("near-duplicate", nil)]),
            ],
            legitimateCoordination: [
                LegitimateCoordinationCount(kind: "news_syndication", accounts: 30, falsePositives: [
                    MethodCount("coortweet", nil), MethodCount("co-retweet", nil), MethodCount("near-duplicate", 14)]),
                LegitimateCoordinationCount(kind: "volunteers", accounts: 45, falsePositives: [
                    MethodCount("coortweet", nil), MethodCount("co-retweet", 0), MethodCount("near-duplicate", nil)]),
                LegitimateCoordinationCount(kind: "fans", accounts: 20, falsePositives: [
                    MethodCount("coortweet", 10), MethodCount("co-retweet", nil), MethodCount("near-duplicate", nil)]),
            ],
            overlap: [
                OverlapRow(methods: [], truePositives: 20, falsePositives: 270),
                OverlapRow(methods: ["co-retweet"], truePositives: nil, falsePositives: nil),
                OverlapRow(methods: ["co-retweet", "coortweet"], truePositives: 22, falsePositives: nil),
                OverlapRow(methods: ["co-retweet", "coortweet", "near-duplicate"], truePositives: nil, falsePositives: nil),
                OverlapRow(methods: ["coortweet"], truePositives: 10, falsePositives: 17),
                OverlapRow(methods: ["coortweet", "near-duplicate"], truePositives: nil, falsePositives: nil),
                OverlapRow(methods: ["near-duplicate"], truePositives: 12, falsePositives: 30),
            ],
            anonymisation: AnonymisationFacts(
                keyID: "k1-3f9a", pseudonymFormat: "<key id>:<base32 of HMAC-SHA256>", posts: 48_210, accounts: 2_000,
                replaced: [NamedCount("account id", 2_000), NamedCount("handle", 2_000), NamedCount("post id", 48_210)],
                textReplaced: [NamedCount("email", 12), NamedCount("handle", 3_410), NamedCount("phone", 7)],
                kept: ["created_at (to the second)", "kind", "hashtags"],
                dropped: ["display names (read as a dictionary of names, then dropped)"],
                generalised: [NamedValue("account_created_at", "start (UTC) of the day, month or year of creation, per the k-anonymity level"),
                              NamedValue("followers", "lower bound of a log2, log4 or log16 bin (0, 1, 2, 4, …), from the account's latest post")],
                k: 5, kAnonymityLevel: "creation month, followers in log4 bins", accountsSuppressed: 14),
            ingest: IngestFacts(
                archives: 4, entries: 9, formats: [NamedCount("4cat-csv", 4_100), NamedCount("twarc2", 40_000),
                                                   NamedCount("telegram-json", 4_110)],
                platforms: [NamedCount("telegram", 4_110), NamedCount("x", 44_100)],
                period: DayRange(first: "2026-02-16", last: "2026-03-18"), records: 48_350, postsWritten: 48_210,
                duplicatesDropped: 112, quarantined: 28, quarantineReasons: [NamedCount("invalid JSON", 20),
                                                                             NamedCount("missing author", 8)]),
            reproducibility: ReproducibilityFacts(
                toolVersion: "0.8.0", commit: "a3ceb9917e0c5b2d6f1e8a4c7b9d0e2f3a4b5c6d",
                command: "toets run pipelines/demo.yaml --workspace .toets",
                hardware: [NamedValue("cpu", "2 cores, x86_64"), NamedValue("memory", "24 GiB"),
                           NamedValue("system", "Debian 12, Swift 6.3.1")],
                seeds: [Seed("score.bootstrap_seed", 20_260_318)],
                inputs: [NamedDigest("archives/x.tar.gz", digest("x.tar.gz")), NamedDigest("labels/labels.csv", digest("labels"))],
                outputs: [NamedDigest("score/results.json", digest("results"))],
                timings: [StageTiming(stage: "ingest", seconds: 12.4, run: 3),
                          StageTiming(stage: "score", seconds: 3.25, run: 4)]),
            notes: [DeclaredText("Bootstrap intervals for recall use campaign clusters in a later version.",
                                 nl: "Bootstrapintervallen voor recall gebruiken campagneclusters in een latere versie.")])
        input.decision = decision
        input.governance = governance
        input.ordinaryErrors = ordinaryErrors
        input.disclosure = DisclosureFacts(minCell: 10, smallestPublishedCell: 10, suppressedCells: 14, pureSets: [])
        input.robustness = robustness
        input.run.campaignClusters = 3
        input.run.design = [DesignLevel(inclusionProbability: 1, accounts: 180, campaignAccounts: 80),
                            DesignLevel(inclusionProbability: 0.3, accounts: 224, campaignAccounts: 0)]
        input.run.populationPrevalence = Estimate(0.087, lower: 0.07, upper: 0.1)
        for index in input.methods.indices {
            let m = input.methods[index].metrics
            input.methods[index].flags = m.counts.flagged + 5
            input.methods[index].population = PopulationFacts(
                precision: Estimate(m.precision.value.map { $0 * 0.8 }, lower: m.precision.lower.map { $0 * 0.7 },
                                    upper: m.precision.upper.map { $0 * 0.9 }),
                recall: m.recall, f1: m.f1, falsePositiveRate: m.falsePositiveRate)
            input.methods[index].unknowns = UnknownsFacts(
                flagged: 5, precisionIfLegitimate: Estimate(m.precision.value.map { $0 * 0.95 }),
                precisionIfCampaign: Estimate(m.precision.value.map { min(1, $0 * 1.05) }))
        }
        return input
    }

    /// coortweet is most often first but not surely; one of its sweep points would rank it second;
    /// co-retweet finds the strong retweet ring, not the weak one; one change count is held back.
    static let robustness = RobustnessFacts(
        rankMetric: "f1",
        ranks: [RobustnessFacts.Rank(method: "coortweet", rank: 1, lower: 1, upper: 2, probabilityFirst: 0.62),
                RobustnessFacts.Rank(method: "co-retweet", rank: 2, lower: 1, upper: 3, probabilityFirst: 0.35),
                RobustnessFacts.Rank(method: "near-duplicate", rank: 3, lower: 2, upper: 3, probabilityFirst: 0.03)],
        rankedResamples: 1000, resamples: 1000,
        strata: [RobustnessFacts.StratumAgreement(dimension: "platform", metric: "f1", w: 0.71, cells: 3)],
        sweep: [RobustnessFacts.SweepPoint(method: "coortweet", parameter: "time_window", value: "10",
                                           primary: Estimate(0.58, lower: 0.5, upper: 0.66, intervalKind: "bca"), flags: 70, rankAtPoint: 2),
                RobustnessFacts.SweepPoint(method: "coortweet", parameter: "time_window", value: "120",
                                           primary: Estimate(0.7, lower: 0.62, upper: 0.77, intervalKind: "bca"), flags: 96, rankAtPoint: 1)],
        sweepDeclared: ["coortweet": Estimate(0.71, lower: 0.64, upper: 0.78, intervalKind: "bca")],
        sweepAgreement: 0.83, sweepConfigurations: 3,
        planted: [
            RobustnessFacts.PlantedRecall(plant: "plants", method: "co-retweet", tactic: "retweet-ring", disarm: "T0049.003",
                                          strength: "strong", accounts: 24, flagged: 23,
                                          recall: Estimate(23.0 / 24, lower: 0.79, upper: 1, intervalKind: "clopper-pearson")),
            RobustnessFacts.PlantedRecall(plant: "plants", method: "co-retweet", tactic: "retweet-ring", disarm: "T0049.003",
                                          strength: "weak", accounts: 6, flagged: 0,
                                          recall: Estimate(0, lower: 0, upper: 0.46, intervalKind: "clopper-pearson")),
        ],
        changes: [RobustnessFacts.PlantedChange(plant: "plants", method: "co-retweet", changed: 12, contacts: nil, otherwise: 0)])

    /// The fixture's governance declaration: all but the retention period and the art. 9 ground
    /// declared (the fixture's labels have volunteers), a closed-group source, and labels whose
    /// collection is not declared.
    static var governance: GovernanceFacts {
        var governance = GovernanceFacts()
        governance.declared = true
        governance.controller = DeclaredText("Ministry of the Interior, organiser of the pilot",
                                             nl: "Ministerie van Binnenlandse Zaken, organisator van de proef")
        governance.processors = [DeclaredText("The test team running Toets", nl: "Het testteam dat Toets draait")]
        governance.purposes = [
            GovernanceFacts.Purpose(name: "evaluation", purpose: DeclaredText("Testing detection methods", nl: "Opsporingsmethoden toetsen"),
                                    legalBasis: DeclaredText("GDPR art. 6(1)(e) with the safeguards of art. 89(1)",
                                                             nl: "AVG art. 6 lid 1 sub e met de waarborgen van art. 89 lid 1")),
        ]
        governance.keyHolder = DeclaredText("The data protection officer", nl: "De functionaris gegevensbescherming")
        governance.dpia = DeclaredText("DPIA-2026-01 of 15 January 2026", nl: "DPIA-2026-01 van 15 januari 2026")
        governance.iama = DeclaredText("IAMA session of 22 January 2026", nl: "IAMA-sessie van 22 januari 2026")
        governance.proportionality = DeclaredText("Pseudonymised data of one election period only; no account is named",
                                                  nl: "Alleen gepseudonimiseerde gegevens van één verkiezingsperiode; geen account wordt genoemd")
        governance.sources = [
            GovernanceFacts.Source(file: "telegram.zip", access: "closed_group",
                                   route: DeclaredText("Exports of municipal groups by their members", nl: "Exports van gemeentelijke groepen door hun leden"),
                                   terms: DeclaredText("An agreement with the members", nl: "Een afspraak met de leden")),
            GovernanceFacts.Source(file: "x.tar.gz", access: "public",
                                   route: DeclaredText("Public posts collected with twarc2", nl: "Openbare berichten verzameld met twarc2"),
                                   terms: DeclaredText("Publicly accessible data (DSA art. 40(12))",
                                                       nl: "Openbaar toegankelijke gegevens (DSA art. 40 lid 12)")),
            GovernanceFacts.Source(file: "labels.csv", groundTruth: true),
        ]
        return governance
    }

    /// The governance declaration of pipelines/demo.yaml, with the files of its source stages, as
    /// the report stage would map it.
    static func demoGovernance() throws -> GovernanceFacts {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("pipelines/demo.yaml")
        let spec = try PipelineLoader.load(path: url.path).spec
        let sources = spec.stages.filter { $0.action == .builtin("source") }.map { stage in
            (stage.name, StageDeclaration(stage: stage.name, kind: "source", kindVersion: 1, role: stage.role ?? .data,
                                          parameters: stage.parameters, code: [:], command: nil, about: stage.about))
        }
        return GovernanceFacts(spec.governance, declarations: Dictionary(uniqueKeysWithValues: sources))
    }
    /// The 229 ordinary accounts (324 legitimate, less 95 of the kinds): near-duplicate flags 22 of them,
    /// all on Telegram, where it flags clearly more than elsewhere; coortweet flags none; co-retweet's
    /// counts would reveal its held-back kinds, so it shows none.
    static let ordinaryErrors: OrdinaryErrorFacts = {
        typealias Cell = OrdinaryErrorFacts.Cell
        func cell(_ name: String, _ n: Int, _ total: Int, _ lower: Double, _ upper: Double, above: Bool = false,
                  elsewhere: (Int, Int, Double, Double)) -> Cell {
            Cell(name: name, accounts: total, falsePositives: n, rate: Estimate(Double(n) / Double(total), lower: lower, upper: upper),
                 elsewhereAccounts: elsewhere.1, elsewhereFalsePositives: elsewhere.0,
                 elsewhereRate: Estimate(Double(elsewhere.0) / Double(elsewhere.1), lower: elsewhere.2, upper: elsewhere.3),
                 moreThanElsewhere: above)
        }
        let bands = [OrdinaryErrorFacts.Band(name: "1", lower: 1, upper: 1), .init(name: "2-4", lower: 2, upper: 4),
                     .init(name: "5+", lower: 5, upper: nil)]
        let none = [
            OrdinaryErrorFacts.Part(breakdown: "platform", explained: 0, cells: [
                cell("telegram", 0, 80, 0, 0.045, elsewhere: (0, 149, 0, 0.025)),
                cell("x", 0, 149, 0, 0.025, elsewhere: (0, 80, 0, 0.045))]),
            .init(breakdown: "activity", explained: 0, cells: [
                cell("1", 0, 76, 0, 0.048, elsewhere: (0, 153, 0, 0.024)),
                cell("2-4", 0, 77, 0, 0.048, elsewhere: (0, 152, 0, 0.025)),
                cell("5+", 0, 76, 0, 0.048, elsewhere: (0, 153, 0, 0.024))]),
        ]
        return OrdinaryErrorFacts(accounts: 229, bands: bands, methods: [
            .init(method: "co-retweet", falsePositives: nil, unexplained: nil, parts: []),
            .init(method: "coortweet", falsePositives: 0, unexplained: 0, parts: none),
            .init(method: "near-duplicate", falsePositives: 22, unexplained: 0, parts: [
                .init(breakdown: "platform", explained: 22, cells: [
                    cell("telegram", 22, 80, 0.187, 0.378, above: true, elsewhere: (0, 149, 0, 0.025)),
                    cell("x", 0, 149, 0, 0.025, elsewhere: (22, 80, 0.187, 0.378))]),
                .init(breakdown: "activity", explained: 0, cells: [
                    cell("1", 10, 76, 0.073, 0.223, elsewhere: (12, 153, 0.046, 0.132)),
                    cell("2-4", 12, 77, 0.092, 0.253, elsewhere: (10, 152, 0.036, 0.117)),
                    cell("5+", 0, 76, 0, 0.048, elsewhere: (22, 153, 0.097, 0.209))]),
            ]),
        ])
    }()

    /// The rule of the fixture: F1, 0.05, at most 100 legitimate accounts in 1,000 (150 per kind). coortweet
    /// and co-retweet stay within it and do not differ; near-duplicate is not shown within it.
    static let decision = DecisionFacts(
        primaryMetric: "f1", minDifference: 0.05, harmBudget: 100, kindBudgetDefault: 150, alpha: 0.05, designWeighted: true,
        outcome: "none-shown-better", method: nil, leader: "coortweet", notShownBetterThan: ["co-retweet"],
        standings: [
            StandingFacts(method: "coortweet", flags: 76, falsePositivesPerThousand: Estimate(83, lower: 58, upper: 95),
                          harm: "within", recommendable: true, reasons: []),
            StandingFacts(method: "co-retweet", flags: 47, falsePositivesPerThousand: Estimate(25, lower: 12, upper: 43),
                          harm: "within", recommendable: true, reasons: []),
            StandingFacts(method: "near-duplicate", flags: 65, falsePositivesPerThousand: Estimate(111, lower: 80, upper: 150),
                          harm: "over", kindsOver: ["news_syndication"], recommendable: false,
                          reasons: ["over-harm-budget", "kind-over-harm-budget"]),
        ],
        pairs: [PairVerdictFacts(first: "coortweet", second: "co-retweet", verdict: "not-significant"),
                PairVerdictFacts(first: "coortweet", second: "near-duplicate", verdict: "first-better"),
                PairVerdictFacts(first: "co-retweet", second: "near-duplicate", verdict: "first-better")])
}

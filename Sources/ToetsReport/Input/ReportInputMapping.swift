import ToetsModel

/// Maps the score stage's `results` (and, where the run has them, the anonymise and ingest
/// reports) into `ReportInput`.
///
/// Reads the artefacts as JSON with ToetsModel's parser rather than importing ToetsScoring, so
/// that the report module depends on the results schema (its `schema_version`), not on the
/// scorer's types. What the inputs do not carry stays empty or nil, and the documents say it is
/// not available: run facts such as the command, hardware and timings, which would make the
/// output machine-specific (`ReportPublication` adds them to the copy a run publishes). Method
/// cards come from the declarations of the stages upstream (`StageDeclarations`), which the
/// runner gives the report stage as a parameter, and so do the ground truth's sources and
/// labelling (the `about:` of its ground-truth stages). The error analysis comes from the
/// results; it counts false positives by kind of legitimate coordination only where the labels
/// name kinds.
package enum ReportInputMapping {
    /// The results schema this mapping reads.
    package static let resultsSchemaVersion = 4

    /// What the report stage knows besides its inputs' bytes.
    package struct Context: Sendable {
        package var pipeline: String
        package var runID: String
        package var date: String
        /// Every input artefact and its digest, sorted by name.
        package var inputs: [NamedDigest]
        /// The pipeline's declarations of the stages upstream, by stage name.
        package var declarations: [String: StageDeclaration]
        /// The pipeline's `governance:`; nil when it declares none.
        package var governance: Governance?

        package init(pipeline: String, runID: String, date: String, inputs: [NamedDigest],
                     declarations: [String: StageDeclaration] = [:], governance: Governance? = nil) {
            self.governance = governance
            self.pipeline = pipeline
            self.runID = runID
            self.date = date
            self.inputs = inputs
            self.declarations = declarations
        }
    }

    /// Why an input could not be mapped.
    package struct Problem: Error, Sendable, CustomStringConvertible {
        package var artefact: String
        package var problem: String
        package var description: String { "\(artefact): \(problem)" }
    }

    /// The report input for `results`, with the anonymise and ingest reports where given.
    package static func map(results: [UInt8], curves: [UInt8]? = nil, anonymisation: [UInt8]?, ingest: [UInt8]?,
                            context: Context) throws(Problem) -> ReportInput {
        let root = try parse(results, "results")
        let curvePoints = try curves.map { bytes throws(Problem) in try Self.curves(bytes) } ?? [:]
        guard root["schema_version"]?.int64 == Int64(resultsSchemaVersion) else {
            throw Problem(artefact: "results", problem: "schema_version \(root["schema_version"]?.text ?? "missing") "
                          + "is not \(resultsSchemaVersion); this report stage reads results of schema \(resultsSchemaVersion)")
        }
        let methods = root["methods"]?.elements ?? []
        let names = methods.map { $0["name"]?.string ?? "" }
        let bootstrap = root["bootstrap"]
        let replicates = bootstrap?["replicates"]?.int64 ?? 0
        var run = RunFacts(
            pipeline: context.pipeline, runID: context.runID, date: context.date,
            intervalLevel: bootstrap?["level"]?.double ?? 0.95,
            intervalMethod: DeclaredText(MappingText.intervalMethod.filled([
                "replicates": PilotSentences.integer(Int(replicates))])),
            resamplingUnit: bootstrap?["unit"]?.string ?? "",
            suppressionThreshold: Int(root["strata", "min_cell"]?.int64 ?? 0),
            alpha: root["comparisons", "alpha"]?.double ?? 0.05)
        run.campaignClusters = int(bootstrap?["campaign_clusters"])
        run.minClusters = Int(bootstrap?["min_clusters"]?.int64 ?? 20)
        run.design = (root["labels", "design"]?.elements ?? []).map { level in
            DesignLevel(inclusionProbability: level["inclusion_probability"]?.double ?? 1, accounts: int(level["labelled_accounts"]),
                        campaignAccounts: int(level["campaign_accounts"]))
        }
        run.populationPrevalence = root["labels", "population_prevalence"].flatMap { $0["value"]?.double == nil ? nil : estimate($0) }
        let decision = decisionFacts(root["decision"])
        let compared = decision?.primaryMetric ?? "f1"
        var input = ReportInput(
            run: run, groundTruth: groundTruth(root["labels"]), methods: methods.map { value in
                var facts = method(value)
                if let declaration = context.declarations[facts.name] { declare(&facts, declaration) }
                facts.precisionRecall = thinned(curvePoints[facts.name]?.precisionRecall ?? [])
                facts.detectionErrorTradeoff = thinned(curvePoints[facts.name]?.detectionErrorTradeoff ?? [])
                return facts
            },
            comparisons: (root["comparisons", "pairs"]?.elements ?? []).map { pair in
                let tested = pair.member(compared + "_difference")
                return Comparison(first: pair["first"]?.string ?? "", second: pair["second"]?.string ?? "", metric: compared,
                                  difference: estimate(tested), pValue: tested?["p_value"]?.double,
                                  holmAdjustedP: tested?["holm_adjusted_p"]?.double,
                                  significant: tested?["holm_rejected"]?.bool ?? false)
            },
            strata: strata(root["strata"], methods: names), campaigns: campaigns(methods),
            legitimateCoordination: legitimateCoordination(root["error_analysis"], methods: names),
            overlap: overlap(root["error_analysis"]),
            anonymisation: try anonymisation.map { bytes throws(Problem) in try anonymisationFacts(try parse(bytes, "anonymise report")) },
            ingest: try ingest.map { bytes throws(Problem) in try ingestFacts(try parse(bytes, "ingest report")) }
                ?? anonymisation.flatMap { bytes in (try? parse(bytes, "anonymise report")).flatMap(dataFacts) },
            reproducibility: ReproducibilityFacts(
                toolVersion: "", commit: "", command: "", hardware: [],
                seeds: seeds(context.declarations, bootstrap: bootstrap?["seed"]?.int64),
                inputs: context.inputs, outputs: [], timings: []))
        input.legitimateCoordinationHidden = int(root["error_analysis", "coordination", "accounts_in_kinds_too_small_to_show"])
        input.ordinaryErrors = ordinaryErrors(root["error_analysis", "ordinary"])
        input.decision = decision
        input.disclosure = disclosureFacts(root["disclosure"])
        input.robustness = robustnessFacts(root)
        input.governance = GovernanceFacts(context.governance, declarations: context.declarations)
        describeGroundTruth(&input.groundTruth, context.declarations, data: input.ingest)
        input.run.simulatedData = context.declarations.values.contains { declaration in
            [.data, .groundTruth].contains(declaration.role) && declaration.about.simulated == true
        }
        input.notes = (root["notes"]?.members ?? []).sorted { $0.key < $1.key }.compactMap { code, description in
            description.string.map { ResultNote.declared(code, description: $0) }
        }
        return input
    }

    // MARK: Parts

    static func parse(_ bytes: [UInt8], _ artefact: String) throws(Problem) -> JSONValue {
        do {
            return try JSONDocument(bytes).root
        } catch {
            throw Problem(artefact: artefact, problem: error.description)
        }
    }

    static func groundTruth(_ labels: JSONValue?) -> GroundTruthFacts {
        let agreement = labels?["agreement"]
        var estimates: [NamedEstimate] = []
        for (name, key) in [("Krippendorff's alpha (label)", "krippendorff_alpha_label"),
                            ("Krippendorff's alpha (campaign)", "krippendorff_alpha_campaign"),
                            ("Fleiss' kappa (label)", "fleiss_kappa_label")] {
            guard let metric = agreement?.member(key), metric["value"]?.double != nil else { continue }
            estimates.append(NamedEstimate(name, estimate(metric)))
        }
        let rule = labels?["rule"]?.string ?? ""
        return GroundTruthFacts(
            sources: [], period: DayRange(first: "", last: ""),
            labelling: rule.isEmpty ? "" : DeclaredText(MappingText.labelRule.filled(["rule": MappingText.rule(rule)])),
            annotators: labels?["annotators"]?.elements.count ?? 0, agreement: estimates,
            positives: int(labels?["campaign_accounts"]), negatives: int(labels?["other_accounts"]),
            undecided: int(labels?["undecided_accounts"]), unlabelled: int(labels?["unlabelled_accounts"]),
            campaigns: labels?["campaigns"]?.members.count ?? 0)
    }

    static func method(_ method: JSONValue) -> MethodFacts {
        let flag = method["own_flag"]
        let counts = flag?["counts"]
        let probabilities = method["scores_are_probabilities"]?.bool ?? false
        let confusion = ConfusionFacts(truePositives: int(counts?["true_positives"]), falsePositives: int(counts?["false_positives"]),
                                       falseNegatives: int(counts?["false_negatives"]), trueNegatives: int(counts?["true_negatives"]))
        let missing = int(method["labelled_accounts_missing"])
        var facts = MethodFacts(
            name: method["name"]?.string ?? "", team: "", version: "", kind: "", summary: "", codeDigests: [], parameters: [],
            // The results name no threshold: each method flags with the flag column of its detections.
            // Sealed evaluation makes the flag precede the labels: the runner refuses any method stage
            // that reads a ground-truth stage, so its parameters and output were fixed without them.
            operatingPoint: OperatingPointFacts(rule: DeclaredText(MappingText.defaultRule.text), threshold: nil,
                                                howFixed: DeclaredText(MappingText.howFixed.text),
                                                fixedBeforeScoring: true),
            probabilities: probabilities, selfLearning: nil,
            accountsScored: max(0, confusion.positives + confusion.negatives - missing), accountsMissing: missing,
            metrics: HeadlineMetrics(precision: estimate(flag?["precision"]), recall: estimate(flag?["recall"]),
                                     f1: estimate(flag?["f1"]), averagePrecision: estimate(method["average_precision"]),
                                     falsePositiveRate: estimate(flag?["false_positive_rate"]), counts: confusion),
            precisionRecall: [],
            calibration: probabilities ? (method["reliability", "bins"]?.elements ?? []).compactMap { bin in
                guard let predicted = bin["mean_score"]?.double, let observed = bin["observed_rate"]?.double else { return nil }
                return CalibrationBin(predicted: predicted, observed: observed, accounts: int(bin["accounts"]))
            } : [],
            precisionAtK: (method["top_k"]?.elements ?? []).map { top in
                PrecisionAtKFacts(k: int(top["k"]), precision: estimate(top["precision"]))
            })
        facts.flags = int(method["flags"])
        facts.warnings = (method["warnings"]?.elements ?? []).compactMap(\.string)
        if let population = method["population"], population["precision"] != nil {
            facts.population = PopulationFacts(precision: estimate(population["precision"]), recall: estimate(population["recall"]),
                                               f1: estimate(population["f1"]),
                                               falsePositiveRate: estimate(population["false_positive_rate"]))
        }
        let unknowns = method["unknowns"]
        facts.unknowns = UnknownsFacts(flagged: int(unknowns?["flagged"]),
                                       precisionIfLegitimate: estimate(unknowns?["precision_if_unknown_are_negative"]),
                                       precisionIfCampaign: estimate(unknowns?["precision_if_unknown_are_campaign"]))
        return facts
    }

    /// The card fields a method's declaration answers: who, which version and code, with which
    /// parameters, and where it flags.
    static func declare(_ facts: inout MethodFacts, _ declaration: StageDeclaration) {
        let about = declaration.about
        facts.team = DeclaredText(about.team ?? "", nl: about.dutch["team"])
        facts.kind = declaration.isExternal ? MethodFacts.external : MethodFacts.builtIn
        facts.ranUnsandboxed = declaration.ranUnsandboxed ? true : nil
        facts.postFields = declaration.postFields
        facts.image = declaration.image
        facts.implementation = declaration.command ?? "\(declaration.kind) v\(declaration.kindVersion)"
        facts.version = about.version ?? (declaration.isExternal ? "" : facts.implementation)
        facts.summary = DeclaredText(about.summary ?? "", nl: about.dutch["summary"])
        facts.selfLearning = about.selfLearning
        facts.codeDigests = declaration.code.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
            .map { NamedDigest($0.key, $0.value) }
        facts.parameters = ParamValue.map(declaration.parameters).leaves()
        if let rule = about.operatingPoint { facts.operatingPoint.rule = DeclaredText(rule, nl: about.dutch["operating_point"]) }
    }

    /// The datasheet fields the ground-truth stages' `about:` answers (who labelled: `team`; how:
    /// `summary`), and the period of the data the labelled accounts were found in.
    static func describeGroundTruth(_ truth: inout GroundTruthFacts, _ declarations: [String: StageDeclaration],
                                    data: IngestFacts?) {
        let stages = declarations.values.filter { $0.role == .groundTruth }.sorted { $0.stage < $1.stage }
        truth.sources = stages.compactMap { stage in stage.about.team.map { DeclaredText($0, nl: stage.about.dutch["team"]) } }
        // The stages' own words, then the label rule; Dutch only where every part has a Dutch form.
        let parts = stages.compactMap { stage in stage.about.summary.map { DeclaredText($0, nl: stage.about.dutch["summary"]) } }
            + (truth.labelling.isEmpty ? [] : [truth.labelling])
        let dutch = parts.map(\.nl)
        truth.labelling = DeclaredText(parts.map(\.text).joined(separator: " "),
                                       nl: dutch.contains(nil) ? nil : dutch.compactMap { $0 }.joined(separator: " "))
        if truth.period.first.isEmpty, let period = data?.period { truth.period = period }
    }

    /// Every integer parameter upstream whose name ends in `seed` (as `stage.path`); without
    /// declarations, the score stage's bootstrap seed from the results.
    static func seeds(_ declarations: [String: StageDeclaration], bootstrap: Int64?) -> [Seed] {
        var seeds: [Seed] = []
        for (stage, declaration) in declarations {
            for leaf in ParamValue.map(declaration.parameters).leaves() where leaf.path.last?.hasSuffix("seed") == true {
                if let value = Int64(leaf.value) { seeds.append(Seed(stage + "." + leaf.dottedPath, UInt64(bitPattern: value))) }
            }
        }
        if seeds.isEmpty, let bootstrap {
            seeds.append(Seed("score.seed", UInt64(bitPattern: bootstrap)))
        }
        return seeds.sorted { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
    }

    /// Each method's PR points (recall, precision) and DET points (false-positive rate, miss
    /// rate = 1 − true-positive rate, from the ROC rows) from the score stage's `curves.csv`.
    static func curves(_ bytes: [UInt8]) throws(Problem) -> [String: (precisionRecall: [CurvePoint], detectionErrorTradeoff: [CurvePoint])] {
        let records: [[String]]
        do {
            records = try CSVScanner().records(String(decoding: bytes, as: UTF8.self))
        } catch {
            throw Problem(artefact: "curves.csv", problem: error.description)
        }
        guard let header = records.first else { return [:] }
        func column(_ name: String) throws(Problem) -> Int {
            guard let index = header.firstIndex(of: name) else {
                throw Problem(artefact: "curves.csv", problem: "no column \(name) in the header \(header.joined(separator: ","))")
            }
            return index
        }
        let (method, curve) = (try column("method"), try column("curve"))
        let (recall, precision) = (try column("recall"), try column("precision"))
        let (falsePositive, truePositive) = (try column("false_positive_rate"), try column("true_positive_rate"))
        var result: [String: (precisionRecall: [CurvePoint], detectionErrorTradeoff: [CurvePoint])] = [:]
        for row in records.dropFirst() where row.count == header.count {
            var entry = result[row[method]] ?? ([], [])
            if row[curve] == "precision_recall", let x = Double(row[recall]), let y = Double(row[precision]) {
                entry.precisionRecall.append(CurvePoint(x, y))
            } else if row[curve] == "roc", let x = Double(row[falsePositive]), let y = Double(row[truePositive]) {
                entry.detectionErrorTradeoff.append(CurvePoint(x, 1 - y))
            }
            result[row[method]] = entry
        }
        return result
    }

    /// At most 200 points of a long curve, evenly by position, first and last kept.
    static func thinned(_ points: [CurvePoint]) -> [CurvePoint] {
        guard points.count > 200 else { return points }
        return (0..<200).map { points[$0 * (points.count - 1) / 199] }
    }

    static func strata(_ strata: JSONValue?, methods: [String]) -> [StratumCell] {
        var cells: [StratumCell] = []
        for cell in strata?["cells"]?.elements ?? [] {
            let accounts = int(cell["labelled_accounts"])
            for name in methods {
                guard let score = cell["methods"]?.member(name) else { continue }
                // A cell whose counts are too small to publish carries only its note.
                let suppressed = score["note"]?.string == "suppressed-small-cell"
                var stratum = StratumCell(dimension: cell["dimension"]?.string ?? "", cell: cell["cell"]?.string ?? "",
                                          method: name, accounts: accounts,
                                          negatives: accounts - int(cell["campaign_accounts"]), suppressed: suppressed,
                                          falsePositiveRateRatio: suppressed ? .undefined("suppressed")
                                             : estimate(score["false_positive_rate_ratio"]))
                if !suppressed { stratum.falsePositives = score["counts", "false_positives"]?.int64.map { Int($0) } }
                cells.append(stratum)
            }
        }
        return cells
    }

    static func campaigns(_ methods: [JSONValue]) -> [CampaignRecall] {
        var accounts: [String: Int] = [:]
        var found: [String: [MethodCount]] = [:]
        for method in methods {
            let name = method["name"]?.string ?? ""
            for row in method["groups", "campaign_recall"]?.elements ?? [] {
                let campaign = row["campaign"]?.string ?? ""
                if let size = row["accounts"]?.int64 { accounts[campaign] = Int(size) }
                found[campaign, default: []].append(MethodCount(name, row["flagged"]?.int64.map { Int($0) }))
            }
        }
        return found.keys.sorted().map { CampaignRecall(campaign: $0, accounts: accounts[$0], found: found[$0]!) }
    }

    static func anonymisationFacts(_ report: JSONValue) throws(Problem) -> AnonymisationFacts {
        guard report["schema_version"]?.int64 == 1 else {
            throw Problem(artefact: "anonymise report", problem: "schema_version is not 1")
        }
        let k = report["k_anonymity"]
        return AnonymisationFacts(
            keyID: report["key_id"]?.string ?? "", pseudonymFormat: report["pseudonym_format"]?.string ?? "",
            posts: int(report["posts"]), accounts: int(report["accounts"]), replaced: counts(report["replaced"]),
            textReplaced: counts(report["text_personal_data", "replaced"]),
            kept: (report["kept"]?.elements ?? []).compactMap(\.string),
            dropped: (report["dropped"]?.elements ?? []).compactMap(\.string),
            generalised: (report["generalised"]?.members ?? []).compactMap { entry in
                entry.value.string.map { NamedValue(entry.key, $0) }
            }.sorted { $0.name < $1.name },
            // Not the sample of suppressed accounts' pseudonyms: a report shows counts only.
            k: int(k?["k"]), kAnonymityLevel: k?["level"]?.string ?? "", accountsSuppressed: int(k?["accounts_suppressed"]))
    }

    static func ingestFacts(_ report: JSONValue) throws(Problem) -> IngestFacts {
        guard report["schema_version"]?.int64 == 1 else {
            throw Problem(artefact: "ingest report", problem: "schema_version is not 1")
        }
        // Archive and entry names stay out: they are file names a person chose, so only counts are shown.
        // The report lists a bounded number of entries; its totals cover all of them.
        var formats: [String: Int] = [:]
        if let perFormat = report["posts_per_format"]?.members {
            for (format, count) in perFormat { formats[format] = int(count) }
        } else {
            for entry in report["entries"]?.elements ?? [] {
                formats[entry["format"]?.string ?? "", default: 0] += int(entry["posts"])
            }
        }
        return IngestFacts(
            archives: report["archives"]?.members.count ?? 0,
            entries: report["entries_read"].map(int) ?? report["entries"]?.elements.count ?? 0,
            formats: formats.keys.sorted().map { NamedCount($0, formats[$0]!) }, platforms: [],
            period: DayRange(first: "", last: ""), records: int(report["records"]),
            postsWritten: int(report["posts_written"]), duplicatesDropped: int(report["duplicates_dropped"]),
            quarantined: int(report["quarantined"]), quarantineReasons: counts(report["quarantine_reasons"]))
    }

    /// The data as the anonymise stage describes it (its report's `data`: posts per platform, first
    /// and last day, and the ingest totals it was given): the ingest annex of runs whose report
    /// stage may not read the raw ingest stage.
    static func dataFacts(_ report: JSONValue) -> IngestFacts? {
        guard let data = report["data"] else { return nil }
        let ingest = data["ingest"]
        return IngestFacts(
            archives: int(ingest?["archive_count"]), entries: int(ingest?["entry_count"]),
            formats: counts(ingest?["posts_per_format"]), platforms: counts(data["platforms"]),
            period: DayRange(first: data["first_day"]?.string ?? "", last: data["last_day"]?.string ?? ""),
            records: int(ingest?["records"]), postsWritten: int(ingest?["posts_written"]),
            duplicatesDropped: int(ingest?["duplicates_dropped"]), quarantined: int(ingest?["quarantined"]),
            quarantineReasons: counts(ingest?["quarantine_reasons"]))
    }

    // MARK: Leaves

    static func int(_ value: JSONValue?) -> Int { value?.int64.map { Int($0) } ?? 0 }

    /// An object of counts as rows sorted by name.
    static func counts(_ value: JSONValue?) -> [NamedCount] {
        (value?.members ?? []).map { NamedCount($0.key, int($0.value)) }.sorted { $0.name < $1.name }
    }

    /// A results figure: its value, and the BCa interval, else the percentile one, else Wilson's.
    static func estimate(_ figure: JSONValue?) -> Estimate {
        guard let figure else { return .undefined("not available") }
        if let shown = figure["interval"], let low = shown["lower"]?.double, let high = shown["upper"]?.double {
            let notes = (shown["notes"]?.elements ?? []).compactMap(\.string)
            let note = figure["note"]?.string.map { String($0.map { $0 == "-" ? " " : $0 }) }
            return Estimate(figure["value"]?.double, lower: low, upper: high, note: note, intervalKind: shown["kind"]?.string,
                            fewClusters: notes.contains("few-clusters"))
        }
        var lower: Double?, upper: Double?
        for key in ["bca", "percentile", "wilson"] {
            if let interval = figure.member(key), let low = interval["lower"]?.double, let high = interval["upper"]?.double {
                (lower, upper) = (low, high)
                break
            }
        }
        let note = figure["note"]?.string.map { String($0.map { $0 == "-" ? " " : $0 }) }
        return Estimate(figure["value"]?.double, lower: lower, upper: upper, note: note)
    }
}

extension JSONValue {
    /// The member called `key`, for keys known only at run time (method names, interval kinds).
    func member(_ key: String) -> JSONValue? {
        members.first { $0.key == key }?.value
    }
}

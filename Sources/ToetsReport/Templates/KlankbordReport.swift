/// The report for the sounding board (klankbordgroep), in one language: the nine sections of
/// issue 8, modelled on NIST's FRVT reports, Model Cards and Datasheets for Datasets.
///
/// Both language versions come from the same code and catalogue, so they show the same figures
/// in the same places.
package struct KlankbordReport: Sendable {
    package let input: ReportInput
    package let language: Language

    package init(_ input: ReportInput, language: Language) {
        self.input = input
        self.language = language
    }

    /// The file name of this report in `language`.
    package static func fileName(_ language: Language) -> String { "klankbord.\(language.code).html" }

    var numbers: NumberFormat { language.numbers }

    /// A catalogue text in this report's language.
    func t(_ key: some Catalogued) -> String { key(language) }

    /// A catalogue text with its slots filled.
    func t(_ key: some Catalogued, _ values: [String: String]) -> String { key.filled(values)(language) }

    /// `0.95` as `95`.
    var level: String { numbers.decimal(input.run.intervalLevel * 100, digits: 0) }

    package var document: HTMLDocument {
        let other: Language = language == .en ? .nl : .en
        return HTMLDocument(
            language: language, title: t(KlankbordText.title),
            subtitle: t(KlankbordText.subtitle, ["pipeline": language.orNotAvailable(input.run.pipeline), "run": input.run.runID,
                                                 "date": language.orNotAvailable(input.run.date)]),
            runningLabel: t(KlankbordText.runningLabel),
            preface: (PilotSentences.simulatedBanner(input).map { [.p($0(language), class: "banner")] } ?? []) + [
                // Written in the other language, and marked so.
                .el("p", [.class("note"), Attribute("lang", other.code)],
                    text: t(DocumentWords.otherLanguage, ["file": KlankbordReport.fileName(other)])),
                .p(t(input.reproducibility.toolVersion.isEmpty ? DocumentWords.generated : DocumentWords.generatedBy,
                     ["version": input.reproducibility.toolVersion, "run": input.run.runID,
                      "pipeline": language.orNotAvailable(input.run.pipeline),
                      "date": language.orNotAvailable(input.run.date)]), class: "note"),
            ],
            sections: [summary, intendedUse, datasheet, methodCards, results, strata, errors] + [robustness].compactMap { $0 }
                + [limitations, annexes])
    }

    package var html: String { document.rendered }

    // MARK: 1. Summary

    var summary: HTMLDocument.Section {
        let truth = input.groundTruth
        var body: [HTMLNode] = [
            .p(PilotSentences.delivery(input).text(language)),
            .p(t(KlankbordText.summaryIntro, [
                "methods": numbers.integer(input.methods.count), "labelled": numbers.integer(truth.labelled),
                "positives": numbers.integer(truth.positives), "campaigns": numbers.integer(truth.campaigns),
                "negatives": numbers.integer(truth.negatives),
            ])),
        ]
        body += flagsNothingWarnings
        body += decisionNodes
        var intervals = t(KlankbordText.summaryIntervals, ["level": level, "method": input.run.intervalMethod(language),
                                                          "unit": input.run.resamplingUnit])
        if input.run.campaignClusters > 0 {
            intervals += " " + t(DecisionText.clusters, ["clusters": numbers.integer(input.run.campaignClusters)])
            if input.run.fewClusters { intervals += " " + t(DecisionText.fewClusters, ["min": numbers.integer(input.run.minClusters)]) }
        }
        body += [.p(intervals), summaryTable.node,
                 .p(t(DecisionText.marksLegend, ["min": numbers.integer(input.run.minClusters)]), class: "note")]
        body += designNodes
        body += [
            .el("h3", text: t(KlankbordText.summaryFrequenciesHeading)),
            .el("ul", [.class("frequencies")], input.methods.map { method in
                .el("li", text: NaturalFrequency.sentences(for: method).map { $0(language) }.joined(separator: " "))
            }),
        ] + workload
        if input.comparisons.isEmpty {
            body.append(.p(t(KlankbordText.summaryNoComparisons)))
        } else if input.decision == nil {
            body.append(.p(t(KlankbordText.summaryComparisons, [
                "significant": numbers.integer(input.comparisons.filter(\.significant).count),
                "pairs": numbers.integer(input.comparisons.count), "alpha": numbers.decimal(input.run.alpha, digits: 2),
            ])))
        }
        return HTMLDocument.Section(id: "summary", heading: t(KlankbordText.summaryHeading), body: body)
    }

    /// An estimate with its interval, marked ‡ when the interval is exact (the bootstrap
    /// degenerated) and † when it rests on fewer campaign clusters than the minimum.
    func est(_ estimate: Estimate, digits: Int = 2) -> String {
        guard estimate.value != nil else { return numbers.estimate(estimate, digits: digits) }
        return numbers.estimate(estimate, digits: digits) + (estimate.isExact && estimate.hasInterval ? "\u{00A0}‡" : "")
            + (estimate.fewClusters ? "\u{00A0}†" : "")
    }

    var summaryTable: DataTable {
        DataTable(
            caption: t(KlankbordText.summaryTableCaption),
            // With a sampling design these are the sample's figures, and the header says so.
            columns: [t(DocumentWords.method)] + [t(KlankbordText.precision), t(KlankbordText.recall), t(KlankbordText.f1),
                      t(KlankbordText.averagePrecision), t(DecisionText.harmPerThousand)].map { name in
                          input.run.design.isEmpty ? name : t(DecisionText.designSample, ["figure": name])
                      } + [t(KlankbordText.flagged)],
            rows: input.methods.map { method in
                let m = method.metrics
                return [.text(method.name), .number(est(m.precision)), .number(est(m.recall)),
                        .number(est(m.f1)), .number(est(m.averagePrecision)),
                        .number(est(m.falsePositiveRate.scaled(1000), digits: 0)),
                        .number(numbers.integer(method.flags))]
            })
    }

    // MARK: 2. Intended use

    var intendedUse: HTMLDocument.Section {
        HTMLDocument.Section(id: "use", heading: t(KlankbordText.useHeading), body: [
            .p(t(KlankbordText.useIntended)),
            .ul(items(KlankbordText.useIntendedItems)),
            .p(t(KlankbordText.useOutOfScope)),
            .ul(items(KlankbordText.useOutOfScopeItems)),
            .p(t(KlankbordText.useOperatingPoint)),
        ], subsections: [chilling])
    }

    /// A catalogue text holding a list, items separated by `|`.
    func items(_ key: some Catalogued) -> [String] {
        t(key).split(separator: "|").map(String.init)
    }

    // MARK: 3. Ground truth

    var datasheet: HTMLDocument.Section {
        let truth = input.groundTruth
        let agreement: HTMLNode = truth.agreement.isEmpty ? .text(t(KlankbordText.datasheetAgreementNone))
            : .el("ul", [], truth.agreement.map { item in
                .el("li", [], [.text(item.name + ": "), .formatted(numbers.estimate(item.estimate))])
            })
        return HTMLDocument.Section(id: "ground-truth", heading: t(KlankbordText.datasheetHeading), body: [
            .p(t(KlankbordText.datasheetIntro)),
            .dl([
                (t(KlankbordText.datasheetSources), truth.sources.isEmpty ? .text(language.orNotAvailable(""))
                    : .el("ul", [], truth.sources.map { .el("li", [], [$0.node(language)]) })),
                (t(KlankbordText.datasheetPeriod), .text(truth.period.first.isEmpty ? language.orNotAvailable("")
                                                         : truth.period.first + " – " + truth.period.last)),
                (t(KlankbordText.datasheetLabelling), truth.labelling.node(language)),
                (t(KlankbordText.datasheetAnnotators), .formatted(numbers.integer(truth.annotators))),
                (t(KlankbordText.datasheetAgreement), agreement),
                (t(KlankbordText.datasheetLabelled), .formatted(numbers.integer(truth.labelled))),
                (t(KlankbordText.datasheetPositives), .formatted(numbers.integer(truth.positives))),
                (t(KlankbordText.datasheetNegatives), .formatted(numbers.integer(truth.negatives))),
                (t(KlankbordText.datasheetPrevalence), .formatted(numbers.percent(truth.prevalence, digits: 1))),
                (t(KlankbordText.datasheetCampaigns), .formatted(numbers.integer(truth.campaigns))),
                (t(KlankbordText.datasheetUndecided), .formatted(numbers.integer(truth.undecided))),
                (t(KlankbordText.datasheetUnlabelled), .formatted(numbers.integer(truth.unlabelled))),
            ]),
            .p(t(KlankbordText.datasheetUnknowns)),
        ])
    }

    // MARK: 4. Method cards

    var methodCards: HTMLDocument.Section {
        HTMLDocument.Section(id: "methods", heading: t(KlankbordText.cardsHeading),
                             body: [.p(t(KlankbordText.cardsIntro))]
                                 + input.methods.map { MethodCard($0, language: language).article(headingLevel: 3) },
                             pageBreak: true)
    }
}

/// Sections 8 and 9: limitations, and the annexes (anonymisation, ingest, IAMA, reproducibility,
/// disclosure, legal frame).
extension KlankbordReport {
    var limitations: HTMLDocument.Section {
        var found: [String] = []
        let truth = input.groundTruth
        if truth.unlabelled > 0 {
            found.append(t(AnnexText.limitationUnlabelled, ["n": numbers.integer(truth.unlabelled)]))
        }
        if suppressedCells > 0 {
            found.append(t(AnnexText.limitationSuppressed, ["n": numbers.integer(suppressedCells),
                                                            "threshold": numbers.integer(input.run.suppressionThreshold)]))
        }
        // Below this many positives a recall interval spans more than about ±0.2.
        if truth.positives < 30 {
            found.append(t(AnnexText.limitationFewPositives, ["n": numbers.integer(truth.positives)]))
        }
        for method in input.methods {
            if method.accountsMissing > 0 {
                found.append(t(AnnexText.limitationMissing, ["method": method.name,
                                                             "n": numbers.integer(method.accountsMissing)]))
            }
            if !method.operatingPoint.fixedBeforeScoring {
                found.append(t(AnnexText.limitationNotFixed, ["method": method.name]))
            }
        }
        let special = undeclaredSpecialKinds
        if !special.isEmpty { found.append(t(LegalText.iamaLegalFlag, ["kinds": SpecialCategories.list(special, language)])) }
        let openLegal = openLegalQuestions.count
        if openLegal > 0 { found.append(t(LegalText.limitationOpen, ["n": numbers.integer(openLegal)])) }
        var body: [HTMLNode] = [
            .el("h3", text: t(PilotText.limitsHeading)), .p(t(PilotText.limitsIntro)),
            .ul(PilotSentences.limits(input).map { $0.text(language) }),
            .p(t(AnnexText.limitationsIntro)), .ul(items(AnnexText.limitationsFixed) + found),
        ]
        let unknowns = unknownsNodes
        if !unknowns.isEmpty { body += [.el("h3", text: t(DecisionText.unknownsHeading))] + unknowns }
        if !input.notes.isEmpty {
            body += [.el("h3", text: t(AnnexText.notesHeading)),
                     .el("ul", [], input.notes.map { .el("li", [], [$0.node(language)]) })]
        }
        return HTMLDocument.Section(id: "limitations", heading: t(AnnexText.limitationsHeading), body: body)
    }

    var annexes: HTMLDocument.Section {
        HTMLDocument.Section(id: "annexes", heading: t(AnnexText.annexesHeading), body: [], subsections: [
            anonymisation, ingest,
            HTMLDocument.Section(id: "iama", heading: t(AnnexText.iamaHeading), body: [
                .p(t(AnnexText.iamaIntro)), IAMACrosswalk(report: self).table.node, .p(t(AnnexText.iamaNumbering), class: "note"),
            ]),
            reproducibility, disclosureSection, legalAnnex,
        ], pageBreak: true)
    }

    func counts(_ caption: AnnexText, _ first: AnnexText, _ rows: [NamedCount]) -> HTMLNode {
        DataTable(caption: t(caption), columns: [t(first), t(DocumentWords.count)],
                  rows: rows.map { [.text($0.name), .number(numbers.integer($0.count))] }, style: "compact").node
    }

    /// What an annex shows when the run carried no report for it.
    func notAvailable(id: String, heading: AnnexText) -> HTMLDocument.Section {
        HTMLDocument.Section(id: id, heading: t(heading), body: [.p(t(DocumentWords.notAvailable) + ".")])
    }

    var anonymisation: HTMLDocument.Section {
        guard let a = input.anonymisation else { return notAvailable(id: "anonymisation", heading: .anonymisationHeading) }
        return HTMLDocument.Section(id: "anonymisation", heading: t(AnnexText.anonymisationHeading), body: [
            .p(t(AnnexText.anonymisationIntro)),
            .dl([
                (t(AnnexText.anonKeyID), .el("code", text: a.keyID)),
                (t(AnnexText.anonFormat), .el("code", text: a.pseudonymFormat)),
                (t(AnnexText.anonPosts), .formatted(numbers.integer(a.posts))),
                (t(AnnexText.anonAccounts), .formatted(numbers.integer(a.accounts))),
                (t(AnnexText.anonK), .formatted("k = " + numbers.integer(a.k))),
                (t(AnnexText.anonLevel), AnonymisationWords.declared(a.kAnonymityLevel).node(language)),
                (t(AnnexText.anonSuppressed), .formatted(numbers.integer(a.accountsSuppressed))),
                (t(AnnexText.anonKept), .el("ul", [], a.kept.map { .el("li", [], [AnonymisationWords.declared($0).node(language)]) })),
                (t(AnnexText.anonDropped), .el("ul", [], a.dropped.map { .el("li", [], [AnonymisationWords.declared($0).node(language)]) })),
            ]),
            counts(.anonReplacedCaption, .anonKind, a.replaced),
            counts(.anonTextCaption, .anonKind, a.textReplaced),
            DataTable(caption: t(AnnexText.anonGeneralisedCaption), columns: [t(AnnexText.anonField), t(AnnexText.anonHow)],
                      rows: a.generalised.map { [.identifier($0.name), .text(AnonymisationWords.declared($0.value)(language))] },
                      style: "compact").node,
        ])
    }

    var ingest: HTMLDocument.Section {
        guard let i = input.ingest else { return notAvailable(id: "ingest", heading: .ingestHeading) }
        return HTMLDocument.Section(id: "ingest", heading: t(AnnexText.ingestHeading), body: [
            .p(t(AnnexText.ingestIntro)),
            .dl([
                (t(AnnexText.ingestArchives), .formatted(numbers.integer(i.archives))),
                (t(AnnexText.ingestEntries), .formatted(numbers.integer(i.entries))),
                (t(AnnexText.ingestRecords), .formatted(numbers.integer(i.records))),
                (t(AnnexText.ingestPosts), .formatted(numbers.integer(i.postsWritten))),
                (t(AnnexText.ingestDuplicates), .formatted(numbers.integer(i.duplicatesDropped))),
                (t(AnnexText.ingestQuarantined), .formatted(numbers.integer(i.quarantined))),
                (t(AnnexText.ingestPeriod), .text(i.period.first.isEmpty ? language.orNotAvailable("") : i.period.first + " – " + i.period.last)),
            ]),
            counts(.ingestFormatsCaption, .ingestFormat, i.formats),
            counts(.ingestPlatformsCaption, .ingestPlatform, i.platforms),
            counts(.ingestReasonsCaption, .ingestReason, i.quarantineReasons),
        ])
    }

    var reproducibility: HTMLDocument.Section {
        let r = input.reproducibility
        func digests(_ caption: AnnexText, _ rows: [NamedDigest]) -> HTMLNode {
            DataTable(caption: t(caption), columns: [t(AnnexText.reproArtefact), t(DocumentWords.digest)],
                      rows: rows.map { [.identifier($0.name), .code($0.digest.hex)] }, style: "compact").node
        }
        let seeds = DataTable(caption: t(AnnexText.reproSeedsCaption), columns: [t(DocumentWords.parameter), t(AnnexText.reproSeed)],
                              rows: r.seeds.map { [.text($0.name), .code(String($0.value))] }, style: "compact").node
        // The report stage's own copy: the run's machine-specific facts come with the published copy.
        guard !r.toolVersion.isEmpty else {
            return HTMLDocument.Section(id: "reproducibility", heading: t(AnnexText.reproHeading), body: [
                .p(t(AnnexText.reproIntro)), .p(t(AnnexText.reproStoredCopy)), seeds, digests(.reproInputsCaption, r.inputs),
                .p(t(AnnexText.reproVerify), class: "note"),
            ])
        }
        return HTMLDocument.Section(id: "reproducibility", heading: t(AnnexText.reproHeading), body: [
            .p(t(AnnexText.reproIntro)),
            .dl([
                (t(AnnexText.reproTool), .text(language.orNotAvailable(r.toolVersion))),
                (t(AnnexText.reproCommit), r.commit.isEmpty ? .text(language.orNotAvailable("")) : .el("code", text: r.commit)),
                (t(AnnexText.reproCommand), r.command.isEmpty ? .text(language.orNotAvailable(""))
                    : .el("pre", [], [.el("code", text: r.command)])),
            ]),
            DataTable(caption: t(AnnexText.reproHardwareCaption), columns: [t(DocumentWords.name), t(DocumentWords.value)],
                      rows: r.hardware.map { [.text($0.name), .text($0.value)] }, style: "compact").node,
            seeds,
            digests(.reproInputsCaption, r.inputs),
            digests(.reproOutputsCaption, r.outputs),
            DataTable(caption: t(AnnexText.reproTimingsCaption),
                      columns: [t(DocumentWords.stage), t(DocumentWords.seconds), t(DocumentWords.computedIn)],
                      rows: r.timings.map { [.text($0.stage), .number(numbers.duration($0.seconds)),
                                             .text(t(DocumentWords.run, ["run": String($0.run)]))] },
                      style: "compact").node,
            .p(t(AnnexText.reproVerify), class: "note"),
        ])
    }
}

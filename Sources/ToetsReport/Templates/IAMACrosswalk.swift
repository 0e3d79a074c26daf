/// The IAMA questions a run can answer from measured facts, with the answers; the questions
/// that need human judgement (purpose, legal basis, rights, proportionality) are listed as open.
///
/// Rows name the IAMA part (2A data, 2B algorithm, 3 implementation, 4 fundamental rights)
/// rather than single question numbers, which differ between versions of the questionnaire.
struct IAMACrosswalk {
    let report: KlankbordReport

    /// One row: the IAMA part, the topic, and the answer (nil: open for the reviewers).
    struct Row {
        var part: String
        var topic: IAMAText
        var answer: String?
    }

    private var input: ReportInput { report.input }
    private var numbers: NumberFormat { report.numbers }
    private func t(_ key: IAMAText, _ values: [String: String] = [:]) -> String { report.t(key, values) }

    var rows: [Row] {
        let truth = input.groundTruth, ingest = input.ingest
        let agreement = truth.agreement.isEmpty ? report.t(KlankbordText.datasheetAgreementNone)
            : truth.agreement.map { "\($0.name) \(numbers.estimate($0.estimate))" }.joined(separator: "; ")
        let precisions = input.methods.compactMap(\.statedPrecision.value)
        let recalls = input.methods.compactMap(\.statedRecall.value)
        return [
            // Without the ingest report the data-quality questions have no answer from this run.
            Row(part: "2A", topic: .sourcesTopic, answer: ingest.map { ingest in t(.sourcesAnswer, [
                "posts": numbers.integer(ingest.postsWritten), "archives": numbers.integer(ingest.archives),
                "platforms": ingest.platforms.map(\.name).joined(separator: ", "), "first": ingest.period.first,
                "last": ingest.period.last, "sources": truth.sources.map { $0(report.language) }.joined(separator: "; "),
            ]) }),
            Row(part: "2A", topic: .qualityTopic, answer: ingest.map { ingest in t(.qualityAnswer, [
                "quarantined": numbers.integer(ingest.quarantined), "records": numbers.integer(ingest.records),
                "duplicates": numbers.integer(ingest.duplicatesDropped), "agreement": agreement,
            ]) }),
            Row(part: "2A", topic: .representativenessTopic, answer: t(.representativenessAnswer, [
                "labelled": numbers.integer(truth.labelled), "prevalence": numbers.percent(truth.prevalence, digits: 1),
                "unlabelled": numbers.integer(truth.unlabelled), "cells": numbers.integer(input.strata.count),
                "suppressed": numbers.integer(report.suppressedCells),
            ])),
            Row(part: "2B", topic: .typeTopic, answer: t(.typeAnswer, ["methods": report.methodList])),
            Row(part: "2B.3", topic: .accuracyTopic, answer: input.methods.map { method in
                t(.accuracyItem, ["method": method.name, "precision": numbers.estimate(method.metrics.precision),
                                  "recall": numbers.estimate(method.metrics.recall),
                                  "f1": numbers.estimate(method.metrics.f1)])
            }.joined(separator: "; ")),
            Row(part: "2B.3", topic: .criteriaTopic, answer: t(.criteriaAnswer, [
                "fixed": numbers.integer(input.methods.filter(\.operatingPoint.fixedBeforeScoring).count),
                "methods": numbers.integer(input.methods.count),
            ])),
            Row(part: "2B.3", topic: .testingTopic, answer: t(.testingAnswer, [
                "labelled": numbers.integer(truth.labelled), "level": report.level, "interval": input.run.intervalMethod(report.language),
            ])),
            Row(part: "2B.3", topic: .biasTopic, answer: t(.biasAnswer, ["high": numbers.integer(report.highRatioCells.count)])),
            Row(part: "2B.3", topic: .wrongTopic, answer: input.methods.map { method in
                t(.wrongItem, ["method": method.name,
                               "n": numbers.perBase(method.statedFalsePositiveRate.value, base: 1000)])
            }.joined(separator: "; ")),
            Row(part: "2B.4", topic: .explainTopic, answer: t(.explainAnswer)),
            Row(part: "3", topic: .auditTopic, answer: t(.auditAnswer)),
            Row(part: "4.5", topic: .effectivenessTopic, answer: precisions.isEmpty ? nil : t(.effectivenessAnswer, [
                "low": numbers.perBase(precisions.min(), base: 100), "high": numbers.perBase(precisions.max(), base: 100),
                "recallLow": numbers.decimal(recalls.min(), digits: 2), "recallHigh": numbers.decimal(recalls.max(), digits: 2),
            ])),
            Row(part: "1", topic: .purposeTopic, answer: nil),
            Row(part: "1", topic: .legalTopic, answer: legalAnswer),
            Row(part: "4", topic: .rightsTopic, answer: nil),
            Row(part: "4", topic: .proportionalityTopic, answer: input.governance.proportionality.map { $0.marked(report.language) }),
        ]
    }

    /// The declared legal basis of each purpose (annex F), and the flag for special categories
    /// without a ground; nil (open) when no purpose has a declared basis.
    var legalAnswer: String? {
        let bases = input.governance.legalBases(report.language)
        let special = report.undeclaredSpecialKinds
        let flag = special.isEmpty ? [] : [report.t(LegalText.iamaLegalFlag, ["kinds": SpecialCategories.list(special, report.language)])]
        return bases.isEmpty && flag.isEmpty ? nil : (bases + flag).joined(separator: "; ")
    }

    var table: DataTable {
        DataTable(
            caption: report.t(AnnexText.iamaCaption),
            columns: [report.t(AnnexText.iamaQuestion), report.t(AnnexText.iamaTopic), report.t(AnnexText.iamaAnswer)],
            rows: rows.map { row in
                [.text(row.part), .text(t(row.topic)), .text(row.answer ?? report.t(AnnexText.iamaOpen))]
            })
    }
}

import Foundation
import ToetsModel

/// `uses: report` — the klankbord report (English and Dutch), the Kamerbrief draft, the method
/// cards, the register prefill and their PDFs, from a score stage's results.
///
/// Inputs, from the stages it needs: exactly one artefact named `results` (a score stage), at
/// most one anonymise `report` of posts, and at most one ingest `report`; and from the runner,
/// the declarations of every stage upstream (the method cards). Every output name is
/// fixed, so the cards of all methods share one document per language. Nothing machine-specific
/// enters an output: the date, pipeline and run label are parameters, and the PDFs are made with
/// a fixed `SOURCE_DATE_EPOCH`, so the same inputs give the same bytes.
package struct ReportStage: BuiltinStage {
    package var renderer: PDFRenderer

    package init(renderer: PDFRenderer = PDFRenderer()) {
        self.renderer = renderer
    }

    package let kind = "report"
    /// 2: operating points are stated as fixed by sealed evaluation, not as unknown.
    /// 3: PR and DET curves from the score stage's curves.csv.
    /// 4: method cards, seeds and the ground truth's sources and labelling from the declarations
    /// of the stages upstream; the register prefill names publication standard 1.0.10.
    /// 5: results schema 3: the decision rule's outcome, harm budget, sampling design, population
    /// estimates, exact intervals, comparisons by the test of the figure shown, curves at grid
    /// points, DET on probit axes, the disclosure ledger; the Kamerbrief leads with false positives.
    /// 6: the Kamerbrief's Kern, terms, who delivered which method and what the pilot cannot say;
    /// a banner for simulated data; absolute harm beside ratios, analysts' workload, chilling effects.
    /// 7: the legal annex from the pipeline's governance declaration (open questions where it is
    /// silent); IAMA rows, register prefill and Kamerbrief from it; the register checked against
    /// the publication standard's field rules.
    /// 8: each method card says which post fields the method received (`fields:`).
    /// 9: false positives among ordinary accounts by platform, activity and language, explained
    /// and unexplained (score stage 4's `error_analysis.ordinary`).
    /// 10: the score stage's pooled cells (`tiktok + (other)`) in Dutch in the Dutch report.
    /// 11: results schema 4: the klankbord report's section 7a, how robust the verdict is.
    package let version = 11
    package let role = StageRole.evaluation
    package let readsDeclarations = true

    package var parameters: [ParameterSpec] {
        [
            ParameterSpec("pipeline", .string, default: .string(""), summary: "the pipeline's name, as the reports show it"),
            ParameterSpec("run", .string, default: .string(""),
                          summary: "a label for the run; empty: the first 12 hex digits of the results' digest"),
            ParameterSpec("date", .string, default: .string(""),
                          summary: "the report's date (YYYY-MM-DD), a parameter so that output stays byte-identical"),
            ParameterSpec("pdf", .boolean, default: .bool(true), summary: "also print the reports and the letter to PDF"),
        ]
    }

    /// The HTML and JSON outputs, always written.
    package static let documents = [
        KlankbordReport.fileName(.en), KlankbordReport.fileName(.nl), Kamerbrief.fileName,
        MethodCard.collectionFileName(.en), MethodCard.collectionFileName(.nl), RegisterPrefill.fileName, ReportBundle.inputFileName,
    ]

    /// The PDFs, written when `pdf` is true.
    package static let pdfs = ReportBundle.printed.map { String($0.dropLast(".html".count)) + ".pdf" }

    package func outputs(parameters: [String: ParamValue]) throws(StageParameterError) -> [String] {
        let date = parameters["date"]?.stringValue ?? ""
        guard date.isEmpty || Self.isDay(date) else {
            throw StageParameterError(parameter: "date", problem: "must be a day as YYYY-MM-DD, or empty")
        }
        let pdf: Bool = if case .bool(false)? = parameters["pdf"] { false } else { true }
        return Self.documents + (pdf ? Self.pdfs : [])
    }

    package func run(_ context: any StageContext) async throws {
        let names = context.inputs.keys.sorted()
        func named(_ artefact: String) -> [String] { names.filter { $0.hasSuffix("." + artefact) } }
        let results = named("results")
        guard results.count == 1 else {
            throw ReportStageError.inputs("report needs exactly one artefact named results (from a score stage); it has "
                + (results.isEmpty ? "none" : results.joined(separator: ", ")) + " among "
                + (names.isEmpty ? "no inputs" : names.joined(separator: ", ")))
        }
        // Reports: an anonymise report of posts (not of labels) and an ingest report, told apart by content.
        var anonymisation: [UInt8]?
        var ingest: [UInt8]?
        for name in named("report") {
            let bytes = try Self.read(name, context)
            let root = try? JSONDocument(bytes).root
            if root?["records"]?.string == "posts", root?["key_id"] != nil {
                guard anonymisation == nil else { throw ReportStageError.inputs("more than one anonymise report of posts") }
                anonymisation = bytes
            } else if root?["posts_written"] != nil, root?["entries"] != nil {
                guard ingest == nil else { throw ReportStageError.inputs("more than one ingest report") }
                ingest = bytes
            }
        }
        let resultsArtefact = context.inputs[results[0]]!
        let run = context.parameters["run"]?.stringValue ?? ""
        let mappingContext = ReportInputMapping.Context(
            pipeline: context.parameters["pipeline"]?.stringValue ?? "",
            runID: run.isEmpty ? String(resultsArtefact.digest.hex.prefix(12)) : run,
            date: context.parameters["date"]?.stringValue ?? "",
            inputs: names.map { NamedDigest($0, context.inputs[$0]!.digest) },
            declarations: StageDeclarations.read(context.parameters), governance: Governance(context.parameters[Governance.parameter]))
        let resultsBytes = try Self.read(results[0], context)
        let input: ReportInput
        let curves = try named("curves.csv").first.map { try Self.read($0, context) }
        do {
            input = try ReportInputMapping.map(results: resultsBytes, curves: curves, anonymisation: anonymisation,
                                               ingest: ingest, context: mappingContext)
        } catch {
            throw ReportStageError.inputs(error.description)
        }
        let outputs = try outputs(parameters: context.parameters)
        for document in try Self.render(input, pdf: outputs.contains(Self.pdfs[0]), renderer: renderer) {
            try await context.storeOutput(document.name, bytes: document.bytes)
        }
    }

    /// The stage's documents for `input`, in the order of `documents` (then `pdfs`, if `pdf`):
    /// what the stage stores, and what a run publishes.
    static func render(_ input: ReportInput, pdf: Bool, renderer: PDFRenderer) throws -> [ReportBundle.Document] {
        var bundle = ReportBundle(input)
        bundle.documents.append(try ReportBundle.inputDocument(input))
        if pdf { try bundle.addPDFs(renderer) }
        return try (documents + (pdf ? pdfs : [])).map { name in
            guard let document = bundle[name] else { throw ReportStageError.inputs("no document \(name) was rendered") }
            return document
        }
    }

    static func read(_ name: String, _ context: any StageContext) throws -> [UInt8] {
        guard let path = context.inputs[name]?.path, let data = FileManager.default.contents(atPath: path) else {
            throw ReportStageError.inputs("cannot read \(name)")
        }
        return Array(data)
    }

    static func isDay(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return false }
        return bytes.enumerated().allSatisfy { $0.offset == 4 || $0.offset == 7 || ($0.element >= 0x30 && $0.element <= 0x39) }
    }
}

/// Why the report stage stopped.
package enum ReportStageError: Error, Sendable, CustomStringConvertible {
    case inputs(String)

    package var description: String {
        switch self {
        case .inputs(let problem): "report: " + problem
        }
    }
}

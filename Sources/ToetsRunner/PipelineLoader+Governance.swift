import ToetsModel
import Yams

/// The pipeline's `governance:` declaration: read with the line of every field, checked like a
/// stage's fields, and its sources checked against the files the source stages bring.
extension PipelineLoader {
    static func parseGovernance(_ node: Node, line: Int, file: String,
                                errors: inout [PipelineError]) -> (Governance, lines: [String: Int])? {
        guard node.mapping != nil else {
            errors.append(PipelineError(file: file, line: line, field: "governance",
                                        problem: "governance: takes a mapping with " + Governance.fields.joined(separator: ", "),
                                        hint: "See pipelines/demo.yaml."))
            return nil
        }
        var lines = ["governance": line]
        recordLines(of: node, under: "governance", in: &lines)
        guard case .map(let map) = governanceValue(node) else { return nil }
        let (governance, problems) = Governance.read(map)
        for problem in problems {
            let field = "governance." + problem.parameter
            errors.append(PipelineError(file: file, line: nearestLine(of: field, in: lines), field: field, problem: problem.problem,
                                        hint: governanceHint))
        }
        return (governance, lines)
    }

    static let governanceHint = "A field left out is shown in the reports as an open question; see pipelines/demo.yaml."

    /// Every source named under `governance: sources:` must be a file a source stage brings.
    static func checkGovernanceSources(_ governance: Governance, lines: [String: Int], stages: [StageSpec], file: String,
                                       errors: inout [PipelineError]) {
        let files = Set(stages.filter { $0.action == .builtin("source") }
            .flatMap { $0.parameters["files"]?.mapValue?.keys.map { $0 } ?? [] })
        for source in governance.sources where !files.contains(source.file) {
            let field = "governance.sources.\(source.file)"
            errors.append(PipelineError(
                file: file, line: nearestLine(of: field, in: lines), field: field,
                problem: "'\(source.file)' is not a file of any source stage.\(didYouMean(source.file, among: files))",
                hint: "Name each source by its name under a source stage's files: ("
                    + (files.isEmpty ? "this pipeline has none" : files.sorted().joined(separator: ", ")) + ")."))
        }
    }

    /// Texts kept as written (a reference 2026-01 stays a text); only plain true and false are flags.
    private static func governanceValue(_ node: Node) -> ParamValue {
        switch node {
        case .scalar(let scalar):
            if scalar.style == .plain, ["true", "false"].contains(scalar.string) { return .bool(scalar.string == "true") }
            return .string(scalar.string)
        case .sequence(let sequence): return .list(sequence.map(governanceValue))
        case .mapping(let mapping):
            var entries: [String: ParamValue] = [:]
            for (key, value) in mapping { entries[key.string ?? ""] = governanceValue(value) }
            return .map(entries)
        case .alias: return .null
        }
    }
}

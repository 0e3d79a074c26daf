import ArgumentParser
import Foundation
import ToetsAnonymise
import ToetsModel
import ToetsRunner
import ToetsStore

extension Toets {
    /// `toets audit`: looks for raw identifiers and canaries wherever pseudonymised data went.
    struct Audit: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Search a run's pseudonymised artefacts, their logs, the index and the reports for raw identifiers.",
            discussion: """
                Looks for the canaries in the --canaries files and for a seeded sample of the raw identifiers and \
                text personal data of the ingested posts, as they are and lower-cased, NFC and NFD, \
                percent-encoded, JSON-escaped and base64-encoded. It searches every artefact and log of the stages \
                after an anonymise stage, the index, the provenance log, and the report folders. Any hit is named (what, which form, \
                where, which line, never the value itself) and the command fails.
                """)

        @Argument(help: ArgumentHelp("The pipeline file (default: the one the last run used).", valueName: "pipeline.yaml"),
                  completion: .file(extensions: ["yaml", "yml"]))
        var pipeline: String?

        @Option(name: .long, help: ArgumentHelp("The run to audit (default: the pipeline's newest).", valueName: "id"))
        var run: Int64?

        @Option(name: .long, help: ArgumentHelp("A file of canary values, one per line (repeatable).", valueName: "file"))
        var canaries: [String] = []

        @Option(name: .long, help: ArgumentHelp("How many raw posts to sample identifiers from.", valueName: "n"))
        var sample = 1000

        @Option(name: .long, help: ArgumentHelp("The seed of the sample.", valueName: "n"))
        var seed: UInt64 = 1

        @Option(name: .long, help: ArgumentHelp("A folder of rendered reports to search (repeatable; default: "
                                                + "reports/ next to the pipeline's root, if it exists).", valueName: "dir"))
        var reports: [String] = []

        @OptionGroup var options: WorkspaceOptions

        private struct Finding: Encodable {
            var what: String
            var form: String
            var place: String
            var line: Int
        }

        private struct Result: Encodable {
            var run: Int64
            var values: Int
            var unsearchable: Int
            var patterns: Int
            var files: Int
            var bytes: Int
            var hits: Int
            var findings: [Finding]
        }

        func run() async throws {
            try await reportingErrors {
                let runner = try runner(for: pipeline, options: options)
                let plan = runner.plan
                let index = runner.workspace.index
                guard let runID = try run ?? index.runs(pipeline: plan.pipeline.name, limit: 1).first?.id else {
                    throw CommandFailure(message: "pipeline \(plan.pipeline.name) has not run in \(runner.workspace.root)",
                                         code: ExitCodes.badInput)
                }
                let steps = try index.steps(run: runID)
                let store = runner.workspace.store

                // What to look for.
                var values: [(label: String, value: String)] = []
                for file in canaries {
                    guard let data = FileManager.default.contents(atPath: file) else {
                        throw CommandFailure(message: "cannot read the canary list \(file)", code: ExitCodes.badInput)
                    }
                    values += LeakValues.canaries(String(decoding: data, as: UTF8.self), file: file)
                }
                for step in steps where plan.stage(named: step.stage)?.builtin?.personalData == .brings {
                    for artefact in step.outputs where artefact.name == "posts" {
                        let posts = try AnonymiseStage.readPosts(store.path(of: artefact.digest), name: "\(step.stage).posts")
                        // The names anonymise looked for, under the parameters of the stage that read these posts.
                        let reader = plan.stages.filter { $0.kind == AnonymiseStage().kind && $0.needs.contains(step.stage) }
                            .min { $0.name < $1.name }
                        let names: TextScanner?
                        do {
                            names = try reader.map { try AnonymiseStage().textScanner(
                                for: posts, parameters: $0.parameters, environment: ProcessInfo.processInfo.environment) }
                        } catch {
                            throw CommandFailure(message: "cannot sample the names stage '\(reader?.name ?? "")' looked for: \(error)",
                                                 code: ExitCodes.badInput)
                        }
                        values += LeakValues.sample(of: posts, count: sample, seed: seed, names: names)
                    }
                }
                guard !values.isEmpty else {
                    throw CommandFailure(message: "nothing to look for: run \(runID) has no ingested posts and no "
                                         + "--canaries were given", code: ExitCodes.badInput)
                }

                // Where to look: every artefact and log of the stages after anonymisation, the
                // index, and the reports.
                var places: [(name: String, path: String)] = []
                var seen: Set<Digest> = []
                let clean = Self.pseudonymisedStages(plan)
                for step in steps where clean.contains(step.stage) {
                    for artefact in step.artefacts where seen.insert(artefact.digest).inserted {
                        places.append(("\(artefact.role.rawValue) \(artefact.name) of stage '\(step.stage)'",
                                       store.path(of: artefact.digest)))
                    }
                }
                for suffix in ["", "-wal"] where FileSystem.exists(runner.workspace.root + "/index.sqlite" + suffix) {
                    places.append(("the index (index.sqlite\(suffix))", runner.workspace.root + "/index.sqlite" + suffix))
                }
                let provenance = runner.workspace.root + "/provenance"
                if FileSystem.isDirectory(provenance) {
                    for file in try Self.files(under: provenance) { places.append(("the provenance log (\(file))", file)) }
                }
                let reportFolders = reports.isEmpty ? [plan.pipeline.root + "/reports"].filter(FileSystem.isDirectory) : reports
                for folder in reportFolders {
                    for file in try Self.files(under: folder) { places.append(("report \(file)", file)) }
                }

                let audit = LeakAudit(values: values)
                var findings: [Finding] = []
                var hits = 0
                var bytes = 0
                for place in places {
                    let result = try audit.scan(file: place.path)
                    bytes += result.byteCount
                    hits += result.totalHits
                    findings += result.hits.map { Finding(what: $0.label, form: $0.form.rawValue, place: place.name, line: $0.line) }
                }
                let summary = Result(run: runID, values: values.count, unsearchable: audit.unsearchable.count,
                                     patterns: audit.patternCount, files: places.count, bytes: bytes, hits: hits,
                                     findings: findings)
                if options.json {
                    try printJSON(summary)
                } else {
                    for finding in findings {
                        writeOut("LEAK \(finding.what) (\(finding.form)) in \(finding.place), line \(finding.line)")
                    }
                    writeOut("audited run \(runID): \(values.count) raw values (\(audit.unsearchable.count) too short to "
                             + "search) in \(audit.patternCount) forms, over \(places.count) files (\(formatBytes(bytes))): "
                             + (hits == 0 ? "no leaks" : "\(hits) hits"))
                }
                if hits > 0 {
                    throw CommandFailure(message: "raw values found after pseudonymisation; see above", code: ExitCodes.failed)
                }
            }
        }

        /// Stages whose outputs come only from anonymised data: anonymise stages and the stages
        /// that need only such stages.
        static func pseudonymisedStages(_ plan: Plan) -> Set<String> {
            var clean: Set<String> = []
            for stage in plan.stages {
                if stage.builtin?.personalData == .removes || (!stage.needs.isEmpty && stage.needs.allSatisfy(clean.contains)) {
                    clean.insert(stage.name)
                }
            }
            return clean
        }

        /// The regular files under `folder`, sorted.
        static func files(under folder: String) throws -> [String] {
            var files: [String] = []
            for name in try FileSystem.contents(of: folder) {
                let path = folder + "/" + name
                if FileSystem.isDirectory(path) { files += try self.files(under: path) } else { files.append(path) }
            }
            return files.sorted()
        }
    }
}

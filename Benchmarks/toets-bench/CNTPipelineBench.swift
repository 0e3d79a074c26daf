import ArgumentParser
import Foundation
import ToetsMethods
import ToetsModel
import ToetsProcess

/// `toets-bench cnt-pipeline`: the path users run — `toets run` on a pipeline of source →
/// ingest → anonymise → `method/co-action` — against CNT 1.5.2 on the same synthetic CSV, per
/// network type, with the time and peak memory of each stage.
///
/// Toets: each stage is the one stage a `toets run` process executes, on pipelines that grow by
/// one stage (source + ingest; + anonymise; + one co-action stage per network), all in one fresh
/// workspace per repetition, so that every process reuses what the one before stored: its wall
/// time is that stage's time as a user meets it (process start, keys and recording included), its
/// peak resident memory that stage's. A network's total is ingest + anonymise + its co-action.
/// CNT: `preprocess` + `compute` + the CSV export, as `toets-bench cnt` runs them; its preprocess
/// counts in every network's total, as ingest and anonymise count in Toets's. The two alternate
/// (Toets, CNT, Toets, CNT, …) in one session; figures are medians of the repetitions.
struct CNTPipelineBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cnt-pipeline",
        abstract: "toets run (source → ingest → anonymise → co-action) against CNT 1.5.2: time and memory per stage.")

    @OptionGroup var input: CNTInputOptions

    @Option(help: "Repetitions of each side, alternating; medians are reported.")
    var repetitions = 3

    @Flag(help: "Time Toets only (no CNT venv needed).")
    var toetsOnly = false

    @Option(help: "The end-to-end speed-up over CNT to meet per network.")
    var goal = 5.0

    @Option(help: "The toets executable (default: the one built beside this benchmark).")
    var toets: String?

    @Option(help: "Another toets executable (a baseline build, such as main's) whose anonymise stage is timed on the same workspace right after this one's in every repetition (toets run --force).")
    var anonymiseBaseline: String?

    @Option(help: "The anonymise throughput to meet, in posts per second of wall time (on this machine's cores).")
    var anonymiseGoal = 300_000.0

    @Option(help: "The memory every stage must fit in, in GiB (peak resident memory of its toets run process).")
    var memoryGoal = 24.0

    @Flag(help: "Leave out the breakdown of each co-action stage's CPU time measured in the bench's process.")
    var noPhases = false

    /// One process: wall seconds, CPU seconds (user and system, all threads) and peak resident bytes.
    struct Sample {
        var seconds: Double
        var cpu: Double
        var peak: Int
    }

    func run() throws {
        let chosen = try input.chosenNetworks()
        guard ProcessInfo.processInfo.environment["TOETS_NAME_LISTS"] != nil else {
            throw BenchError("anonymise needs the name lists: run through `make bench-pipeline`, or set TOETS_NAME_LISTS")
        }
        let cnt = toetsOnly ? nil : input.cnt
        try cnt?.checkVersion()
        var failed = false
        for size in input.sizes {
            failed = try bench(size: size, networks: chosen, cnt: cnt) || failed
        }
        if failed { throw ExitCode(1) }
    }

    /// Returns whether a goal was missed.
    private func bench(size: Int, networks: [CoActionNetwork], cnt: CNTCommandLine?) throws -> Bool {
        let folder = FileManager.default.currentDirectoryPath + "/" + input.cache + "/\(size)"
        let (window, timeLimit) = (input.window, input.timeLimit)
        let input = try self.input.input(size: size, in: folder)
        let megabytes = ((try? FileManager.default.attributesOfItem(atPath: input)[.size] as? Int) ?? 0) >> 20
        say("\n\(size) messages (\(megabytes) MiB CSV), window \(window) s; \(repetitions) repetitions, Toets and CNT "
            + "alternating; load \(loadAverages())")
        let work = folder + "/pipeline"
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        // A key file may not lie in a git work tree (as the cache folder may).
        let key = FileManager.default.temporaryDirectory.path + "/toets-bench-pseudonym.key"
        if !FileManager.default.fileExists(atPath: key) {
            var random = SystemRandomNumberGenerator()
            let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &random) }
            guard FileManager.default.createFile(atPath: key, contents: Data(bytes), attributes: [.posixPermissions: 0o600])
            else { throw BenchError("cannot write the pseudonymisation key \(key)") }
        }
        let stages = ["source", "ingest", "anonymise"] + networks.map(\.rawValue)
        for (index, stage) in stages.enumerated() {
            try pipeline(input: input, networks: index < 3 ? [] : [networks[index - 3]], ingest: index >= 1, anonymise: index >= 2)
                .write(toFile: work + "/\(stage).yaml", atomically: true, encoding: .utf8)
        }

        var samples: [String: [Sample]] = [:]
        var cntTotals: [String: [Double]] = [:]
        var preprocess: [Double] = []
        for repetition in 1...repetitions {
            let workspace = work + "/workspace"
            try? FileManager.default.removeItem(atPath: workspace)
            for stage in stages {
                let sample = try runToets(work + "/\(stage).yaml", workspace: workspace, key: key, in: work)
                samples[stage, default: []].append(sample)
                // The baseline's anonymise on the same input, just after this one's.
                if stage == "anonymise", let baseline = anonymiseBaseline {
                    samples[Self.baselineStage, default: []].append(try runToets(work + "/\(stage).yaml", workspace: workspace,
                        key: key, in: work, executable: baseline, force: "posts"))
                }
            }
            say("  Toets \(repetition): " + (stages + (anonymiseBaseline == nil ? [] : [Self.baselineStage]))
                .map { String(format: "%@ %.2f s", $0, samples[$0]!.last!.seconds) }
                .joined(separator: ", ") + "; load \(loadAverages())")
            guard let cnt else { continue }
            let database = folder + "/cnt.db", copy = folder + "/cnt-work.db"
            let prepared = try cnt.preprocess(csv: input, into: database)
            preprocess.append(prepared)
            var line = String(format: "  CNT %d: preprocess %.1f s", repetition, prepared)
            for network in networks {
                let name = network.rawValue
                try CNTCommandLine.copyDatabase(database, to: copy)
                _ = try cnt.alignWithToets(name, database: copy)
                let computed = try cnt.compute(name, database: copy, window: window).map { $0 } ?? Double(timeLimit)
                let export = try cnt.export(name, database: copy, to: folder + "/cnt-\(name).csv")
                CNTCommandLine.removeDatabase(copy)
                cntTotals[name, default: []].append(prepared + computed + export)
                line += String(format: ", %@ %.1f s", name, computed + export)
            }
            say(line + "; load \(loadAverages())")
        }

        func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }
        func medianSample(_ stage: String) -> Sample {
            let runs = samples[stage]!
            return Sample(seconds: median(runs.map(\.seconds)), cpu: median(runs.map(\.cpu)), peak: runs.map(\.peak).max()!)
        }
        say("\n\(size) messages, per stage (toets run as a process, median of \(repetitions); CPU: user + system of all "
            + "its threads; peak: the highest resident memory of the repetitions)")
        say("stage              time s    CPU s     posts/s      peak memory")
        for stage in stages + (anonymiseBaseline == nil ? [] : [Self.baselineStage]) {
            let sample = medianSample(stage)
            let rate = stage == "ingest" || stage.hasPrefix("anonymise") ? String(format: "%.0f", Double(size) / sample.seconds) : ""
            say(stage.padding(toLength: 19, withPad: " ", startingAt: 0) + String(format: "%-10.2f%-10.2f", sample.seconds, sample.cpu)
                + rate.padding(toLength: 13, withPad: " ", startingAt: 0) + formatBytes(sample.peak))
        }
        let anonymise = medianSample("anonymise")
        let cores = ProcessInfo.processInfo.activeProcessorCount
        say(String(format: "\nanonymise (names recognizer on): %.0f posts/s wall, %.0f posts per CPU second (so at best %.0f posts/s "
                   + "on %d cores); goal ≥ %.0f posts/s: %@", Double(size) / anonymise.seconds, Double(size) / anonymise.cpu,
                   Double(size * cores) / anonymise.cpu, cores, anonymiseGoal,
                   Double(size) / anonymise.seconds >= anonymiseGoal ? "met" : "NOT MET"))
        if let baseline = anonymiseBaseline {
            let before = medianSample(Self.baselineStage)
            say(String(format: "baseline %@: %.0f posts/s wall, %.0f posts per CPU second; this build uses %.2f× its CPU time",
                       baseline, Double(size) / before.seconds, Double(size) / before.cpu, anonymise.cpu / before.cpu))
        }
        let limit = Int(memoryGoal * Double(1 << 30))
        let highest = stages.max { medianSample($0).peak < medianSample($1).peak }!
        say(String(format: "highest peak: %@ %@; goal: every stage within %.0f GiB: %@", highest, formatBytes(medianSample(highest).peak),
                   memoryGoal, medianSample(highest).peak <= limit ? "met" : "NOT MET"))
        if !noPhases && !networks.isEmpty {
            try sayPhases(networks, size: size, workspace: work + "/workspace", folder: work, stageCPU: { medianSample($0).cpu })
        }
        let shared = medianSample("source").seconds + medianSample("ingest").seconds + medianSample("anonymise").seconds
        var missed = false
        if cnt != nil {
            say(String(format: "\n%d messages, end to end: CNT = preprocess (median %.1f s) + compute + export; "
                       + "Toets = source + ingest + anonymise + co-action", size, median(preprocess)))
            say("network            CNT s     Toets s   speed-up (goal ≥ \(String(format: "%.0f", goal))×)")
            for network in networks {
                let name = network.rawValue
                let cntSeconds = median(cntTotals[name]!)
                let toetsSeconds = shared + medianSample(name).seconds
                let speedUp = cntSeconds / toetsSeconds
                missed = missed || speedUp < goal
                say(name.padding(toLength: 19, withPad: " ", startingAt: 0) + String(format: "%-10.1f%-10.2f%.1f× %@",
                    cntSeconds, toetsSeconds, speedUp, speedUp >= goal ? "met" : "NOT MET"))
            }
        }
        return missed
    }

    /// Each co-action stage's CPU time against its core compute (issue 19: the overhead, reading
    /// the posts and writing the outputs, at most the core compute), the phases measured in this
    /// process on the posts artefact the last repetition stored (`MethodStagePhases`).
    private func sayPhases(_ networks: [CoActionNetwork], size: Int, workspace: String, folder: String,
                           stageCPU: (String) -> Double) throws {
        let listing = try runProgram([toets ?? buildDirectory + "/toets", "outputs", "posts", "--workspace", workspace, "--json"], in: folder)
        guard let json = try JSONSerialization.jsonObject(with: Data(listing.utf8)) as? [String: Any],
              let artefacts = json["artefacts"] as? [[String: Any]],
              let posts = artefacts.first(where: { $0["name"] as? String == "posts" }),
              let path = posts["path"] as? String, let digest = (posts["digest"] as? String).flatMap(Digest.init(hex:))
        else { throw BenchError("no posts artefact in \(workspace):\n\(listing)") }
        let binary = artefacts.first { $0["name"] as? String == PostColumns.artefactName }
        let columns = binary?["path"] as? String
        say("\nposts: \(formatBytes(posts["size"] as? Int ?? 0)) of NDJSON; "
            + (binary.map { "\(PostColumns.artefactName): \(formatBytes($0["size"] as? Int ?? 0))" } ?? "no binary form (an older build)"))
        say("\n\(size) messages, each co-action stage's CPU seconds: the stage's process, and its phases timed in this process "
            + "(read: posts into the method's input, from \(columns == nil ? "their NDJSON" : "their binary form, \(PostColumns.artefactName)"); "
            + "core: counting the network; detect: graph, detections, evidence, directed.csv; "
            + "write: the four other tables; other: the stage's process besides these, i.e. start, hashing, storing, recording); "
            + "goal: overhead (all but core) ≤ core")
        say("network            stage     read      core      detect    write     other     edges       outputs     overhead/core")
        for network in networks {
            let phases = try MethodStagePhases.measure(posts: path, columns: columns, digest: digest, network: network,
                                                       window: input.window)
            let stage = stageCPU(network.rawValue)
            let overhead = stage - phases.network
            say(network.rawValue.padding(toLength: 19, withPad: " ", startingAt: 0)
                + String(format: "%-10.2f%-10.2f%-10.2f%-10.2f%-10.2f%-10.2f%-12d", stage, phases.read, phases.network,
                         phases.detect, phases.write, max(0, stage - phases.total), phases.edges)
                + formatBytes(phases.outputBytes).padding(toLength: 12, withPad: " ", startingAt: 0)
                + String(format: "%.1f× ", overhead / max(phases.network, 1e-9)) + (overhead <= phases.network ? "met" : "NOT MET"))
        }
    }

    /// A pipeline of source (→ ingest (→ anonymise (→ one co-action stage per network))).
    private func pipeline(input: String, networks: [CoActionNetwork], ingest: Bool, anonymise: Bool) -> String {
        var yaml = """
            version: 1
            name: cnt-pipeline
            stages:
              messages:
                uses: source
                with: {files: {messages.csv: \(input)}}

            """
        if ingest {
            yaml += "  raw-posts:\n    uses: ingest\n    needs: messages\n"
                + "    with: {formats: {messages.csv: cnt-csv}, platforms: {messages.csv: x}}\n"
        }
        if anonymise { yaml += "  posts:\n    uses: anonymise\n    needs: raw-posts\n" }
        for network in networks {
            yaml += "  \(network.rawValue):\n    uses: method/co-action\n    needs: posts\n"
                + "    with: {network: \(network.rawValue), window: \(self.input.window), min_edge_weight: 1}\n"
        }
        return yaml
    }

    /// The name the baseline's anonymise samples go under.
    static let baselineStage = "anonymise-baseline"

    /// `toets run PIPELINE` as a process (`executable`, else this build's; `force`: a stage to
    /// execute again); fails unless it executed exactly one stage.
    private func runToets(_ pipeline: String, workspace: String, key: String, in folder: String,
                          executable: String? = nil, force: String? = nil) throws -> Sample {
        var environment = ProcessInfo.processInfo.environment
        environment["TOETS_PSEUDONYM_KEY_FILE"] = key
        let log = folder + "/toets.log"
        let request = SpawnRequest(arguments: [executable ?? toets ?? buildDirectory + "/toets", "run", pipeline, "--workspace", workspace]
                                       + (force.map { ["--force", $0] } ?? []),
                                   environment: environment, workingDirectory: folder,
                                   standardOutputPath: log, standardErrorPath: log + ".err")
        let start = ContinuousClock.now
        let cpuBefore = CNTCommandLine.childCPUSeconds()
        let child = try Subprocess.spawn(request)
        let ending = child.waitBlocking()
        let seconds = (ContinuousClock.now - start) / .seconds(1)
        let cpu = CNTCommandLine.childCPUSeconds() - cpuBefore
        let output = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
        guard ending == .exited(0), output.contains(" 1 executed") else {
            let errors = (try? String(contentsOfFile: log + ".err", encoding: .utf8)) ?? ""
            throw BenchError("toets run \(pipeline) (\(ending)):\n\(output)\(errors)")
        }
        return Sample(seconds: seconds, cpu: cpu, peak: child.peakMemory ?? 0)
    }

}

import Foundation
import Testing
import ToetsModel
import ToetsStore
import ToetsTestSupport
@testable import ToetsRunner

/// A stage kind with several range checks, a mapping of limits and a key file, as the built-in
/// kinds have them; `outputs` names only the first problem it meets.
private struct Ranged: BuiltinStage {
    let kind = "ranged"
    let version = 1
    let role = StageRole.data
    var parameters: [ParameterSpec] {
        [ParameterSpec("level", .number, default: .double(0.95), summary: "a share"),
         ParameterSpec("count", .integer, default: .int(10), summary: "at least 1"),
         ParameterSpec("limits", .mapping, default: .map([:]), summary: "positive numbers"),
         ParameterSpec("key_file", .string, default: .string(""), entersKey: false, summary: "a key")]
    }

    func outputs(parameters: [String: ParamValue]) throws(StageParameterError) -> [String] {
        guard let level = parameters["level"]?.numberValue, level > 0, level < 1 else {
            throw StageParameterError(parameter: "level", problem: "must lie between 0 and 1")
        }
        guard let count = parameters["count"]?.intValue, count >= 1 else {
            throw StageParameterError(parameter: "count", problem: "must be at least 1")
        }
        for (name, value) in parameters["limits"]?.mapValue ?? [:] where (value.numberValue ?? 0) <= 0 {
            throw StageParameterError(parameter: "limits.\(name)", problem: "must be positive")
        }
        return ["out"]
    }

    func keyIDs(parameters: [String: ParamValue], environment: [String: String]) throws -> [String] {
        guard let path = parameters["key_file"]?.stringValue, !path.isEmpty else { return [] }
        var info = stat()
        guard stat(path, &info) == 0 else { throw StageParameterError(parameter: "key_file", problem: "cannot be read") }
        guard info.st_mode & 0o077 == 0 else {
            throw StageParameterError(parameter: "key_file", problem: "key \(path) may be read by others: chmod 600 it")
        }
        return ["k1"]
    }

    func secretFiles(parameters: [String: ParamValue], environment: [String: String]) -> [SecretFile] {
        guard let path = parameters["key_file"]?.stringValue, !path.isEmpty else { return [] }
        return [SecretFile(path: path, parameter: "key_file")]
    }

    func run(_ context: any StageContext) async throws {
        try await context.storeOutput("out", bytes: [1])
    }
}

@Suite struct ChecksFirstTests {
    let registry = StageRegistry.core.adding([Ranged()])

    func problems(_ yaml: String) throws -> [PipelineError] {
        do {
            _ = try PipelineFixture(yaml).plan(registry: registry)
            return []
        } catch let error as PipelineErrors {
            return error.errors
        }
    }

    @Test func everyValueOutOfRangeIsReportedAtOnceAtItsOwnLine() throws {
        let found = try problems("""
            stages:
              a:
                uses: ranged
                with:
                  level: 1.5
                  count: 0
                  limits:
                    max_ratio: -1
                    max_entries: 3
                    max_seconds: 0
              b:
                uses: ranged
                with: {count: -2}
            """)
        #expect(found.map(\.field) == ["with.level", "with.count", "with.limits.max_ratio", "with.limits.max_seconds", "with.count"])
        #expect(found.map(\.line) == [5, 6, 8, 10, 13])
        #expect(found.map(\.stage) == ["a", "a", "a", "a", "b"])
        // Always the same, whatever order the mapping's entries come in.
        for _ in 0..<5 { #expect(try problems("stages:\n  a:\n    uses: ranged\n    with: {limits: {x: 0, y: -1, z: 0}}\n").count == 3) }
    }

    @Test func rangeProblemsComeTogetherWithUnknownAndMistypedParameters() throws {
        let found = try problems("""
            stages:
              a:
                uses: ranged
                with:
                  level: high
                  count: 0
                  colour: red
            """)
        #expect(found.map(\.field) == ["with.level", "with.count", "with.colour"])
        #expect(found[0].problem.contains("must be a number, not a string"))
        #expect(found[1].problem == "must be at least 1")
    }

    @Test func theDefaultFindsEachProblemAndOnlyRealOnes() {
        let stage = Ranged()
        var parameters: [String: ParamValue] = ["level": .double(0.95), "count": .int(10), "limits": .map([:]), "key_file": .string("")]
        #expect(stage.parameterProblems(parameters).isEmpty)
        parameters["count"] = .int(0)
        parameters["limits"] = .map(["a": .int(1), "b": .int(0)])
        #expect(stage.parameterProblems(parameters).map(\.parameter) == ["count", "limits.b"])
    }

    @Test func aKeyInTheWorkspaceOrAGitWorkTreeOrReadableByOthersIsRefusedBeforeAnyStageRuns() async throws {
        let fixture = try PipelineFixture("")
        let root = fixture.directory.path
        try FileSystem.makeDirectory(root + "/repo/.git")
        for (path, mode) in [("repo/k", 0o600), ("outside/k", 0o644), ("elsewhere/k", 0o600)] {
            try fixture.directory.write(path, String(repeating: "k", count: 32))
            chmod(root + "/" + path, mode_t(mode))
        }
        _ = try fixture.workspace()
        try FileSystem.makeDirectory(fixture.workspacePath + "/keys")
        try fixture.directory.write(".toets/keys/k", String(repeating: "k", count: 32))
        chmod(fixture.workspacePath + "/keys/k", 0o600)
        try fixture.setPipeline("""
            stages:
              first: {run: "echo ran > {out.x}"}
              in-repo:
                uses: ranged
                with: {key_file: \(root)/repo/k}
              readable:
                uses: ranged
                with: {key_file: \(root)/outside/k}
              in-workspace:
                uses: ranged
                with: {key_file: \(fixture.workspacePath)/keys/k}
              fine:
                uses: ranged
                with: {key_file: \(root)/elsewhere/k}
            """)
        let observer = RecordingObserver()
        await #expect {
            try await fixture.run(observer: observer, registry: registry)
        } throws: { error in
            guard let errors = (error as? PipelineErrors)?.errors else { return false }
            return errors.map(\.stage) == ["in-repo", "readable", "in-workspace"]
                && errors.map(\.line) == [5, 8, 11]
                && errors[0].problem.contains("lies inside the git work tree \(root)/repo")
                && errors[1].problem.contains("may be read by others")
                && errors[2].problem.contains("lies inside the Toets workspace \(fixture.workspacePath)")
        }
        #expect(observer.startedStages.isEmpty)
        #expect(try fixture.workspace().index.runs().isEmpty)
    }
}

/// Pipeline files that would take minutes or gigabytes are refused at once, with a message.
@Suite struct PipelineFileLimitsTests {
    func parse(_ yaml: String) throws -> PipelineSpec {
        try PipelineLoader.parse(yaml, file: "p.yaml", directory: "/project")
    }

    func billionLaughs(keys: Bool) -> String {
        var lines = [#"a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]"#]
        for level in 1...9 {
            lines.append("a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 9).joined(separator: ", ") + "]")
        }
        lines.append(keys ? "? *a9\n: 1\nstages: {}" : "stages:\n  s:\n    run: 'true'\n    with: {x: *a9}")
        return lines.joined(separator: "\n") + "\n"
    }

    @Test(arguments: [false, true])
    func anAliasBombIsRefusedAtTheAliasThatExplodes(inKeys: Bool) throws {
        #expect {
            _ = try parse(billionLaughs(keys: inKeys))
        } throws: { error in
            guard let error = error as? PipelineError else { return false }
            return error.line == 6 && error.problem.contains("YAML aliases here would expand the file by more than 100000 nodes")
        }
    }

    @Test func aFewAliasesStillWork() throws {
        let spec = try parse("""
            stages:
              a: {run: "echo > {out.x}", with: {window: &w 60}}
              b: {run: "echo > {out.x}", with: {window: *w}, needs: &n [a]}
              c: {run: "echo > {out.x}", needs: *n}
            """)
        #expect(spec.stages[1].parameters["window"] == .int(60))
        #expect(spec.stages[2].needs == ["a"])
    }

    @Test func deepNestingIsRefusedWithALine() throws {
        for depth in [70, 5_000] {
            #expect {
                _ = try parse("stages:\n  s:\n    run: 'true'\n    with: {x: " + String(repeating: "[", count: depth)
                              + String(repeating: "]", count: depth) + "}\n")
            } throws: { error in
                (error as? PipelineError)?.problem.contains("nest more than 64 levels deep") == true
            }
        }
    }

    @Test func anOversizedOrSpecialFileIsRefusedWithoutReadingIt() throws {
        let directory = TemporaryDirectory()
        let huge = directory.path + "/huge.yaml"
        #expect(FileManager.default.createFile(atPath: huge, contents: nil))
        #expect(truncate(huge, 1 << 30) == 0)  // sparse: nothing to read, but 1 GiB long
        #expect {
            _ = try PipelineLoader.load(path: huge)
        } throws: { error in
            (error as? PipelineError)?.problem == "the pipeline file is 1 GiB; pipeline files are at most 32 MiB"
        }
        let fifo = directory.path + "/fifo.yaml"
        #expect(mkfifo(fifo, 0o600) == 0)
        for path in [fifo, "/dev/zero", directory.path] {
            #expect {
                _ = try PipelineLoader.load(path: path)
            } throws: { error in
                (error as? PipelineError)?.problem.contains("is not a regular file") == true
            }
        }
    }

    /// A chain of stages, each needing the one before and reading its output, declared last
    /// first (so that an order found by scanning the file from the top would scan it all).
    static func chain(_ count: Int) -> String {
        var yaml = "stages:\n"
        for index in (1..<count).reversed() {
            yaml += "  s\(index):\n    needs: s\(index - 1)\n    with: {x: \(index)}\n    run: \"cat {in.o} > {out.o}\"\n"
        }
        return yaml + "  s0: {run: \"echo > {out.o}\"}\n"
    }

    /// The thread's CPU time spent loading and checking `yaml` and working out every stage's
    /// key components (as `toets run` and `toets status` do before anything runs), the least
    /// of three tries.
    static func cpuSeconds(loading yaml: String, workspace: Workspace) throws -> Double {
        var best = Double.infinity
        for _ in 0..<3 {
            var start = timespec()
            clock_gettime(CLOCK_THREAD_CPUTIME_ID, &start)
            let spec = try PipelineLoader.parse(yaml, file: "p.yaml", directory: "/project")
            let plan = try PipelineChecker(registry: .core).check(spec)
            let keys = KeyBuilder(workspace: workspace, plan: plan, environment: [:], sandbox: .bubblewrap)
            var known: [String: [StepArtefact]] = [:]
            for stage in plan.stages {
                let components = try keys.components(for: stage, upstream: known)
                known[stage.name] = [StepArtefact(name: "o", digest: components.key, size: 1)]
            }
            var end = timespec()
            clock_gettime(CLOCK_THREAD_CPUTIME_ID, &end)
            #expect(known.count == spec.stages.count)
            best = min(best, Double(end.tv_sec - start.tv_sec) + Double(end.tv_nsec - start.tv_nsec) / 1e9)
        }
        return best
    }

    /// Linear, not quadratic: four times the stages cost about four times the CPU time
    /// (quadratic would be sixteen). CPU time of this thread, least of three, against a bound
    /// of ten: neither other processes nor a slow machine move the ratio that far. The 52,000
    /// stage figure is in `toets-bench pipeline`.
    @Test func loadingCheckingAndKeyingAreLinearInTheStages() throws {
        let directory = TemporaryDirectory()
        let workspace = try Workspace(root: directory.path + "/ws")
        let small = try Self.cpuSeconds(loading: Self.chain(1_000), workspace: workspace)
        let large = try Self.cpuSeconds(loading: Self.chain(4_000), workspace: workspace)
        #expect(large / small < 10, "1,000 stages: \(small) s, 4,000 stages: \(large) s")
    }

    @Test func aLongChainPlansWithoutExhaustingTheStack() throws {
        let spec = try PipelineLoader.parse(Self.chain(30_000), file: "p.yaml", directory: "/project")
        let plan = try PipelineChecker(registry: .core).check(spec)
        #expect(plan.stages.last?.name == "s29999" && plan.stages.first?.name == "s0")
        #expect(plan.stage(named: "s12345")?.needs == ["s12344"])
    }
}

extension ChecksFirstTests {
    @Test func aStageNamedTwiceUnderNeedsIsReadOnce() throws {
        let plan = try PipelineFixture("""
            stages:
              a: {run: "echo > {out.x}"}
              b: {needs: [a, a], run: "cat {in.x} > {out.y}"}
            """).plan().0
        #expect(plan.stage(named: "b")?.placeholders["in.x"] == .input(stage: "a", artefact: "x"))
    }
}

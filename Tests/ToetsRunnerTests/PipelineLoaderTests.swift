import Testing
import ToetsModel
@testable import ToetsRunner

@Suite struct PipelineLoaderTests {
    func parse(_ yaml: String) throws -> PipelineSpec {
        try PipelineLoader.parse(yaml, file: "pipelines/t.yaml", directory: "/project/pipelines")
    }

    func errors(_ yaml: String) -> [PipelineError] {
        do {
            _ = try parse(yaml)
            return []
        } catch let error as PipelineErrors {
            return error.errors
        } catch let error as PipelineError {
            return [error]
        } catch {
            return []
        }
    }

    @Test func stagesKeepTheirFieldsAndLines() throws {
        let spec = try parse("""
            version: 1
            name: demo
            root: ..
            stages:
              data:
                uses: source
                with: {files: {posts: a.csv}}
              method:
                needs: [data]
                run: [python3, x.py, "{in.posts}"]
                code: methods/x.py
                env: [LANG]
                timeout: 1h30m
            """)
        #expect(spec.name == "demo")
        #expect(spec.root == "/project")
        #expect(spec.stages.map(\.name) == ["data", "method"])
        #expect(spec.stages[0].action == .builtin("source"))
        #expect(spec.stages[0].line == 5)
        #expect(spec.stages[1].action == .command(.arguments(["python3", "x.py", "{in.posts}"])))
        #expect(spec.stages[1].code == ["methods/x.py"])
        #expect(spec.stages[1].timeout == 5400)
        #expect(spec.stages[1].line(of: "needs") == 9)
    }

    @Test func plainScalarsFollowTheYAML12CoreSchemaAndQuotedOnesStayStrings() throws {
        let spec = try parse("""
            stages:
              s:
                uses: source
                with: {a: no, b: 010, c: 1.10, d: "60", e: true, f: ~, g: -3, h: 1e3, i: [1, x]}
            """)
        let with = spec.stages[0].parameters
        #expect(with["a"] == .string("no"))
        #expect(with["b"] == .int(10))
        #expect(with["c"] == .double(1.1))
        #expect(with["d"] == .string("60"))
        #expect(with["e"] == .bool(true))
        #expect(with["f"] == .null)
        #expect(with["g"] == .int(-3))
        #expect(with["h"] == .double(1000))
        #expect(with["i"] == .list([.int(1), .string("x")]))
    }

    @Test func aDuplicateStageIsAnErrorAtItsLine() {
        let found = errors("""
            stages:
              a:
                run: "true"
              a:
                run: "false"
            """)
        #expect(found.count == 1)
        #expect(found.first?.line == 4)
        #expect(found.first?.stage == "a")
        #expect(found.first?.problem.contains("duplicate stage") == true)
        #expect(found.first?.problem.contains("line 2") == true)
    }

    @Test func unknownKeysAreErrorsWithASuggestion() {
        let found = errors("""
            stages:
              a:
                run: "true"
                neds: [b]
            """)
        #expect(found.first?.line == 4)
        #expect(found.first?.field == "neds")
        #expect(found.first?.description.contains("Did you mean 'needs'?") == true)
        #expect(found.first?.description.hasPrefix("pipelines/t.yaml:4: stage 'a', field 'neds':") == true)
    }

    @Test func aStageNeedsExactlyOneOfUsesAndRun() {
        #expect(errors("stages:\n  a:\n    needs: []\n").first?.problem.contains("neither") == true)
        #expect(errors("stages:\n  a:\n    uses: source\n    run: x\n").first?.problem.contains("not both") == true)
    }

    @Test func nonFiniteNumbersAndBadDurationsAreRefused() {
        #expect(errors("stages:\n  a:\n    uses: source\n    with: {x: .nan}\n").first?.field == "with.x")
        #expect(errors("stages:\n  a:\n    run: x\n    timeout: soon\n").first?.field == "timeout")
    }

    @Test func invalidYAMLNamesItsLine() {
        let found = errors("stages:\n  a:\n    run: [unclosed\n")
        #expect(found.first?.line != nil)
        #expect(found.first?.problem.hasPrefix("not valid YAML") == true)
    }

    @Test func durationsParse() {
        #expect(PipelineLoader.parseDuration("90") == 90)
        #expect(PipelineLoader.parseDuration("90s") == 90)
        #expect(PipelineLoader.parseDuration("10m") == 600)
        #expect(PipelineLoader.parseDuration("1h30m") == 5400)
        #expect(PipelineLoader.parseDuration("1.5h") == 5400)
        #expect(PipelineLoader.parseDuration("10x") == nil)
        #expect(PipelineLoader.parseDuration("m") == nil)
    }

    func stageWithAbout(_ about: String) -> String {
        "stages:\n  m:\n    run: echo > {out.x}\n    about:\n" + about
    }

    @Test func aboutKeepsTextsAsWritten() throws {
        let spec = try parse(stageWithAbout("      team: Team A\n      version: 2.10\n      self_learning: true\n      summary: Finds pairs.\n"))
        #expect(spec.stages[0].about == StageAbout(team: "Team A", version: "2.10", summary: "Finds pairs.", selfLearning: true))
    }

    @Test func anUnknownAboutFieldIsAnErrorOnItsLine() throws {
        let found = errors(stageWithAbout("      team: Team A\n      contact: jan@example.org\n"))
        #expect(found.count == 1)
        #expect(found.first?.line == 6)
        #expect(found.first?.field == "about.contact")
        #expect(found.first?.problem.contains("team, version, summary, operating_point, self_learning") == true)
    }

    @Test func selfLearningTakesABoolean() throws {
        let found = errors(stageWithAbout("      self_learning: maybe\n"))
        #expect(found.first?.field == "about.self_learning")
        #expect(found.first?.problem == "takes true or false")
    }

    @Test func aboutTextsMayBeWrittenInBothReportLanguages() throws {
        let spec = try parse(stageWithAbout("      summary:\n        en: Finds pairs.\n        nl: Vindt paren.\n      team: Team A\n"))
        let about = spec.stages[0].about
        #expect(about.summary == "Finds pairs." && about.dutch == ["summary": "Vindt paren."] && about.team == "Team A")
        #expect(try StageAbout(#require(about.value.mapValue)) == about, "round trip through the declarations")
        // A built-in kind's Dutch form goes with the field the pipeline replaces.
        let builtIn = StageAbout(team: "Toets", summary: "Built in.", dutch: ["team": "Toets (ingebouwd)", "summary": "Ingebouwd."])
        #expect(builtIn.overridden(by: StageAbout(summary: "Ours.")).dutch == ["team": "Toets (ingebouwd)"])
        #expect(builtIn.overridden(by: about).dutch == ["summary": "Vindt paren."], "Team A replaces the team and its Dutch form")
        for wrong in ["      summary: {en: Finds pairs.}\n", "      summary: {en: Finds pairs., nl: Vindt., de: Findet.}\n",
                      "      version: {en: '1', nl: '1'}\n"] {
            let found = errors(stageWithAbout(wrong))
            #expect(found.count == 1 && found.first?.field?.hasPrefix("about.") == true, "\(wrong)")
        }
    }

    @Test func simulatedDataAreDeclaredAsABoolean() throws {
        let spec = try parse(stageWithAbout("      simulated: true\n"))
        #expect(spec.stages[0].about == StageAbout(simulated: true))
        let written = try #require(spec.stages[0].about.value.mapValue)
        #expect(try StageAbout(written) == StageAbout(simulated: true), "round trip")
        let found = errors(stageWithAbout("      simulated: perhaps\n"))
        #expect(found.first?.field == "about.simulated" && found.first?.problem == "takes true or false")
    }
}

/// `executor:` and `resources:` are checked like every field.
@Suite struct ClusterFieldsTests {
    func parse(_ text: String) throws -> PipelineSpec {
        try PipelineLoader.parse(text, file: "p.yaml", directory: "/project")
    }

    @Test func executorDefaultsAndResourcesAreRead() throws {
        let spec = try parse("""
            executor: {partition: thin, account: proj-12, qos: short, retries: 1}
            stages:
              s:
                run: "true"
                resources: {cpus: 8, memory: 16G, time: 2h, partition: fat}
            """)
        #expect(spec.executor == ExecutorDefaults(partition: "thin", account: "proj-12", qos: "short", retries: 1))
        #expect(spec.stages[0].resources == StageResources(cpus: 8, memory: 16 << 30, time: 7200, partition: "fat"))
    }

    @Test func badClusterFieldsAreAllReportedWithTheirLines() throws {
        let text = """
            executor: {partition: "thin --wrap=rm", retries: 11, acount: x}
            stages:
              s:
                run: "true"
                resources:
                  cpus: 0
                  memory: lots
                  time: soon
                  partition: -p
                  gpus: 1
            """
        #expect {
            try parse(text)
        } throws: { error in
            guard let errors = error as? PipelineErrors else { return false }
            let fields = errors.errors.map { $0.field ?? "" }
            return fields == ["executor.partition", "executor.retries", "executor.acount", "resources.cpus", "resources.memory",
                              "resources.time", "resources.partition", "resources.gpus"]
                && errors.errors.first { $0.field == "executor.acount" }?.problem.contains("account") == true
                && errors.errors.first { $0.field == "resources.memory" }?.line == 7
        }
    }
}

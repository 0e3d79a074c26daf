import Testing
import ToetsModel
import ToetsTestSupport
@testable import ToetsRunner

@Suite struct PipelineCheckerTests {
    func errors(_ yaml: String, files: [String: String] = ["a.csv": "x\n", "labels.csv": "y\n"]) throws -> [PipelineError] {
        let fixture = try PipelineFixture(yaml, files: files)
        do {
            _ = try fixture.plan()
            return []
        } catch let error as PipelineErrors {
            return error.errors
        }
    }

    @Test func aValidPipelineIsOrderedByDependencies() throws {
        let fixture = try PipelineFixture("""
            stages:
              report:
                needs: [count, data]
                role: evaluation
                run: cat {in.count} {in.posts} > {out.report.txt}
              count:
                needs: data
                run: wc -l < {in.posts} > {out.count}
              data:
                uses: source
                with: {files: {posts: a.csv}}
            """, files: ["a.csv": "x\n"])
        let (plan, _) = try fixture.plan()
        #expect(plan.stages.map(\.name) == ["data", "count", "report"])
        #expect(plan.stage(named: "report")?.outputs == ["report.txt"])
        #expect(plan.stage(named: "report")?.placeholders["in.count"] == .input(stage: "count", artefact: "count"))
        #expect(plan.stage(named: "count")?.role == .method)
        #expect(plan.downstream(of: "data") == ["count", "report"])
    }

    @Test func anUnknownStageKindIsNamedWithTheKnownOnes() throws {
        let found = try errors("stages:\n  a:\n    uses: sourse\n")
        #expect(found.first?.line == 3)
        #expect(found.first?.field == "uses")
        #expect(found.first?.description.contains("Did you mean 'source'?") == true)
    }

    @Test func unknownParametersAndWrongTypesAreErrorsAtTheirLines() throws {
        let found = try errors("""
            stages:
              a:
                uses: source
                with:
                  files: {posts: a.csv}
                  window: 60
              b:
                uses: source
                with:
                  files: [a.csv]
            """)
        #expect(found.map(\.field) == ["with.window", "with.files"])
        #expect(found.map(\.line) == [6, 10])
        #expect(found[1].problem.contains("must be a mapping, not a list"))
    }

    @Test func aMissingFileIsAnErrorThatSaysWhereItLooked() throws {
        let found = try errors("stages:\n  a:\n    uses: source\n    with: {files: {posts: nothere.csv}}\n")
        #expect(found.first?.problem.contains("file 'nothere.csv' does not exist") == true)
        let code = try errors("stages:\n  a:\n    run: 'true'\n    code: [methods/x.py]\n")
        #expect(code.first?.field == "code")
        #expect(code.first?.line == 4)
    }

    @Test func aCycleIsPrintedStageByStage() throws {
        let found = try errors("""
            stages:
              a:
                needs: c
                run: 'true'
              b:
                needs: a
                run: 'true'
              c:
                needs: b
                run: 'true'
            """)
        #expect(found.count == 1)
        #expect(found[0].problem.contains("a needs c, c needs b, b needs a"))
        #expect(found[0].problem.contains("(a → c → b → a)"))
        #expect(found[0].line == 3)
    }

    @Test func anUnknownNeedIsNamedWithASuggestion() throws {
        let found = try errors("stages:\n  data:\n    uses: source\n    with: {files: {p: a.csv}}\n  m:\n    needs: [dta]\n    run: 'true'\n")
        #expect(found.first?.line == 6)
        #expect(found.first?.description.contains("unknown stage 'dta'. Did you mean 'data'?") == true)
    }

    @Test func aMethodThatNeedsTheGroundTruthIsRefused() throws {
        let direct = try errors("""
            stages:
              labels:
                uses: source
                role: ground-truth
                with: {files: {labels: labels.csv}}
              cheat:
                needs: labels
                run: cp {in.labels} {out.detections}
            """)
        #expect(direct.first?.stage == "cheat")
        #expect(direct.first?.problem.contains("labels → cheat") == true)

        let indirect = try errors("""
            stages:
              labels:
                uses: source
                role: ground-truth
                with: {files: {labels: labels.csv}}
              prep:
                role: data
                needs: labels
                run: cp {in.labels} {out.prepared}
              cheat:
                role: method
                needs: prep
                run: cp {in.prepared} {out.detections}
              score:
                role: evaluation
                needs: [labels, cheat]
                run: cat {in.labels} {in.detections} > {out.scores}
            """)
        #expect(indirect.count == 1)
        #expect(indirect.first?.problem.contains("labels → prep → cheat") == true)
    }

    @Test func evaluationStagesMayReadTheGroundTruth() throws {
        let found = try errors("""
            stages:
              labels:
                uses: source
                role: ground-truth
                with: {files: {labels: labels.csv}}
              score:
                role: evaluation
                needs: labels
                run: cat {in.labels} > {out.scores}
            """)
        #expect(found.isEmpty)
    }

    @Test func placeholdersMustResolveToExactlyOneArtefact() throws {
        let found = try errors("""
            stages:
              one:
                uses: source
                with: {files: {posts: a.csv}}
              two:
                uses: source
                with: {files: {posts: a.csv, other: a.csv}}
              m:
                needs: [one, two]
                run: cat {in.posts} {in.two} {in.nope} {bogus} > {out.x}
            """)
        let problems = found.map(\.problem)
        #expect(problems.contains { $0.contains("{in.posts} is ambiguous") })
        #expect(problems.contains { $0.contains("stage 'two' writes several artefacts") })
        #expect(problems.contains { $0.contains("{in.nope} matches no artefact") })
        #expect(problems.contains { $0.contains("unknown placeholder {bogus}") })
    }

    @Test func filesUnderRootMustBeDeclaredAsCode() throws {
        let found = try errors("stages:\n  m:\n    run: python3 {root}/methods/x.py > {out.x}\n",
                               files: ["methods/x.py": "print(1)\n"])
        #expect(found.first?.problem.contains("{root}/methods/x.py is not declared under code:") == true)
        let declared = try errors("stages:\n  m:\n    code: [methods]\n    run: python3 {root}/methods/x.py > {out.x}\n",
                                  files: ["methods/x.py": "print(1)\n"])
        #expect(declared.isEmpty)
    }

    @Test func shellBracesAreLiteralAndPlaceholdersAreFilledQuoted() {
        let filled = CommandTemplate.fill("{ awk '{print $1}' {in.x}; } > {out.y} {{in.x}}") { "/p/\($0)'s" }
        #expect(filled == "{ awk '{print $1}' /p/in.x's; } > /p/out.y's {in.x}")
        #expect(CommandTemplate.shellQuoted("it's") == #"'it'\''s'"#)
    }
}

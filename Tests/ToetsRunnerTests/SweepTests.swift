import Testing
import ToetsModel
import ToetsTestSupport
@testable import ToetsRunner

/// `sweep:` on a stage: each value a stage of its own, the declared point kept, evaluation
/// stages needing every point, and every mistake named at its line.
@Suite struct SweepTests {
    static let pipeline = """
        stages:
          data: {uses: source, with: {files: {posts: a.csv}}}
          m:
            needs: data
            with: {window: 60, mode: fast}
            sweep:
              window: [30, 60, 0.5]
              mode: [fast, slow]
            run: cat {in.posts} > {out.detections}
          score:
            needs: [m]
            role: evaluation
            run: cat {in.m.detections} > {out.results}
        """

    @Test func eachSweptValueIsAStageAndEvaluationStagesNeedThemAll() throws {
        let (plan, _) = try PipelineFixture(Self.pipeline, files: ["a.csv": "x\n"]).plan()
        #expect(plan.stages.map(\.name) == ["data", "m", "m@window=30", "m@window=0,5", "m@mode=slow", "score"])
        #expect(plan.stage(named: "m@window=0,5")?.parameters == ["window": .double(0.5), "mode": .string("fast")])
        #expect(plan.stage(named: "m@mode=slow")?.parameters == ["window": .int(60), "mode": .string("slow")])
        #expect(plan.stage(named: "m@window=30")?.spec.variant == SweepVariant(stage: "m", parameter: "window", value: .int(30)))
        #expect(plan.stage(named: "score")?.needs == ["m", "m@window=30", "m@window=0,5", "m@mode=slow"])
        #expect(SweepVariant.parse("m@window=0,5")! == ("m", "window", "0,5"))
        #expect(SweepVariant.parse("m") == nil && PlantedRun.parse("m@window=0,5") == nil)
    }

    @Test func aChangeToOneSweepValueReplansOnlyItsPoint() throws {
        let first = try PipelineFixture(Self.pipeline, files: ["a.csv": "x\n"]).plan().0
        let second = try PipelineFixture(Self.pipeline.replacingOccurrences(of: "[30, 60, 0.5]", with: "[30, 60, 0.25]"),
                                         files: ["a.csv": "x\n"]).plan().0
        #expect(first.stage(named: "m@window=30")?.parameters == second.stage(named: "m@window=30")?.parameters)
        #expect(first.stage(named: "m")?.parameters == second.stage(named: "m")?.parameters)
        #expect(second.stage(named: "m@window=0,25") != nil && second.stage(named: "m@window=0,5") == nil)
    }

    @Test func badSweepsAreRefusedAtTheirLines() throws {
        let yaml = """
            stages:
              data: {uses: source, with: {files: {posts: a.csv}}}
              m:
                needs: data
                with: {window: 60}
                sweep:
                  window: [30, {a: 1}, 30]
                  flat: 5
                run: cat {in.posts} > {out.detections}
            """
        do {
            _ = try PipelineFixture(yaml, files: ["a.csv": "x\n"]).plan()
            Issue.record("the sweeps were accepted")
        } catch let errors as PipelineErrors {
            let found = errors.errors.map { "\($0.line ?? 0) \($0.field ?? "")" }
            #expect(found.contains("7 sweep.window"), "\(found)")  // a mapping, and 30 twice
            #expect(errors.errors.contains { $0.field == "sweep.window" && $0.problem.contains("given twice") })
            #expect(errors.errors.contains { $0.field == "sweep.flat" })
        }
    }

    @Test func aSweptParameterOfACommandNeedsAnOperatingPoint() throws {
        let yaml = Self.pipeline.replacingOccurrences(of: "mode: [fast, slow]", with: "mode: [fast, slow]\n      missing: [1, 2]")
        do {
            _ = try PipelineFixture(yaml, files: ["a.csv": "x\n"]).plan()
            Issue.record("a sweep without an operating point was accepted")
        } catch let errors as PipelineErrors {
            #expect(errors.errors.contains { $0.field == "sweep.missing" && $0.problem.contains("no operating point") })
        }
    }

    @Test func aSweepOnADataStageIsRefused() throws {
        let yaml = """
            stages:
              d:
                uses: source
                with: {files: {posts: a.csv}}
                sweep: {files: [1]}
            """
        do {
            _ = try PipelineFixture(yaml, files: ["a.csv": "x\n"]).plan()
            Issue.record("a swept source was accepted")
        } catch let errors as PipelineErrors {
            #expect(errors.errors.contains { $0.stage == "d" && $0.field == "sweep" && $0.problem.contains("method stages") })
        }
    }
}

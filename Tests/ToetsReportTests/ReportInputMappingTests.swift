import Testing
import ToetsModel
@testable import ToetsReport

@Suite struct ReportInputMappingTests {
    @Test func theAnonymiseReportDescribesTheDataWhenTheIngestReportCannotBeRead() throws {
        let report = try JSONDocument(Array("""
            {"data":{"first_day":"2026-02-01","last_day":"2026-03-18","platforms":{"telegram":3,"x":7},
             "ingest":{"archive_count":2,"entry_count":5,"posts_per_format":{"twarc2":7,"telegram-json":3},"records":12,
                       "posts_written":10,"duplicates_dropped":1,"quarantined":1,"quarantine_reasons":{"bad-json":1}}}}
            """.utf8)).root
        let facts = try #require(ReportInputMapping.dataFacts(report))
        #expect(facts.platforms == [NamedCount("telegram", 3), NamedCount("x", 7)])
        #expect(facts.period == DayRange(first: "2026-02-01", last: "2026-03-18"))
        #expect(facts.archives == 2 && facts.entries == 5 && facts.postsWritten == 10 && facts.quarantined == 1)
        #expect(facts.formats == [NamedCount("telegram-json", 3), NamedCount("twarc2", 7)])
        #expect(ReportInputMapping.dataFacts(try JSONDocument(Array("{}".utf8)).root) == nil)
    }

    static let context = ReportInputMapping.Context(pipeline: "p", runID: "r", date: "2026-03-25", inputs: [])

    @Test func theErrorAnalysisBecomesCountsByKindAndOverlapRows() throws {
        let results = #"""
            {"schema_version":4,"methods":[{"name":"alpha"},{"name":"beta"}],"error_analysis":{
             "coordination":{"kinds":[
               {"kind":"fans","accounts":3,"methods":{"alpha":{"note":"suppressed-small-cell"},"beta":{"false_positives":2}}},
               {"kind":"volunteers","accounts":4,"methods":{"alpha":{"false_positives":0},"beta":{"false_positives":3}}}],
              "other_accounts_without_kind":1,"accounts_in_kinds_too_small_to_show":2},
             "overlap":[{"methods":[],"campaign_accounts":1,"other_accounts":3},
                        {"methods":["alpha"],"campaign_accounts":2,"other_accounts":null},
                        {"methods":["alpha","beta"],"campaign_accounts":5,"other_accounts":0}]}}
            """#
        let input = try ReportInputMapping.map(results: Array(results.utf8), anonymisation: nil, ingest: nil,
                                               context: Self.context)
        #expect(input.legitimateCoordination == [
            // A count held back by disclosure control stays held back: nil, shown as "< k".
            LegitimateCoordinationCount(kind: "fans", accounts: 3, falsePositives: [MethodCount("alpha", nil), MethodCount("beta", 2)]),
            LegitimateCoordinationCount(kind: "volunteers", accounts: 4,
                                        falsePositives: [MethodCount("alpha", 0), MethodCount("beta", 3)]),
        ])
        #expect(input.legitimateCoordinationHidden == 2)
        let english = KlankbordReport(input, language: .en).html
        #expect(english.contains("2 accounts belong to kinds with fewer than"))
        #expect(input.overlap == [OverlapRow(methods: [], truePositives: 1, falsePositives: 3),
                                  OverlapRow(methods: ["alpha"], truePositives: 2, falsePositives: nil),
                                  OverlapRow(methods: ["alpha", "beta"], truePositives: 5, falsePositives: 0)])
    }

    @Test func simulatedDataAndStratumCountsComeFromTheDeclarationsAndResults() throws {
        let results = #"""
            {"schema_version":4,"methods":[{"name":"alpha"}],"strata":{"min_cell":5,"cells":[
              {"dimension":"platform","cell":"telegram","labelled_accounts":150,"campaign_accounts":16,
               "methods":{"alpha":{"counts":{"false_positives":107},"false_positive_rate_ratio":{"value":1.14}}}},
              {"dimension":"platform","cell":"tiktok","labelled_accounts":3,"campaign_accounts":0,
               "methods":{"alpha":{"note":"suppressed-small-cell"}}}]}}
            """#
        func declaration(_ stage: String, _ role: StageRole, _ about: StageAbout) -> StageDeclaration {
            StageDeclaration(stage: stage, kind: "source", kindVersion: 1, role: role, parameters: [:], code: [:],
                             command: nil, about: about)
        }
        var context = Self.context
        let plain = try ReportInputMapping.map(results: Array(results.utf8), anonymisation: nil, ingest: nil, context: context)
        #expect(!plain.run.simulatedData)
        #expect(plain.strata.map(\.falsePositives) == [107, nil] && plain.strata[0].negatives == 134)
        // A method declaring itself simulated says nothing about the data.
        context.declarations = ["m": declaration("m", .method, StageAbout(simulated: true))]
        #expect(try !ReportInputMapping.map(results: Array(results.utf8), anonymisation: nil, ingest: nil, context: context)
            .run.simulatedData)
        context.declarations["labels"] = declaration("labels", .groundTruth, StageAbout(simulated: true))
        #expect(try ReportInputMapping.map(results: Array(results.utf8), anonymisation: nil, ingest: nil, context: context)
            .run.simulatedData)
    }

    @Test func resultsOfAnotherSchemaAreRefused() {
        do {
            _ = try ReportInputMapping.map(results: Array(#"{"schema_version":1,"methods":[]}"#.utf8), anonymisation: nil,
                                           ingest: nil, context: Self.context)
            Issue.record("schema 1 was mapped")
        } catch {
            #expect(error.description == "results: schema_version 1 is not 4; this report stage reads results of schema 4")
        }
    }

    @Test func curvesBecomePRAndDETPointsAndLongOnesAreThinned() throws {
        let csv = "method,curve,point,recall,precision,false_positive_rate,true_positive_rate\n"
            + "m,precision_recall,0,0,1,,\nm,precision_recall,1,0.5,0.75,,\nm,roc,0,,,0.1,0.6\n"
        let curves = try ReportInputMapping.curves(Array(csv.utf8))
        #expect(curves["m"]?.precisionRecall == [CurvePoint(0, 1), CurvePoint(0.5, 0.75)])
        #expect(curves["m"]?.detectionErrorTradeoff == [CurvePoint(0.1, 1 - 0.6)])
        let long = (0..<1000).map { CurvePoint(Double($0), 0) }
        let thinned = ReportInputMapping.thinned(long)
        #expect(thinned.count == 200 && thinned.first == long.first && thinned.last == long.last)
    }
}

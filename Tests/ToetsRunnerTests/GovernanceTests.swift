import Foundation
import Testing
import ToetsModel
import ToetsStore
import ToetsTestSupport
@testable import ToetsRunner

/// A stage that writes the governance declaration it was given, as the report stage reads it.
private struct GovernanceReader: BuiltinStage {
    let kind = "governance-reader"
    let version = 1
    let role = StageRole.evaluation
    let readsDeclarations = true
    var parameters: [ParameterSpec] { [] }

    func outputs(parameters: [String: ParamValue]) throws(StageParameterError) -> [String] { ["governance"] }

    func run(_ context: any StageContext) async throws {
        let text = (context.parameters[Governance.parameter] ?? .null).canonicalJSON
        try await context.storeOutput("governance", bytes: Array(text.utf8))
    }
}

/// The pipeline's `governance:`: read with every field, checked like a stage's fields (file,
/// line, field, what to do), and handed to stages that read declarations, entering their keys.
@Suite struct GovernanceTests {
    static let pipeline = """
        version: 1
        governance:
          controller: {en: Ministry A, nl: Ministerie A}
          processors: []
          purposes:
            evaluation:
              purpose: Testing methods
              legal_basis: {en: "GDPR art. 6(1)(e)", nl: "AVG art. 6 lid 1 sub e"}
          special_categories: {article: 9(2)(j)}
          retention: three months
          sources:
            posts:
              access: closed_group
              route: {en: Group export, nl: Groepsexport}
        stages:
          data:
            uses: source
            with: {files: {posts: posts.csv}}
          reader:
            uses: governance-reader
            needs: data
        """

    func parse(_ yaml: String) throws -> PipelineSpec { try PipelineLoaderTests().parse(yaml) }

    func errors(_ yaml: String) -> [PipelineError] { PipelineLoaderTests().errors(yaml) }

    @Test func everyFieldIsReadInBothLanguagesAndUndeclaredOnesStayNil() throws {
        let governance = try #require(try parse(Self.pipeline).governance)
        #expect(governance.controller == Governance.Text("Ministry A", nl: "Ministerie A"))
        #expect(governance.processors == [])
        #expect(governance.purposes == [Governance.Purpose(name: "evaluation", description: Governance.Text("Testing methods"),
                                                           legalBasis: Governance.Text("GDPR art. 6(1)(e)", nl: "AVG art. 6 lid 1 sub e"))])
        #expect(governance.specialCategories?.article == "9(2)(j)")
        #expect(governance.retention == Governance.Text("three months"))
        #expect(governance.sources == [Governance.Source(file: "posts", access: .closedGroup,
                                                         route: Governance.Text("Group export", nl: "Groepsexport"))])
        #expect(governance.keyHolder == nil && governance.dpia == nil && governance.iama == nil && !governance.example)
        // It reads back from the value it gives a stage.
        #expect(Governance(governance.value) == governance)
    }

    @Test func theDemoDeclaresEveryFieldAsAnExample() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("pipelines/demo.yaml")
        let governance = try #require(try PipelineLoader.load(path: url.path).spec.governance)
        #expect(governance.example)
        #expect(governance.value.mapValue?.keys.sorted() == Governance.fields.sorted())
        #expect(governance.sources.first { $0.file == "telegram.zip" }?.access == .closedGroup)
        #expect(governance.specialCategories?.article == "9(2)(j)")
    }

    @Test func mistakesAreNamedWithFileLineAndFieldAllAtOnce() {
        let found = errors("""
            governance:
              controler: Ministry A
              retention: ""
              purposes:
                evaluation: {purpose: x, legal_bases: y}
              special_categories: {article: 9(2)(k)}
              sources:
                post: {access: publik}
                labels: {route: [a, b]}
            stages:
              data:
                uses: source
                with: {files: {posts: posts.csv}}
            """)
        let described = found.map { "\($0.line ?? 0) \($0.field ?? "") \($0.problem)" }
        #expect(found.allSatisfy { $0.file == "pipelines/t.yaml" && $0.hint != nil })
        #expect(found.filter { $0.hint?.contains("open question") == true }.count == 6)
        #expect(described.contains { $0.hasPrefix("2 governance.controler 'controler' is not a field here") && $0.contains("controller") })
        #expect(described.contains { $0.hasPrefix("3 governance.retention takes a text") })
        #expect(described.contains { $0.hasPrefix("5 governance.purposes.evaluation.legal_bases") })
        #expect(described.contains { $0.hasPrefix("6 governance.special_categories.article") && $0.contains("9(2)(j)") })
        #expect(described.contains { $0.hasPrefix("8 governance.sources.post.access takes one of public, closed_group") })
        #expect(described.contains { $0.hasPrefix("9 governance.sources.labels.route takes a text") })
        // Sources name files of source stages, with a suggestion for a near miss.
        #expect(described.contains { $0.hasPrefix("8 governance.sources.post 'post' is not a file of any source stage. Did you mean 'posts'?") })
        #expect(described.contains { $0.hasPrefix("9 governance.sources.labels 'labels' is not a file") })
        #expect(found.count == 8, "\(described)")
    }

    @Test func governanceThatIsNotAMappingIsAnError() {
        let found = errors("governance: yes\nstages:\n  a:\n    uses: source\n    with: {files: {x: x.csv}}\n")
        #expect(found.count == 1 && found.first?.field == "governance" && found.first?.line == 1)
    }

    let registry = StageRegistry.core.adding([GovernanceReader()])

    @Test func aReaderReceivesItAndAChangeRerunsTheReaderAloneNamingTheField() async throws {
        let fixture = try PipelineFixture(Self.pipeline, files: ["posts.csv": "a,1\n"])
        let first = try await fixture.run(registry: registry)
        #expect(first.status == .succeeded)
        let path = try fixture.workspace().store.path(of: #require(first.output("reader", "governance")))
        let written = String(decoding: try #require(FileManager.default.contents(atPath: path)), as: UTF8.self)
        #expect(written == (try parse(Self.pipeline).governance?.value.canonicalJSON))
        try fixture.setPipeline(Self.pipeline.replacingOccurrences(of: "retention: three months", with: "retention: one year"))
        let explanation = try fixture.runner(registry: registry).explain("reader")
        #expect(explanation.changes == ["parameter governance.retention: \"three months\" → \"one year\""])
        let second = try await fixture.run(registry: registry)
        #expect(second.statuses == ["data": .cached, "reader": .executed])
    }

    @Test func withoutADeclarationNoParameterIsGiven() async throws {
        let plain = "stages:\n  data:\n    uses: source\n    with: {files: {posts: posts.csv}}\n  reader:\n"
            + "    uses: governance-reader\n    needs: data\n"
        let fixture = try PipelineFixture(plain, files: ["posts.csv": "a,1\n"])
        let summary = try await fixture.run(registry: registry)
        let path = try fixture.workspace().store.path(of: #require(summary.output("reader", "governance")))
        #expect(FileManager.default.contents(atPath: path) == Data("null".utf8))
    }
}

import Foundation
import Testing
import ToetsModel
import ToetsStore
import ToetsTestSupport
@testable import ToetsRunner

/// A stage that writes the declarations it was given, as the report stage reads them.
private struct DeclarationsReader: BuiltinStage {
    let kind = "declarations-reader"
    let version = 1
    let role = StageRole.evaluation
    let readsDeclarations = true
    var parameters: [ParameterSpec] { [] }

    func outputs(parameters: [String: ParamValue]) throws(StageParameterError) -> [String] { ["declarations"] }

    func run(_ context: any StageContext) async throws {
        let text = ParamValue.map(context.parameters).canonicalJSON
        try await context.storeOutput("declarations", bytes: Array(text.utf8))
    }
}

/// The runner hands a stage that reads declarations those of every stage upstream, and they
/// enter its key (and only its key).
@Suite struct StageDeclarationsTests {
    static let pipeline = """
        stages:
          data:
            uses: source
            with: {files: {posts: posts.csv}}
          method:
            needs: data
            code: [m.sh]
            with: {window: 60}
            run: sh {root}/m.sh {in.posts} > {out.copy}
            about:
              team: Team A
              version: 1.10
              self_learning: false
          reader:
            uses: declarations-reader
            needs: method
        """

    let registry = StageRegistry.core.adding([DeclarationsReader()])

    func fixture() throws -> PipelineFixture {
        try PipelineFixture(Self.pipeline, files: ["posts.csv": "a,1\n", "m.sh": "cat \"$1\"\n"])
    }

    func declarations(_ fixture: PipelineFixture, _ summary: RunSummary) throws -> [String: StageDeclaration] {
        let path = try fixture.workspace().store.path(of: #require(summary.output("reader", "declarations")))
        let root = try JSONDocument(Array(FileManager.default.contents(atPath: path)!)).root
        var parameters: [String: ParamValue] = [:]
        parameters[StageDeclarations.parameter] = try #require(paramValue(root["declarations"]))
        return StageDeclarations.read(parameters)
    }

    @Test func everyStageUpstreamIsDeclaredWithItsParametersCodeAndAbout() async throws {
        let fixture = try fixture()
        let summary = try await fixture.run(registry: registry)
        #expect(summary.status == .succeeded)
        let declared = try declarations(fixture, summary)
        #expect(declared.keys.sorted() == ["data", "method"])
        let method = try #require(declared["method"])
        #expect(method.kind == "command")
        #expect(method.role == .method)
        #expect(method.isExternal)
        #expect(method.command == "sh {root}/m.sh {in.posts} > {out.copy}")
        #expect(method.parameters == ["window": .int(60)])
        #expect(method.code == ["m.sh": Digest.sha256(of: Array("cat \"$1\"\n".utf8))])
        // The version stays the text as written, not the number 1.1.
        #expect(method.about == StageAbout(team: "Team A", version: "1.10", selfLearning: false))
        #expect(declared["data"]?.kind == "source")
    }

    @Test func changingAboutRerunsTheReaderAloneAndExplainNamesTheField() async throws {
        let fixture = try fixture()
        let first = try await fixture.run(registry: registry)
        try fixture.setPipeline(Self.pipeline.replacingOccurrences(of: "team: Team A", with: "team: Team B"))
        let explanation = try fixture.runner(registry: registry).explain("reader")
        #expect(explanation.changes == ["parameter declarations.method.about.team: \"Team A\" → \"Team B\""])
        let second = try await fixture.run(registry: registry)
        #expect(second.statuses == ["data": .cached, "method": .cached, "reader": .executed])
        #expect(second.output("method", "copy") == first.output("method", "copy"))
        #expect(try declarations(fixture, second)["method"]?.about.team == "Team B")
    }

    @Test func changedCodeUpstreamReachesTheReadersKeyEvenWhenTheOutputIsTheSame() async throws {
        let fixture = try fixture()
        try await fixture.run(registry: registry)
        try fixture.directory.write("m.sh", "cat \"$1\"  # same output\n")
        let second = try await fixture.run(registry: registry)
        #expect(second.statuses["method"] == .executed)
        #expect(second.statuses["reader"] == .executed)
    }
}

/// The JSON value as a parameter value (objects, strings, numbers, booleans).
private func paramValue(_ value: JSONValue?) -> ParamValue? {
    guard let value else { return nil }
    if value.kind == .object {
        var map: [String: ParamValue] = [:]
        for (key, member) in value.members { map[key] = paramValue(member) ?? .null }
        return .map(map)
    }
    if let text = value.string { return .string(text) }
    if let bool = value.bool { return .bool(bool) }
    if let int = value.int64 { return .int(Int(int)) }
    if let double = value.double { return .double(double) }
    return .null
}

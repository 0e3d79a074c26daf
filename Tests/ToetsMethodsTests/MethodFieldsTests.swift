import Foundation
import Testing
import ToetsModel
import ToetsRunner
import ToetsTestSupport
@testable import ToetsMethods

/// Field-level minimisation for the built-in methods: each says which post fields it reads, and
/// on posts projected to those fields it finds exactly what it finds on whole posts.
@Suite struct MethodFieldsTests {
    /// Posts that use every field a method can read: reposts and replies of shared posts, links,
    /// hashtags, near-identical texts, content ids, account metadata, in bursts within a minute.
    static let posts: [Post] = (0..<240).map { index in
        let account = index % 12
        let kind: Post.Kind = [.post, .repost, .reply, .repost, .quote][index % 5]
        return Post(platform: "x", sourceFormat: "t", postID: "p1.k.post\(index)", authorID: "p1.k.acct\(account)",
                    authorHandle: "p1.h.acct\(account)", createdAt: 1_767_225_600 + Int64(index / 6) * 30 + Int64(index % 6),
                    text: "de burgemeester liegt over het zwembad in het centrum van de stad nummer \(index % 4)",
                    kind: kind, refPostID: kind == .post ? nil : "p1.k.post\(index % 7)", refAuthorID: nil,
                    urls: index % 3 == 0 ? ["https://nieuws.nl/artikel/\(index % 5)"] : [],
                    hashtags: index % 2 == 0 ? ["zwembad", "gr2026", "stad\(index % 3)", "raad", "motie"] : ["zwembad"],
                    mentions: ["p1.h.acct\((account + 1) % 12)"], contentID: index % 4 == 0 ? "c\(index % 9)" : nil,
                    language: "nl", accountCreatedAt: 1_767_000_000 - Int64(account % 3) * 86_400, followers: Int64(account * 10))
    }.sorted(by: Post.canonicalOrder)

    /// The posts as a method that declared `fields` reads them.
    static func projected(_ fields: Set<String>) throws -> [Post] {
        let bytes = Post.canonicalLines(posts)
        return try Post.decodeLines(PostFields.project(bytes, fields: PostFields.canonical(fields), artefact: "p"),
                                    artefact: "p", projected: true)
    }

    static func outputs(_ result: MethodResult) -> [String: [UInt8]] {
        var outputs = result.extra
        outputs["detections"] = DetectionsFile.write(result.detections)
        outputs["evidence"] = EvidenceRow.table(result.evidence)
        outputs["network.graphml"] = NetworkExport.graphML(result.network, detections: result.detections)
        outputs["network.csv"] = NetworkExport.edgeTable(result.network.edges)
        return outputs
    }

    func sameOnProjectedPosts<M: CoordinationMethod>(_ method: M, _ label: String) throws {
        let whole = Self.outputs(try method.detect(Self.posts))
        let minimal = Self.outputs(try method.detect(try Self.projected(method.fieldsRead)))
        #expect(whole == minimal, "\(label) reads more than \(method.fieldsRead.sorted())")
        #expect(method.fieldsRead.isSubset(of: PostFields.known), "\(label)")
    }

    @Test func everyBuiltInMethodFindsTheSameOnPostsWithOnlyTheFieldsItSaysItReads() throws {
        for network in CoActionNetwork.allCases {
            let method = try CoActionMethod(parameters: ["network": .string(network.rawValue), "window": .int(60), "flag_weight": .int(2),
                                                         "min_edge_weight": .int(1), "similarity_threshold": .double(0.5),
                                                         "min_document_size": .double(1), "groups": .string("components"), "seed": .int(1)])
            try sameOnProjectedPosts(method, "co-action \(network.rawValue)")
        }
        for object in ["auto", "content", "repost", "link", "hashtag"] {
            let method = try CooRTweetMethod(parameters: ["object": .string(object), "time_window": .int(60), "min_participation": .int(2),
                                                          "edge_weight": .double(0.5), "fast_window": .int(5)])
            try sameOnProjectedPosts(method, "coortweet \(object)")
        }
        for trace in ["retweets", "hashtags", "activity"] {
            let method = try Pacheco(parameters: MethodStage<Pacheco>().defaults.merging(["trace": .string(trace), "percentile": .double(50)]) { _, new in new })
            try sameOnProjectedPosts(method, "pacheco \(trace)")
        }
        try sameOnProjectedPosts(try NearDuplicate(parameters: MethodStage<NearDuplicate>().defaults), "near-duplicate")
        try sameOnProjectedPosts(try AccountSignals(parameters: MethodStage<AccountSignals>().defaults), "account-signals")
    }

    @Test func aMethodGivenTooFewFieldsFindsLessSoTheCheckAboveCanFail() throws {
        // The comparison above is not vacuous: without its reference a co-retweet network is empty.
        let method = try CoActionMethod(parameters: MethodStage<CoActionMethod>().defaults)
        let whole = try method.detect(Self.posts)
        let starved = try method.detect(try Self.projected(method.fieldsRead.subtracting(["ref_post_id"])))
        #expect(whole.detections.contains { $0.flagged })
        #expect(!starved.detections.contains { $0.flagged })
    }

    @Test func inAPipelineDeclaredFieldsChangeTheKeyButNotTheOutputs() async throws {
        let stages = """
              copies:
                uses: method/near-duplicate
                needs: data
              signals:
                uses: method/account-signals
                needs: data
            """
        let fixture = try MethodStageTests().project(stages)
        let whole = try await fixture.run(registry: MethodStageTests.registry)
        try fixture.setPipeline(String(decoding: try Data(contentsOf: URL(fileURLWithPath: fixture.pipelinePath)), as: UTF8.self)
            .replacingOccurrences(of: "    needs: data\n  signals:", with: "    needs: data\n    fields: [text, author_id, created_at, kind, post_id]\n  signals:")
            + "\n    fields: [account_created_at, author_id, created_at, followers]\n")
        let minimal = try await fixture.run(registry: MethodStageTests.registry)
        #expect(minimal.statuses["copies"] == .executed && minimal.statuses["signals"] == .executed,
                "\(minimal.stages.map(\.reason))")
        #expect(minimal.report("copies")?.reason.contains("post fields the method receives: every field → author_id, created_at, kind, post_id, text") == true)
        for stage in ["copies", "signals"] {
            for output in ["detections", "evidence", "network.csv", "network.graphml"] {
                #expect(whole.output(stage, output) == minimal.output(stage, output), "\(stage).\(output)")
            }
        }
    }

    @Test func fieldsThatLeaveOutWhatABuiltInMethodReadsAreRefusedNamingThem() throws {
        let fixture = try MethodStageTests().project("""
              copies:
                uses: method/near-duplicate
                needs: data
                fields: [author_id, created_at, kind, post_id]
            """)
        do {
            _ = try fixture.plan(registry: MethodStageTests.registry)
            Issue.record("planned")
        } catch let error as PipelineErrors {
            #expect(error.errors.count == 1)
            #expect(error.errors.first?.field == "fields" && error.errors.first?.line == 8)
            #expect(error.errors.first?.problem.hasSuffix("fields: leaves out text") == true)
        }
    }
}

extension BuiltinStage {
    /// Every parameter at its default.
    var defaults: [String: ParamValue] {
        Dictionary(uniqueKeysWithValues: parameters.compactMap { spec in spec.defaultValue.map { (spec.name, $0) } })
    }
}

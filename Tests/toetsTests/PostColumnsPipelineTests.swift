import Foundation
import Testing
import ToetsModel
import ToetsRunner
import ToetsStore
import ToetsTestSupport
@testable import toets

/// Anonymise stores its posts twice, as NDJSON (the contract) and in binary form (`posts.columns`)
/// for built-in methods: a method must find the same on either, a damaged binary form must not be
/// read, and no other stage may hand a method a binary form of its own.
@Suite struct PostColumnsPipelineTests {
    static let networks = ["co_retweet", "co_tweet", "co_reply", "co_link", "co_similar_tweet", "co_post"]

    static func pipeline(key: String, direct: Bool) -> String {
        var yaml = """
            name: columns
            stages:
              raw: {uses: source, with: {files: {posts: corpus.ndjson}}}
              anon: {uses: anonymise, needs: raw, with: {key_file: \(key), k: 2, name_lists: \(TestNameLists.folder)}}

            """
        for network in networks {
            yaml += "  \(network): {uses: method/co-action, needs: anon, with: {network: \(network), flag_weight: 2}}\n"
        }
        if direct {
            // The same posts, as a source: no binary form beside them.
            yaml += "  direct: {uses: source, with: {files: {posts: anon.ndjson}}}\n"
            for network in networks {
                yaml += "  ndjson_\(network): {uses: method/co-action, needs: direct, with: {network: \(network), flag_weight: 2}}\n"
            }
        }
        return yaml
    }

    static func outputs(_ summary: RunSummary, _ stage: String) -> [String: Digest] {
        Dictionary(uniqueKeysWithValues: (summary.report(stage)?.artefacts ?? []).filter { $0.role == .output }.map { ($0.name, $0.digest) })
    }

    @Test func everyNetworkFindsOnAnonymisesBinaryFormWhatItFindsOnItsPostsAndADamagedOneIsNotRead() async throws {
        let directory = TemporaryDirectory()
        let key = directory.path + "/pseudonym.key"
        #expect(FileManager.default.createFile(atPath: key, contents: Data((0..<32).map { UInt8($0 * 7 % 251) }),
                                               attributes: [.posixPermissions: 0o600]))
        let fixture = try PipelineFixture(Self.pipeline(key: key, direct: false), files: StageKindGoldenTests.files)
        let first = try await fixture.run(registry: Stages.registry)
        #expect(first.status == .succeeded, "\(first.stages.map(\.reason))")
        let store = try fixture.workspace().store
        let posts = try #require(first.output("anon", "posts"))
        let columns = try #require(first.output("anon", PostColumns.artefactName))
        let columnsBytes = try FileSystem.readSmallFile(store.path(of: columns))
        let count = try columnsBytes.withUnsafeBytes { try PostColumns($0, posts: posts).count }
        #expect(count == StageKindGoldenTests.corpus.split(separator: "\n").count)
        // A function of the posts artefact alone: made again from its lines, the same bytes.
        let postsBytes = try FileSystem.readSmallFile(store.path(of: posts))
        #expect(PostColumns.write(try Post.decodeLines(postsBytes, artefact: "anon.posts"), postsDigest: posts) == columnsBytes)

        try fixture.directory.write("anon.ndjson", String(decoding: postsBytes, as: UTF8.self))
        try fixture.setPipeline(Self.pipeline(key: key, direct: true))
        let second = try await fixture.run(registry: Stages.registry)
        #expect(second.status == .succeeded, "\(second.stages.map(\.reason))")
        for network in Self.networks {
            let fromColumns = Self.outputs(first, network), fromNDJSON = Self.outputs(second, "ndjson_" + network)
            #expect(fromColumns.count == 5 && fromColumns == fromNDJSON, "\(network)")
        }

        // A byte of the stored binary form changed: the stage reads the NDJSON instead, and finds the same.
        let path = store.path(of: columns)
        var damaged = columnsBytes
        damaged[damaged.count / 2] ^= 0x20
        _ = chmod(path, 0o644)
        try Data(damaged).write(to: URL(fileURLWithPath: path))
        let forced = try await fixture.run(force: Set(Self.networks), registry: Stages.registry)
        #expect(forced.status == .succeeded, "\(forced.stages.map(\.reason))")
        for network in Self.networks {
            #expect(Self.outputs(forced, network) == Self.outputs(first, network), "\(network) on a damaged binary form")
        }

        // A whole binary form of other posts, bound to these posts' digest, is read as it is: the
        // stage does read the binary form, which is why no stage but anonymise may write one.
        var others = try Post.decodeLines(postsBytes, artefact: "anon.posts")
        for index in others.indices { others[index].authorID = "p1.x.one-account" }
        try Data(PostColumns.write(others, postsDigest: posts)).write(to: URL(fileURLWithPath: path))
        let misled = try await fixture.run(force: ["co_retweet"], registry: Stages.registry)
        #expect(misled.status == .succeeded, "\(misled.stages.map(\.reason))")
        #expect(Self.outputs(misled, "co_retweet")["detections"] != Self.outputs(first, "co_retweet")["detections"])
    }

    @Test func noStageButAnonymiseMayWriteABinaryFormOfPosts() throws {
        let cases = [
            // A source bringing its own.
            ("files: {posts: corpus.ndjson, posts.columns: corpus.ndjson}", "  data: {uses: source, with: {files: {posts: corpus.ndjson, posts.columns: corpus.ndjson}}}\n"),
            // A command writing one.
            ("{out.posts.columns}", "  data: {run: \"cp {in.posts} {out.posts} && cp {in.posts} {out.posts.columns}\", needs: raw, role: data}\n"),
        ]
        for (label, stage) in cases {
            let yaml = "name: forged\nstages:\n  raw: {uses: source, with: {files: {posts: corpus.ndjson}}}\n" + stage
                + "  m: {uses: method/co-action, needs: data}\n"
            let fixture = try PipelineFixture(yaml, files: StageKindGoldenTests.files)
            #expect(throws: PipelineErrors.self, "\(label)") { try fixture.plan(registry: Stages.registry) }
            do {
                _ = try fixture.plan(registry: Stages.registry)
            } catch let error as PipelineErrors {
                #expect("\(error)".contains("only anonymise writes posts.columns"), "\(label): \(error)")
            }
        }
    }

    @Test func aMethodThatDeclaresItsFieldsCannotReadTheBinaryForm() throws {
        let directory = TemporaryDirectory()
        let key = directory.path + "/pseudonym.key"
        #expect(FileManager.default.createFile(atPath: key, contents: Data((0..<32).map { UInt8($0 * 7 % 251) }),
                                               attributes: [.posixPermissions: 0o600]))
        let yaml = """
            name: fields
            stages:
              raw: {uses: source, with: {files: {posts: corpus.ndjson}}}
              anon: {uses: anonymise, needs: raw, with: {key_file: \(key), k: 2, name_lists: \(TestNameLists.folder)}}
              m: {run: "cat {in.anon.posts.columns} > {out.detections}", needs: anon, fields: [author_id, created_at]}
            """
        let fixture = try PipelineFixture(yaml, files: StageKindGoldenTests.files)
        do {
            _ = try fixture.plan(registry: Stages.registry)
            Issue.record("planned a method that declares fields and reads posts.columns")
        } catch let error as PipelineErrors {
            #expect("\(error)".contains("holds every post field"), "\(error)")
        }
    }
}

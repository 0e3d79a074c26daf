import Foundation
import Testing
import ToetsIngest
import ToetsModel
import ToetsRunner
import ToetsStore
import ToetsTestSupport
@testable import ToetsAnonymise

/// The `anonymise` stage in pipelines: posts and labels under one key, keys kept out of the
/// store and the index, mixing refused, raw data kept from methods.
@Suite struct AnonymiseStageTests {
    static let registry = StageRegistry.core.adding([IngestStage(), AnonymiseStage()])

    static let posts: [Post] = [
        Post(platform: "x", sourceFormat: "twarc2", postID: "x:1765000000000000001", authorID: "x:900001",
             authorHandle: "Jan_Kiezer", displayName: "Jan de Kiezer", createdAt: 1_765_000_000,
             text: "Mail jan.devries@example.nl of bel 06-12345678, postcode 8011 AB. Zie https://x.com/Piet_NL?s=20 "
                + "Groet, Jan de Kiezer (Kerkstraat 12)",
             urls: ["https://nos.nl/artikel/1?utm_source=x&id=7", "https://x.com/Jan_Kiezer"],
             mentions: ["piet_nl"], accountCreatedAt: 1_500_000_123, followers: 300),
        Post(platform: "x", sourceFormat: "twarc2", postID: "x:1765000000000000002", authorID: "x:900002",
             authorHandle: "Piet_NL", createdAt: 1_765_000_060, text: "RT @Jan_Kiezer: stemmen!", kind: .repost,
             refPostID: "x:1765000000000000001", refAuthorID: "x:900001", accountCreatedAt: 1_500_000_999, followers: 310),
    ]

    static let labels = "account_id,label,campaign,annotator,confidence,notes\n"
        + "x:900001,campaign,C1,A1,0.9,\"Jan, woont in Zwolle\"\nx:900002,none,,A1,0.8,\n"

    /// A project whose posts come from a source file, with two key files (0600).
    func project(_ yaml: String) throws -> PipelineFixture {
        let lines = Self.posts.map { String(decoding: $0.canonicalLine, as: UTF8.self) }.joined()
        let fixture = try PipelineFixture(yaml, files: ["data/posts.ndjson": lines, "data/labels.csv": Self.labels])
        for (name, byte) in [("key-a", UInt8(1)), ("key-b", UInt8(2))] {
            let path = fixture.directory.path + "/" + name
            #expect(FileManager.default.createFile(atPath: path, contents: Data(repeating: byte, count: 32),
                                                    attributes: [.posixPermissions: 0o600]))
        }
        return fixture
    }

    func pipeline(postsKey: String = "key-a", labelsKey: String = "key-a", root: String,
                  lists: String = TestNameLists.folder) -> String {
        """
        stages:
          raw:
            uses: source
            with: {files: {posts: data/posts.ndjson}}
          truth:
            uses: source
            role: ground-truth
            with: {files: {labels.csv: data/labels.csv}}
          anonymous:
            uses: anonymise
            needs: raw
            with: {key_file: \(root)/\(postsKey), k: 1, name_lists: \(lists)}
          anonymous-labels:
            uses: anonymise
            needs: truth
            with: {records: labels, key_file: \(root)/\(labelsKey)}
          score:
            role: evaluation
            needs: [anonymous, anonymous-labels]
            run: cat {in.anonymous.posts} {in.labels} > {out.joined}
        """
    }

    func output(_ fixture: PipelineFixture, _ summary: RunSummary, _ stage: String, _ name: String) throws -> String {
        let digest = try #require(summary.output(stage, name))
        return try String(contentsOfFile: fixture.workspace().store.path(of: digest), encoding: .utf8)
    }

    @Test func postsAndLabelsShareOneKeyAndNoRawIdentifierIsStored() async throws {
        let fixture = try project("")
        try fixture.setPipeline(pipeline(root: fixture.directory.path))
        let summary = try await fixture.run(registry: Self.registry)
        #expect(summary.status == .succeeded, "\(summary.stages.map { "\($0.stage): \($0.reason)" })")

        let posts = try output(fixture, summary, "anonymous", "posts").split(separator: "\n")
            .map { try Post(json: JSONDocument(Array($0.utf8)).root) }
        let labels = try output(fixture, summary, "anonymous-labels", "labels")
        let key = try PseudonymKey.load(file: fixture.directory.path + "/key-a")
        #expect(posts.allSatisfy { $0.authorID.hasPrefix("p1.\(key.id).") && $0.postID.hasPrefix("p1.\(key.id).") })
        // Scoring joins on pseudonyms: every labelled account is an author.
        let labelled = labels.split(separator: "\n").dropFirst().map { String($0.split(separator: ",")[0]) }
        #expect(Set(labelled) == Set(posts.map(\.authorID)))
        #expect(labels.hasPrefix("account_id,label,campaign,annotator,confidence\n"))
        #expect(!labels.contains("Zwolle"))  // the free-text notes column is dropped
        // The report describes the data in counts: posts per platform and the first and last day.
        let report = try JSONDocument(Array(try output(fixture, summary, "anonymous", "report").utf8)).root
        #expect(report["data"]?["platforms"]?["x"]?.int64 == 2)
        #expect(report["data"]?["first_day"]?.string == "2025-12-06" && report["data"]?["last_day"]?.string == "2025-12-06")
        // The repost points at the pseudonym of the first post and its author.
        #expect(posts[1].refPostID == posts[0].postID && posts[1].refAuthorID == posts[0].authorID)
        // A handle maps to its account's pseudonym where the data links them.
        #expect(posts[0].mentions == [posts[1].authorID])
        #expect(posts[1].text == "RT <HANDLE:\(posts[0].authorID)>: stemmen!")
        // The author's display name in text is the author; the address a token of its own.
        #expect(posts[0].text?.contains("Groet, <PERSON:\(posts[0].authorID)> (<ADDRESS:p1.\(key.id).") == true)
        #expect(posts.allSatisfy { $0.displayName == nil })

        // No raw identifier or key byte anywhere in the store, the index or the logs.
        let raw = ["900001", "900002", "1765000000000000001", "jan_kiezer", "piet_nl", "jan.devries", "12345678", "8011 AB",
                   "jan de kiezer", "kerkstraat"]
        let store = fixture.workspacePath
        var searched = 0
        for path in try allFiles(store) where !isRawInput(path, fixture) {
            let text = try String(decoding: Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self).lowercased()
            for value in raw { #expect(!text.contains(value.lowercased()), "\(value) in \(path)") }
            #expect(!text.contains(String(repeating: "\u{1}", count: 32)))
            searched += 1
        }
        #expect(searched > 5)
    }

    @Test func theNameListsContentNotTheirPathEntersTheKeyAndMissingListsAreExplained() async throws {
        let fixture = try project("")
        let root = fixture.directory.path
        try fixture.setPipeline(pipeline(root: root))
        #expect(try await fixture.run(registry: Self.registry).status == .succeeded)
        // The same lists in another folder: nothing reruns.
        let copy = root + "/lists-copy"
        try FileManager.default.copyItem(atPath: TestNameLists.folder, toPath: copy)
        try fixture.setPipeline(pipeline(root: root, lists: copy))
        let same = try await fixture.run(registry: Self.registry)
        #expect(same.stages.first { $0.stage == "anonymous" }?.status == .cached)
        // Another first name in the lists: anonymise reruns.
        let firstNames = copy + "/deduce/names/lst_first_name/items.txt"
        try (String(contentsOfFile: firstNames, encoding: .utf8) + "Hendrikje\n").write(toFile: firstNames, atomically: true, encoding: .utf8)
        let changed = try await fixture.run(registry: Self.registry)
        #expect(changed.stages.first { $0.stage == "anonymous" }?.status == .executed)
        // No lists: the run stops before anything runs, saying how to get them.
        try fixture.setPipeline(pipeline(root: root, lists: root + "/nowhere"))
        do {
            let missing = try await fixture.run(registry: Self.registry)
            #expect(missing.status != .succeeded)
            #expect(missing.stages.contains { $0.reason.contains("has no deduce/names/lst_first_name/items.txt") },
                    "\(missing.stages.map(\.reason))")
        } catch {
            #expect("\(error)".contains("has no deduce/names/lst_first_name/items.txt"), "\(error)")
        }
    }

    /// Files of the workspace, except the stored copies of the raw inputs.
    func allFiles(_ root: String) throws -> [String] {
        let enumerator = FileManager.default.enumerator(atPath: root)
        var files: [String] = []
        while let name = enumerator?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: root + "/" + name, isDirectory: &isDirectory), !isDirectory.boolValue {
                files.append(root + "/" + name)
            }
        }
        return files
    }

    func isRawInput(_ path: String, _ fixture: PipelineFixture) -> Bool {
        guard let data = FileManager.default.contents(atPath: path) else { return false }
        let posts = try? Data(contentsOf: URL(fileURLWithPath: fixture.directory.path + "/data/posts.ndjson"))
        return data == posts || data == Data(Self.labels.utf8)
    }

    @Test func pseudonymsAreStableUnderOneKeyAndTheKeyIDEntersTheCacheKey() async throws {
        let first = try project("")
        try first.setPipeline(pipeline(root: first.directory.path))
        let second = try project("")
        try second.setPipeline(pipeline(root: second.directory.path))
        // Same key bytes in another folder: the same output and the same key (paths stay out).
        let one = try await first.run(registry: Self.registry)
        let two = try await second.run(registry: Self.registry)
        #expect(one.output("anonymous", "posts") == two.output("anonymous", "posts"))
        #expect(one.report("anonymous")?.key == two.report("anonymous")?.key)

        // Another key: explain says so (by key id), and the stage reruns with other pseudonyms.
        try first.setPipeline(pipeline(postsKey: "key-b", labelsKey: "key-b", root: first.directory.path))
        let keyA = try PseudonymKey.load(file: first.directory.path + "/key-a").id
        let keyB = try PseudonymKey.load(file: first.directory.path + "/key-b").id
        let explanation = try first.runner(registry: Self.registry).explain("anonymous")
        #expect(explanation.changes.count == 1)
        #expect(explanation.changes.first?.contains(keyA) == true && explanation.changes.first?.contains(keyB) == true)
        let rekeyed = try await first.run(registry: Self.registry)
        #expect(rekeyed.report("anonymous")?.status == .executed)
        #expect(rekeyed.output("anonymous", "posts") != one.output("anonymous", "posts"))
    }

    @Test func differentKeysAreNeverMixed() async throws {
        let fixture = try project("")
        try fixture.setPipeline(pipeline(labelsKey: "key-b", root: fixture.directory.path))
        let summary = try await fixture.run(registry: Self.registry)
        #expect(summary.statuses["anonymous"] == .executed)
        #expect(summary.statuses["score"] == .failed)
        let reason = try #require(summary.report("score")?.reason)
        #expect(reason.contains("would mix pseudonyms made under different keys"))
        #expect(reason.contains("anonymous-labels"))
    }

    @Test func aKeyFileOthersCanReadIsRefusedBeforeAnyStageRuns() async throws {
        let fixture = try project("")
        try fixture.setPipeline(pipeline(root: fixture.directory.path))
        chmod(fixture.directory.path + "/key-a", 0o644)
        let observer = RecordingObserver()
        await #expect {
            try await fixture.run(observer: observer, registry: Self.registry)
        } throws: { error in
            guard let refused = (error as? PipelineErrors)?.errors.first else { return false }
            return refused.stage == "anonymous" && refused.field == "with.key_file" && refused.problem.contains("chmod 600")
        }
        #expect(observer.startedStages.isEmpty, "the ingest ran before the key was refused")
    }

    @Test func aRelativeOrMissingKeyIsExplained() throws {
        #expect(throws: PseudonymKey.LoadError.notAbsolute(path: "keys/k")) {
            try PseudonymKey.resolve(file: "keys/k", environment: [:])
        }
        #expect(throws: PseudonymKey.LoadError.none) { try PseudonymKey.resolve(file: nil, environment: [:]) }
        let hex = String(repeating: "ab", count: 32)
        let fromEnvironment = try PseudonymKey.resolve(file: nil, environment: [PseudonymKey.hexVariable: hex])
        #expect(fromEnvironment.id == (try PseudonymKey(bytes: Array(repeating: 0xAB, count: 32), source: "x")).id)
    }

    @Test func postsWhoseAuthorIsAlreadyAPseudonymAreRefusedWithTheirLine() throws {
        let path = FileManager.default.temporaryDirectory.path + "/toets-anonymise-\(UUID().uuidString).ndjson"
        defer { try? FileManager.default.removeItem(atPath: path) }
        func read(_ second: String) throws -> [Post] {
            var posts = Self.posts
            posts[1].authorID = second
            #expect(FileManager.default.createFile(atPath: path, contents: Data(posts.flatMap(\.canonicalLine))))
            return try AnonymiseStage.readPosts(path, name: "raw-posts.posts")
        }
        do {
            _ = try read("p1.kabc.xyz")
            Issue.record("anonymise read posts that were pseudonymised already")
        } catch {
            #expect("\(error)".contains("raw-posts.posts line 2") && "\(error)".contains("already a pseudonym"))
        }
        // Raw ids that only look alike are read: another case, "p1." later in the id, a shorter id.
        for raw in ["P1.kabc.xyz", "x:p1.900002", "p1", "p1:900002", "\u{1E55}1.900002"] {
            #expect(try read(raw).map(\.authorID) == ["x:900001", raw])
        }
    }

    @Test func methodsCannotReadIngestOutputDirectly() throws {
        let fixture = try project("""
            stages:
              archives:
                uses: source
                with: {files: {x.csv: data/labels.csv}}
              posts:
                uses: ingest
                needs: archives
              prep:
                role: data
                needs: posts
                run: cp {in.posts} {out.copy}
              method:
                needs: prep
                run: cp {in.copy} {out.detections}
              anonymous:
                uses: anonymise
                needs: posts
                with: {key_file: /nonexistent}
              fair:
                needs: anonymous
                run: cp {in.anonymous.posts} {out.detections}
            """)
        do {
            _ = try fixture.plan(registry: Self.registry)
            Issue.record("the pipeline was accepted")
        } catch let error as PipelineErrors {
            #expect(error.errors.count == 1)
            #expect(error.errors.first?.stage == "method")
            #expect(error.errors.first?.problem.contains("raw personal data: posts → prep → method") == true)
        }
    }
}

/// Pins the anonymise stage's output on the fixture above with its version: a change in what
/// it writes must bump the version, or stale cached results would pass for new ones.
@Suite struct AnonymiseGoldenTests {
    @Test func outputDigestsArePinnedWithTheVersion() async throws {
        #expect(AnonymiseStage().version == 8, "the version changed: update the digests below")
        let tests = AnonymiseStageTests()
        let fixture = try tests.project("")
        try fixture.setPipeline(tests.pipeline(root: fixture.directory.path))
        let summary = try await fixture.run(registry: AnonymiseStageTests.registry)
        #expect(summary.output("anonymous", "posts")?.hex == "35c00357bcb3eb7c4933868e50b0d1072e1bf2a5c1bae5c58066f6fb94f3d9c2")
        #expect(summary.output("anonymous", "posts.columns")?.hex == "c4d154ae3d505a66be9888f61eee2d6a2336e9530e3b731b0972ad6128f028a1")
        #expect(summary.output("anonymous", "report")?.hex == "0bb559a9e229b126ee18e1015358ef908423bb829acedb8d6f109c3c8d5e7767")
        #expect(summary.output("anonymous-labels", "labels")?.hex == "dd0d9a02293d7f58a4602b3719fcca4c50d2f73b8d1c54f4924c15a26e1c0871")
        #expect(summary.output("anonymous-labels", "report")?.hex == "07ed9f86bb9d9cbc6ad4ae54cd9fb844f1476dfe1badf3cd117e3a32cd2d5312")
    }
}

import Foundation
import Testing
import ToetsModel
import ToetsRunner
import ToetsStore
import ToetsTestSupport
@testable import toets

/// Cache soundness for every stage kind this build knows: each kind's implementation version,
/// the key of a step on a fixed fixture and the digests of what it writes are pinned together.
/// A stage whose output bytes change without a version bump would let results cached under the
/// old version pass for new ones; that fails here, naming the stage. A deliberate change bumps
/// the version and updates the pins (the failure prints the new ones).
///
/// Each kind reads the most direct fixed input it can (files through `source`), so that a
/// change shows at the kind that changed; the report reads the score's results, so a change
/// in score shows at both.
@Suite struct StageKindGoldenTests {
    struct Pin: Equatable, CustomStringConvertible {
        var kind: String
        var version: Int
        var key: String
        var outputs: [String: String]

        var description: String {
            let outputs = self.outputs.keys.sorted().map { "\"\($0)\": \"\(self.outputs[$0]!)\"" }.joined(separator: ", ")
            return "Pin(kind: \"\(kind)\", version: \(version), key: \"\(key)\", outputs: [\(outputs)])"
        }
    }

    /// By stage of `pipeline`.
    static let pins: [String: Pin] = [
        "archive": Pin(kind: "source", version: 1, key: "04564a32ea0844367966527c5cf605f33658751ee8948e424cddee91f0347e6e", outputs: ["shares.csv": "b38bfbd936740d8ead2dfb41fc2e45020b5d529fc6f5f9c1c2da056403b339f2"]),
        "ingested": Pin(kind: "ingest", version: 4, key: "038d1a47e551a28850edffad544d33686ec96f97d8c72424cf689c10977bec62", outputs: ["posts": "5027660d41f2944db9a9a86ccbbcd4a79be862f5a22c3673d8adae2a75c5610e", "quarantine": "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", "report": "89aae50dd6758e397ce4b43ca9740c1e59932753871ccd83109909ec60974efe"]),
        "raw": Pin(kind: "source", version: 1, key: "ae7f1dc3de999c9b38f7067f1ce5b72e85a7d3881b6b39fd536271d5ff1191a7", outputs: ["posts": "daa5032aa1eeed647ec6ab5d9b67d39c1433c92b5d04eccaa223cd85b0ffcb32"]),
        "anon": Pin(kind: "anonymise", version: 8, key: "d9f42cf61258a0d7b423c1681f7cd4fcab8d0aafb2dc7d8894aad4bb7959d9dc", outputs: ["posts": "6ec116951d2903a8535e86cd034ae4bde2fc4aad737543d59c5ddf64a7fa5282", "posts.columns": "34a9a16692bab41304d4e21c8a635cbb7d4a19cee1abd1a388371f9f46cc1d30", "report": "a7a9eea81a371d3c4e937bc6660bbb070b66470c9e6d10d1ac20d1c8271e2fe7"]),
        "labels": Pin(kind: "source", version: 1, key: "d15bfa662712786783239c2a55c578698c8255a54cfde73893cb9aedc7de78ce", outputs: ["labels": "7becd3ca367b1d79ce7dbdeddb35781a7952767f68f5fdea94ac78be7681a5dc"]),
        "truth": Pin(kind: "anonymise", version: 8, key: "054d3e5955e1b27cb9d3f178426a10810200d10541b5087f52a1ec2f13ae5743", outputs: ["labels": "4d574c3cd23f8aaef341d71c2f8a07cce6e3a18befc9723614051e40d2b6aa03", "report": "27fef571c9e019a978cf54713a8cdf3230ec203443327304c4b76ba2b775b6b6"]),
        "corpus": Pin(kind: "source", version: 1, key: "ae7f1dc3de999c9b38f7067f1ce5b72e85a7d3881b6b39fd536271d5ff1191a7", outputs: ["posts": "daa5032aa1eeed647ec6ab5d9b67d39c1433c92b5d04eccaa223cd85b0ffcb32"]),
        "coortweet": Pin(kind: "method/coortweet", version: 1, key: "9c2c7dbcb6724e92611000975db082c4175460cdd3d3b4da02b15fbf4e266c98", outputs: ["detections": "4e54722acf3edb4bd93f222ae8861bb318ac916c57be50c6dff60d741aeb08fa", "edges": "afe4c5c0029982835162a833661fe56eb03721203a814bd2e38277cf09b3a90b", "evidence": "07e6eec4299209890be21ba36a5763f4c1ca2ef49b3364092f3a54f070e7665d", "network.csv": "00298f1a1f14ad419d0efd71a8b8ea0e67b8c6a05c97567739e2eb614b5c173a", "network.graphml": "873534b95037cf91acaf13b6513639088c306b680b480741724877d6c29b4433", "pairs": "df635b3c0c972196a5b786147500555e0a97d2705be8afb8f398fea78604d9e0"]),
        "co-action": Pin(kind: "method/co-action", version: 2, key: "2f00dc18a6da3ab20ea810a0a0e64dd8b889fbea12ecac8c7935ddc49ff094e6", outputs: ["detections": "6ae183968a33278776ba93ed504cc77745e88e0f48f4a651d8c7d0bcae92d5ad", "directed.csv": "32aea2aea357808576cce265d35ba18ac7ec0c81d38d767a6f895778325f5538", "evidence": "67a8203dd84d877ea4529d0c7e6b901e73a429bbfc32927e433b053aed465f3e", "network.csv": "0693e855c6e5afb173cbff897f5054b5c43265e6dfcf957ddaec4c7be521833a", "network.graphml": "0423dc983872e377e0376f9ae84ca785e4aa654f83fa60785183a565dd4188ad"]),
        "near-duplicate": Pin(kind: "method/near-duplicate", version: 1, key: "dcf98c8c62b07b514b3fcdddeb3c13628318b812f9b1ea0f7fb51f70487432f9", outputs: ["detections": "eafdfad3e5690e9d2b3786fc6aa9cf9540d320b3ec65b673c5d0cc8fa64a3110", "evidence": "f668ae69afbd0cd5c5287a6190e5c90e14b6b736415822d13232d496e8c979f3", "network.csv": "f99fed2cb3624739928b50cb685fc963de734b1a34e618eb9594e56a3769b23c", "network.graphml": "e99b92a1c7974a917f759c823feb57e49473430584da211639bb03822798a6c8"]),
        "pacheco": Pin(kind: "method/pacheco", version: 1, key: "365bbdfabfc959bd181a3d0f824a18047d89c7a3d5cb96b81a2d214f4d065853", outputs: ["detections": "9a51bf04a08618eda9856d130fcbc76967210dc8e61dddae254595fdcfeb8099", "evidence": "67a8203dd84d877ea4529d0c7e6b901e73a429bbfc32927e433b053aed465f3e", "network.csv": "33a5580ea660fbde5b9e909f7a4e5ec92e41178095add61d387349f2cb778436", "network.graphml": "cd46de0685d33fa829e1afecc2b8a0329860b270caab2b59e13f2d2f5673a38e"]),
        "account-signals": Pin(kind: "method/account-signals", version: 1, key: "dfc35f5673f41a557d8dd867a3e174017b9a86dbf048fd79a43a4c993c5fc998", outputs: ["detections": "b75c9c8291e0ca95742a4f88cfb478260d588b06827cca277b34b0433174b01a", "evidence": "a48e6f5befa3d34987a1a86cb5046993b066c3bfc2be0c44b951414f10835b29", "network.csv": "8cf423ad7bef8bb4e4ae80a105c500cda628b35d62e3a5bf2d5b3841be8e397a", "network.graphml": "0b4b5a3475f258abdcbe12f6c29bc86beb533d068f6ce96c2164cc7c91776e9d"]),
        "alpha": Pin(kind: "source", version: 1, key: "83f6210ff47e0ef54052c261eb0e3330fce13685d112e848776992bcb19d0d3d", outputs: ["detections": "42d2a3ed7dafeb0b0e29cafbbae3da3f20a30c347e3d8b65b378cdd9d80ef000"]),
        "beta": Pin(kind: "source", version: 1, key: "acb731c946c0661da811d2ce1dd146e2ba4336e337ae130139899214ff7f9bb9", outputs: ["detections": "8438813dd9df475fa0bfedb16e05b7e90b321cd3d94eb88c0ea813080e6bc59f"]),
        "gold": Pin(kind: "source", version: 1, key: "d15bfa662712786783239c2a55c578698c8255a54cfde73893cb9aedc7de78ce", outputs: ["labels": "7becd3ca367b1d79ce7dbdeddb35781a7952767f68f5fdea94ac78be7681a5dc"]),
        "score": Pin(kind: "score", version: 5, key: "c9e48e8dd65d1fe568ae2ab80f1b955a6103f0987dd9eb8321b6158401f564b5", outputs: ["accounts.csv": "803ec7844c3ea12be47cf0920ea92b923251be8f4e902de4a9e321bcfd342328", "comparisons.csv": "2c310ec50d67b0b41a5791589d91b0692bb4f81112246225fb7a8babce956391", "coordination.csv": "05e6434f81e7d9ea93a2d8e10bd93050f6dac098ae9558000a8643487867cb72", "curves.csv": "9cd63b778a55d3250ff066395463b53fedeb38761de6d5c4cf6c770f4a22b95a", "ordinary.csv": "f84925a94da276e9216b5f6addefb0a993770a9d8a4305066df92d99843d8565", "overlap.csv": "81ccf9ab8ff17ba3926bb1dd5433f14d5759662af0eedff244155a45ffb724c8", "results": "04e14c4acd26019283c0d94ea634f26bd7c1bc98b9929e7c5aac973aa057f8cb", "strata.csv": "cc8e6c92e7e71db8b1586ebf7f891c4973c6afa9507add2c7c521a7fcd462896", "summary.txt": "f9786ba0dc2ed81d905d0dde4cbd230d53e6c04bfcec00286830575e0e5cb1d3"]),
        "report": Pin(kind: "report", version: 11, key: "0478cbdf479a446ada43b892aee17bd7db0649d020cc835d48f6db622bf9f513", outputs: ["algoritmeregister.json": "e0d329c88f7af4e117b770c58bb4275ac9f0328fef8a3816e4ac923391b653a6", "kamerbrief.nl.html": "a4b5b10d1d61568a289d653a4672df91b79f61593cd21494e320058ab79b061f", "klankbord.en.html": "26ec2473fb30467607208f0a3bbbf72e8737eeb24b700f7103e2011fb907e038", "klankbord.nl.html": "c6ccaec1c4d4106da4ed30b355726a2e77c475f932942f5da035c49ff8ecded7", "method-cards.en.html": "e3a4d78fa8db7186c907d6a9d051b34b3486365c7b2c30e5a21525ebbeb58dfc", "method-cards.nl.html": "beb677c9c95dec85ff6044f853c59e9ddc65c66578bd6f9e2d37fd18636ed080", "report-input.json": "111475e367d59f77cd1b78824140cd5437dbd393369a4a26b9c1cce0f10189cd"]),
        "plants": Pin(kind: "plant", version: 3, key: "f8d304157b016cb1ad79d97e3096d0d65030f55bee0f66c827df8b045b6b46d5", outputs: ["contacts": "100d1e11fb202224aa31b016270096dc50a74f349e4198ea05ebf0a12f116900", "membership": "78588cca199224b9839252f799462f57f71117acd92429e5b06ade67aaad0bc6", "posts": "de94df2bd1ad9a20fd0150651d430b9635e56b75fdaf2c444b9b49e102983eb5"]),
        "count": Pin(kind: "command", version: 2, key: "de848e6bb011d757f4af3c09ba8143d7a5435e523690159ecda067afb589be0f", outputs: ["n": "84b9bb077be0d8a29d0d01ef350d718b77c2ec5f40c3ab90502b1b4b5016c550"]),
        "rule": Pin(kind: "decision-rule", version: 1, key: "93b977e710801a7485cf723975d4d05b36e7a0ed6532f4ae7c59d175d079e02b", outputs: ["rule": "4d4e6e91cacef96a6cd32179f661b5fb787ebc918129f46f55ffc2472d12ae25"]),
    ]

    static func pipeline(key: String) -> String {
        """
        name: golden
        stages:
          archive: {uses: source, with: {files: {shares.csv: shares.csv}}}
          ingested: {uses: ingest, needs: archive, with: {platforms: {shares.csv: x}}}
          raw: {uses: source, with: {files: {posts: corpus.ndjson}}}
          anon: {uses: anonymise, needs: raw, with: {key_file: \(key), k: 2, name_lists: \(TestNameLists.folder)}}
          labels: {uses: source, role: ground-truth, with: {files: {labels: gold.csv}}}
          truth: {uses: anonymise, needs: labels, with: {records: labels, key_file: \(key), name_lists: \(TestNameLists.folder)}}
          corpus: {uses: source, with: {files: {posts: corpus.ndjson}}}
          coortweet: {uses: method/coortweet, needs: corpus}
          co-action: {uses: method/co-action, needs: corpus, with: {flag_weight: 2}}
          near-duplicate: {uses: method/near-duplicate, needs: corpus, with: {min_weight: 2, mode: exact}}
          pacheco: {uses: method/pacheco, needs: corpus, with: {percentile: 50}}
          account-signals: {uses: method/account-signals, needs: corpus}
          alpha: {uses: source, with: {files: {detections: alpha.csv}}}
          beta: {uses: source, with: {files: {detections: beta.csv}}}
          gold: {uses: source, role: ground-truth, with: {files: {labels: gold.csv}}}
          plants: {uses: plant, needs: corpus, with: {seed: 3, tactics: [copy-pasta, retweet-ring], strengths: [{name: s, accounts: 3, spread: 60, edit_rate: 0.1, share: 0.5, rounds: 2}]}}
          rule: {uses: decision-rule, with: {primary_metric: f1, min_difference: 0.05, harm_budget: 100}}
          score: {uses: score, needs: [alpha, beta, gold, corpus, rule], with: {replicates: 50, min_cell: 2}}
          report: {uses: report, needs: [score], with: {pipeline: golden, date: "2026-03-25", pdf: false}}
          count: {needs: corpus, run: "wc -l < {in.posts} | tr -d ' ' > {out.n}"}
        """
    }

    /// Twelve accounts over seven hours: five of them repost the same post, share the same link
    /// and hashtags and post near-copies of one text within seconds (three of them once more),
    /// from accounts made in one week with few followers; seven post on their own.
    static var corpus: String {
        let start: Int64 = 1_773_000_000
        var lines: [String] = []
        func post(_ id: String, _ author: Int, _ time: Int64, kind: String, text: String, urls: [String], tags: [String],
                  ref: String? = nil) -> String {
            var fields = [
                "\"platform\":\"x\"", "\"source_format\":\"twarc2\"", "\"post_id\":\"x:\(id)\"", "\"author_id\":\"x:a\(author)\"",
                "\"author_handle\":\"user\(author)\"", "\"created_at\":\(time)", "\"ts_precision\":\"s\"", "\"kind\":\"\(kind)\"",
                "\"text\":\"\(text)\"", "\"urls\":[\(urls.map { "\"\($0)\"" }.joined(separator: ","))]",
                "\"hashtags\":[\(tags.map { "\"\($0)\"" }.joined(separator: ","))]", "\"mentions\":[]", "\"language\":\"nl\"",
                "\"account_created_at\":\(author <= 5 ? start - 20 * 86_400 + Int64(author) * 3_600 : start - Int64(author) * 40_000_000)",
                "\"followers\":\(author <= 5 ? 3 : 100 * author)",
            ]
            if let ref { fields += ["\"ref_post_id\":\"x:\(ref)\"", "\"ref_author_id\":\"x:a99\"", "\"content_id\":\"x:\(ref)\""] }
            return "{" + fields.joined(separator: ",") + "}"
        }
        for round in 0..<7 {
            let hour = start + Int64(round) * 3_600
            // In the last round only three of the five act: their links are the heaviest.
            for account in 1...(round == 6 ? 3 : 5) {
                let text = "Stem op lijst \(round) want iedereen moet weten dat de gemeente faalt en wij het oplossen account \(account)"
                lines.append(post("r\(round)-\(account)", account, hour + Int64(account) * 5, kind: "repost", text: text,
                                  urls: ["https://nos.nl/artikel/\(round)"], tags: ["gr2026", "stem", "lijst\(round)", "nu", "stad"],
                                  ref: "seed\(round)"))
            }
            for account in 6...12 where round < 6 {
                let text = "Vandaag \(round) over de markt gelopen en met buren \(account) over het nieuwe plein gepraat"
                lines.append(post("o\(round)-\(account)", account, hour + Int64(account) * 400, kind: "post", text: text,
                                  urls: account % 3 == 0 ? ["https://example.nl/\(account)"] : [], tags: ["markt\(account % 2)"]))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static var files: [String: String] {
        var gold = "account_id,label,campaign,annotator,confidence\n"
        var alpha = "account_id,score,flagged,group\n"
        var beta = alpha
        for account in 1...12 {
            let campaign = account <= 5
            gold += "x:a\(account),\(campaign ? "campaign" : "none"),\(campaign ? "C1" : ""),A1,0.9\n"
            alpha += "x:a\(account),\(campaign ? 0.9 : 0.1 * Double(account % 4)),\(account <= 6),\(account <= 6 ? "g1" : "")\n"
            beta += "x:a\(account),\(Double(13 - account) / 13),\(account % 2 == 1),\(account % 2 == 1 ? "g2" : "")\n"
        }
        let shares = "object_id,account_id,content_id,timestamp_share\n" + (1...8).map {
            "https://nos.nl/a\($0 % 3),acct_\($0 % 4),post_\($0),\(1_700_000_000 + $0 * 7)\n"
        }.joined()
        return ["corpus.ndjson": corpus, "gold.csv": gold, "alpha.csv": alpha, "beta.csv": beta, "shares.csv": shares]
    }

    @Test func everyStageKindTheCommandLineKnowsHasAPin() {
        let pinned = Set(Self.pins.values.map(\.kind))
        #expect(Set(Stages.registry.kinds + [CommandStage.kind]).subtracting(pinned).isEmpty,
                "stage kinds without a golden pin: \(Set(Stages.registry.kinds + [CommandStage.kind]).subtracting(pinned).sorted())")
    }

    @Test func everyStageWritesThePinnedBytesUnderItsPinnedVersionAndKey() async throws {
        let directory = TemporaryDirectory()
        let key = directory.path + "/pseudonym.key"
        #expect(FileManager.default.createFile(atPath: key, contents: Data((0..<32).map { UInt8($0 * 7 % 251) }),
                                               attributes: [.posixPermissions: 0o600]))
        let fixture = try PipelineFixture(Self.pipeline(key: key), files: Self.files)
        let (plan, bytes) = try fixture.plan(registry: Stages.registry)
        let runner = PipelineRunner(plan: plan, workspace: try fixture.workspace(), environment: [:])
        let summary = try await runner.run(RunOptions(jobs: 2, waitForLock: false), pipelineBytes: bytes,
                                           observer: RecordingObserver())
        #expect(summary.status == .succeeded, "\(summary.stages.filter { $0.status != .executed }.map { "\($0.stage): \($0.reason)" })")
        var found: [String: Pin] = [:]
        for step in try fixture.workspace().index.steps(run: summary.runID) {
            found[step.stage] = Pin(kind: step.kind, version: step.components.kindVersion, key: step.key.hex,
                                    outputs: Dictionary(uniqueKeysWithValues: step.outputs.map { ($0.name, $0.digest.hex) }))
        }
        // The fixture gives every method something to find, so that a change in what it finds shows.
        let workspace = try fixture.workspace()
        for step in try workspace.index.steps(run: summary.runID) where step.kind.hasPrefix("method/") {
            let detections = try #require(step.outputs.first { $0.name == "detections" })
            let text = String(decoding: try FileSystem.readSmallFile(workspace.store.path(of: detections.digest)), as: UTF8.self)
            #expect(text.contains(",true,"), "\(step.stage) flags no account on the fixture")
        }
        for stage in plan.stages.map(\.name) {
            guard let actual = found[stage] else { continue }
            guard let pinned = Self.pins[stage] else {
                Issue.record("stage '\(stage)' has no pin; add: \"\(stage)\": \(actual),")
                continue
            }
            let current = stage == "count" ? CommandStage.version : Stages.registry.stage(actual.kind)?.version
            let problem: String
            if pinned.version != current {
                problem = "\(actual.kind) is now version \(current ?? 0), pinned \(pinned.version): update the pin of '\(stage)' to \(actual)"
            } else if pinned.outputs != actual.outputs {
                problem = "\(actual.kind) v\(pinned.version) (stage '\(stage)') writes other bytes than pinned: bump its version, "
                    + "or, if an input it reads changed, update the pin to \(actual)"
            } else if pinned.key != actual.key {
                problem = "the key of stage '\(stage)' (\(actual.kind)) changed with the same version and outputs: its "
                    + "parameters or inputs changed; update the pin to \(actual)"
            } else {
                continue
            }
            Issue.record("\(problem)")
        }
    }
}

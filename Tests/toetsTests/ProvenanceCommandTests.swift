import Foundation
import Testing
import ToetsModel
import ToetsProvenance
import ToetsStore
import ToetsTestSupport

/// `toets keygen`, `run --signing-key`, `verify` with provenance, and `export`, as a user runs them.
@Suite struct ProvenanceCommandTests {
    static let pipeline = """
        stages:
          data:
            uses: source
            with: {files: {rows: data.csv}}
          count:
            needs: data
            with: {unit: lines}
            run: wc -l < {in.rows} | tr -d ' ' > {out.count.txt}
        """

    @Test func keygenWritesMode600PrintsThePublicKeyAndNeverOverwrites() throws {
        let folder = TemporaryDirectory()
        let made = try Toets.run(["keygen", "--out", "signing.key"], in: folder.path)
        #expect(made.status == 0, "\(made.stderr)")
        #expect(FileSystem.fileStatus(folder.path + "/signing.key").map { $0.st_mode & 0o777 } == 0o600)
        let publicKey = try PublicKey.parse(folder.path + "/signing.key.pub")
        #expect(made.stdout.contains("public key (base64): \(publicKey.base64)"))
        #expect(made.stdout.contains("public key (hex):    \(publicKey.hex)"))
        #expect(made.stdout.contains("key id:              \(publicKey.keyID)"))
        let before = try folder.read("signing.key")
        let again = try Toets.run(["keygen", "--out", "signing.key"], in: folder.path)
        #expect(again.status == 2)
        #expect(again.stderr.contains("exists already; keygen never overwrites a key"))
        #expect(try folder.read("signing.key") == before)
    }

    @Test func aSignedRunVerifiesAgainstItsPublicKeyAndAnUnsignedRunSaysSo() throws {
        let project = TemporaryDirectory()
        let keys = TemporaryDirectory()
        try project.write("data.csv", "a\nb\n")
        try project.write("p.yaml", Self.pipeline)
        #expect(try Toets.run(["keygen", "--out", keys.path + "/k"], in: project.path).status == 0)
        let signed = try Toets.run(["run", "p.yaml", "--signing-key", keys.path + "/k"], in: project.path)
        #expect(signed.status == 0, "\(signed.stderr)")
        #expect(signed.stdout.contains("provenance: 2 statements (2 executed, 0 reused) signed with key"))
        let unsigned = try Toets.run(["run", "p.yaml"], in: project.path)
        #expect(unsigned.stdout.contains("provenance: UNSIGNED: 2 statements (0 executed, 2 reused)"))
        let verify = try Toets.run(["verify", "--run", "1", "--trusted-key", keys.path + "/k.pub",
                                    "--checkpoint", ".toets/provenance/checkpoints/run-1.txt"], in: project.path)
        // Run 2 is unsigned: with a trusted key, that is a failure, named per entry.
        #expect(verify.status == 1)
        #expect(verify.stdout.contains("UNSIGNED  entry 2 (run 2, stage 'data', log bytes "))
        #expect(verify.stdout.contains("the log (4 entries) extends .toets/provenance/checkpoints/run-1.txt (2 entries)"))
        #expect(try Toets.run(["verify"], in: project.path).status == 0)
    }

    @Test func aKeyOthersCanReadStopsTheRunBeforeAnythingRuns() throws {
        let project = TemporaryDirectory()
        let keys = TemporaryDirectory()
        try project.write("data.csv", "a\n")
        try project.write("p.yaml", Self.pipeline)
        #expect(try Toets.run(["keygen", "--out", keys.path + "/k"], in: project.path).status == 0)
        chmod(keys.path + "/k", 0o644)
        let refused = try Toets.run(["run", "p.yaml", "--signing-key", keys.path + "/k"], in: project.path)
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("has mode 644: group or others may read it"))
        #expect(!FileSystem.exists(project.path + "/.toets/provenance/log.jsonl"))
    }

    @Test func verifyNamesAFlippedArtefactByRunStageAndArtefact() throws {
        let project = TemporaryDirectory()
        try project.write("data.csv", "a\nb\n")
        try project.write("p.yaml", Self.pipeline)
        #expect(try Toets.run(["run", "p.yaml"], in: project.path).status == 0)
        let digest = Digest.sha256(of: Array("2\n".utf8))
        let object = project.path + "/.toets/objects/" + digest.hex.prefix(2) + "/" + digest.hex.dropFirst(2)
        chmod(object, 0o644)
        try Data("3\n".utf8).write(to: URL(fileURLWithPath: object))
        let verify = try Toets.run(["verify"], in: project.path)
        #expect(verify.status == 1)
        #expect(verify.stdout.contains("ARTEFACT  run 1 stage 'count' artefact 'count.txt' (sha256 \(digest.short)): the stored bytes"))
        #expect(verify.stdout.contains("provenance: 2 log entries"))
    }

    @Test func exportWritesACrateAndProvJSON() throws {
        let project = TemporaryDirectory()
        try project.write("data.csv", "a\nb\n")
        try project.write("p.yaml", Self.pipeline)
        #expect(try Toets.run(["run", "p.yaml"], in: project.path).status == 0)
        let crate = try Toets.run(["export", "crate", "--out", "crate"], in: project.path)
        #expect(crate.status == 0, "\(crate.stderr)")
        let metadata = try CanonicalJSON(parsing: FileSystem.readSmallFile(project.path + "/crate/ro-crate-metadata.json"))
        let graph = try #require(metadata["@graph"]?.arrayValue)
        let root = try #require(graph.first { $0["@id"] == "./" })
        #expect(root["mainEntity"] == .object(["@id": "p.yaml"]))
        #expect(root["conformsTo"]?.arrayValue?.contains(.object(["@id": "https://w3id.org/ro/wfrun/provenance/0.5"])) == true)
        let count = try #require(graph.first { $0["@id"] == "artefacts/count/count.txt" })
        #expect(count["sha256"]?.stringValue == Digest.sha256(of: Array("2\n".utf8)).hex)
        #expect(try project.read("crate/artefacts/count/count.txt") == "2\n")
        #expect(graph.contains { $0["@type"] == "OrganizeAction" })
        #expect(graph.filter { $0["@type"] == "ControlAction" }.count == 2)
        // An existing, non-empty folder is not written into.
        #expect(try Toets.run(["export", "crate", "--out", "crate"], in: project.path).status == 1)

        let prov = try Toets.run(["export", "prov", "--run", "1", "--out", "prov.json"], in: project.path)
        #expect(prov.status == 0, "\(prov.stderr)")
        let document = try CanonicalJSON(parsing: FileSystem.readSmallFile(project.path + "/prov.json"))
        #expect(document["activity"]?["toets:run-1-count"] != nil)
        #expect(document["entity"]?["sha256:" + Digest.sha256(of: Array("2\n".utf8)).hex] != nil)
    }
}

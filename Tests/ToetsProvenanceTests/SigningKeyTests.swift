import Foundation
import Testing
import ToetsModel
import ToetsStore
import ToetsTestSupport
@testable import ToetsProvenance

@Suite struct SigningKeyTests {
    @Test func aWrittenKeyHasMode600ReadsBackAndIsNeverOverwritten() throws {
        let folder = TemporaryDirectory()
        let path = folder.path + "/signing.key"
        let key = SigningKey.generate()
        try key.write(to: path)
        #expect(FileSystem.fileStatus(path).map { $0.st_mode & 0o777 } == 0o600)
        let loaded = try SigningKey.load(file: path)
        #expect(loaded.publicKey == key.publicKey)
        #expect(loaded.sign(Array("m".utf8)) == key.sign(Array("m".utf8)))
        #expect(throws: ProvenanceError.self) { try SigningKey.generate().write(to: path) }
        #expect(try SigningKey.load(file: path).publicKey == key.publicKey, "the first key is still there")
    }

    @Test func aKeyOthersCanReadIsRefused() throws {
        let folder = TemporaryDirectory()
        let path = folder.path + "/signing.key"
        try SigningKey.generate().write(to: path)
        chmod(path, 0o640)
        #expect {
            try SigningKey.load(file: path)
        } throws: { error in
            "\(error)".contains("has mode 640: group or others may read it. Run `chmod 600 \(path)`")
        }
    }

    @Test func aKeyInsideAGitWorkTreeOrWorkspaceIsRefused() throws {
        let folder = TemporaryDirectory()
        try FileSystem.makeDirectory(folder.path + "/repo/.git")
        #expect {
            try SigningKey.generate().write(to: folder.path + "/repo/keys/signing.key")
        } throws: { error in
            "\(error)".contains("lies inside the git work tree \(folder.path)/repo")
        }
        _ = try Workspace(root: folder.path + "/ws")
        #expect(throws: ProvenanceError.self) { try SigningKey.generate().write(to: folder.path + "/ws/signing.key") }
    }

    @Test func aKeyIsResolvedFromTheOptionOrTheEnvironmentOrNotAtAll() throws {
        let folder = TemporaryDirectory()
        let path = folder.path + "/k"
        let key = SigningKey.generate()
        try key.write(to: path)
        #expect(try SigningKey.resolve(file: nil, environment: [:]) == nil)
        #expect(try SigningKey.resolve(file: nil, environment: ["TOETS_SIGNING_KEY_FILE": path])?.publicKey == key.publicKey)
        #expect(try SigningKey.resolve(file: path, environment: ["TOETS_SIGNING_KEY_FILE": "/nonexistent"])?.publicKey
                == key.publicKey)
        #expect("\(key)" == "signing key \(key.publicKey.keyID)", "printing a key shows its id, never its secret")
    }

    @Test func publicKeysAreReadFromBase64HexOrAFile() throws {
        let key = SigningKey.generate().publicKey
        #expect(try PublicKey.parse(key.base64) == key)
        #expect(try PublicKey.parse(key.hex) == key)
        let folder = TemporaryDirectory()
        let path = try folder.write("k.pub", "# the signer's key\n" + key.fileText)
        #expect(try PublicKey.parse(path) == key)
        #expect(throws: ProvenanceError.self) { try PublicKey.parse("not a key") }
        #expect(key.keyID == Digest.sha256(of: key.raw).hex)
    }

    @Test func dssePreAuthenticationEncodingFollowsTheSpecification() {
        // The example of the DSSE protocol document.
        #expect(String(decoding: Envelope.pae("http://example.com/HelloWorld", Array("hello world".utf8)), as: UTF8.self)
                == "DSSEv1 29 http://example.com/HelloWorld 11 hello world")
        let key = SigningKey.generate()
        let envelope = Envelope(payload: Array("{}".utf8), signedWith: key)
        #expect(envelope.signatures.count == 1 && envelope.signatures[0].keyID == key.publicKey.keyID)
        #expect(key.publicKey.isValidSignature(envelope.signatures[0].signature,
                                               for: Envelope.pae(Envelope.inTotoPayloadType, Array("{}".utf8))))
        #expect(!key.publicKey.isValidSignature(envelope.signatures[0].signature, for: Array("{}".utf8)),
                "the signature covers the type too, not the payload alone")
        let read = try? Envelope(json: CanonicalJSON(parsing: envelope.json.bytes))
        #expect(read == envelope)
    }

    @Test func checkpointsAreSignedNotesThatParseBack() throws {
        let key = SigningKey.generate()
        let root = Array(repeating: UInt8(7), count: 32)
        let checkpoint = Checkpoint(origin: "toets.provenance/log-x", size: 12, root: root, signedWith: key)
        let lines = checkpoint.text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.prefix(4) == ["toets.provenance/log-x", "12", Substring(Data(root).base64EncodedString()), ""])
        #expect(lines[4].hasPrefix("\u{2014} toets-\(key.publicKey.keyID.prefix(16)) "))
        let parsed = try Checkpoint.parse(Array(checkpoint.text.utf8), source: "c")
        #expect(parsed == checkpoint)
        #expect(parsed.checkSignatures([key.publicKey]).validKeys == [key.publicKey.keyID])
        #expect(parsed.checkSignatures([SigningKey.generate().publicKey]).unknownKeys.count == 1)
    }
}

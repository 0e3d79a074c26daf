import Foundation
import Testing
import ToetsModel
import ToetsStore
@testable import ToetsProvenance

/// Every kind of damage to a recorded run is found and named: which run, stage, artefact, log
/// entry, byte range or checkpoint.
@Suite struct TamperDetectionTests {
    @Test func verifyPassesOnAnUntouchedRun() async throws {
        let project = try await RecordedProject.make()
        let report = try project.verify()
        #expect(report.failures.isEmpty, "\(report.failures)")
        #expect(report.logEntries == 6)
        #expect(report.signaturesChecked == 6 + 2, "six statements and two checkpoints")
        #expect(report.inclusionProofsChecked == 6)
        #expect(report.checkpointsChecked == 2)
        #expect(report.run == 2 && report.artefactsChecked > 0)
        #expect(report.keysTrusted)
    }

    @Test func aFlippedByteInAnArtefactIsNamedByRunStageAndArtefact() async throws {
        let project = try await RecordedProject.make()
        let digest = try #require(try project.statement(project.position(of: "upper", run: 2)).subjects
            .first { $0.name == "upper.upper.txt" }).digest
        try project.flipByte(in: project.workspace.store.path(of: digest), at: 2)
        let report = try project.verify()
        let failures = report.failures(.artefact)
        #expect(failures.count == 1)
        #expect(failures.first?.contains("run 2 stage 'upper' artefact 'upper.txt' (sha256 \(digest.short))") == true)
        #expect(failures.first?.contains("hash to") == true)
        #expect(report.failures.allSatisfy { $0.kind == .artefact }, "nothing else is wrong: \(report.failures)")
        // The same damage seen through run 1, which made the artefact.
        #expect(try project.verify(run: 1).failures(.artefact).first?.contains("run 1 stage 'upper'") == true)
    }

    @Test func aFlippedByteInAStatementBreaksItsSignatureAndIsNamedByEntry() async throws {
        let project = try await RecordedProject.make()
        let position = try project.position(of: "count", run: 1)
        var entry = try project.entry(position)
        let text = String(decoding: entry.envelope.payload, as: UTF8.self)
        let offset = try #require(text.utf8.firstIndex(of: UInt8(ascii: "l")).map { text.utf8.distance(from: text.utf8.startIndex, to: $0) })
        entry.envelope.payload[offset] ^= 0x01
        try project.replaceLine(position, with: entry.json.bytes)
        let report = try project.verify()
        let signature = report.failures(.signature)
        #expect(signature.count == 1)
        #expect(signature.first?.hasPrefix("entry \(position) (run 1, stage 'count', log bytes ") == true)
        #expect(signature.first?.contains("does not match the statement") == true)
        // The changed entry also breaks the chain to the next entry and every checkpoint.
        #expect(report.failures(.chain).first?.contains("entry \(position + 1) ") == true)
        #expect(report.failures(.checkpoint).count == 2)
    }

    @Test func aFlippedByteInASignatureIsNamedByEntry() async throws {
        let project = try await RecordedProject.make()
        let position = try project.position(of: "data", run: 2)
        var entry = try project.entry(position)
        entry.envelope.signatures[0].signature[10] ^= 0x01
        try project.replaceLine(position, with: entry.json.bytes)
        let report = try project.verify()
        #expect(report.failures(.signature) == [
            "entry \(position) (run 2, stage 'data', log bytes \(try LogFile.split(project.logBytes).lines[position].offset)–"
                + "\(try LogFile.split(project.logBytes).lines[position].offset + project.lines[position].count)): the signature "
                + "by key \(project.key!.publicKey.keyID.prefix(16))… does not match the statement: the statement or the "
                + "signature was altered",
        ])
    }

    @Test func aFlippedByteInALogEntryOutsideTheStatementBreaksTheChainAndTheCheckpoint() async throws {
        let project = try await RecordedProject.make()
        // The entry's `previous` hash: the statement and signature still verify.
        var lines = try project.lines
        let text = String(decoding: lines[3], as: UTF8.self)
        let range = try #require(text.range(of: "\"previous\":\""))
        let offset = text.utf8.distance(from: text.utf8.startIndex, to: range.upperBound.samePosition(in: text.utf8)!) + 5
        lines[3][offset] ^= 0x01
        try project.writeLog(lines)
        let report = try project.verify()
        #expect(report.failures(.signature).isEmpty)
        let chain = report.failures(.chain)
        #expect(chain.count == 2, "entry 3 records a wrong hash, and entry 4 no longer follows entry 3: \(chain)")
        #expect(chain.first?.hasPrefix("entry 3 (log bytes ") == true)
        #expect(chain.last?.hasPrefix("entry 4 (log bytes ") == true)
        // Entries 0–2 are still proven by run 1's checkpoint; run 2's names the range.
        let checkpoint = report.failures(.checkpoint)
        #expect(checkpoint.count == 1)
        #expect(checkpoint.first?.contains("run-2.txt: the log's first 6 entries have root") == true)
        #expect(checkpoint.first?.contains("an entry between 3 and 5") == true)
    }

    @Test func aFlippedByteInACheckpointIsNamed() async throws {
        let project = try await RecordedProject.make()
        let path = project.paths.checkpoint(run: 2)
        let text = try FileSystem.readSmallFile(path)
        // A character of the root hash (line 3) that stays base64 when its low bit flips.
        let thirdLine = text.indices.filter { text[$0] == 0x0A }[1] + 1
        try project.overwrite(path, flippingBase64(text, from: thirdLine + 2))
        let report = try project.verify()
        #expect(report.failures.map(\.description) == [
            "SIGNATURE  provenance/checkpoints/run-2.txt: the signature by key \(project.key!.publicKey.keyID.prefix(16))… "
                + "does not match the checkpoint's text (lines 1–3): the checkpoint or its signature was altered",
        ])
        // A character of the signature itself.
        try project.overwrite(path, flippingBase64(text, from: text.count - 30))
        #expect(try project.verify().failures.map(\.kind) == [.signature])
        // A size that is not a number is named by line.
        try project.overwrite(path, Array(String(decoding: text, as: UTF8.self).replacingOccurrences(of: "\n6\n", with: "\n6x\n").utf8))
        #expect(try project.verify().failures.map(\.description)
                == ["CHECKPOINT  checkpoint provenance/checkpoints/run-2.txt: line 2: '6x' is not a tree size."])
    }

    /// `bytes` with the low bit of the first base64 character at or after `offset` flipped that
    /// stays a base64 character.
    func flippingBase64(_ bytes: [UInt8], from offset: Int) -> [UInt8] {
        var copy = bytes
        let safe = Set(Array("BCDEFGHIJKLMNOPQRSTUVWXYbcdefghijklmnopqrstuvwxy0123456789".utf8))
        let index = copy[offset...].firstIndex { safe.contains($0) }!
        copy[index] ^= 0x01
        return copy
    }

    @Test func aTruncatedLogIsDetectedAgainstAnEarlierCheckpoint() async throws {
        let project = try await RecordedProject.make()
        let kept = try FileSystem.readSmallFile(project.paths.checkpoint(run: 2))
        try project.writeLog(Array(try project.lines.prefix(4)))
        let report = try project.verify(checkpoint: kept)
        #expect(report.failures(.consistency) == [
            "the log has 4 entries, fewer than the 6 that kept.txt commits to: it was truncated (entries 4–5 are gone)",
        ])
        // The workspace's own checkpoint says so too; run 1's still holds.
        #expect(report.failures(.checkpoint).first?.contains("commits to 6 entries but the log has 4") == true)
        // Truncated and regrown with other entries of the same count: not an extension.
        try await project.run()
        let regrown = try project.verify(checkpoint: kept)
        #expect(regrown.failures(.consistency).first?.hasPrefix("the log does not extend kept.txt: its first 6 entries") == true)
    }

    @Test func anExtendedLogIsConsistentWithAnEarlierCheckpoint() async throws {
        let project = try await RecordedProject.make(runs: 1)
        let kept = try FileSystem.readSmallFile(project.paths.checkpoint(run: 1))
        try await project.run()
        let report = try project.verify(checkpoint: kept)
        #expect(report.failures.isEmpty, "\(report.failures)")
        #expect(report.notes.contains { $0.contains("extends kept.txt (3 entries)") })
    }

    @Test func reorderedEntriesAreDetected() async throws {
        let project = try await RecordedProject.make()
        var lines = try project.lines
        lines.swapAt(1, 2)
        try project.writeLog(lines)
        let report = try project.verify()
        let order = report.failures(.order)
        #expect(order.count == 2)
        #expect(order.first?.hasPrefix("entry 1 (log bytes ") == true && order.first?.contains("says it is entry 2") == true)
        #expect(!report.failures(.chain).isEmpty)
        #expect(report.failures(.checkpoint).count == 2)
    }

    @Test func aStatementSignedByAnUnknownKeyIsRefused() async throws {
        let project = try await RecordedProject.make(runs: 1)
        // Run 2 is signed by another key than the one the auditor trusts.
        try await project.run(key: SigningKey.generate())
        let report = try project.verify()
        let untrusted = report.failures(.untrusted)
        #expect(untrusted.count == 3 + 1, "three statements and the checkpoint of run 2: \(untrusted)")
        #expect(untrusted.first?.contains("(run 2, stage ") == true)
        #expect(untrusted.first?.contains("which is not a trusted key (--trusted-key)") == true)
        #expect(report.failures.allSatisfy { $0.kind == .untrusted })
    }

    @Test func anUnsignedRunIsLoggedAndRefusedOnlyWhenKeysAreTrusted() async throws {
        let project = try await RecordedProject.make(runs: 1, key: nil)
        let entry = try project.entry(0)
        #expect(entry.envelope.signatures.isEmpty)
        #expect(try Checkpoint.parse(FileSystem.readSmallFile(project.paths.checkpoint(run: 1)), source: "c").signatures.isEmpty)
        let plain = try project.verify()
        #expect(plain.failures.isEmpty)
        #expect(plain.notes.contains("3 of 3 log entries are unsigned (their runs had no signing key)"))
        let strict = try project.verify(trusted: [SigningKey.generate().publicKey])
        #expect(strict.failures(.unsigned).count == 3 + 1)
    }

    @Test func aStepThatLostItsStatementIsNamed() async throws {
        let project = try await RecordedProject.make(runs: 1)
        // A log that ends before the last statement, as if it had been cut and re-chained.
        try project.writeLog(Array(try project.lines.prefix(2)))
        let report = try project.verify()
        #expect(report.failures(.index).count == 1)
        #expect(report.failures(.index).first?.hasSuffix("(executed) has no statement in the log") == true)
    }

    @Test func aCutOffLastEntryIsReportedThenDroppedByTheNextRun() async throws {
        let project = try await RecordedProject.make(runs: 1)
        try project.overwrite(project.paths.log, try project.logBytes + Array("{\"envelope\":".utf8))
        #expect(try project.verify().failures(.entry).first?.contains("the log ends in 12 bytes after its last complete entry") == true)
        let summary = try await project.run()
        #expect(summary.provenance.first?.contains("cut off by an earlier killed run (12 bytes)") == true)
        #expect(try project.verify().failures.isEmpty)
    }
}

/// The writer's note of where the log ends: used when it matches, ignored when it does not.
@Suite struct LogStateTests {
    @Test func aRunAppendsFromTheNoteAndTheResultEqualsAFullRead() async throws {
        let project = try await RecordedProject.make(runs: 3)
        #expect(FileSystem.exists(project.paths.logState))
        let tree = LogFile.split(try project.logBytes).tree
        let checkpoint = try Checkpoint.parse(FileSystem.readSmallFile(project.paths.checkpoint(run: 3)), source: "c")
        #expect(checkpoint.size == 9 && checkpoint.root == tree.root)
        #expect(try project.verify().failures.isEmpty)
    }

    @Test func aRunAfterTamperingDoesNotSignTheTamperedTree() async throws {
        let project = try await RecordedProject.make(runs: 2)
        // Entry 1 changed in place (same length): the note still matches the last line, so the
        // next run extends the tree it knew, and its checkpoint does not vouch for the change.
        var lines = try project.lines
        let text = String(decoding: lines[1], as: UTF8.self)
        let offset = text.utf8.distance(from: text.utf8.startIndex,
                                        to: text.range(of: "\"previous\":\"")!.upperBound.samePosition(in: text.utf8)!)
        lines[1][offset] = lines[1][offset] == UInt8(ascii: "a") ? UInt8(ascii: "b") : UInt8(ascii: "a")
        try project.writeLog(lines)
        try await project.run()
        let report = try project.verify()
        #expect(report.failures(.checkpoint).count == 3, "every checkpoint disagrees with the altered log: \(report.failures)")
    }

    @Test func aNoteThatDoesNotMatchTheLogIsIgnored() async throws {
        let project = try await RecordedProject.make(runs: 1)
        // A note claiming another last entry, of the right length: the writer reads the log instead.
        let state = try CanonicalJSON(parsing: FileSystem.readSmallFile(project.paths.logState))
        guard case .object(var members) = state else { Issue.record("no state"); return }
        members["lastHash"] = .string(String(repeating: "a", count: 64))
        try project.overwrite(project.paths.logState, CanonicalJSON.object(members).bytes)
        try await project.run()
        #expect(try project.verify().failures.isEmpty)
        // A garbled note likewise.
        try project.overwrite(project.paths.logState, Array("{".utf8))
        try await project.run()
        #expect(try project.verify().failures.isEmpty)
    }
}

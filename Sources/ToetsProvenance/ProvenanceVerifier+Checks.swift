import Foundation
import ToetsModel
import ToetsStore

extension ProvenanceVerifier {
    // MARK: Checkpoints

    /// The workspace's own checkpoints: signed, of this log, and each a prefix of it; every
    /// entry is then proven included in the first checkpoint that covers it.
    func checkStoredCheckpoints(tree: MerkleTree, keys: [String: PublicKey], report: inout ProvenanceReport) {
        let names = ((try? FileSystem.contents(of: paths.checkpoints)) ?? [])
            .filter { ProvenancePaths.checkpointRun($0) != nil }
            .sorted { ProvenancePaths.checkpointRun($0)! < ProvenancePaths.checkpointRun($1)! }
        let origin = (try? FileSystem.readSmallFile(paths.origin))
            .map { String(decoding: $0, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) }
        var proven = 0
        for name in names {
            let source = "provenance/checkpoints/" + name
            guard let checkpoint = readCheckpoint(paths.checkpoints + "/" + name, source: source, keys: keys,
                                                  origin: origin, report: &report)
            else { continue }
            report.checkpointsChecked += 1
            guard checkpoint.size <= tree.size else {
                report.fail(.checkpoint, "\(source) commits to \(checkpoint.size) entries but the log has \(tree.size): "
                            + "the log was truncated (entries \(tree.size)–\(checkpoint.size - 1) are gone)")
                continue
            }
            guard tree.root(size: checkpoint.size) == checkpoint.root else {
                report.fail(.checkpoint, "\(source): the log's first \(checkpoint.size) entries have root "
                            + "\(base64(tree.root(size: checkpoint.size))), the checkpoint says \(base64(checkpoint.root)): "
                            + "an entry between \(proven) and \(checkpoint.size - 1) was altered, removed or reordered, "
                            + "or the checkpoint was")
                continue
            }
            // Every entry the checkpoint adds is proven included under its root.
            while proven < checkpoint.size {
                let proof = tree.inclusionProof(index: proven, treeSize: checkpoint.size)
                if MerkleTree.verifyInclusion(index: proven, treeSize: checkpoint.size, leafHash: tree.leafHashes[proven],
                                              proof: proof, root: checkpoint.root) {
                    report.inclusionProofsChecked += 1
                } else {
                    report.fail(.inclusion, "entry \(proven) is not included in \(source)")
                }
                proven += 1
            }
        }
        if proven < tree.size {
            report.notes.append("log entries \(proven)–\(tree.size - 1) are in no checkpoint yet (a run was stopped before "
                                + "it ended; the next run's checkpoint covers them)")
        }
    }

    /// Reads and checks the signatures of one checkpoint; nil (with the failure reported) if unusable.
    private func readCheckpoint(_ path: String, source: String, keys: [String: PublicKey], origin: String?,
                                report: inout ProvenanceReport) -> Checkpoint? {
        let checkpoint: Checkpoint
        do { checkpoint = try Checkpoint.parse(try FileSystem.readSmallFile(path), source: source) } catch {
            report.fail(.checkpoint, "\(error)")
            return nil
        }
        return checkSignatures(checkpoint, source: source, keys: keys, origin: origin, report: &report) ? checkpoint : nil
    }

    /// Whether the checkpoint's signatures allow using it; reports what is wrong.
    func checkSignatures(_ checkpoint: Checkpoint, source: String, keys: [String: PublicKey], origin: String?,
                         report: inout ProvenanceReport) -> Bool {
        var usable = true
        if let origin, checkpoint.origin != origin {
            report.fail(.checkpoint, "\(source) is a checkpoint of log '\(checkpoint.origin)', not of this workspace's "
                        + "log '\(origin)'")
            usable = false
        }
        if checkpoint.signatures.isEmpty {
            if report.keysTrusted {
                report.fail(.unsigned, "\(source) is unsigned: its run had no signing key")
            }
            return usable
        }
        let check = checkpoint.checkSignatures(Array(keys.values))
        for id in check.invalidKeys {
            report.fail(.signature, "\(source): the signature by key \(id.prefix(16))… does not match the checkpoint's "
                        + "text (lines 1–\(3 + checkpoint.extensions.count)): the checkpoint or its signature was altered")
            usable = false
        }
        for name in check.unknownKeys {
            report.fail(.untrusted, "\(source) is signed by key \(name), which is "
                        + (report.keysTrusted ? "not a trusted key (--trusted-key)" : "not recorded in the workspace"))
            usable = false
        }
        report.signaturesChecked += check.validKeys.count
        return usable
    }

    /// A checkpoint kept from earlier: the log must still hold its entries and extend its tree.
    func checkEarlier(_ given: (bytes: [UInt8], source: String), tree: MerkleTree, keys: [String: PublicKey],
                      report: inout ProvenanceReport) {
        let checkpoint: Checkpoint
        do { checkpoint = try Checkpoint.parse(given.bytes, source: given.source) } catch {
            report.fail(.checkpoint, "\(error)")
            return
        }
        let origin = (try? FileSystem.readSmallFile(paths.origin))
            .map { String(decoding: $0, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) }
        guard checkSignatures(checkpoint, source: given.source, keys: keys, origin: origin, report: &report) else { return }
        report.checkpointsChecked += 1
        guard checkpoint.size <= tree.size else {
            report.fail(.consistency, "the log has \(tree.size) entries, fewer than the \(checkpoint.size) that "
                        + "\(given.source) commits to: it was truncated (entries \(tree.size)–\(checkpoint.size - 1) are gone)")
            return
        }
        guard checkpoint.size > 0 else { return }
        let proof = tree.consistencyProof(from: checkpoint.size, to: tree.size)
        if MerkleTree.verifyConsistency(oldSize: checkpoint.size, newSize: tree.size, oldRoot: checkpoint.root,
                                        newRoot: tree.root, proof: proof) {
            report.notes.append("the log (\(tree.size) entries) extends \(given.source) (\(checkpoint.size) entries): "
                                + "consistency proof of \(proof.count) hashes verified")
        } else {
            report.fail(.consistency, "the log does not extend \(given.source): its first \(checkpoint.size) entries have "
                        + "root \(base64(tree.root(size: checkpoint.size))), the checkpoint says \(base64(checkpoint.root)); "
                        + "entries before \(checkpoint.size) were altered, removed or reordered")
        }
    }

    // MARK: Artefacts

    /// The run whose artefacts and publications are checked: the one asked for, else the newest.
    func runToCheck() throws -> Int64? {
        if let run {
            guard try workspace.index.run(run) != nil else { throw ProvenanceError.noRun(run) }
            return run
        }
        return try workspace.index.runs(limit: 1).first?.id
    }

    /// Re-hashes the artefacts of one run against the digests its signed statements sign, and
    /// checks its published report folders.
    func checkArtefacts(entries: [ReadEntry], report: inout ProvenanceReport) throws {
        guard let runID = try runToCheck() else { return }
        report.run = runID
        for read in entries where read.entry.run == runID {
            if let publication = read.publication { checkPublication(publication, read: read, report: &report) }
            guard let content = read.content else { continue }
            for subject in content.subjects {
                let name = content.artefactName(subject)
                let what = "run \(runID) stage '\(content.stage)' artefact '\(name)' (sha256 \(subject.digest.short))"
                let path = workspace.store.path(of: subject.digest)
                report.artefactsChecked += 1
                guard FileSystem.exists(path) else {
                    report.fail(.artefact, "\(what) is missing from the store (\(path))")
                    continue
                }
                do {
                    let (actual, _) = try FileSystem.digest(ofFile: path)
                    if actual != subject.digest {
                        report.fail(.artefact, "\(what): the stored bytes at \(path) hash to \(actual.short), "
                                    + "not to the digest the statement in entry \(read.position) signs")
                    }
                } catch {
                    report.fail(.artefact, "\(what) cannot be read: \(error)")
                }
            }
        }
    }

    /// A published report folder against the files its signed publication statement lists:
    /// each file present with the bytes published, and nothing added.
    private func checkPublication(_ publication: Publication, read: ReadEntry, report: inout ProvenanceReport) {
        let folder = reports.map { FileSystem.absolute($0) + "/" + publication.name } ?? publication.location
        guard FileSystem.isDirectory(folder) else {
            report.notes.append("run \(read.entry.run) published \(publication.name)/ to \(publication.location), which is not "
                                + "here; give --reports DIR to check a copy of the reports folder")
            return
        }
        report.publicationsChecked += 1
        let what = "run \(read.entry.run)'s published folder \(folder)/"
        var published = Dictionary(publication.files.map { ($0.name, $0.digest) }) { first, _ in first }
        for name in (try? FileSystem.contents(of: folder)) ?? [] {
            let path = folder + "/" + name
            guard let signed = published.removeValue(forKey: name) else {
                report.fail(.published, "\(what) holds \(name), which the run did not publish (statement in entry "
                            + "\(read.position))")
                continue
            }
            guard let (actual, _) = try? FileSystem.digest(ofFile: path) else {
                report.fail(.published, "\(what): \(name) cannot be read")
                continue
            }
            if actual != signed {
                report.fail(.published, "\(what): \(name) differs from what the run published: its bytes hash to "
                            + "\(actual.short), the statement in entry \(read.position) signs \(signed.short)")
            }
        }
        for name in published.keys.sorted() {
            report.fail(.published, "\(what): \(name) is missing (the statement in entry \(read.position) lists it)")
        }
    }
}

func base64(_ bytes: [UInt8]) -> String {
    Data(bytes).base64EncodedString()
}

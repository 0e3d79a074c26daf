import ToetsModel
import ToetsStore

/// Checks a workspace's provenance offline: every entry of the log (its place, its link to the
/// entry before, its statement and signature against the trusted keys), the stored checkpoints
/// and an earlier one an auditor kept (inclusion and consistency proofs), and the artefacts of
/// one run (re-hashed against the digests the statements sign).
package struct ProvenanceVerifier {
    package var workspace: Workspace
    /// Keys whose signatures count. Empty: the public keys stored in the workspace, which
    /// catch accidents but not a forger, and the report says so.
    package var trustedKeys: [PublicKey]
    /// A checkpoint kept from earlier: its text and where it came from.
    package var earlierCheckpoint: (bytes: [UInt8], source: String)?
    /// The run whose artefacts to re-hash; nil for the newest.
    package var run: Int64?
    /// Where to look for the run's published report folders (as `DIR/<pipeline>/run-<n>`)
    /// instead of where they were published: for a copy.
    package var reports: String?

    package init(workspace: Workspace, trustedKeys: [PublicKey] = [], earlierCheckpoint: (bytes: [UInt8], source: String)? = nil,
                 run: Int64? = nil, reports: String? = nil) {
        self.workspace = workspace
        self.trustedKeys = trustedKeys
        self.earlierCheckpoint = earlierCheckpoint
        self.run = run
        self.reports = reports
    }

    var paths: ProvenancePaths { ProvenancePaths(workspaceRoot: workspace.root) }

    /// An entry read back, with where it sits.
    struct ReadEntry {
        var position: Int
        var line: LogFile.Line
        var entry: LogEntry
        /// A step's statement, when the entry holds one that could be read.
        var content: StatementContent?
        /// A publication's statement, when the entry holds one that could be read.
        var publication: Publication?
        var statementDigest: Digest

        var location: String {
            "entry \(position) (run \(entry.run), stage '\(entry.stage)', log bytes \(line.offset)–\(line.offset + line.bytes.count))"
        }
    }

    package func verify() throws -> ProvenanceReport {
        var report = ProvenanceReport()
        let file = try LogFile.read(paths.log)
        report.logEntries = file.lines.count
        let keys = try signatureKeys(&report)
        let entries = checkLog(file, keys: keys, report: &report)
        let tree = file.tree
        checkStoredCheckpoints(tree: tree, keys: keys, report: &report)
        if let earlierCheckpoint {
            checkEarlier(earlierCheckpoint, tree: tree, keys: keys, report: &report)
        }
        try checkIndex(entries: entries, tree: tree, report: &report)
        try checkArtefacts(entries: entries, report: &report)
        if file.lines.isEmpty && !FileSystem.exists(paths.log) {
            report.notes.append("this workspace has no provenance log (its runs predate provenance, or it has none yet)")
        }
        return report
    }

    /// The keys to check signatures against, by key id.
    private func signatureKeys(_ report: inout ProvenanceReport) throws -> [String: PublicKey] {
        var keys: [String: PublicKey] = [:]
        if !trustedKeys.isEmpty {
            for key in trustedKeys { keys[key.keyID] = key }
            report.keysTrusted = true
        } else if FileSystem.isDirectory(paths.keys) {
            for name in try FileSystem.contents(of: paths.keys).sorted() where name.hasSuffix(".pub") {
                if let key = try? PublicKey.parse(paths.keys + "/" + name) { keys[key.keyID] = key }
            }
            if !keys.isEmpty {
                report.notes.append("signatures were checked against the public keys stored in the workspace, which show "
                                    + "accidental damage but not forgery: an auditor gives the signer's key with --trusted-key")
            }
        }
        report.keys = keys.keys.sorted()
        return keys
    }

    // MARK: The log

    private func checkLog(_ file: LogFile, keys: [String: PublicKey], report: inout ProvenanceReport) -> [ReadEntry] {
        var entries: [ReadEntry] = []
        var previousHash = LogEntry.genesis
        var unsigned = 0
        for (position, line) in file.lines.enumerated() {
            let bytes = "log bytes \(line.offset)–\(line.offset + line.bytes.count)"
            defer { previousHash = LogEntry.chainHash(line.bytes) }
            let entry: LogEntry
            do { entry = try LogEntry(line: line.bytes) } catch {
                report.fail(.entry, "entry \(position) (line \(position + 1), \(bytes)) \(error)")
                continue
            }
            if entry.index != position {
                report.fail(.order, "entry \(position) (\(bytes)) says it is entry \(entry.index): "
                            + "entries were removed, inserted or reordered")
            }
            if entry.previous != previousHash {
                report.fail(.chain, "entry \(position) (\(bytes)) records the previous entry's hash "
                            + "\(entry.previous.prefix(12))…, but "
                            + (position == 0 ? "the first entry must record \(LogEntry.genesis.prefix(12))…"
                               : "entry \(position - 1) hashes to \(previousHash.prefix(12))…: entry \(position - 1) was "
                               + "altered, or entries were reordered"))
            }
            var read = ReadEntry(position: position, line: line, entry: entry, content: nil, publication: nil,
                                 statementDigest: Digest.sha256(of: entry.envelope.payload))
            if entry.envelope.payloadType != Envelope.inTotoPayloadType {
                report.fail(.statement, "\(read.location): payload type '\(entry.envelope.payloadType)' is not "
                            + Envelope.inTotoPayloadType)
            }
            do {
                if PublicationStatement.isPublication(entry.envelope.payload) {
                    read.publication = try PublicationStatement.read(entry.envelope.payload)
                } else {
                    let content = try StatementContent(payload: entry.envelope.payload)
                    if content.stage != entry.stage {
                        report.fail(.statement, "\(read.location): the entry names stage '\(entry.stage)', its statement "
                                    + "stage '\(content.stage)'")
                    }
                    read.content = content
                }
            } catch {
                report.fail(.statement, "\(read.location): \(error)")
            }
            if entry.envelope.signatures.isEmpty {
                unsigned += 1
                if report.keysTrusted {
                    report.fail(.unsigned, "\(read.location) is unsigned: its run had no signing key")
                }
            }
            let message = Envelope.pae(entry.envelope.payloadType, entry.envelope.payload)
            for signature in entry.envelope.signatures {
                guard let key = keys[signature.keyID] else {
                    report.fail(.untrusted, "\(read.location) is signed by key \(signature.keyID.prefix(16))…, which is "
                                + (report.keysTrusted ? "not a trusted key (--trusted-key)"
                                   : "not recorded in the workspace: give the signer's key with --trusted-key"))
                    continue
                }
                if key.isValidSignature(signature.signature, for: message) {
                    report.signaturesChecked += 1
                } else {
                    report.fail(.signature, "\(read.location): the signature by key \(signature.keyID.prefix(16))… does not "
                                + "match the statement: the statement or the signature was altered")
                }
            }
            entries.append(read)
        }
        if let tail = file.incompleteTail {
            report.fail(.entry, "the log ends in \(tail.count) bytes after its last complete entry (log bytes "
                        + "\(tail.lowerBound)–\(tail.upperBound)): an entry cut off, or bytes appended by hand")
        }
        if unsigned > 0 && !report.keysTrusted {
            report.notes.append("\(unsigned) of \(file.lines.count) log entries are unsigned (their runs had no signing key)")
        }
        checkReuseLinks(entries, report: &report)
        return entries
    }

    /// A reused result must name an earlier statement that exists, has the digest it names
    /// and signed the same artefacts.
    private func checkReuseLinks(_ entries: [ReadEntry], report: inout ProvenanceReport) {
        for read in entries {
            guard let content = read.content, let origin = content.reusedFrom, let index = origin.logIndex else { continue }
            guard index < read.position, let producer = entries.first(where: { $0.position == index }) else {
                report.fail(.statement, "\(read.location) reuses the result of log entry \(index), which "
                            + (index >= read.position ? "comes after it" : "cannot be read"))
                continue
            }
            if let digest = origin.statementDigest, digest != producer.statementDigest {
                report.fail(.statement, "\(read.location) reuses the statement \(digest.short) of entry \(index), but entry "
                            + "\(index)'s statement is \(producer.statementDigest.short)")
            }
            guard let produced = producer.content else { continue }
            let made = Dictionary(produced.subjects.map { (produced.artefactName($0), $0.digest) }) { a, _ in a }
            for subject in content.subjects where made[content.artefactName(subject)] != subject.digest {
                report.fail(.statement, "\(read.location) reuses artefact '\(content.artefactName(subject))' "
                            + "(\(subject.digest.short)), which entry \(index) does not sign")
            }
        }
    }
}

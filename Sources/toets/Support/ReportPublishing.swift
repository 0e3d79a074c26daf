import Foundation
import Synchronization
import ToetsModel
import ToetsProvenance
import ToetsReport
import ToetsStore

/// After a run, the copy of its reports for people: each report step's documents, with the
/// run's tool version and commit, command, machine, artefacts and times added to the
/// reproducibility annex (`ReportPublication`), under `<reports>/<pipeline>/run-<id>/` (or
/// `run-<id>-<stage>/` when a pipeline has several report stages), never over an existing
/// folder. Returns what was published, file by file, for the provenance log.
func publishReports(run: RunRecord, workspace: Workspace, into reports: String) throws -> [Publication] {
    let index = workspace.index
    let runID = run.id
    let steps = try index.steps(run: runID)
    let reportSteps = steps.filter { $0.kind == ReportStage().kind && $0.status.hasOutputs }
    guard !reportSteps.isEmpty else { return [] }
    let facts = ReproducibilityFacts(
        toolVersion: run.toolVersion, commit: ToolIdentity.current().commit, command: run.command,
        hardware: MachineFacts.current(), seeds: [],
        // Every list in order, so that the same facts encode to the same bytes (the publication's key).
        inputs: steps.flatMap { step in step.components.files.map { NamedDigest($0.key, $0.value) } }
            .sorted { ($0.name, $0.digest.hex) < ($1.name, $1.digest.hex) },
        outputs: steps.filter(\.status.hasOutputs).flatMap { step in
            step.artefacts.filter { $0.role == .output }.map { NamedDigest(step.stage + "." + $0.name, $0.digest) }
        }.sorted { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) },
        // Timings by stage name: steps are numbered in the order they finished, which varies.
        timings: try steps.compactMap { step in try timing(of: step, index: index) }
            .sorted { $0.stage.utf8.lexicographicallyPrecedes($1.stage.utf8) })
    let copies = WorkspaceReportCopies(workspace: workspace)
    let renderer = PDFRenderer(copies: copies)
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    let factsDigest = Digest.sha256(of: try encoder.encode(facts))
    var publications: [Publication] = []
    for step in reportSteps {
        guard let stored = step.artefacts.first(where: { $0.name == ReportBundle.inputFileName }) else { continue }
        let name = run.pipeline + "/run-\(runID)" + (reportSteps.count > 1 ? "-" + step.stage : "")
        let folder = reports + "/" + name
        let pdf = step.artefacts.contains { $0.name.hasSuffix(".pdf") }
        do {
            try FileSystem.makeDirectory(FileSystem.parentDirectory(of: folder))
            // A rerun that reused everything publishes what an earlier run did: copied, not rendered.
            let key = publicationKey(stored: stored.digest, facts: factsDigest, pdf: pdf, printer: renderer.programKey)
            let documents: [ReportBundle.Document]
            if let kept = copies.documents(for: key) {
                documents = kept
            } else {
                documents = try ReportPublication.documents(
                    storedInput: FileSystem.readSmallFile(workspace.store.path(of: stored.digest)), run: facts, pdf: pdf,
                    renderer: renderer)
                copies.keep(documents, for: key)
            }
            try ReportPublication.write(documents, to: folder)
        } catch ReportError.diskFull(let path) {
            throw StoreError.diskFull(operation: "publishing the reports", path: path,
                                      free: FileSystem.freeBytes(near: path), needed: nil)
        }
        publications.append(try Publication.reading(stage: step.stage, step: step.id, name: name, location: folder))
    }
    return publications
}

/// The highest run number among the published folders of `pipeline` under `reports`
/// (`run-7`, `run-7-report`); 0 if none. A new run gets a higher number, so that it never
/// publishes over an older folder, also one a deleted workspace left behind.
func highestPublishedRun(pipeline: String, reports: String) -> Int64 {
    let names = (try? FileSystem.contents(of: reports + "/" + pipeline)) ?? []
    return names.compactMap { name -> Int64? in
        guard name.hasPrefix("run-") else { return nil }
        return Int64(name.dropFirst(4).prefix { $0.isNumber })
    }.max() ?? 0
}

/// How long `step` took, and in which run: its own time if it executed in this run, else that of
/// the run that executed it (a cached step reuses that run's result).
private func timing(of step: StepRecord, index: Index) throws -> StageTiming? {
    let executed = step.status == .executed ? step : try index.cachedStep(forKey: step.key)
    guard step.status.hasOutputs, let executed, let start = executed.startedAt, let end = executed.endedAt,
          let seconds = Timestamp.seconds(from: start, to: end) else { return nil }
    return StageTiming(stage: step.stage, seconds: seconds, run: executed.runID)
}

/// What a publication's documents depend on: the stored report input, the run's facts, and for
/// PDFs the program that prints them; and this toets executable, whose templates render them
/// (by path, size, modification time and inode, so that every build counts as another).
private func publicationKey(stored: Digest, facts: Digest, pdf: Bool, printer: Digest?) -> Digest {
    var preimage = CanonicalPreimage(domain: "toets/publication", version: 1)
    preimage.append(stored)
    preimage.append(facts)
    preimage.append(pdf ? 1 : 0)
    if pdf, let printer { preimage.append(printer) } else { preimage.appendAbsent() }
    let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    preimage.append(executable)
    if let info = FileSystem.fileStatus(executable) {
        preimage.append(Int(info.st_size))
        preimage.append(Int(info.st_mtim.tv_sec) &* 1_000_000_000 &+ Int(info.st_mtim.tv_nsec))
        preimage.append(Int(bitPattern: UInt(info.st_ino)))
    } else {
        preimage.appendAbsent()
    }
    return preimage.digest()
}

/// Rendered reports kept in the workspace for the next publication of the same documents: the
/// bytes in the object store; under `cache/printed/<key>` the digest of the PDF printed for a key,
/// under `cache/published/<key>` the digest and name of each document, a line each. Every copy is
/// checked against its digest when read. `toets gc` may remove the objects (no step refers to
/// them); the next run then renders again.
struct WorkspaceReportCopies: PrintedCopies {
    let workspace: Workspace

    var printed: String { workspace.root + "/cache/printed" }
    var published: String { workspace.root + "/cache/published" }

    func pdf(for key: Digest) -> [UInt8]? {
        guard let named = try? FileSystem.readSmallFile(printed + "/" + key.hex),
              let digest = Digest(hex: String(decoding: named, as: UTF8.self))
        else { return nil }
        return object(digest)
    }

    func keep(_ pdf: [UInt8], for key: Digest) {
        guard let digest = try? workspace.store.put(bytes: pdf) else { return }
        keepFile(Array(digest.hex.utf8), at: printed, key: key)
    }

    /// The documents kept for `key`, in their order; nil unless every one is intact.
    func documents(for key: Digest) -> [ReportBundle.Document]? {
        guard let list = try? FileSystem.readSmallFile(published + "/" + key.hex) else { return nil }
        var documents: [ReportBundle.Document] = []
        for line in list.split(separator: 0x0A) {
            guard line.count > 66, let digest = Digest(hex: String(decoding: line.prefix(64), as: UTF8.self)),
                  let bytes = object(digest)
            else { return nil }
            documents.append(ReportBundle.Document(name: String(decoding: line.dropFirst(66), as: UTF8.self), bytes: bytes))
        }
        return documents.isEmpty ? nil : documents
    }

    func keep(_ documents: [ReportBundle.Document], for key: Digest) {
        var list: [UInt8] = []
        for document in documents {
            guard let digest = try? workspace.store.put(bytes: document.bytes) else { return }
            list += Array((digest.hex + "  " + document.name + "\n").utf8)
        }
        keepFile(list, at: published, key: key)
    }

    private func object(_ digest: Digest) -> [UInt8]? {
        guard let bytes = try? FileSystem.readSmallFile(workspace.store.path(of: digest)), Digest.sha256(of: bytes) == digest
        else { return nil }
        return bytes
    }

    private func keepFile(_ bytes: [UInt8], at folder: String, key: Digest) {
        guard (try? FileSystem.makeDirectory(folder)) != nil else { return }
        try? FileSystem.writeAtomically(bytes, to: folder + "/" + key.hex)
    }
}

/// What the publisher of a run did, told to the command after the run.
final class PublishedReports: Sendable {
    private let state = Mutex<(folders: [String], failure: (any Error)?)>(([], nil))

    /// Runs `publish`, keeping the folders it published, or its error (rethrown, so that no
    /// publication is logged).
    func publish(_ publish: () throws -> [Publication]) throws -> [Publication] {
        do {
            let publications = try publish()
            state.withLock { $0.folders = publications.map(\.location) }
            return publications
        } catch {
            state.withLock { $0.failure = error }
            throw error
        }
    }

    var outcome: (folders: [String], failure: (any Error)?) { state.withLock { ($0.folders, $0.failure) } }
}

/// Why the reports were not published, and what to do.
func publicationAdvice(_ error: any Error) -> String {
    switch error {
    case ReportError.folderExists(let path):
        "\(path) exists already (from another workspace?), and a published folder is never overwritten. Move it away, "
            + "or publish elsewhere with --reports DIR, and run again: every stage is reused."
    case let error as StoreError:
        error.description + (advice(for: error).map { ". " + $0 } ?? "")
    default:
        "\(error). Run again once that is mended: every stage is reused, and the reports are published with the new run."
    }
}

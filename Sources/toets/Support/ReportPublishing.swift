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
/// folder. A report whose documents the newest earlier folder of that report already holds, file
/// for file and byte for byte (a rerun that changed nothing), is not published again: that
/// folder is its publication, and nothing is written. Returns what was published, file by file,
/// for the provenance log.
func publishReports(run: RunRecord, workspace: Workspace, into reports: String) throws -> [PublishedFolder] {
    let index = workspace.index
    let runID = run.id
    let steps = try index.steps(run: runID)
    let reportSteps = steps.filter { $0.kind == ReportStage().kind && $0.status.hasOutputs }
    guard !reportSteps.isEmpty else { return [] }
    // Timings by stage name: steps are numbered in the order they finished, which varies.
    let timings = try steps.compactMap { step in try timing(of: step, index: index) }
        .sorted { $0.stage.utf8.lexicographicallyPrecedes($1.stage.utf8) }
    let facts = ReproducibilityFacts(
        toolVersion: run.toolVersion, commit: ToolIdentity.current().commit,
        command: try command(computing: steps, timings: timings, run: run, index: index),
        hardware: MachineFacts.current(), seeds: [],
        // Every list in order, so that the same facts encode to the same bytes (the publication's key).
        inputs: steps.flatMap { step in step.components.files.map { NamedDigest($0.key, $0.value) } }
            .sorted { ($0.name, $0.digest.hex) < ($1.name, $1.digest.hex) },
        outputs: steps.filter(\.status.hasOutputs).flatMap { step in
            step.artefacts.filter { $0.role == .output }.map { NamedDigest(step.stage + "." + $0.name, $0.digest) }
        }.sorted { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) },
        timings: timings)
    let copies = WorkspaceReportCopies(workspace: workspace)
    let renderer = PDFRenderer(copies: copies)
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    let factsDigest = Digest.sha256(of: try encoder.encode(facts))
    var publications: [PublishedFolder] = []
    for step in reportSteps {
        guard let stored = step.artefacts.first(where: { $0.name == ReportBundle.inputFileName }) else { continue }
        let suffix = reportSteps.count > 1 ? "-" + step.stage : ""
        let name = run.pipeline + "/run-\(runID)" + suffix
        let folder = reports + "/" + name
        let pdf = step.artefacts.contains { $0.name.hasSuffix(".pdf") }
        do {
            // A rerun that reused everything publishes what an earlier run did: copied, not rendered.
            let key = publicationKey(stored: stored.digest, facts: factsDigest, pdf: pdf, printer: renderer.programKey)
            func rendered() throws -> [ReportBundle.Document] {
                let documents = try ReportPublication.documents(
                    storedInput: FileSystem.readSmallFile(workspace.store.path(of: stored.digest)), run: facts, pdf: pdf,
                    renderer: renderer)
                copies.keep(documents, for: key)
                return documents
            }
            var documents: [ReportBundle.Document]?
            let listing: [Publication.File]
            if let kept = copies.listing(for: key) {
                listing = kept
            } else {
                documents = try rendered()
                listing = documents!.map { Publication.File(name: $0.name, digest: Digest.sha256(of: $0.bytes)) }
            }
            if let same = earlierFolder(holding: listing, pipeline: run.pipeline, suffix: suffix, before: runID, reports: reports,
                                        stage: step.stage, step: step.id) {
                publications.append(PublishedFolder(publication: same, earlier: true))
                continue
            }
            try FileSystem.makeDirectory(FileSystem.parentDirectory(of: folder))
            try ReportPublication.write(documents ?? copies.documents(for: key) ?? rendered(), to: folder)
        } catch ReportError.diskFull(let path) {
            throw StoreError.diskFull(operation: "publishing the reports", path: path,
                                      free: FileSystem.freeBytes(near: path), needed: nil)
        }
        publications.append(PublishedFolder(
            publication: try Publication.reading(stage: step.stage, step: step.id, name: name, location: folder), earlier: false))
    }
    return publications
}

/// A report's publication: a folder this run wrote, or an earlier run's folder that holds
/// exactly the documents this run would have written.
struct PublishedFolder {
    var publication: Publication
    /// Whether the folder is an earlier run's.
    var earlier: Bool
}

/// The newest folder an earlier run than `run` published for `pipeline` under `reports` (`run-7`,
/// or `run-7-report` with `suffix` `-report`) that holds the documents of `listing` and nothing
/// else, byte for byte, as the publication of `stage`'s step; nil if none does. A folder whose
/// checksum file differs is passed over without reading the rest.
private func earlierFolder(holding listing: [Publication.File], pipeline: String, suffix: String, before run: Int64,
                           reports: String, stage: String, step: Int64) -> Publication? {
    let names = (try? FileSystem.contents(of: reports + "/" + pipeline)) ?? []
    let earlier = names.compactMap { name -> (Int64, String)? in
        guard name.hasPrefix("run-"), name.hasSuffix(suffix), let number = Int64(name.dropFirst(4).dropLast(suffix.count)),
              number < run else { return nil }
        return (number, name)
    }.sorted { $0.0 > $1.0 }
    let sums = listing.first { $0.name == ReportPublication.checksumFile }?.digest
    let expected = listing.sorted { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
    for (_, name) in earlier {
        let location = reports + "/" + pipeline + "/" + name
        if let sums, (try? FileSystem.digest(ofFile: location + "/" + ReportPublication.checksumFile))?.digest != sums { continue }
        guard (try? FileSystem.contents(of: location))?.count == listing.count,
              let folder = try? Publication.reading(stage: stage, step: step, name: pipeline + "/" + name, location: location),
              folder.files.sorted(by: { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }) == expected
        else { continue }
        return folder
    }
    return nil
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

/// The command the documents name: the run's own, unless the run executed nothing. A run that
/// reused every result computed nothing, and its documents are those of the results it reuses:
/// they name the command of the newest run that computed one of them (the run their times name).
/// How a rerun was started (the executor, `--jobs`, where the reports go) changes no digest, so a
/// no-op under another command line publishes the same documents and renders nothing.
private func command(computing steps: [StepRecord], timings: [StageTiming], run: RunRecord, index: Index) throws -> String {
    guard !steps.isEmpty, steps.allSatisfy({ $0.status == .cached }), timings.count == steps.count,
          let newest = timings.map(\.run).max(), newest != run.id, let computing = try index.run(newest)
    else { return run.command }
    return computing.command
}

/// How long `step` took, and in which run: its own time if it executed in this run, else that of
/// the run that executed it (a cached step reuses that run's result).
private func timing(of step: StepRecord, index: Index) throws -> StageTiming? {
    let executed = step.status == .executed ? step : try index.cachedStep(forKey: step.key, components: step.components)
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

    /// The names and digests of the documents kept for `key`, in their order, without reading
    /// them; nil if none are listed.
    func listing(for key: Digest) -> [Publication.File]? {
        guard let list = try? FileSystem.readSmallFile(published + "/" + key.hex) else { return nil }
        var files: [Publication.File] = []
        for line in list.split(separator: 0x0A) {
            guard line.count > 66, let digest = Digest(hex: String(decoding: line.prefix(64), as: UTF8.self)) else { return nil }
            files.append(Publication.File(name: String(decoding: line.dropFirst(66), as: UTF8.self), digest: digest))
        }
        return files.isEmpty ? nil : files
    }

    /// The documents kept for `key`, in their order; nil unless every one is intact.
    func documents(for key: Digest) -> [ReportBundle.Document]? {
        guard let listing = listing(for: key) else { return nil }
        var documents: [ReportBundle.Document] = []
        for file in listing {
            guard let bytes = object(file.digest) else { return nil }
            documents.append(ReportBundle.Document(name: file.name, bytes: bytes))
        }
        return documents
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
    private let state = Mutex<(folders: [(location: String, earlier: Bool)], failure: (any Error)?)>(([], nil))

    /// Runs `publish`, keeping the folders it published, or its error (rethrown, so that no
    /// publication is logged).
    func publish(_ publish: () throws -> [PublishedFolder]) throws -> [Publication] {
        do {
            let published = try publish()
            state.withLock { $0.folders = published.map { ($0.publication.location, $0.earlier) } }
            return published.map(\.publication)
        } catch {
            state.withLock { $0.failure = error }
            throw error
        }
    }

    /// The folders of the run's reports (`earlier`: an earlier run's folder, which holds the very
    /// documents), and why publishing failed.
    var outcome: (folders: [(location: String, earlier: Bool)], failure: (any Error)?) {
        state.withLock { ($0.folders, $0.failure) }
    }
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

import Dispatch
import Foundation
import Synchronization
import ToetsModel

/// What an ingest is told beyond its archives.
package struct IngestOptions: Sendable {
    /// Formats by archive name or `archive/entry`, overriding detection.
    package var formats: [String: SourceFormat] = [:]
    /// Platforms by archive name or `archive/entry`, for formats that do not say.
    package var platforms: [String: String] = [:]
    /// Any quarantined record fails the ingest.
    package var strict = false
    package var limits = IngestLimits()
    /// Threads that parse records while the calling thread decompresses.
    package var workers = 2
    /// Bytes of records handed to a worker at once.
    package var batchBytes = 4 << 20

    package init() {}
}

/// What an ingest produced.
package struct IngestResult: Sendable {
    /// Deduplicated, sorted by `Post.canonicalOrder`.
    package var posts: [Post]
    package var quarantine: [QuarantineRecord]
    package var report: IngestReport
}

/// Reads archives into normalized posts: streaming entries out of libarchive, cutting them
/// into records, parsing records on worker threads, and collecting posts, quarantined records
/// and a report. Synchronous: run it off the async pool.
package final class IngestEngine {
    let options: IngestOptions
    private var report = IngestReport()
    private var quarantine: [QuarantineRecord] = []
    /// Posts with their source order (archive, entry, record), for keeping duplicates deterministically.
    private var collected: [[Post]] = []
    private var seenEntryNames: Set<String> = []

    package init(options: IngestOptions) {
        self.options = options
        report.limits = options.limits
    }

    /// Ingests `archives` (name, path) in the order given.
    package func run(_ archives: [(name: String, path: String)]) throws -> IngestResult {
        let budget = IngestBudget()
        for (name, path) in archives {
            let reader = try ArchiveReader(path: path, archiveName: name, limits: options.limits, budget: budget)
            seenEntryNames = []
            while let header = try reader.nextEntry() {
                try readEntry(header, reader: reader, archive: name)
            }
            report.archives[name] = reader.formatName
        }
        report.decompressedBytes = budget.bytes
        return finish()
    }

    private func note(_ list: WritableKeyPath<IngestReport, [IngestReport.EntryNote]>, _ archive: String, _ entry: String,
                      _ reason: String) {
        report[keyPath: list].append(.init(archive: archive, entry: entry, reason: reason))
    }

    private func readEntry(_ header: ArchiveEntryHeader, reader: ArchiveReader, archive: String) throws {
        let displayName = header.name ?? String(decoding: header.rawName, as: UTF8.self)
        if let problem = EntryName.problem(header.rawName, decoded: header.name) {
            note(\.refusedEntries, archive, displayName, problem)
            return try reader.skipData()
        }
        let name = header.name!
        if !seenEntryNames.insert(EntryName.normalised(name)).inserted {
            note(\.refusedEntries, archive, name, "collides with an earlier entry of the same name")
            return try reader.skipData()
        }
        switch header.type {
        case .regular: break
        case .directory: return
        default:
            note(\.skippedEntries, archive, name, "\(header.type.rawValue) entries are not followed")
            return try reader.skipData()
        }
        let override = options.formats[archive + "/" + name] ?? options.formats[archive]
        let context = AdapterContext(platform: options.platforms[archive + "/" + name] ?? options.platforms[archive])
        var entry = EntryReader(archive: archive, entry: name, override: override, context: context, options: options)
        try reader.readData { block in try entry.consume(block) }
        let outcome = try entry.finish()
        switch outcome {
        case .refused(let reason):
            note(\.refusedEntries, archive, name, reason)
        case .unrecognised(let reason):
            note(\.skippedEntries, archive, name, reason)
        case .read(let summary, let results):
            report.entries.append(summary)
            for result in results {
                collected.append(result.posts)
                quarantine += result.quarantine
                for (reason, count) in result.skipped { report.skippedReasons[reason, default: 0] += count }
                report.records += result.records
            }
            if options.strict, let first = results.lazy.flatMap(\.quarantine).first {
                throw IngestError.strict(archive: archive, entry: name, line: first.line, reason: first.reason)
            }
        }
    }

    private func finish() -> IngestResult {
        var kept: [String: Int] = [:]
        var posts: [Post] = []
        for batch in collected {
            for post in batch {
                report.postsRead += 1
                // The first in source order wins: archives as listed, entries and records in order.
                guard kept[post.postID] == nil else {
                    report.duplicatesDropped += 1
                    continue
                }
                kept[post.postID] = posts.count
                posts.append(post)
            }
        }
        posts.sort(by: Post.canonicalOrder)
        report.postsWritten = posts.count
        report.quarantined = quarantine.count
        for record in quarantine { report.quarantineReasons[record.reason, default: 0] += 1 }
        return IngestResult(posts: posts, quarantine: quarantine, report: report)
    }
}

/// The posts, quarantined records and skips of one batch of records.
struct BatchResult: Sendable {
    var posts: [Post] = []
    var quarantine: [QuarantineRecord] = []
    var skipped: [String: Int] = [:]
    var records = 0
}

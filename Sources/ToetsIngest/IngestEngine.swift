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
    /// Asked between blocks: true stops the ingest with a `CancellationError` (Ctrl-C).
    package var isCancelled: @Sendable () -> Bool = { false }

    package init() {}
}

/// What an ingest produced: posts as canonical lines in sorted order, quarantine, report.
package struct IngestResult: Sendable {
    let batches: [BatchResult]
    /// The kept posts in canonical order: (batch, entry).
    let order: [(batch: Int32, index: Int32)]
    package var quarantine: [QuarantineRecord]
    package var report: IngestReport

    /// The number of posts written.
    package var count: Int { order.count }

    /// The posts artefact's bytes, in pieces of about `chunkBytes`, in order.
    package func forEachChunk(chunkBytes: Int = 4 << 20, _ body: ([UInt8]) throws -> Void) rethrows {
        var buffer: [UInt8] = []
        buffer.reserveCapacity(chunkBytes + 4096)
        for (batch, index) in order {
            let result = batches[Int(batch)]
            let entry = result.entries[Int(index)]
            result.lines.bytes.withUnsafeBufferPointer { buffer.append(contentsOf: UnsafeBufferPointer(rebasing: $0[entry.start..<entry.end])) }
            if buffer.count >= chunkBytes {
                try body(buffer)
                buffer.removeAll(keepingCapacity: true)
            }
        }
        if !buffer.isEmpty { try body(buffer) }
    }

    /// The posts, decoded back from their lines (for tests and small data).
    package var posts: [Post] {
        order.map { batch, index in
            let result = batches[Int(batch)]
            let entry = result.entries[Int(index)]
            let line = Array(result.lines.bytes[entry.start..<(entry.end - 1)])
            return try! Post(json: JSONDocument(line).root)
        }
    }
}

/// Reads archives into normalized posts: streaming entries out of libarchive, cutting them
/// into records, parsing records on worker threads, and collecting posts, quarantined records
/// and a report. Synchronous: run it off the async pool.
package final class IngestEngine {
    let options: IngestOptions
    private var report = IngestReport()
    private var quarantine: [QuarantineRecord] = []
    /// Batch results in source order (archive, entry, record), with the entry's sequence number
    /// and whether its format keeps repeated records, for keeping duplicates deterministically.
    private var collected: [(result: BatchResult, entry: Int, repeatsAreData: Bool)] = []
    private var entrySequence = 0
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
        try reader.readData { block in
            if options.isCancelled() { throw CancellationError() }
            try entry.consume(block)
        }
        let outcome = try entry.finish()
        switch outcome {
        case .refused(let reason):
            note(\.refusedEntries, archive, name, reason)
        case .unrecognised(let reason):
            note(\.skippedEntries, archive, name, reason)
        case .read(let summary, let results):
            report.entries.append(summary)
            entrySequence += 1
            let repeatsAreData = SourceFormat(rawValue: summary.format)?.repeatsAreData ?? false
            for result in results {
                collected.append((result, entrySequence, repeatsAreData))
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
        let total = collected.reduce(0) { $0 + $1.result.entries.count }
        report.postsRead = total
        // A post is identified by its id and, in share tables, the object it shares. The first
        // copy in source order wins (archives as listed, entries and records in order); within
        // one entry of a share table, repeated rows are kept as the data they are.
        var firstEntry = [String: Int](minimumCapacity: total)
        var order: [(createdAt: Int64, batch: Int32, index: Int32)] = []
        order.reserveCapacity(total)
        for (batch, item) in collected.enumerated() {
            for (index, entry) in item.result.entries.enumerated() {
                let key = entry.contentID.map { entry.postID + "\u{1F}" + $0 } ?? entry.postID
                if let first = firstEntry[key], !(item.repeatsAreData && first == item.entry) { continue }
                firstEntry[key] = firstEntry[key] ?? item.entry
                order.append((entry.createdAt, Int32(batch), Int32(index)))
            }
        }
        firstEntry = [:]
        report.duplicatesDropped = total - order.count
        // Sorting small keys: time, then post id, then shared object, then source order.
        let batches = collected.map(\.result)
        order.sort { a, b in
            if a.createdAt != b.createdAt { return a.createdAt < b.createdAt }
            let x = batches[Int(a.batch)].entries[Int(a.index)]
            let y = batches[Int(b.batch)].entries[Int(b.index)]
            if x.postID != y.postID { return x.postID.utf8.lexicographicallyPrecedes(y.postID.utf8) }
            if x.contentID != y.contentID { return (x.contentID ?? "").utf8.lexicographicallyPrecedes((y.contentID ?? "").utf8) }
            return (a.batch, a.index) < (b.batch, b.index)
        }
        report.postsWritten = order.count
        report.quarantined = quarantine.count
        for record in quarantine { report.quarantineReasons[record.reason, default: 0] += 1 }
        return IngestResult(batches: batches, order: order.map { ($0.batch, $0.index) }, quarantine: quarantine,
                            report: report)
    }
}

/// The posts, quarantined records and skips of one batch of records. Posts are kept as their
/// canonical lines, written by the worker that parsed them, so that the final sort only moves
/// bytes.
struct BatchResult: Sendable {
    /// One post of the batch: its sort key and where its line is in `lines`.
    struct Entry: Sendable {
        var createdAt: Int64
        var postID: String
        var contentID: String?
        var start: Int
        var end: Int
    }

    var lines = CanonicalJSONWriter(capacity: 0)
    var entries: [Entry] = []
    var quarantine: [QuarantineRecord] = []
    var skipped: [String: Int] = [:]
    var records = 0

    mutating func add(_ post: Post) {
        let start = lines.bytes.count
        post.write(to: &lines)
        entries.append(Entry(createdAt: post.createdAt, postID: post.postID, contentID: post.contentID, start: start,
                             end: lines.bytes.count))
    }

    mutating func merge(_ other: BatchResult) {
        let shift = lines.bytes.count
        lines.bytes += other.lines.bytes
        entries += other.entries.map {
            Entry(createdAt: $0.createdAt, postID: $0.postID, contentID: $0.contentID, start: $0.start + shift, end: $0.end + shift)
        }
        quarantine += other.quarantine
        for (reason, count) in other.skipped { skipped[reason, default: 0] += count }
        records += other.records
    }
}

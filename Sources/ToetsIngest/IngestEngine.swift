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
    /// Archives that may give no post; any other archive that gives none fails the ingest.
    package var allowEmpty: Set<String> = []
    /// Any quarantined record, refused entry or skipped entry fails the ingest.
    package var strict = false
    package var limits = IngestLimits()
    /// Threads that parse records while the calling thread decompresses.
    package var workers = 2
    /// Bytes of records handed to a worker at once.
    package var batchBytes = 4 << 20
    /// Memory for holding posts and their sort keys; beyond it they go to spill files.
    package var spoolBytes = 256 << 20
    /// Where spill files go (a folder of their own is made in it); nil: the system's temporary folder.
    package var scratchDirectory: String?
    /// Asked between blocks: true stops the ingest with a `CancellationError` (Ctrl-C).
    package var isCancelled: @Sendable () -> Bool = { false }
    /// Told the archive bytes read (as stored) of all the archives' bytes, after every block.
    package var progress: StageProgress?

    package init() {}
}

/// What an ingest produced: posts as canonical lines in sorted order, quarantine, report.
package struct IngestResult: Sendable {
    let sorted: SortedPosts
    let quarantineLines: ByteSpool
    package var report: IngestReport

    /// The number of posts written.
    package var count: Int { sorted.count }

    /// The posts artefact's bytes, in pieces of about `chunkBytes`, in order.
    package func forEachChunk(chunkBytes: Int = 4 << 20, _ body: ([UInt8]) throws -> Void) throws {
        try sorted.forEachChunk(chunkBytes: chunkBytes, body)
    }

    /// The quarantine artefact's bytes, in order.
    package func forEachQuarantineChunk(_ body: ([UInt8]) throws -> Void) throws {
        try quarantineLines.forEachChunk(body)
    }

    /// The posts, decoded back from their lines (for tests and small data).
    package var posts: [Post] {
        Self.lines { try forEachChunk($0) }.map { try! Post(json: JSONDocument($0).root) }
    }

    /// The quarantined records, decoded back from their lines (for tests and small data).
    package var quarantine: [QuarantineRecord] {
        Self.lines { try forEachQuarantineChunk($0) }.compactMap { QuarantineRecord(json: try! JSONDocument($0).root) }
    }

    private static func lines(_ chunks: (([UInt8]) throws -> Void) throws -> Void) -> [[UInt8]] {
        var bytes: [UInt8] = []
        try! chunks { bytes += $0 }
        return bytes.split(separator: 0x0A).map(Array.init)
    }
}

/// Reads archives into normalized posts: streaming entries out of libarchive, cutting them
/// into records, parsing records on worker threads, and collecting posts, quarantined records
/// and a report. Synchronous: run it off the async pool.
///
/// Memory does not grow with the archives: posts and quarantined records go to spools that
/// spill to scratch files, entry names are kept as digests, and the report lists at most
/// `IngestReport.listLimit` entries of each kind (counting all).
package final class IngestEngine {
    let options: IngestOptions
    private var report = IngestReport()
    private let scratch: ScratchFolder
    private let posts: PostSpool
    private let quarantine: ByteSpool
    private var entrySequence = 0
    private var names = EntryNames()
    private var counts = IngestReport.ArchiveCounts()
    /// Why the first entries of the current archive were refused or skipped, for the message
    /// when it gives no post.
    private var firstNotes: [String] = []
    private var firstQuarantineReason: String?
    /// `archive/entry` keys of `formats:` and `platforms:` that named an entry that is there.
    private var entryKeysSeen: Set<String> = []

    package init(options: IngestOptions) {
        self.options = options
        scratch = ScratchFolder(parent: options.scratchDirectory)
        posts = PostSpool(scratch: scratch, memoryBytes: options.spoolBytes)
        quarantine = ByteSpool(scratch: scratch, stem: "quarantine", memoryBytes: options.spoolBytes / 8)
        report.limits = options.limits
        report.formatsSet = options.formats.mapValues(\.rawValue)
        report.platformsSet = options.platforms
        report.allowEmpty = options.allowEmpty.sorted()
        report.strict = options.strict
    }

    /// Ingests `archives` (name, path) in the order given.
    package func run(_ archives: [(name: String, path: String)]) throws -> IngestResult {
        // libarchive converts names to the thread's locale; in the C locale a zip's UTF-8 name
        // (flag bit 11) fails to convert and comes out empty. Names are checked as UTF-8 here.
        let utf8 = newlocale(LC_CTYPE_MASK, "C.UTF-8", nil)
        let previous = utf8.map { uselocale($0) }
        defer {
            if let previous, let utf8 {
                uselocale(previous)
                freelocale(utf8)
            }
        }
        let budget = IngestBudget()
        let sizes = archives.map { archive in
            var status = stat()
            return stat(archive.path, &status) == 0 ? Int64(status.st_size) : 0
        }
        options.progress?.begin("reading archives", unit: "bytes", total: sizes.reduce(0, +))
        for (index, (name, path)) in archives.enumerated() {
            let before = budget.bytes
            counts = IngestReport.ArchiveCounts()
            firstNotes = []
            firstQuarantineReason = nil
            let reader = try ArchiveReader(path: path, archiveName: name, limits: options.limits, budget: budget)
            names = EntryNames()
            while let header = try reader.nextEntry() {
                try readEntry(header, reader: reader, archive: name, archiveIndex: index,
                              before: sizes[..<index].reduce(0, +))
            }
            report.archives[name] = reader.formatName
            counts.compression = reader.compression
            counts.decompressedBytes = budget.bytes - before
            report.perArchive[name] = counts
            if counts.postsRead == 0 && !options.allowEmpty.contains(name) {
                throw IngestError.noPosts(archive: name, found: whatWasFound(format: reader.formatName))
            }
        }
        try checkEntryKeys(archives.map(\.name))
        report.decompressedBytes = budget.bytes
        options.progress?.begin("sorting posts", unit: "")
        return try finish(archives: archives.map(\.name))
    }

    /// What an archive that gave no post held, for the message that says so.
    private func whatWasFound(format: String) -> String {
        let entries = counts.entriesRead + counts.entriesRefused + counts.entriesSkipped
        if entries == 0 { return format == "empty" ? "the file is empty" : "it holds no entries (\(format))" }
        var parts = ["\(entries) entr\(entries == 1 ? "y" : "ies")"]
        if counts.entriesRead > 0 {
            parts.append("\(counts.entriesRead) read: \(counts.records) records, \(counts.quarantined) quarantined"
                         + (firstQuarantineReason.map { " (\($0))" } ?? "") + ", \(counts.recordsSkipped) skipped")
        }
        if counts.entriesRefused > 0 { parts.append("\(counts.entriesRefused) refused") }
        if counts.entriesSkipped > 0 { parts.append("\(counts.entriesSkipped) skipped") }
        return parts.joined(separator: "; ") + (firstNotes.isEmpty ? "" : "; " + firstNotes.joined(separator: "; "))
    }

    /// Every `archive/entry` key of `formats:` and `platforms:` must name an entry that is there.
    private func checkEntryKeys(_ archives: [String]) throws {
        for (parameter, keys) in [("formats", Array(options.formats.keys)), ("platforms", Array(options.platforms.keys))] {
            for key in keys.sorted() where !archives.contains(key) && !entryKeysSeen.contains(key) {
                throw IngestError.badParameter("\(parameter) names '\(key)', but no archive has that entry; name an archive "
                    + "(\(archives.joined(separator: ", "))) or ARCHIVE/ENTRY with the entry's name as in the archive's listing")
            }
        }
    }

    private enum NoteKind { case refused, skipped }

    private func note(_ kind: NoteKind, _ archive: String, _ entry: String, _ reason: String) throws {
        if options.strict { throw IngestError.strictEntry(archive: archive, entry: entry, reason: reason) }
        let item = IngestReport.EntryNote(archive: archive, entry: entry, reason: reason)
        switch kind {
        case .refused:
            counts.entriesRefused += 1
            list(item, in: \.refusedEntries, else: \.refusedEntries)
        case .skipped:
            counts.entriesSkipped += 1
            list(item, in: \.skippedEntries, else: \.skippedEntries)
        }
        if firstNotes.count < 3 { firstNotes.append("'\(entry)' \(kind == .refused ? "refused" : "skipped"): \(reason)") }
    }

    /// Appends `item` to a list of the report, or counts it under `not_listed` once the list is full.
    private func list<Item>(_ item: Item, in list: WritableKeyPath<IngestReport, [Item]>,
                            else overflow: WritableKeyPath<IngestReport.NotListed, Int>) {
        if report[keyPath: list].count < IngestReport.listLimit {
            report[keyPath: list].append(item)
        } else {
            report.notListed = report.notListed ?? IngestReport.NotListed()
            report.notListed![keyPath: overflow] += 1
        }
    }

    /// `before`: the bytes of the archives read earlier, for progress.
    private func readEntry(_ header: ArchiveEntryHeader, reader: ArchiveReader, archive: String, archiveIndex: Int,
                           before: Int64) throws {
        let displayName = EntryName.display(header.rawName)
        if let problem = EntryName.problem(header.rawName, decoded: header.name) {
            try note(.refused, archive, displayName, problem)
            return try reader.skipData()
        }
        let name = header.name!
        let key = archive + "/" + name
        if options.formats[key] != nil || options.platforms[key] != nil { entryKeysSeen.insert(key) }
        if let problem = names.admit(name, type: header.type) ?? header.problem {
            try note(.refused, archive, name, problem)
            return try reader.skipData()
        }
        switch header.type {
        case .regular: break
        case .directory: return
        default:
            try note(.skipped, archive, name, "\(header.type.rawValue) entries are not followed")
            return try reader.skipData()
        }
        let override = options.formats[key] ?? options.formats[archive]
        let platform = options.platforms[key] ?? options.platforms[archive]
        let context = AdapterContext(platform: platform)
        entrySequence += 1
        var withoutPlatform = 0
        var entry = EntryReader(archive: archive, entry: name, override: override, context: context, options: options) {
            [unowned self] result, format in
            withoutPlatform += result.postsWithoutPlatform
            try take(result, archive: archive, entry: name, archiveIndex: archiveIndex,
                     repeatsAreData: format?.repeatsAreData ?? false)
        }
        try reader.readData { block in
            if options.isCancelled() { throw CancellationError() }
            options.progress?.update(done: before + reader.fileBytesRead)
            try entry.consume(block)
        }
        switch try entry.finish() {
        case .refused(let reason):
            try note(.refused, archive, name, reason)
        case .unrecognised(let reason):
            try note(.skipped, archive, name, reason)
        case .read(var summary):
            summary.platform = platform
            count(summary, withoutPlatform: withoutPlatform, key: reader.isSingleFile ? archive : key)
        }
    }

    /// Takes a batch's posts into the spool and its quarantined records into theirs as soon as
    /// the batch is ready: nothing of an entry waits for its end.
    private func take(_ result: BatchResult, archive: String, entry: String, archiveIndex: Int, repeatsAreData: Bool) throws {
        if options.strict, let first = result.quarantine.first {
            throw IngestError.strict(archive: archive, entry: entry, line: first.line, reason: first.reason)
        }
        try posts.add(result, entry: entrySequence, archive: archiveIndex, repeatsAreData: repeatsAreData)
        for record in result.quarantine {
            try record.canonicalLine.withUnsafeBytes { _ = try quarantine.append($0) }
            report.quarantineReasons[record.reason, default: 0] += 1
            firstQuarantineReason = firstQuarantineReason ?? record.reason
        }
        for (reason, count) in result.skipped { report.skippedReasons[reason, default: 0] += count }
    }

    /// Takes an entry that was read into the report's counts and lists.
    private func count(_ summary: IngestReport.EntrySummary, withoutPlatform: Int, key: String) {
        let archive = summary.archive
        report.entriesRead += 1
        list(summary, in: \.entries, else: \.entries)
        report.postsPerFormat[summary.format, default: 0] += summary.posts
        counts.entriesRead += 1
        counts.records += summary.records
        counts.postsRead += summary.posts
        counts.quarantined += summary.quarantined
        counts.recordsSkipped += summary.skipped
        counts.postsWithoutPlatform += withoutPlatform
        report.records += summary.records
        report.quarantined += summary.quarantined
        if withoutPlatform > 0 {
            report.postsWithoutPlatform += withoutPlatform
            let item = IngestReport.PlatformNote(archive: archive, entry: summary.entry, format: summary.format,
                                                 posts: withoutPlatform, key: key)
            list(item, in: \.platformNotNamed, else: \.platformNotes)
        }
    }

    private func finish(archives: [String]) throws -> IngestResult {
        report.postsRead = posts.count
        let (sorted, duplicates) = try posts.finish(archives: archives.count)
        for (index, name) in archives.enumerated() where duplicates[index] > 0 {
            report.perArchive[name]?.duplicatesDropped = duplicates[index]
        }
        report.duplicatesDropped = duplicates.reduce(0, +)
        report.postsWritten = sorted.count
        return IngestResult(sorted: sorted, quarantineLines: quarantine, report: report)
    }
}

/// The posts, quarantined records and skips of one batch of records. Posts are kept as their
/// canonical lines and sort keys, written by the worker that parsed them, so that the reading
/// thread only stamps the keys and the final sort only moves bytes.
struct BatchResult: Sendable {
    var lines = CanonicalJSONWriter(capacity: 0)
    /// Each post's `PostKey`, in order; offsets count from the start of `lines`.
    var keys: [UInt8] = []
    /// The posts of the batch (the records in `keys`).
    var posts = 0
    var quarantine: [QuarantineRecord] = []
    var skipped: [String: Int] = [:]
    var records = 0
    /// Posts whose format did not name a platform (and none was set): they say `unknown`.
    var postsWithoutPlatform = 0

    mutating func add(_ post: Post) {
        let start = lines.bytes.count
        post.write(to: &lines)
        PostKey.encode(into: &keys, createdAt: post.createdAt, offset: Int64(start), length: lines.bytes.count - start,
                       id: post.postID, content: post.contentID)
        posts += 1
        if post.platform == "unknown" { postsWithoutPlatform += 1 }
    }

    mutating func merge(_ other: BatchResult) {
        var moved = other.keys
        PostKey.shift(&moved, by: Int64(lines.bytes.count))
        lines.bytes += other.lines.bytes
        keys += moved
        posts += other.posts
        quarantine += other.quarantine
        for (reason, count) in other.skipped { skipped[reason, default: 0] += count }
        records += other.records
        postsWithoutPlatform += other.postsWithoutPlatform
    }
}

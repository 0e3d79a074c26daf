import Foundation
import ToetsModel

/// Reads one archive entry: detects its format from the first bytes (unless the pipeline set
/// it), refuses an archive inside an archive, cuts the stream into batches of whole records
/// for the worker threads, and accumulates a whole document for the document formats. Each
/// batch's result goes to `deliver` in source order as soon as it is ready.
struct EntryReader {
    /// What became of the entry.
    enum Outcome {
        case refused(String)
        case unrecognised(String)
        case read(IngestReport.EntrySummary)
    }

    /// Takes one batch's posts, quarantined records and skips, and the entry's format.
    typealias Deliver = (BatchResult, SourceFormat?) throws -> Void

    private enum State {
        /// Collecting the first bytes to decide the format.
        case detecting
        case lines(SourceFormat)
        case csv(SourceFormat, CSVColumns)
        case document(SourceFormat?)
        case refused(String)
        case unrecognised(String)
    }

    let archive: String
    let entry: String
    let override: SourceFormat?
    let context: AdapterContext
    let options: IngestOptions
    private var state = State.detecting
    private var detected = true
    private var pending: [UInt8] = []
    /// Line number (1-based) and byte offset of `pending`'s first byte.
    private var pendingLine = 1
    private var pendingOffset: Int64 = 0
    private var bytes: Int64 = 0
    private var firstBlock = true
    /// Made for the first batch that is not also the entry's last.
    private var pool: BatchPool?
    /// Results made on this thread (oversized lines, documents), after the pool's.
    private var local = BatchResult()
    /// After an oversized record: drop bytes up to and including the next line break.
    private var skipUntilNewline = false
    private let deliver: Deliver
    /// What was delivered: records, posts, quarantined records, skipped records.
    private var counts = (records: 0, posts: 0, quarantined: 0, skipped: 0)

    init(archive: String, entry: String, override: SourceFormat?, context: AdapterContext, options: IngestOptions,
         deliver: @escaping Deliver) {
        self.archive = archive
        self.entry = entry
        self.override = override
        self.context = context
        self.options = options
        self.deliver = deliver
    }

    /// The format the entry is read as, once known.
    private var format: SourceFormat? {
        switch state {
        case .lines(let format), .csv(let format, _): format
        case .document(let format): format
        default: nil
        }
    }

    private mutating func hand(_ result: BatchResult) throws {
        counts.records += result.records
        counts.posts += result.posts
        counts.quarantined += result.quarantine.count
        counts.skipped += result.skipped.values.reduce(0, +)
        try deliver(result, format)
    }

    mutating func consume(_ block: UnsafeRawBufferPointer) throws {
        bytes += Int64(block.count)
        if firstBlock {
            firstBlock = false
            if let nested = NestedArchive.kind(block) {
                state = .refused("a \(nested) archive inside an archive is not unpacked; unpack it and ingest it as an archive of its own")
            }
        }
        switch state {
        case .refused, .unrecognised:
            return
        case .document:
            pending.append(contentsOf: block)
            try checkDocumentSize()
        case .detecting:
            pending.append(contentsOf: block)
            if pending.count >= 1 << 20 || pending.contains(0x0A) { try detect(atEnd: false) }
        case .lines, .csv:
            var rest = block[...]
            if skipUntilNewline {
                guard let newline = block.firstIndex(of: 0x0A) else {
                    pendingOffset += Int64(block.count)
                    return
                }
                skipUntilNewline = false
                pendingOffset += Int64(newline + 1)
                pendingLine += 1
                rest = block[(newline + 1)...]
            }
            pending.append(contentsOf: rest)
            if pending.count >= options.batchBytes { try cutBatch(atEnd: false) }
        }
        for result in pool?.takeReady() ?? [] { try hand(result) }
    }

    mutating func finish() throws -> Outcome {
        if case .detecting = state { try detect(atEnd: true) }
        switch state {
        case .refused(let reason): return .refused(reason)
        case .unrecognised(let reason): return .unrecognised(reason)
        case .detecting: return .unrecognised("empty entry")
        case .lines, .csv: try cutBatch(atEnd: true)
        case .document(let format): try readDocument(format)
        }
        for result in pool?.finish() ?? [] { try hand(result) }
        try hand(local)
        local = BatchResult()
        let summary = IngestReport.EntrySummary(
            archive: archive, entry: entry, format: format?.rawValue ?? "json", detected: detected, bytes: bytes,
            records: counts.records, posts: counts.posts, quarantined: counts.quarantined, skipped: counts.skipped)
        return .read(summary)
    }

    // MARK: Detection

    private mutating func detect(atEnd: Bool) throws {
        // A byte-order mark is not content.
        if pending.starts(with: [0xEF, 0xBB, 0xBF]) {
            pending.removeFirst(3)
            pendingOffset = 3
        }
        let firstLineEnd = pending.firstIndex(of: 0x0A) ?? pending.count
        let firstLine = Array(pending[..<firstLineEnd])
        let firstByte = pending.first { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }
        if let override {
            detected = false
            switch override.layout {
            case .document: state = .document(override)
            case .lines: state = .lines(override)
            case .csv: try startCSV(override)
            }
        } else if firstByte == UInt8(ascii: "{") || firstByte == UInt8(ascii: "[") {
            if let document = try? JSONDocument(firstLine), let format = Self.lineFormat(document.root) {
                state = .lines(format)
            } else if let document = try? JSONDocument(firstLine),
                      document.root["messages"] != nil || document.root["chats", "list"] != nil {
                // A Telegram export written on one line is still one document.
                state = .document(.telegram)
            } else if (try? JSONDocument(firstLine)) != nil {
                state = .unrecognised("JSON lines of no known format (twarc2, Zeeschuimer, 4CAT, TikTok Research); "
                                      + "set the format in the pipeline if it is one of them")
            } else {
                state = .document(nil)
            }
        } else if firstByte == nil {
            state = .unrecognised("empty entry")
            return
        } else {
            let header = (try? CSVScanner().records(String(decoding: firstLine, as: UTF8.self)).first) ?? []
            if let format = CSVAdapters.detect(header.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }) {
                try startCSV(format)
            } else {
                state = .unrecognised("not a known format (header: \(header.prefix(6).joined(separator: ",")))")
                return
            }
        }
        switch state {
        case .document: try checkDocumentSize()
        case .lines, .csv: if atEnd || pending.count >= options.batchBytes { try cutBatch(atEnd: atEnd) }
        default: break
        }
    }

    /// The NDJSON format a first line belongs to.
    private static func lineFormat(_ root: JSONValue) -> SourceFormat? {
        if root["source_platform"] != nil, root["data"] != nil { return .zeeschuimer }
        if root["__import_meta"] != nil { return .fourCATNDJSON }
        if root["data", "videos"] != nil || (root["video_description"] != nil && root["create_time"] != nil) {
            return .tiktokResearch
        }
        if root["data"] != nil, root["includes"] != nil || root["meta"] != nil || root["__twarc"] != nil { return .twarc2 }
        if root["id"] != nil, root["author_id"] != nil, root["created_at"] != nil { return .twarc2 }
        return nil
    }

    /// Reads the header record and starts cutting CSV batches after it.
    private mutating func startCSV(_ format: SourceFormat) throws {
        let parsed: (fields: [String], next: Int)? = pending.withUnsafeBufferPointer { buffer in
            buffer.isEmpty ? nil : try? CSVScanner().record(in: buffer, from: 0)
        }
        guard let (header, next) = parsed else {
            state = .unrecognised("the CSV header cannot be read")
            return
        }
        pendingLine += Self.countNewlines(pending, upTo: next)
        pendingOffset += Int64(next)
        pending.removeFirst(next)
        state = .csv(format, CSVColumns(header.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }))
    }

    // MARK: Batches of lines and CSV records

    /// Hands every complete record in `pending` to the pool (all of it at the end).
    private mutating func cutBatch(atEnd: Bool) throws {
        let boundary: Int
        var lines = 0
        switch state {
        case .lines:
            guard let lastNewline = atEnd ? pending.count - 1 : pending.lastIndex(of: 0x0A) else {
                try guardLineLength()
                return
            }
            boundary = lastNewline + 1
            lines = Self.countNewlines(pending, upTo: boundary)
        case .csv:
            // The last line break outside quotes ends a whole record.
            var (last, linesThrough, allLines) = Self.lastUnquotedNewline(pending)
            if atEnd { (last, linesThrough) = (pending.count - 1, allLines) }
            guard last >= 0 else {
                try guardLineLength()
                return
            }
            boundary = last + 1
            lines = linesThrough
        default:
            return
        }
        guard boundary > 0 else { return }
        let batch = Array(pending[..<boundary])
        pending.removeFirst(boundary)
        let (line, offset) = (pendingLine, pendingOffset)
        pendingLine += lines
        pendingOffset += Int64(boundary)
        let work = RecordWork(archive: archive, entry: entry, context: context, limits: options.limits)
        let job: @Sendable () -> BatchResult
        switch state {
        case .lines(let format):
            job = { work.lines(batch, format: format, firstLine: line, firstOffset: offset) }
        case .csv(let format, let columns):
            job = { work.csv(batch, format: format, columns: columns, firstLine: line, firstOffset: offset) }
        default:
            return
        }
        // An entry that fits in one batch is parsed on this thread: handing it to a worker and
        // waiting would cost more than parsing it, in an archive of many small files.
        if atEnd && pool == nil {
            try hand(job())
        } else {
            if pool == nil { pool = BatchPool(workers: options.workers) }
            pool!.submit(job)
        }
    }

    /// The index of the last line break outside quotes in CSV `bytes` (-1 if none), the line
    /// breaks up to and including it, and all line breaks. Words of 8 bytes without a quote or
    /// a line break are skipped whole (the byte tests are exact: no borrow crosses a byte).
    static func lastUnquotedNewline(_ bytes: [UInt8]) -> (last: Int, linesThrough: Int, lines: Int) {
        bytes.withUnsafeBufferPointer { buffer in
            var inQuotes = false
            var (last, linesThrough, lines) = (-1, 0, 0)
            var index = 0
            @inline(__always) func has(_ word: UInt64, _ byte: UInt8) -> Bool {
                let x = word ^ (UInt64(byte) &* 0x0101_0101_0101_0101)
                return ~(((x & 0x7F7F_7F7F_7F7F_7F7F) &+ 0x7F7F_7F7F_7F7F_7F7F) | x | 0x7F7F_7F7F_7F7F_7F7F) != 0
            }
            while index < buffer.count {
                if index + 8 <= buffer.count {
                    let word = UnsafeRawPointer(buffer.baseAddress!).loadUnaligned(fromByteOffset: index, as: UInt64.self)
                    if !has(word, UInt8(ascii: "\"")) && !has(word, 0x0A) {
                        index += 8
                        continue
                    }
                }
                let byte = buffer[index]
                if byte == UInt8(ascii: "\"") { inQuotes.toggle() } else if byte == 0x0A {
                    lines += 1
                    if !inQuotes { (last, linesThrough) = (index, lines) }
                }
                index += 1
            }
            return (last, linesThrough, lines)
        }
    }

    static func countNewlines(_ bytes: [UInt8], upTo end: Int) -> Int {
        bytes.withUnsafeBufferPointer { buffer in
            var count = 0
            for index in 0..<end where buffer[index] == 0x0A { count += 1 }
            return count
        }
    }

    /// A record longer than the line limit is quarantined and skipped up to the next line break,
    /// so a file without line breaks cannot fill memory.
    private mutating func guardLineLength() throws {
        guard pending.count > options.limits.maxLineBytes else { return }
        local.records += 1
        local.quarantine.append(QuarantineRecord(
            archive: archive, entry: entry, line: pendingLine, offset: pendingOffset,
            reason: "record longer than max_line_bytes",
            detail: "more than \(options.limits.maxLineBytes) bytes without a line break; raise limits.max_line_bytes if genuine",
            excerpt: RecordWork.excerpt(pending[...])))
        pendingOffset += Int64(pending.count)
        pending.removeAll()
        skipUntilNewline = true
    }

    // MARK: Documents

    private func checkDocumentSize() throws {
        if pending.count > options.limits.maxDocumentBytes {
            throw IngestError.limitExceeded(archive: archive, entry: entry, limit: .maxDocumentBytes,
                                            value: "\(pending.count)+ bytes", allowed: "\(options.limits.maxDocumentBytes) bytes")
        }
    }

    private mutating func readDocument(_ format: SourceFormat?) throws {
        let work = RecordWork(archive: archive, entry: entry, context: context, limits: options.limits)
        let (result, actual) = work.document(pending, format: format, offset: pendingOffset)
        local.merge(result)
        if let actual { state = .document(actual) } else if result.records == 0 {
            state = .unrecognised("a JSON document of no known format (Telegram export, TikTok Research API)")
        }
        pending = []
    }
}

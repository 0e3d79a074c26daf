import ToetsModel

/// Turns the bytes of whole records into posts, quarantined records and skips. A value type
/// with no shared state, so that batches run on any thread.
struct RecordWork: Sendable {
    let archive: String
    let entry: String
    let context: AdapterContext
    let limits: IngestLimits

    /// The first bytes of a record as text, for finding it in the source.
    static func excerpt(_ bytes: ArraySlice<UInt8>) -> String {
        String(decoding: bytes.prefix(200), as: UTF8.self)
    }

    private func quarantine(_ result: inout BatchResult, line: Int, offset: Int64, _ reason: String, _ detail: String,
                            _ bytes: ArraySlice<UInt8>) {
        result.quarantine.append(QuarantineRecord(archive: archive, entry: entry, line: line, offset: offset,
                                                  reason: reason, detail: detail, excerpt: Self.excerpt(bytes)))
    }

    private func record(_ outcome: RecordOutcome, into result: inout BatchResult) {
        switch outcome {
        case .posts(let posts): for post in posts { result.add(post) }
        case .skipped(let reason): result.skipped[reason, default: 0] += 1
        }
    }

    /// A problem's reason as counted (the part before ": ") and its detail.
    private func split(_ problem: RecordProblem) -> (String, String) {
        guard let colon = problem.reason.range(of: ": ") else { return (problem.reason, "") }
        return (String(problem.reason[..<colon.lowerBound]), String(problem.reason[colon.upperBound...]))
    }

    // MARK: NDJSON

    func lines(_ bytes: [UInt8], format: SourceFormat, firstLine: Int, firstOffset: Int64) -> BatchResult {
        var result = BatchResult()
        // Posts' lines are about as long as the records they come from: room once, not doubling.
        result.lines = CanonicalJSONWriter(capacity: bytes.count)
        var start = 0
        var line = firstLine
        while start < bytes.count {
            let end = bytes[start...].firstIndex(of: 0x0A) ?? bytes.count
            var recordEnd = end
            if recordEnd > start && bytes[recordEnd - 1] == 0x0D { recordEnd -= 1 }
            let slice = bytes[start..<recordEnd]
            let offset = firstOffset + Int64(start)
            if slice.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) {
                if end < bytes.count || !slice.isEmpty { result.skipped["empty line", default: 0] += 1 }
            } else if slice.count > limits.maxLineBytes {
                result.records += 1
                quarantine(&result, line: line, offset: offset, "record longer than max_line_bytes",
                           "\(slice.count) bytes; raise limits.max_line_bytes if genuine", slice)
            } else {
                result.records += 1
                do {
                    let document = try JSONDocument(Array(slice))
                    record(try Self.linePosts(document.root, format: format), into: &result)
                } catch let error as JSONError {
                    quarantine(&result, line: line, offset: offset, "invalid JSON: \(error.problem)",
                               "at byte \(error.offset) of the line", slice)
                } catch let problem as RecordProblem {
                    let (reason, detail) = split(problem)
                    quarantine(&result, line: line, offset: offset, reason, detail, slice)
                } catch {
                    quarantine(&result, line: line, offset: offset, "unexpected error", "\(error)", slice)
                }
            }
            start = end + 1
            line += 1
        }
        return result
    }

    static func linePosts(_ root: JSONValue, format: SourceFormat) throws(RecordProblem) -> RecordOutcome {
        switch format {
        case .twarc2: return try Twarc2Adapter.posts(root)
        case .zeeschuimer, .fourCATNDJSON: return try ZeeschuimerAdapter.posts(root, format: format)
        case .tiktokResearch:
            var posts: [Post] = []
            for video in try TikTokResearchAdapter.items(root) {
                if case .posts(let more) = try TikTokResearchAdapter.post(video) { posts += more }
            }
            return .posts(posts)
        default:
            throw RecordProblem("\(format.rawValue) is not read line by line")
        }
    }

    // MARK: CSV

    /// `strictOnly`: every row through the strict path (tests compare the fast path with it).
    func csv(_ bytes: [UInt8], format: SourceFormat, columns: CSVColumns, firstLine: Int, firstOffset: Int64,
             strictOnly: Bool = false) -> BatchResult {
        var result = BatchResult()
        // A CSV row's line, with every key named, is two to three times the row.
        result.lines = CanonicalJSONWriter(capacity: bytes.count * 3)
        let scanner = CSVScanner()
        // CNT rows of the usual shape go straight to their lines; any other row, to the strict path.
        let fast = format == .cnt && !strictOnly ? CNTRows(columns: columns, context: context) : nil
        var spans: [CSVScanner.FieldSpan] = []
        var unquoted: [UInt8] = []
        var scratch: [UInt8] = []
        bytes.withUnsafeBufferPointer { buffer in
            var position = 0
            var line = firstLine
            while position < buffer.count {
                let start = position
                if let fast {
                    unquoted.removeAll(keepingCapacity: true)
                    if let next = try? scanner.fieldSpans(in: buffer, from: start, into: &spans, unquoted: &unquoted),
                       spans.count > 1 || !(spans.first?.range.isEmpty ?? true), next - start <= limits.maxLineBytes,
                       unquoted.withUnsafeBufferPointer({
                           fast.write(spans, row: buffer, unquoted: $0, scratch: &scratch, into: &result)
                       }) {
                        result.records += 1
                        // Only a quoted field can hold a line break; the strict path counts a record as one line at least.
                        line += spans.contains(where: \.quoted)
                            ? max(1, buffer[start..<next].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }) : 1
                        position = next
                        continue
                    }
                }
                var fields: [String] = []
                var problem: String?
                do throws(CSVScanner.Problem) {
                    (fields, position) = try scanner.record(in: buffer, from: start)
                } catch {
                    problem = error.problem
                    // Resynchronise at the next line break.
                    position = (buffer[start...].firstIndex(of: 0x0A) ?? buffer.count - 1) + 1
                }
                let slice = bytes[start..<min(position, bytes.count)]
                let lines = slice.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
                defer { line += max(lines, 1) }
                if problem == nil, fields.count <= 1, fields.first?.isEmpty ?? true {
                    result.skipped["empty line", default: 0] += 1
                    continue
                }
                result.records += 1
                if let problem {
                    quarantine(&result, line: line, offset: firstOffset + Int64(start), "invalid CSV: \(problem)", "", slice)
                    continue
                }
                if slice.count > limits.maxLineBytes {
                    quarantine(&result, line: line, offset: firstOffset + Int64(start), "record longer than max_line_bytes",
                               "\(slice.count) bytes", slice)
                    continue
                }
                do throws(RecordProblem) {
                    record(try CSVAdapters.post(fields, columns, format: format, context: context), into: &result)
                } catch {
                    let (reason, detail) = split(error)
                    quarantine(&result, line: line, offset: firstOffset + Int64(start), reason, detail, slice)
                }
            }
        }
        return result
    }

    // MARK: Documents

    /// Parses a whole JSON document and reads its items; returns the format it turned out to be.
    func document(_ bytes: [UInt8], format: SourceFormat?, offset: Int64) -> (BatchResult, SourceFormat?) {
        var result = BatchResult()
        let document: JSONDocument
        do {
            document = try JSONDocument(bytes)
        } catch {
            result.records += 1
            quarantine(&result, line: 0, offset: offset, "invalid JSON: \(error.problem)",
                       "at byte \(error.offset) of the document", bytes[...])
            return (result, format)
        }
        let root = document.root
        let resolved = format ?? (root["messages"] != nil || root["chats", "list"] != nil ? .telegram
            : (try? TikTokResearchAdapter.items(root)) != nil ? .tiktokResearch : nil)
        func item(_ index: Int, _ body: () throws(RecordProblem) -> RecordOutcome, raw: ArraySlice<UInt8>) {
            result.records += 1
            do { record(try body(), into: &result) } catch {
                let (reason, detail) = split(error)
                quarantine(&result, line: 0, offset: offset, reason, "item \(index): \(detail)", raw)
            }
        }
        switch resolved {
        case .telegram?:
            do {
                for (index, pair) in try TelegramAdapter.items(root).enumerated() {
                    item(index, { () throws(RecordProblem) in try TelegramAdapter.post(chat: pair.chat, message: pair.message) },
                         raw: pair.message.rawBytes)
                }
            } catch {
                result.records += 1
                quarantine(&result, line: 0, offset: offset, error.reason, "", bytes[...])
            }
        case .tiktokResearch?:
            do {
                for (index, video) in try TikTokResearchAdapter.items(root).enumerated() {
                    item(index, { () throws(RecordProblem) in try TikTokResearchAdapter.post(video) }, raw: video.rawBytes)
                }
            } catch {
                result.records += 1
                quarantine(&result, line: 0, offset: offset, error.reason, "", bytes[...])
            }
        default:
            break
        }
        return (result, resolved)
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How a raw value was written where it was found.
package enum LeakForm: String, Sendable, CaseIterable, Codable {
    /// The value's UTF-8 bytes as given.
    case raw
    /// Lower-cased (as handles and e-mail addresses often are).
    case lowercase
    /// In Unicode normalisation form C (composed), where that differs from the value as given.
    case nfc
    /// In Unicode normalisation form D (decomposed).
    case nfd
    /// Percent-encoded, as in a URL or a form field.
    case percentEncoded = "percent-encoded"
    /// Escaped inside a JSON string.
    case jsonEscaped = "json-escaped"
    /// Part of a base64 text (standard or URL-safe), at any byte position.
    case base64
}

/// One place where a raw value was found: the value's label, never the value.
package struct LeakHit: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The label the value was given (e.g. "canary 3").
    package var label: String
    package var form: LeakForm
    /// The offset of the first matched byte from the start of the file, counting from 0.
    package var offset: Int
    /// The number of matched bytes.
    package var length: Int
    /// The line of the first matched byte, counting from 1.
    package var line: Int

    package var description: String { "\(label) (\(form.rawValue)) at line \(line), byte \(offset)" }
}

/// What one scan found: the first hits, in the order their last byte was read, and how many
/// there were in all.
package struct LeakScanResult: Equatable, Sendable, CustomStringConvertible {
    /// The first hits, at most the `maximumHits` of the scan.
    package var hits: [LeakHit]
    /// All hits, including those past `maximumHits`.
    package var totalHits: Int
    /// The number of bytes scanned.
    package var byteCount: Int

    /// Whether no value was found.
    package var isClean: Bool { totalHits == 0 }

    package var description: String {
        guard let first = hits.first else { return "no leaks in \(byteCount) bytes" }
        return "\(totalHits) hit\(totalHits == 1 ? "" : "s") in \(byteCount) bytes, the first \(first)"
    }
}

/// Why a file could not be audited.
package enum LeakAuditError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file could not be opened or read.
    case unreadable(path: String, reason: String)

    package var description: String {
        switch self {
        case .unreadable(let path, let reason):
            "\(path) cannot be read for the leak audit: \(reason). Check that it exists, is a file and can be read; "
                + "a file the audit cannot read is not known to be clean."
        }
    }
}

/// Finds raw personal values (canaries, sampled account ids, handles, e-mail addresses) that
/// survived pseudonymisation, in the forms they take when written by other tools (see
/// `LeakForm`). All search patterns go into one Aho–Corasick automaton, so a file is read
/// once whatever the number of values.
///
/// The values themselves are never shown: a hit, a result, an error and the audit's own
/// description name a value by its label only, so reporting a leak does not leak it again.
package struct LeakAudit: Sendable {
    /// The default shortest pattern searched for, in bytes; shorter ones match by chance.
    package static let defaultMinimumLength = 6
    /// The default size of the pieces a file is read in.
    package static let defaultChunkSize = 1 << 20
    /// The default number of hits kept per scan (all are counted).
    package static let defaultMaximumHits = 100

    /// A search pattern's label (as an index into `labels`) and form.
    struct Pattern: Sendable {
        var label: Int
        var form: LeakForm
    }

    let labels: [String]
    let patterns: [Pattern]
    let automaton: LeakAutomaton
    /// The labels of the values none of whose forms is `minimumLength` bytes long, in the order
    /// given: they are not searched for, and the caller should say so.
    package let unsearchable: [String]

    /// Prepares the search for `values`; forms shorter than `minimumLength` bytes are skipped,
    /// and a byte pattern that two forms or values share is reported under the first.
    package init(values: [(label: String, value: String)], minimumLength: Int = defaultMinimumLength) {
        self.init(values: values, minimumLength: minimumLength, denseEntryLimit: 1 << 22)
    }

    /// As above, with the size of the automaton's dense table chosen (tests make it tiny).
    init(values: [(label: String, value: String)], minimumLength: Int, denseEntryLimit: Int) {
        var labels: [String] = []
        var patterns: [Pattern] = []
        var bytes: [[UInt8]] = []
        var unsearchable: [String] = []
        var seen = Set<[UInt8]>()
        for (label, value) in values {
            let forms = Self.searchForms(of: value).filter { $0.bytes.count >= max(1, minimumLength) }
            guard !forms.isEmpty else {
                unsearchable.append(label)
                continue
            }
            labels.append(label)
            for form in forms where seen.insert(form.bytes).inserted {
                patterns.append(Pattern(label: labels.count - 1, form: form.form))
                bytes.append(form.bytes)
            }
        }
        self.labels = labels
        self.patterns = patterns
        self.unsearchable = unsearchable
        automaton = LeakAutomaton(patterns: bytes, denseEntryLimit: denseEntryLimit)
    }

    /// The number of byte patterns searched for.
    package var patternCount: Int { patterns.count }

    /// Scans `bytes` as if they were a file read in pieces of `chunkSize` bytes.
    package func scan(_ bytes: [UInt8], chunkSize: Int = defaultChunkSize,
                      maximumHits: Int = defaultMaximumHits) -> LeakScanResult {
        precondition(chunkSize > 0, "chunkSize must be positive")
        var scan = LeakScan(audit: self, maximumHits: maximumHits)
        bytes.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
            for start in stride(from: 0, to: buffer.count, by: chunkSize) {
                scan.feed(UnsafeRawBufferPointer(rebasing: buffer[start..<min(start + chunkSize, buffer.count)]))
            }
        }
        return scan.result
    }

    /// Scans the file at `path`, reading it in pieces of `chunkSize` bytes; a value that
    /// straddles two pieces is found like any other.
    package func scan(file path: String, chunkSize: Int = defaultChunkSize,
                      maximumHits: Int = defaultMaximumHits) throws(LeakAuditError) -> LeakScanResult {
        precondition(chunkSize > 0, "chunkSize must be positive")
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw .unreadable(path: path, reason: String(cString: strerror(errno))) }
        defer { close(descriptor) }
        var chunk = [UInt8](repeating: 0, count: chunkSize)
        var scan = LeakScan(audit: self, maximumHits: maximumHits)
        while true {
            let count = chunk.withUnsafeMutableBytes { (buffer: UnsafeMutableRawBufferPointer) in
                read(descriptor, buffer.baseAddress, buffer.count)
            }
            if count == 0 { break }
            if count < 0 {
                if errno == EINTR { continue }
                throw .unreadable(path: path, reason: String(cString: strerror(errno)))
            }
            chunk.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
                scan.feed(UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
            }
        }
        return scan.result
    }
}

extension LeakAudit: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// Counts only: printing, logging or dumping an audit never shows the values it looks for.
    package var description: String {
        "leak audit of \(labels.count + unsearchable.count) values (\(patternCount) patterns, "
            + "\(unsearchable.count) too short to search)"
    }
    package var debugDescription: String { description }
    package var customMirror: Mirror {
        Mirror(self, children: ["patternCount": patternCount, "unsearchable": unsearchable])
    }
}

/// One scan in progress: the automaton's state, the hits so far, and a window holding the
/// current piece of input after the last bytes of the earlier ones (as many as a pattern can
/// reach back), so a hit's start and line can be found when its first bytes came in an
/// earlier piece.
struct LeakScan {
    let audit: LeakAudit
    let maximumHits: Int
    private var state: Int32 = 0
    private var window: [UInt8] = []
    /// The input offset of `window[0]`.
    private var windowStart = 0
    /// The number of newlines in the input before `window[countedTo]`.
    private var newlines = 0
    private var countedTo = 0
    private var hits: [LeakHit] = []
    private var totalHits = 0

    init(audit: LeakAudit, maximumHits: Int) {
        self.audit = audit
        self.maximumHits = max(0, maximumHits)
    }

    var result: LeakScanResult {
        LeakScanResult(hits: hits, totalHits: totalHits, byteCount: windowStart + window.count)
    }

    /// Scans the next piece of input.
    mutating func feed(_ piece: UnsafeRawBufferPointer) {
        let scanFrom = window.count
        window.append(contentsOf: piece)
        let automaton = audit.automaton
        let room = maximumHits - hits.count
        var found: [(pattern: Int32, end: Int)] = []
        var total = totalHits
        let start = state
        state = window.withUnsafeBufferPointer { buffer in
            automaton.run(UnsafeBufferPointer(rebasing: buffer[scanFrom...]), from: start) { reached, index in
                automaton.forEachPattern(endingAt: reached) { pattern in
                    total += 1
                    if found.count < room { found.append((pattern, scanFrom + index)) }
                }
            }
        }
        totalHits = total
        for (pattern, end) in found {
            let length = automaton.lengths[Int(pattern)]
            let first = end + 1 - length
            let line = moveLineCount(to: first) + 1
            let kind = audit.patterns[Int(pattern)]
            hits.append(LeakHit(label: audit.labels[kind.label], form: kind.form, offset: windowStart + first,
                                length: length, line: line))
        }

        // Keep what a pattern ending in the next piece may start in.
        let keep = min(window.count, max(0, automaton.maximumLength - 1))
        let drop = window.count - keep
        _ = moveLineCount(to: drop)
        window.removeFirst(drop)
        windowStart += drop
        countedTo -= drop
    }

    /// Moves the newline count to `index` in the window (forwards, or a little back when
    /// overlapping hits start out of order) and returns it.
    private mutating func moveLineCount(to index: Int) -> Int {
        let from = countedTo
        let counted = window.withUnsafeBufferPointer { buffer in
            Self.newlines(in: UnsafeBufferPointer(rebasing: buffer[min(from, index)..<max(from, index)]))
        }
        newlines += index >= from ? counted : -counted
        countedTo = index
        return newlines
    }

    private static func newlines(in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var count = 0
        for byte in bytes where byte == 0x0A { count &+= 1 }
        return count
    }
}

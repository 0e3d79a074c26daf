#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Crypto
import Foundation
import ToetsModel
import ToetsStore

/// Where a workspace keeps its provenance: `provenance/log.jsonl` (the append-only log, one
/// entry per line), `provenance/origin` (the log's name in checkpoints),
/// `provenance/checkpoints/run-N.txt` (the checkpoint after run N) and `provenance/keys/ID.pub`
/// (the public keys that signed, a convenience, not a source of trust).
package struct ProvenancePaths: Sendable {
    package let directory: String

    package init(workspaceRoot: String) {
        directory = workspaceRoot + "/" + Workspace.provenanceFolder
    }

    package var log: String { directory + "/" + Workspace.provenanceLogName }
    /// The writer's note of where the log ended: a cache, never trusted by `toets verify`.
    package var logState: String { directory + "/log.state" }
    package var origin: String { directory + "/origin" }
    package var checkpoints: String { directory + "/checkpoints" }
    package var keys: String { directory + "/keys" }

    package func checkpoint(run: Int64) -> String {
        checkpoints + "/run-\(run).txt"
    }

    /// The run number of a checkpoint file name (`run-12.txt` → 12); nil for other names.
    package static func checkpointRun(_ name: String) -> Int64? {
        guard name.hasPrefix("run-"), name.hasSuffix(".txt") else { return nil }
        return Int64(name.dropFirst(4).dropLast(4))
    }

    /// The highest run number a checkpoint file is named after; 0 if none.
    package var highestCheckpointRun: Int64 {
        ((try? FileSystem.contents(of: checkpoints)) ?? []).compactMap(Self.checkpointRun).max() ?? 0
    }
}

/// One entry of the log: a DSSE envelope with the entry's position, the hash of the entry
/// before it, and the run, step and stage it belongs to. Its line's bytes are the leaf of the
/// Merkle tree and what the next entry's `previous` hashes.
package struct LogEntry: Sendable {
    /// The `previous` of the first entry.
    package static let genesis = String(repeating: "0", count: 64)

    package var index: Int
    package var previous: String
    package var run: Int64
    package var step: Int64
    package var stage: String
    package var envelope: Envelope

    package init(index: Int, previous: String, run: Int64, step: Int64, stage: String, envelope: Envelope) {
        self.index = index
        self.previous = previous
        self.run = run
        self.step = step
        self.stage = stage
        self.envelope = envelope
    }

    package var json: CanonicalJSON {
        .object(["index": .int(Int64(index)), "previous": .string(previous), "run": .int(run), "step": .int(step),
                 "stage": .string(stage), "envelope": envelope.json])
    }

    /// Reads an entry line; the problem says what is wrong, with the byte offset in the line
    /// where the JSON breaks.
    package init(line: [UInt8]) throws(EnvelopeProblem) {
        let json: CanonicalJSON
        do { json = try CanonicalJSON(parsing: line) } catch { throw EnvelopeProblem("is not JSON (\(error))") }
        guard let index = json["index"]?.intValue, let previous = json["previous"]?.stringValue,
              let run = json["run"]?.intValue, let step = json["step"]?.intValue, let stage = json["stage"]?.stringValue,
              let envelope = json["envelope"]
        else { throw EnvelopeProblem("lacks one of index, previous, run, step, stage, envelope") }
        self.init(index: Int(index), previous: previous, run: run, step: step, stage: stage,
                  envelope: try Envelope(json: envelope))
    }

    /// The hash the next entry records as `previous`: SHA-256 of this entry's line.
    package static func chainHash(_ line: some Collection<UInt8>) -> String {
        Digest.sha256(of: line).hex
    }
}

/// The log's bytes split into lines, each with its place in the file.
package struct LogFile: Sendable {
    /// One complete line (without its newline).
    package struct Line: Sendable {
        package var bytes: [UInt8]
        /// Where the line sits in the file.
        package var offset: Int
    }

    package var lines: [Line] = []
    /// Bytes after the last newline: an entry whose writing was cut off.
    package var incompleteTail: Range<Int>?

    /// Reads the log at `path`; an absent log is empty.
    package static func read(_ path: String) throws -> LogFile {
        guard FileSystem.exists(path) else { return LogFile() }
        return split(try FileSystem.readSmallFile(path))
    }

    package static func split(_ bytes: [UInt8]) -> LogFile {
        var file = LogFile()
        var start = 0
        for index in bytes.indices where bytes[index] == 0x0A {
            file.lines.append(Line(bytes: Array(bytes[start..<index]), offset: start))
            start = index + 1
        }
        if start < bytes.count { file.incompleteTail = start..<bytes.count }
        return file
    }

    /// The Merkle tree over the complete lines.
    package var tree: MerkleTree {
        MerkleTree(leafHashes: lines.map { MerkleTree.leafHash($0.bytes) })
    }
}

/// Appends entries to a workspace's log. Opened while holding the workspace lock, so only one
/// process appends; not thread-safe on its own (the recorder serialises calls).
///
/// Where the log ended (size in bytes and entries, the last entry's hash and the tree's right
/// edge) is kept in `log.state` after each run, so opening a long log reads only its last line;
/// if the note does not match the file, the whole log is read instead.
struct LogWriter {
    let paths: ProvenancePaths
    let origin: String
    private let fd: Int32
    private(set) var tree: CompactRange
    private(set) var lastHash: String
    private(set) var bytes: Int
    private var lastLineOffset: Int
    /// Bytes of an interrupted append that were cut off when the log was opened.
    private(set) var discardedTail = 0

    init(paths: ProvenancePaths) throws {
        self.paths = paths
        try FileSystem.makeDirectory(paths.checkpoints)
        origin = try Self.origin(paths)
        fd = open(paths.log, O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw StoreError.system(operation: "open", path: paths.log, errno: errno) }
        let length = Int(lseek(fd, 0, SEEK_END))
        if let state = Self.state(paths, fd: fd, length: length) {
            (tree, lastHash, bytes, lastLineOffset) = state
            return
        }
        let file: LogFile
        do { file = try LogFile.read(paths.log) } catch {
            close(fd)
            throw error
        }
        // An entry cut off by a killed process was never complete, never in a checkpoint and
        // never referred to: it goes, so the next entry starts on a line of its own.
        if let tail = file.incompleteTail {
            guard ftruncate(fd, off_t(tail.lowerBound)) == 0 else {
                close(fd)
                throw StoreError.system(operation: "truncate", path: paths.log, errno: errno)
            }
            discardedTail = tail.count
        }
        var range = CompactRange()
        for line in file.lines { range.append(leafHash: MerkleTree.leafHash(line.bytes)) }
        tree = range
        lastHash = file.lines.last.map { LogEntry.chainHash($0.bytes) } ?? LogEntry.genesis
        bytes = file.incompleteTail?.lowerBound ?? length
        lastLineOffset = file.lines.last?.offset ?? 0
    }

    /// The noted state, if it describes the file as it is: same length, and a last line that
    /// still hashes to the noted hash.
    private static func state(_ paths: ProvenancePaths, fd: Int32, length: Int)
        -> (CompactRange, String, Int, Int)? {
        guard let data = try? FileSystem.readSmallFile(paths.logState), let json = try? CanonicalJSON(parsing: data),
              let size = json["size"]?.intValue, let bytes = json["bytes"]?.intValue, Int(bytes) == length,
              let offset = json["lastLineOffset"]?.intValue, let last = json["lastHash"]?.stringValue,
              let hashes = json["rightEdge"]?.arrayValue?.compactMap({ $0.stringValue.flatMap(hexBytes) }),
              let range = CompactRange(size: Int(size), hashes: hashes)
        else { return nil }
        if size == 0 { return length == 0 ? (range, LogEntry.genesis, 0, 0) : nil }
        let count = length - Int(offset)
        guard offset >= 0, count > 0 else { return nil }
        var line = [UInt8](repeating: 0, count: count)
        let read = line.withUnsafeMutableBytes { pread(fd, $0.baseAddress!, count, off_t(offset)) }
        guard read == count, line.last == 0x0A, !line.dropLast().contains(0x0A),
              LogEntry.chainHash(line.dropLast()) == last else { return nil }
        return (range, last, length, Int(offset))
    }

    /// Notes where the log ends now, for the next writer.
    func saveState() throws {
        let state: CanonicalJSON = .object([
            "size": .int(Int64(tree.size)), "bytes": .int(Int64(bytes)), "lastLineOffset": .int(Int64(lastLineOffset)),
            "lastHash": .string(lastHash),
            "rightEdge": .array(tree.hashes.map { .string($0.map { String(format: "%02x", $0) }.joined()) }),
        ])
        // A cache checked against the log when read, so it is renamed into place without the
        // cost of a sync: a lost or stale note only means reading the whole log next time.
        try FileSystem.writeAtomically(state.bytes, to: paths.logState, synced: false)
    }

    /// The log's name in checkpoints, made once per workspace.
    static func origin(_ paths: ProvenancePaths) throws -> String {
        if FileSystem.exists(paths.origin) {
            return String(decoding: try FileSystem.readSmallFile(paths.origin), as: UTF8.self)
                .trimmingCharacters(in: .whitespacesAndNewlines)
        }
        let id = (0..<16).map { _ in String(format: "%02x", UInt8.random(in: 0...255)) }.joined()
        let origin = "toets.provenance/log-" + id
        try FileSystem.writeAtomically(Array((origin + "\n").utf8), to: paths.origin)
        return origin
    }

    var count: Int { tree.size }

    /// The run of the last entry, if the log has one that can be read.
    func lastEntryRun() -> Int64? {
        let count = bytes - lastLineOffset - 1
        guard count > 0 else { return nil }
        var line = [UInt8](repeating: 0, count: count)
        let read = line.withUnsafeMutableBytes { pread(fd, $0.baseAddress!, count, off_t(lastLineOffset)) }
        guard read == count else { return nil }
        return try? LogEntry(line: line).run
    }

    /// Appends one entry line; `sync` makes it durable before returning. A line that cannot be
    /// written whole (a full disk) is cut off again, so the log still ends after an entry.
    mutating func append(_ line: [UInt8], sync: Bool) throws {
        do {
            try (line + [0x0A]).withUnsafeBytes { try FileSystem.writeAll(fd, $0, path: paths.log) }
        } catch {
            ftruncate(fd, off_t(bytes))
            throw error
        }
        if sync { try FileSystem.sync(fd, path: paths.log) }
        tree.append(leafHash: MerkleTree.leafHash(line))
        lastHash = LogEntry.chainHash(line)
        lastLineOffset = bytes
        bytes += line.count + 1
    }

    func sync() throws {
        try FileSystem.sync(fd, path: paths.log)
    }

    func closeFile() {
        close(fd)
    }
}

import Foundation
import Synchronization

/// A folder for an ingest's spill files, made on first use and removed with the last
/// reference: under the stage's scratch folder, or under the system's temporary folder.
final class ScratchFolder: @unchecked Sendable {
    // @unchecked: `path` is set once, under the lock, and the folder is only read after.
    private let parent: String?
    private let lock = NSLock()
    private var made: String?
    private var files = 0

    init(parent: String?) {
        self.parent = parent
    }

    deinit {
        if let made { try? FileManager.default.removeItem(atPath: made) }
    }

    /// A new file name in the folder (the folder is made if need be).
    func newFile(_ stem: String) throws -> String {
        try lock.withLock {
            if made == nil {
                let base = parent ?? FileManager.default.temporaryDirectory.path
                let path = base + "/toets-ingest-spool-" + UUID().uuidString
                try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
                made = path
            }
            files += 1
            return made! + "/\(stem)-\(files)"
        }
    }
}

/// Bytes appended in order and read back by offset or in order: kept in memory up to
/// `memoryBytes`, then in a scratch file (written in chunks, mapped to be read), so that an
/// ingest's posts and quarantine do not have to fit in memory. In memory the bytes are a list
/// of chunks, so that a batch's lines are kept as the array they were written in, not copied.
final class ByteSpool: @unchecked Sendable {
    // @unchecked: used by one thread at a time (the ingest's reading thread, then its writer).
    private let scratch: ScratchFolder
    private let stem: String
    private let memoryBytes: Int
    /// All bytes while in memory; afterwards the bytes not yet in the file. A record never
    /// spans two chunks.
    private var chunks: [[UInt8]] = []
    /// The offset of each chunk's first byte.
    private var chunkStarts: [Int64] = []
    /// Whether the last chunk is this spool's own, to which `append` may add.
    private var lastIsOwn = false
    private var chunkBytes = 0
    private var descriptor: Int32 = -1
    /// Whether the spill file keeps its name (so that it can be moved whole), and that name.
    private let keepsName: Bool
    private var path: String?
    /// Bytes in the file.
    private var written: Int64 = 0
    /// The file mapped for reading, its length, and the bytes read through it since its pages
    /// were last let go (so that reading keeps about `mappedPagesBytes`, or the spool's memory if
    /// less, of them resident at most).
    private var map: UnsafeMutableRawPointer?
    private var mapLength = 0
    private var readSinceRelease = 0
    private static let mappedPagesBytes = 8 << 20
    /// Spill writes run on a thread of their own while the reading thread goes on; at most
    /// two wait at a time, so the bytes in flight stay bounded.
    private let writer = DispatchQueue(label: "toets.ingest.spill")
    private let inFlight = DispatchSemaphore(value: 2)
    private let writeFailure = WriteFailure()
    /// Whether every write handed to `writer` is known to be done.
    private var drained = true

    /// `keepsName`: the spill file stays in the scratch folder under its name (removed with the
    /// folder) so that `move(to:)` can give it away; otherwise it is unlinked as soon as it is open.
    init(scratch: ScratchFolder, stem: String, memoryBytes: Int, keepsName: Bool = false) {
        self.scratch = scratch
        self.stem = stem
        self.memoryBytes = memoryBytes
        self.keepsName = keepsName
    }

    deinit {
        writer.sync {}
        if let map { munmap(map, mapLength) }
        if descriptor >= 0 { close(descriptor) }
    }

    /// Bytes appended so far.
    var count: Int64 { written + Int64(chunkBytes) }

    /// Appends `bytes`; returns their offset.
    @discardableResult
    func append(_ bytes: UnsafeRawBufferPointer) throws -> Int64 {
        let offset = count
        if !lastIsOwn || chunks[chunks.count - 1].count + bytes.count > 1 << 20 {
            chunks.append([])
            chunks[chunks.count - 1].reserveCapacity(max(bytes.count, 1 << 20))
            chunkStarts.append(offset)
            lastIsOwn = true
        }
        chunks[chunks.count - 1].append(contentsOf: bytes)
        chunkBytes += bytes.count
        try flushIfFull()
        return offset
    }

    /// Appends `bytes` without copying them; returns their offset.
    @discardableResult
    func append(chunk bytes: [UInt8]) throws -> Int64 {
        let offset = count
        guard !bytes.isEmpty else { return offset }
        chunks.append(bytes)
        chunkStarts.append(offset)
        lastIsOwn = false
        chunkBytes += bytes.count
        try flushIfFull()
        return offset
    }

    private func flushIfFull() throws {
        if chunkBytes >= (descriptor >= 0 ? 1 << 20 : memoryBytes) { try flush() }
    }

    private func flush() throws {
        if descriptor < 0 {
            let path = try scratch.newFile(stem)
            descriptor = open(path, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
            guard descriptor >= 0 else { throw Self.failure("create", path) }
            if keepsName { self.path = path } else { unlink(path) }  // the descriptor keeps it until the spool ends
        }
        if let failure = writeFailure.first { throw failure }
        let (pieces, start, descriptor, failures) = (chunks, written, self.descriptor, writeFailure)
        written += Int64(chunkBytes)
        chunks = []
        chunkStarts = []
        chunkBytes = 0
        lastIsOwn = false
        drained = false
        inFlight.wait()
        writer.async { [inFlight] in
            defer { inFlight.signal() }
            var offset = start
            for piece in pieces {
                var done = 0
                while done < piece.count {
                    let count = piece.withUnsafeBytes { pwrite(descriptor, $0.baseAddress! + done, $0.count - done, off_t(offset)) }
                    if count < 0 && errno == EINTR { continue }
                    guard count > 0 else { return failures.record(Self.failure("write", "a spill file")) }
                    done += count
                    offset += Int64(count)
                }
            }
        }
    }

    /// Waits for the spill writes handed off so far; throws if one failed.
    private func drain() throws {
        guard !drained else { return }
        writer.sync {}
        if let failure = writeFailure.first { throw failure }
        drained = true
    }

    /// The first spill write that failed, set on the writing thread.
    private final class WriteFailure: Sendable {
        private let failure = Mutex<IngestError?>(nil)
        var first: IngestError? { failure.withLock { $0 } }
        func record(_ error: IngestError) { failure.withLock { $0 = $0 ?? error } }
    }

    private static func failure(_ action: String, _ path: String) -> IngestError {
        .badParameter("ingest cannot \(action) \(path) in its scratch folder: \(String(cString: strerror(errno)))")
    }

    /// Renames the spill file, with every byte appended, to `destination`, if the bytes went
    /// to a named spill file on the same file system; false (nothing moved) otherwise. The spool
    /// still reads its bytes afterwards (through its descriptor), but moves them only once.
    func move(to destination: String) throws -> Bool {
        guard let path else { return false }
        try flush()
        try drain()
        guard rename(path, destination) == 0 else { return false }
        self.path = nil
        return true
    }

    /// Appends the `length` bytes at `offset` to `output`.
    func read(at offset: Int64, length: Int, into output: inout [UInt8]) throws {
        if offset >= written {
            // The last chunk that starts at or before `offset` holds the record.
            var (low, high) = (0, chunkStarts.count - 1)
            while low < high {
                let middle = (low + high + 1) / 2
                if chunkStarts[middle] <= offset { low = middle } else { high = middle - 1 }
            }
            let start = Int(offset - chunkStarts[low])
            chunks[low].withUnsafeBytes { output.append(contentsOf: UnsafeRawBufferPointer(rebasing: $0[start..<(start + length)])) }
            return
        }
        try drain()
        // The file is mapped and read in any order, without a read window that posts out of
        // file order (newest first, or from entries that overlap in time) would reload each time.
        if map == nil || Int(written) > mapLength {
            if let map { munmap(map, mapLength) }
            map = nil
            guard let mapped = mmap(nil, Int(written), PROT_READ, MAP_PRIVATE, descriptor, 0),
                  mapped != UnsafeMutableRawPointer(bitPattern: -1) else { throw Self.failure("map", "a spill file") }
            map = mapped
            mapLength = Int(written)
        }
        output.append(contentsOf: UnsafeRawBufferPointer(start: map! + Int(offset), count: length))
        // The pages stay in the page cache; only this process's hold on them is let go.
        readSinceRelease += length + 8192
        if readSinceRelease >= min(memoryBytes, Self.mappedPagesBytes) {
            madvise(map, mapLength, Int32(MADV_DONTNEED))
            readSinceRelease = 0
        }
    }

    /// Calls `body` with the bytes in order, in pieces of about 1 MiB (or as appended).
    func forEachChunk(_ body: ([UInt8]) throws -> Void) throws {
        var offset: Int64 = 0
        var chunk: [UInt8] = []
        while offset < written {
            chunk.removeAll(keepingCapacity: true)
            let length = Int(min(1 << 20, written - offset))
            try read(at: offset, length: length, into: &chunk)
            try body(chunk)
            offset += Int64(length)
        }
        for chunk in chunks where !chunk.isEmpty { try body(chunk) }
    }
}

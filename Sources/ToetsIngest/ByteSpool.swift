import Foundation

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
/// `memoryBytes`, then in a scratch file (with a write buffer and a read window), so that an
/// ingest's posts and quarantine do not have to fit in memory.
final class ByteSpool: @unchecked Sendable {
    // @unchecked: used by one thread at a time (the ingest's reading thread, then its writer).
    private let scratch: ScratchFolder
    private let stem: String
    private let memoryBytes: Int
    /// All bytes while in memory; afterwards the write buffer of bytes not yet in the file.
    private var memory: [UInt8] = []
    private var descriptor: Int32 = -1
    /// Bytes in the file.
    private var written: Int64 = 0
    private var window: [UInt8] = []
    private var windowStart: Int64 = -1

    init(scratch: ScratchFolder, stem: String, memoryBytes: Int) {
        self.scratch = scratch
        self.stem = stem
        self.memoryBytes = memoryBytes
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
    }

    /// Bytes appended so far.
    var count: Int64 { written + Int64(memory.count) }

    /// Appends `bytes`; returns their offset.
    @discardableResult
    func append(_ bytes: UnsafeRawBufferPointer) throws -> Int64 {
        let offset = count
        memory.append(contentsOf: bytes)
        if memory.count >= (descriptor >= 0 ? 1 << 20 : memoryBytes) { try flush() }
        return offset
    }

    private func flush() throws {
        if descriptor < 0 {
            let path = try scratch.newFile(stem)
            descriptor = open(path, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
            guard descriptor >= 0 else { throw Self.failure("create", path) }
            unlink(path)  // the descriptor keeps it until the spool ends
        }
        var done = 0
        while done < memory.count {
            let count = memory.withUnsafeBytes { pwrite(descriptor, $0.baseAddress! + done, $0.count - done, off_t(written)) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { throw Self.failure("write", "a spill file") }
            done += count
            written += Int64(count)
        }
        memory.removeAll(keepingCapacity: true)
        if memory.capacity > 2 << 20 { memory = [] }
    }

    private static func failure(_ action: String, _ path: String) -> IngestError {
        .badParameter("ingest cannot \(action) \(path) in its scratch folder: \(String(cString: strerror(errno)))")
    }

    /// Appends the `length` bytes at `offset` to `output`.
    func read(at offset: Int64, length: Int, into output: inout [UInt8]) throws {
        if offset >= written {
            let start = Int(offset - written)
            output.append(contentsOf: memory[start..<(start + length)])
            return
        }
        if windowStart < 0 || offset < windowStart || offset + Int64(length) > windowStart + Int64(window.count) {
            let size = max(length, 1 << 20)
            window = [UInt8](repeating: 0, count: Int(min(Int64(size), written - offset)))
            var done = 0
            while done < window.count {
                let count = window.withUnsafeMutableBytes {
                    pread(descriptor, $0.baseAddress! + done, $0.count - done, off_t(offset) + off_t(done))
                }
                if count < 0 && errno == EINTR { continue }
                guard count > 0 else { throw Self.failure("read", "a spill file") }
                done += count
            }
            windowStart = offset
        }
        let start = Int(offset - windowStart)
        output.append(contentsOf: window[start..<(start + length)])
    }

    /// Calls `body` with the bytes in order, in pieces of about 1 MiB.
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
        if !memory.isEmpty { try body(memory) }
    }
}

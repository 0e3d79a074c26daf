import Foundation

/// Sorts self-delimiting byte records in bounded memory: records gather in an arena until it
/// holds `memoryBytes`, which is then sorted and written to a scratch file as a run; reading
/// merges the runs. With fewer records than that, nothing touches the disk.
///
/// A record starts with a fixed header that gives its length (`PostKey`); an `Order` compares
/// two records by their bytes.
final class RecordSorter: @unchecked Sendable {
    // @unchecked: used by one thread at a time (the ingest's reading thread, then its writer).
    typealias Less = @Sendable (UnsafeRawPointer, UnsafeRawPointer) -> Bool

    /// Records in order of `prefix`, a number read from each record once, then of `tie` among
    /// those with the same prefix: most comparisons are of two integers, not of two records.
    struct Order: Sendable {
        let prefix: @Sendable (UnsafeRawPointer) -> UInt64
        let tie: Less

        func less(_ a: UnsafeRawPointer, _ b: UnsafeRawPointer) -> Bool {
            let (x, y) = (prefix(a), prefix(b))
            return x != y ? x < y : tie(a, b)
        }
    }

    private let scratch: ScratchFolder
    private let memoryBytes: Int
    private let order: Order
    private var arena: [UInt8] = []
    private var starts: [Int] = []
    private var runs: [String] = []
    private var sortedInMemory = false
    /// Records appended.
    private(set) var count = 0

    init(scratch: ScratchFolder, memoryBytes: Int, order: Order) {
        self.scratch = scratch
        self.memoryBytes = memoryBytes
        self.order = order
    }

    deinit {
        for run in runs { unlink(run) }
    }

    /// Appends one record.
    func append(_ record: UnsafeRawBufferPointer) throws {
        starts.append(arena.count)
        arena.append(contentsOf: record)
        count += 1
        if arena.count >= memoryBytes { try spill() }
    }

    /// Appends the records `records` holds one after another.
    func append(records: [UInt8]) throws {
        guard !records.isEmpty else { return }
        var position = arena.count
        let end = position + records.count
        arena.append(contentsOf: records)
        arena.withUnsafeBytes { buffer in
            while position < end {
                starts.append(position)
                position += PostKey.length(buffer.baseAddress! + position)
                count += 1
            }
        }
        if arena.count >= memoryBytes { try spill() }
    }

    private func sortArena() {
        arena.withUnsafeBytes { buffer in
            guard let base = buffer.baseAddress else { return }
            var items = starts.map { (prefix: order.prefix(base + $0), start: $0) }
            let tie = order.tie
            items.sort { $0.prefix != $1.prefix ? $0.prefix < $1.prefix : tie(base + $0.start, base + $1.start) }
            for index in items.indices { starts[index] = items[index].start }
        }
    }

    private func spill() throws {
        sortArena()
        let path = try scratch.newFile("run")
        guard FileManager.default.createFile(atPath: path, contents: nil), let handle = FileHandle(forWritingAtPath: path) else {
            throw IngestError.badParameter("ingest cannot write \(path) in its scratch folder")
        }
        defer { try? handle.close() }
        var buffer: [UInt8] = []
        buffer.reserveCapacity(1 << 20)
        for start in starts {
            let length = arena.withUnsafeBytes { PostKey.length($0.baseAddress! + start) }
            buffer.append(contentsOf: arena[start..<(start + length)])
            if buffer.count >= 1 << 20 {
                try handle.write(contentsOf: buffer)
                buffer.removeAll(keepingCapacity: true)
            }
        }
        try handle.write(contentsOf: buffer)
        runs.append(path)
        arena = []
        starts = []
    }

    /// Calls `body` with every record in order; may be called again.
    func forEach(_ body: (UnsafeRawPointer) throws -> Void) throws {
        if runs.isEmpty {
            if !sortedInMemory {
                sortArena()
                sortedInMemory = true
            }
            try arena.withUnsafeBytes { buffer in
                for start in starts { try body(buffer.baseAddress! + start) }
            }
            return
        }
        if !starts.isEmpty { try spill() }
        let readers = try runs.map { try RunReader(path: $0) }
        // A binary heap of the runs by their current record.
        var heap = readers.indices.filter { readers[$0].current != nil }
        func below(_ a: Int, _ b: Int) -> Bool { order.less(readers[heap[a]].current!, readers[heap[b]].current!) }
        func siftDown(_ from: Int) {
            var parent = from
            while true {
                let left = 2 * parent + 1, right = left + 1
                var smallest = parent
                if left < heap.count, below(left, smallest) { smallest = left }
                if right < heap.count, below(right, smallest) { smallest = right }
                if smallest == parent { return }
                heap.swapAt(parent, smallest)
                parent = smallest
            }
        }
        for index in stride(from: heap.count / 2 - 1, through: 0, by: -1) { siftDown(index) }
        while let top = heap.first {
            try body(readers[top].current!)
            try readers[top].advance()
            if readers[top].current == nil {
                heap.swapAt(0, heap.count - 1)
                heap.removeLast()
            }
            if !heap.isEmpty { siftDown(0) }
        }
    }

    /// Reads a run file record by record through a buffer that grows to hold the largest record.
    private final class RunReader {
        private let descriptor: Int32
        private var storage: UnsafeMutableRawPointer
        private var capacity = 1 << 20
        private var start = 0
        private var end = 0
        private var ended = false
        /// The current record, valid until `advance`.
        private(set) var current: UnsafeRawPointer?

        init(path: String) throws {
            descriptor = open(path, O_RDONLY | O_CLOEXEC)
            storage = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 16)
            guard descriptor >= 0 else { throw IngestError.badParameter("ingest cannot read \(path) in its scratch folder") }
            try load()
        }

        deinit {
            if descriptor >= 0 { close(descriptor) }
            storage.deallocate()
        }

        /// Points `current` at the next whole record, reading more of the file as needed.
        private func load() throws {
            while true {
                if end - start >= PostKey.headerBytes, end - start >= PostKey.length(storage + start) {
                    current = UnsafeRawPointer(storage + start)
                    return
                }
                if ended {
                    current = nil
                    return
                }
                if start > 0 {
                    memmove(storage, storage + start, end - start)
                    end -= start
                    start = 0
                }
                if end == capacity {
                    let larger = UnsafeMutableRawPointer.allocate(byteCount: capacity * 2, alignment: 16)
                    larger.copyMemory(from: storage, byteCount: end)
                    storage.deallocate()
                    storage = larger
                    capacity *= 2
                }
                let count = read(descriptor, storage + end, capacity - end)
                if count < 0 && errno == EINTR { continue }
                guard count >= 0 else { throw IngestError.badParameter("ingest cannot read a spill file of its scratch folder") }
                if count == 0 { ended = true }
                end += count
            }
        }

        func advance() throws {
            start += PostKey.length(current!)
            current = nil
            try load()
        }
    }
}

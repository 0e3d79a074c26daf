import CArchive

/// A decompressed stream whose first bytes can be looked at before it is read, and whose
/// every byte is charged to the archive's meter as it is handed out.
final class StreamSource {
    private let stream: any ByteStream
    private let meter: Meter
    /// The peeked bytes, handed out first.
    private var head: UnsafeMutableRawBufferPointer?

    init(_ stream: any ByteStream, meter: Meter) {
        self.stream = stream
        self.meter = meter
    }

    deinit {
        head?.deallocate()
        retired?.deallocate()
    }

    var archiveName: String { meter.archive }

    /// At least the first `count` bytes (fewer only if the stream is shorter); `next` hands
    /// them out again.
    func peek(_ count: Int) throws -> [UInt8] {
        var bytes: [UInt8] = []
        while bytes.count < count {
            let block = try stream.next()
            if block.isEmpty { break }
            bytes.append(contentsOf: block)
        }
        if !bytes.isEmpty {
            let copy = UnsafeMutableRawBufferPointer.allocate(byteCount: bytes.count, alignment: 16)
            copy.copyBytes(from: bytes)
            head = copy
        }
        return bytes
    }

    func next() throws -> UnsafeRawBufferPointer {
        let block: UnsafeRawBufferPointer
        if let head {
            // Kept until the next call, as libarchive expects of a block it was given.
            block = UnsafeRawBufferPointer(head)
            self.head = nil
            retired = head
        } else {
            retired?.deallocate()
            retired = nil
            block = try stream.next()
        }
        try meter.charge(block.count)
        return block
    }

    private var retired: UnsafeMutableRawBufferPointer?
}

/// The client of libarchive's tar reader: hands it the decompressed stream block by block,
/// showing each block to the scanner first.
final class TarFeed {
    let source: StreamSource
    var scanner = TarScanner()
    /// An error thrown while libarchive was reading (it only sees "fatal").
    private(set) var failure: (any Error)?

    init(source: StreamSource) {
        self.source = source
    }

    func read(_ buffer: UnsafeMutablePointer<UnsafeRawPointer?>) -> Int {
        do {
            let block = try source.next()
            scanner.feed(block)
            buffer.pointee = block.baseAddress
            return block.count
        } catch {
            failure = error
            return Int(ARCHIVE_FATAL)
        }
    }

    /// Reads the stream to its end after libarchive's end of archive, checking that only zeros
    /// follow (and, for gzip, every member's checksum).
    func drain() throws {
        while true {
            let block = try source.next()
            if block.isEmpty { break }
            scanner.feed(block)
        }
        if let problem = scanner.archiveProblem {
            throw IngestError.malformed(archive: source.archiveName, entry: nil, problem: problem)
        }
        if scanner.bytesAfterEnd > 0 {
            throw IngestError.malformed(archive: source.archiveName, entry: nil, problem:
                "\(scanner.bytesAfterEnd) bytes that are not zero follow the tar archive's end block (a second archive "
                + "appended, with entries other tools read?)")
        }
    }
}

import CArchive
import Foundation

/// The decompressed bytes of an archive file, block by block. A block stays valid until the
/// next call; an empty block is the end.
protocol ByteStream: AnyObject {
    /// The compression the file had (`none`, `gzip`, `bzip2`, `xz`, `zstd`).
    var compression: String { get }
    /// Bytes of the file read so far, as stored (compressed): how far through the file it is.
    var bytesRead: Int64 { get }
    func next() throws -> UnsafeRawBufferPointer
}

/// The compression that `head`, the first bytes of a file, announces, of those ingest reads.
func announcedCompression(_ head: some Sequence<UInt8>) -> String? {
    let magics: [(String, [UInt8])] = [
        ("gzip", [0x1F, 0x8B]), ("bzip2", Array("BZh".utf8)), ("xz", [0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00]),
        ("zstd", [0x28, 0xB5, 0x2F, 0xFD]),
    ]
    return magics.first { head.starts(with: $0.1) }?.0
}

/// The stream for the file at `path`, chosen by its first bytes.
func openStream(path: String, archive: String, head: [UInt8]) throws -> any ByteStream {
    switch announcedCompression(head) {
    case "gzip"?: try GzipStream(path: path, archive: archive)
    case nil: try FileStream(path: path, archive: archive)
    default: try FilterStream(path: path, archive: archive)
    }
}

/// A file opened for reading with `read(2)` and `pread(2)`.
final class RawFile {
    let descriptor: Int32
    let size: Int64
    /// Bytes `read(into:)` has read.
    private(set) var bytesRead: Int64 = 0
    private let archive: String

    init(path: String, archive: String) throws {
        self.archive = archive
        descriptor = Glibc.open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw IngestError.unreadable(archive: archive, entry: nil, message: String(cString: strerror(errno)))
        }
        var info = stat()
        fstat(descriptor, &info)
        size = Int64(info.st_size)
    }

    deinit { close(descriptor) }

    /// Reads up to `buffer.count` bytes at the current position; 0 at the end.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        while true {
            let count = Glibc.read(descriptor, buffer.baseAddress, buffer.count)
            if count >= 0 {
                bytesRead += Int64(count)
                return count
            }
            if errno != EINTR { throw IngestError.unreadable(archive: archive, entry: nil, message: String(cString: strerror(errno))) }
        }
    }

    /// Exactly `count` bytes at `offset`, or fewer if the file ends first.
    func read(at offset: Int64, count: Int) -> [UInt8] {
        guard count > 0, offset >= 0 else { return [] }
        var bytes = [UInt8](repeating: 0, count: count)
        var done = 0
        while done < count {
            let got = bytes.withUnsafeMutableBytes { buffer in
                pread(descriptor, buffer.baseAddress! + done, count - done, off_t(offset) + off_t(done))
            }
            if got < 0 && errno == EINTR { continue }
            guard got > 0 else { break }
            done += got
        }
        return Array(bytes.prefix(done))
    }
}

/// An uncompressed file.
final class FileStream: ByteStream {
    let compression = "none"
    private let file: RawFile
    private let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 256 << 10, alignment: 16)

    init(path: String, archive: String) throws {
        file = try RawFile(path: path, archive: archive)
    }

    deinit { buffer.deallocate() }

    var bytesRead: Int64 { file.bytesRead }

    func next() throws -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: buffer[..<(try file.read(into: buffer))])
    }
}

/// A gzip file inflated with zlib member by member, so that each member's CRC-32 and length
/// are checked (libarchive 3.6 skips that check). After the last member only zero bytes (tape
/// padding) may follow; anything else could be a second file hidden from other tools.
final class GzipStream: ByteStream {
    let compression = "gzip"
    private let archive: String
    private let file: RawFile
    private var stream = z_stream()
    private let input = UnsafeMutableRawBufferPointer.allocate(byteCount: 256 << 10, alignment: 16)
    private let output = UnsafeMutableRawBufferPointer.allocate(byteCount: 256 << 10, alignment: 16)
    private var inputEnded = false
    private var inMember = false
    private var finished = false
    private var members = 0

    init(path: String, archive: String) throws {
        self.archive = archive
        file = try RawFile(path: path, archive: archive)
        // 15 + 16: a window of 32 KiB, with the gzip header and trailer (CRC-32, length) checked.
        guard inflateInit2_(&stream, 15 + 16, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw IngestError.unreadable(archive: archive, entry: nil, message: "zlib could not start")
        }
    }

    deinit {
        inflateEnd(&stream)
        input.deallocate()
        output.deallocate()
    }

    var bytesRead: Int64 { file.bytesRead }

    /// Moves the unread input to the front of the buffer and reads more after it.
    private func refill() throws {
        let left = Int(stream.avail_in)
        if left > 0, let from = stream.next_in, UnsafeMutableRawPointer(from) != input.baseAddress {
            memmove(input.baseAddress!, from, left)
        }
        let read = try file.read(into: UnsafeMutableRawBufferPointer(rebasing: input[left...]))
        if read == 0 { inputEnded = true }
        stream.next_in = input.baseAddress!.assumingMemoryBound(to: Bytef.self)
        stream.avail_in = uInt(left + read)
    }

    private var unread: UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: stream.next_in, count: Int(stream.avail_in))
    }

    func next() throws -> UnsafeRawBufferPointer {
        while !finished {
            if stream.avail_in < 2 && !inputEnded { try refill() }
            if !inMember {
                if stream.avail_in == 0 && inputEnded {
                    finished = true
                    break
                }
                if unread.starts(with: [0x1F, 0x8B]) {
                    inflateReset(&stream)
                    inMember = true
                    members += 1
                } else {
                    try consumeTrailer()
                    continue
                }
            }
            stream.next_out = output.baseAddress!.assumingMemoryBound(to: Bytef.self)
            stream.avail_out = uInt(output.count)
            let status = inflate(&stream, Z_NO_FLUSH)
            let produced = output.count - Int(stream.avail_out)
            switch status {
            case Z_STREAM_END:
                inMember = false
            case Z_OK:
                break
            case Z_BUF_ERROR:
                if inputEnded && stream.avail_in == 0 {
                    throw IngestError.damaged(archive: archive, entry: nil,
                                              problem: "the gzip data ends in the middle of member \(members) (the file is truncated)")
                }
            default:
                let message = stream.msg.map { String(cString: $0) } ?? "zlib error \(status)"
                throw IngestError.damaged(archive: archive, entry: nil, problem: Self.explain(message, member: members))
            }
            if produced > 0 { return UnsafeRawBufferPointer(start: output.baseAddress, count: produced) }
        }
        return UnsafeRawBufferPointer(start: nil, count: 0)
    }

    /// Bytes after the last member: zeros are padding; anything else is refused, as gzip(1)
    /// would stop reading there and another tool might not.
    private func consumeTrailer() throws {
        while true {
            if unread.contains(where: { $0 != 0 }) {
                throw IngestError.malformed(
                    archive: archive, entry: nil,
                    problem: "bytes that are neither gzip data nor zero padding follow gzip member \(members) "
                        + "(a second file appended to the archive?)")
            }
            stream.avail_in = 0
            if inputEnded {
                finished = true
                return
            }
            try refill()
        }
    }

    private static func explain(_ message: String, member: Int) -> String {
        switch message {
        case "incorrect data check": "gzip member \(member) fails its CRC-32 check: its data is not what was compressed"
        case "incorrect length check": "gzip member \(member) has the wrong length in its trailer (ISIZE)"
        default: "gzip member \(member) cannot be inflated: \(message)"
        }
    }
}

/// A bzip2, xz or zstd file, decompressed by libarchive's filters (which check their CRCs).
final class FilterStream: ByteStream {
    let compression: String
    private let archive: String
    private let handle: OpaquePointer
    private var ended = false

    init(path: String, archive: String) throws {
        self.archive = archive
        guard let handle = archive_read_new() else {
            throw IngestError.unreadable(archive: archive, entry: nil, message: "out of memory")
        }
        self.handle = handle
        archive_read_support_filter_bzip2(handle)
        archive_read_support_filter_xz(handle)
        archive_read_support_filter_zstd(handle)
        archive_read_support_format_raw(handle)
        archive_read_support_format_empty(handle)
        var entry: OpaquePointer?
        guard archive_read_open_filename(handle, path, 1 << 16) == ARCHIVE_OK else {
            throw IngestError.unreadable(archive: archive, entry: nil, message: Self.message(handle))
        }
        compression = archive_filter_name(handle, 0).map { String(cString: $0) } ?? "unknown"
        // The chain counts the file itself: more than one filter on it is compression inside compression.
        if archive_filter_count(handle) > 2 {
            let inner = archive_filter_name(handle, 0).map { String(cString: $0) } ?? "?"
            let outer = archive_filter_name(handle, archive_filter_count(handle) - 2).map { String(cString: $0) } ?? "?"
            throw IngestError.nested(archive: archive, outer: outer, inner: inner)
        }
        switch archive_read_next_header(handle, &entry) {
        case ARCHIVE_OK: break
        case ARCHIVE_EOF: ended = true
        default: throw IngestError.damaged(archive: archive, entry: nil, problem: Self.message(handle))
        }
    }

    deinit { archive_read_free(handle) }

    /// The last filter of libarchive's chain is the file itself.
    var bytesRead: Int64 { archive_filter_bytes(handle, -1) }

    static func message(_ handle: OpaquePointer) -> String {
        archive_error_string(handle).map { String(cString: $0) } ?? "unknown libarchive error"
    }

    func next() throws -> UnsafeRawBufferPointer {
        while !ended {
            var buffer: UnsafeRawPointer?
            var size = 0
            var offset: Int64 = 0
            let status = archive_read_data_block(handle, &buffer, &size, &offset)
            if status == ARCHIVE_EOF { break }
            guard status == ARCHIVE_OK else {
                throw IngestError.damaged(archive: archive, entry: nil, problem: "\(compression) data: " + Self.message(handle))
            }
            if size > 0 { return UnsafeRawBufferPointer(start: buffer, count: size) }
        }
        ended = true
        return UnsafeRawBufferPointer(start: nil, count: 0)
    }
}

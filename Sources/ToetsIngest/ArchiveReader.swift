import CArchive
import Foundation

/// What kind of thing an entry is; only regular files are read.
package enum ArchiveEntryType: String, Sendable, Codable {
    case regular, directory, symlink, hardlink, characterDevice = "character-device", blockDevice = "block-device",
         fifo, socket
}

/// One entry of an archive, before its data is read.
package struct ArchiveEntryHeader: Sendable {
    /// The name as UTF-8 text; nil if its bytes are not valid UTF-8.
    package var name: String?
    /// The raw bytes of the name, for messages about names that are not text.
    package var rawName: [UInt8]
    package var type: ArchiveEntryType
    /// Why the archive's structure makes this entry unreadable (a sparse file, a name given
    /// twice in its headers), if it does.
    package var problem: String?
}

/// Reads an archive entry by entry, streaming each entry's decompressed bytes, never writing
/// to disk. Tar (ustar, pax, GNU), optionally gzip, bzip2, xz or zstd compressed, and zip are
/// read; a file that is neither is read as one entry (plain or compressed). RAR, 7z and every
/// other format are refused, as is compression inside compression.
///
/// Every check a format has is made: gzip members are inflated with zlib so that their CRC-32
/// and length are checked; a tar stream's headers are followed alongside libarchive (`TarScanner`)
/// and must end in zeros; a zip's central directory must agree with its local headers
/// (`ZipDirectory`); a libarchive warning other than a character-set one stops the archive.
/// Limits are enforced on the bytes that actually come out of the decompressor.
package final class ArchiveReader {
    private enum Mode {
        /// libarchive reads the tar stream through a callback that also feeds the scanner.
        case tar(OpaquePointer, TarFeed)
        case zip(OpaquePointer, ZipDirectory)
        /// Not an archive: the (decompressed) file is the only entry.
        case single(name: String, source: StreamSource, done: Bool)
        /// No bytes at all.
        case empty
    }

    package let archiveName: String
    /// The compression around the archive (`none`, `gzip`, …; zip's own is not counted).
    package let compression: String
    private let limits: IngestLimits
    private let meter: Meter
    private var mode: Mode
    /// The file's bytes as stored, and the stream that reads them (nil for zip).
    package let fileSize: Int64
    private var stream: (any ByteStream)?
    private var entryBytes: Int64 = 0

    /// Opens `path`; `archiveName` is what messages call it.
    package init(path: String, archiveName: String, limits: IngestLimits, budget: IngestBudget) throws {
        self.archiveName = archiveName
        self.limits = limits
        let file = try RawFile(path: path, archive: archiveName)
        fileSize = file.size
        meter = Meter(archive: archiveName, archiveSize: file.size, limits: limits, budget: budget)
        let head = file.read(at: 0, count: 512)
        if let refused = Self.refusedFormat(magic: head) {
            throw IngestError.refusedFormat(archive: archiveName, format: refused)
        }
        if head.starts(with: [0x50, 0x4B, 0x03, 0x04]) || head.starts(with: [0x50, 0x4B, 0x05, 0x06])
            || head.starts(with: [0x50, 0x4B, 0x07, 0x08])
            || (announcedCompression(head) == nil && ZipDirectory.endsWithEndRecord(file)) {
            let directory = try ZipDirectory(file: file, archive: archiveName, limits: limits)
            mode = .zip(try Self.libarchive(archiveName) { handle in
                archive_read_support_format_zip(handle)
                return archive_read_open_filename(handle, path, 1 << 16)
            }, directory)
            compression = "none"
            return
        }
        let stream = try openStream(path: path, archive: archiveName, head: head)
        compression = stream.compression
        self.stream = stream
        let source = StreamSource(stream, meter: meter)
        let streamHead = try source.peek(512)
        if streamHead.isEmpty {
            mode = .empty
        } else if compression != "none", let inner = NestedArchive.kind(streamHead), inner != "tar" {
            throw IngestError.nested(archive: archiveName, outer: compression, inner: inner == "zip" ? "a zip archive" : inner)
        } else if TarScanner.looksLikeTar(streamHead) {
            let feed = TarFeed(source: source)
            mode = .tar(try Self.libarchive(archiveName) { handle in
                archive_read_support_format_tar(handle)
                return archive_read_open(handle, Unmanaged.passUnretained(feed).toOpaque(), nil, { _, client, buffer in
                    Unmanaged<TarFeed>.fromOpaque(client!).takeUnretainedValue().read(buffer!)
                }, nil)
            }, feed)
        } else {
            mode = .single(name: Self.strippingCompressionExtension(archiveName), source: source, done: false)
        }
    }

    deinit {
        switch mode {
        case .tar(let handle, _), .zip(let handle, _): archive_read_free(handle)
        default: break
        }
    }

    /// A libarchive reader set up by `open`, which returns the status of opening it.
    private static func libarchive(_ archive: String, _ open: (OpaquePointer) -> Int32) throws -> OpaquePointer {
        guard let handle = archive_read_new() else {
            throw IngestError.unreadable(archive: archive, entry: nil, message: "out of memory")
        }
        guard open(handle) == ARCHIVE_OK else {
            let message = errorMessage(handle)
            archive_read_free(handle)
            throw IngestError.unreadable(archive: archive, entry: nil, message: message)
        }
        return handle
    }

    /// Magic numbers of archive and compression formats that are refused rather than read as a plain file.
    package static func refusedFormat(magic head: [UInt8]) -> String? {
        let signatures: [(String, [UInt8])] = [
            ("RAR", Array("Rar!\u{1A}\u{07}".utf8)),
            ("7z", [0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C]),
            ("CAB", Array("MSCF".utf8)),
            ("XAR", Array("xar!".utf8)),
            ("LHA", Array("-lh".utf8)),
            ("cpio", Array("070707".utf8)),
            ("cpio", Array("070701".utf8)),
            ("cpio", Array("070702".utf8)),
            ("ar", Array("!<arch>\n".utf8)),
            ("lz4", [0x04, 0x22, 0x4D, 0x18]),
            ("lzip", Array("LZIP".utf8)),
            ("compress (.Z)", [0x1F, 0x9D]),
        ]
        for (name, magic) in signatures where head.starts(with: magic) { return name }
        if head.count > 2 + 3, Array(head[2..<5]) == Array("-lh".utf8) { return "LHA" }
        return nil
    }

    private static func strippingCompressionExtension(_ name: String) -> String {
        for suffix in [".gz", ".bz2", ".xz", ".zst"] where name.hasSuffix(suffix) {
            return String(name.dropLast(suffix.count))
        }
        return name
    }

    static func errorMessage(_ archive: OpaquePointer) -> String {
        archive_error_string(archive).map { String(cString: $0) } ?? "unknown libarchive error"
    }

    /// libarchive warns when a name cannot be shown in the current locale; Toets checks names itself.
    private static func isCharacterSetWarning(_ message: String) -> Bool {
        message.contains("can't be converted") || message.contains("cannot be converted")
    }

    // MARK: Entries

    /// The next entry's header, or nil at the end of the archive (once every byte after it
    /// has been checked).
    package func nextEntry() throws -> ArchiveEntryHeader? {
        let handle: OpaquePointer
        switch mode {
        case .empty:
            return nil
        case .single(let name, let source, let done):
            if done {
                while try !source.next().isEmpty {}
                return nil
            }
            mode = .single(name: name, source: source, done: true)
            return try begin(ArchiveEntryHeader(name: name, rawName: Array(name.utf8), type: .regular))
        case .tar(let tar, _), .zip(let tar, _):
            handle = tar
        }
        var entry: OpaquePointer?
        let status = archive_read_next_header(handle, &entry)
        if case .tar(_, let feed) = mode {
            if let failure = feed.failure { throw failure }
            if let problem = feed.scanner.archiveProblem {
                throw IngestError.malformed(archive: archiveName, entry: nil, problem: problem)
            }
            if status == ARCHIVE_EOF {
                try feed.drain()
                return nil
            }
        }
        if status == ARCHIVE_EOF { return nil }
        guard status == ARCHIVE_OK || status == ARCHIVE_WARN, let entry else {
            throw IngestError.unreadable(archive: archiveName, entry: meter.entry, message: Self.errorMessage(handle))
        }
        var rawName: [UInt8] = []
        if let raw = archive_entry_pathname_utf8(entry) ?? archive_entry_pathname(entry) {
            rawName = Array(UnsafeRawBufferPointer(start: raw, count: strlen(raw)))
        }
        if status == ARCHIVE_WARN, !Self.isCharacterSetWarning(Self.errorMessage(handle)) {
            throw IngestError.malformed(archive: archiveName, entry: EntryName.display(rawName),
                                        problem: "libarchive: " + Self.errorMessage(handle))
        }
        var problem: String?
        switch mode {
        case .tar(_, let feed):
            if let finding = feed.scanner.takeFinding() {
                if let name = finding.rawName { rawName = name }
                problem = finding.problem
                if finding.sparse { problem = problem ?? Self.sparseProblem }
            }
        case .zip(_, let directory):
            if let full = directory.namesWithNUL[rawName] { rawName = full }
        default:
            break
        }
        if archive_entry_sparse_count(entry) > 0 { problem = problem ?? Self.sparseProblem }
        if archive_entry_size_is_set(entry) != 0, archive_entry_size(entry) > limits.maxEntryBytes {
            throw IngestError.limitExceeded(archive: archiveName, entry: EntryName.display(rawName), limit: .maxEntryBytes,
                                            value: "declares \(archive_entry_size(entry)) bytes",
                                            allowed: "\(limits.maxEntryBytes) bytes")
        }
        var type: ArchiveEntryType
        switch archive_entry_filetype(entry) {
        case 0o100000: type = .regular
        case 0o040000: type = .directory
        case 0o120000: type = .symlink
        case 0o020000: type = .characterDevice
        case 0o060000: type = .blockDevice
        case 0o010000: type = .fifo
        case 0o140000: type = .socket
        default: type = .regular
        }
        if archive_entry_hardlink(entry) != nil { type = .hardlink }
        return try begin(ArchiveEntryHeader(name: String(validating: rawName, as: UTF8.self), rawName: rawName,
                                            type: type, problem: problem))
    }

    private static let sparseProblem = "a sparse file (holes that may claim terabytes); sparse entries are not read"

    /// Counts the entry and makes it the one messages name.
    private func begin(_ header: ArchiveEntryHeader) throws -> ArchiveEntryHeader {
        meter.budget.entries += 1
        if meter.budget.entries > limits.maxEntries {
            throw IngestError.limitExceeded(archive: archiveName, entry: nil, limit: .maxEntries,
                                            value: "\(meter.budget.entries) entries", allowed: "\(limits.maxEntries)")
        }
        meter.entry = EntryName.display(header.rawName)
        entryBytes = 0
        return header
    }

    /// Calls `body` with each decompressed block of the current entry, in order, counting
    /// every byte against the limits. A failed integrity check (a zip entry's CRC-32 or size)
    /// stops the archive.
    package func readData(_ body: (UnsafeRawBufferPointer) throws -> Void) throws {
        let handle: OpaquePointer
        switch mode {
        case .empty:
            return
        case .single(_, let source, _):
            while true {
                let block = try source.next()
                if block.isEmpty { return }
                try account(block.count)
                try body(block)
            }
        case .tar(let tar, _), .zip(let tar, _):
            handle = tar
        }
        var buffer: UnsafeRawPointer?
        var size = 0
        var offset: Int64 = 0
        while true {
            let status = archive_read_data_block(handle, &buffer, &size, &offset)
            if case .tar(_, let feed) = mode, let failure = feed.failure { throw failure }
            if status == ARCHIVE_EOF { return }
            if status == ARCHIVE_WARN {
                throw IngestError.damaged(archive: archiveName, entry: meter.entry, problem: Self.errorMessage(handle))
            }
            guard status == ARCHIVE_OK else {
                throw IngestError.unreadable(archive: archiveName, entry: meter.entry, message: Self.errorMessage(handle))
            }
            if case .zip = mode { try meter.charge(size) }
            try account(size)
            if size > 0, let buffer { try body(UnsafeRawBufferPointer(start: buffer, count: size)) }
        }
    }

    /// Skips the current entry's data (it is still decompressed, checked and counted).
    package func skipData() throws {
        try readData { _ in }
    }

    private func account(_ bytes: Int) throws {
        entryBytes += Int64(bytes)
        if entryBytes > limits.maxEntryBytes {
            throw IngestError.limitExceeded(archive: archiveName, entry: meter.entry, limit: .maxEntryBytes,
                                            value: "\(entryBytes)+ bytes", allowed: "\(limits.maxEntryBytes) bytes")
        }
    }

    /// Bytes of the archive file read so far, as stored (compressed): for progress.
    package var fileBytesRead: Int64 {
        if case .zip(let handle, _) = mode { return archive_filter_bytes(handle, -1) }
        return stream?.bytesRead ?? 0
    }

    /// Whether the file is not an archive but the one entry itself (plain or compressed).
    package var isSingleFile: Bool {
        if case .single = mode { return true }
        return false
    }

    /// The format libarchive detected, once the first header has been read.
    package var formatName: String {
        switch mode {
        case .tar(let handle, _), .zip(let handle, _): archive_format_name(handle).map { String(cString: $0) } ?? "unknown"
        case .single: "raw"
        case .empty: "empty"
        }
    }
}

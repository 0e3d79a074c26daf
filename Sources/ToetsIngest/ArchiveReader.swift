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
}

/// Reads an archive entry by entry, streaming each entry's decompressed bytes, never writing
/// to disk. Tar (ustar, pax, GNU) and zip are read, each optionally gzip, bzip2, xz or zstd
/// compressed; a file that is no archive is read as one entry (plain or compressed). RAR, 7z
/// and every other format are refused.
///
/// Limits are enforced on the bytes that actually come out of the decompressor.
package final class ArchiveReader {
    /// The formats a reader may be opened with.
    private enum Format {
        case tar, zip
        /// Not an archive: the file itself (possibly compressed) is the only entry.
        case single
    }

    package let archiveName: String
    private let handle: OpaquePointer
    private let limits: IngestLimits
    private let budget: IngestBudget
    private let archiveSize: Int64
    private var currentEntry: String?
    private var entryBytes: Int64 = 0
    private var singleEntryName: String?

    /// Opens `path`; `archiveName` is what messages call it.
    package init(path: String, archiveName: String, limits: IngestLimits, budget: IngestBudget) throws {
        self.archiveName = archiveName
        self.limits = limits
        self.budget = budget
        archiveSize = Int64((try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0)
        if let archive = try Self.open(path, formats: [.tar, .zip], archiveName: archiveName) {
            handle = archive
            return
        }
        if let refused = Self.refusedFormat(path) {
            throw IngestError.refusedFormat(archive: archiveName, format: refused)
        }
        guard let single = try Self.open(path, formats: [.single], archiveName: archiveName) else {
            throw IngestError.unreadable(archive: archiveName, entry: nil, message: "not a file libarchive can open")
        }
        handle = single
        singleEntryName = Self.strippingCompressionExtension(archiveName)
    }

    deinit {
        archive_read_free(handle)
    }

    private static func open(_ path: String, formats: [Format], archiveName: String) throws -> OpaquePointer? {
        guard let archive = archive_read_new() else {
            throw IngestError.unreadable(archive: archiveName, entry: nil, message: "out of memory")
        }
        archive_read_support_filter_gzip(archive)
        archive_read_support_filter_bzip2(archive)
        archive_read_support_filter_xz(archive)
        archive_read_support_filter_zstd(archive)
        for format in formats {
            switch format {
            case .tar: archive_read_support_format_tar(archive); archive_read_support_format_gnutar(archive)
            case .zip: archive_read_support_format_zip(archive)
            case .single: archive_read_support_format_raw(archive); archive_read_support_format_empty(archive)
            }
        }
        guard archive_read_open_filename(archive, path, 1 << 16) == ARCHIVE_OK else {
            let message = errorMessage(archive)
            archive_read_free(archive)
            if message.contains("Unrecognized archive format") { return nil }
            throw IngestError.unreadable(archive: archiveName, entry: nil, message: message)
        }
        // The format is known once the first header is read: see `formatName`.
        return archive
    }

    /// Magic numbers of archive formats that are refused rather than read as a plain file.
    private static func refusedFormat(_ path: String) -> String? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        let head = [UInt8](handle.readData(ofLength: 512))
        return refusedFormat(magic: head)
    }

    /// The name of a refused archive format whose magic `head` starts with, if any.
    package static func refusedFormat(magic head: [UInt8]) -> String? {
        let signatures: [(String, [UInt8])] = [
            ("RAR", Array("Rar!\u{1A}\u{07}".utf8)),
            ("7z", [0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C]),
            ("CAB", Array("MSCF".utf8)),
            ("XAR", Array("xar!".utf8)),
            ("LHA", Array("-lh".utf8)),
            ("cpio", Array("070707".utf8)),
            ("cpio", Array("070701".utf8)),
            ("ar", Array("!<arch>\n".utf8)),
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

    private static func errorMessage(_ archive: OpaquePointer) -> String {
        archive_error_string(archive).map { String(cString: $0) } ?? "unknown libarchive error"
    }

    /// The next entry's header, or nil at the end of the archive.
    package func nextEntry() throws -> ArchiveEntryHeader? {
        var entry: OpaquePointer?
        let status = archive_read_next_header(handle, &entry)
        if status == ARCHIVE_EOF { return nil }
        guard status == ARCHIVE_OK || status == ARCHIVE_WARN, let entry else {
            throw IngestError.unreadable(archive: archiveName, entry: currentEntry, message: Self.errorMessage(handle))
        }
        budget.entries += 1
        if budget.entries > limits.maxEntries {
            throw IngestError.limitExceeded(archive: archiveName, entry: nil, limit: .maxEntries,
                                            value: "\(budget.entries) entries", allowed: "\(limits.maxEntries)")
        }
        var rawName: [UInt8]
        if let single = singleEntryName {
            rawName = Array(single.utf8)
        } else if let utf8 = archive_entry_pathname_utf8(entry) {
            rawName = Array(UnsafeBufferPointer(start: UnsafeRawPointer(utf8).assumingMemoryBound(to: UInt8.self),
                                                count: strlen(utf8)))
        } else if let raw = archive_entry_pathname(entry) {
            rawName = Array(UnsafeBufferPointer(start: UnsafeRawPointer(raw).assumingMemoryBound(to: UInt8.self),
                                                count: strlen(raw)))
        } else {
            rawName = []
        }
        let name = String(validating: rawName, as: UTF8.self)
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
        currentEntry = name ?? String(decoding: rawName, as: UTF8.self)
        entryBytes = 0
        return ArchiveEntryHeader(name: name, rawName: rawName, type: type)
    }

    /// Calls `body` with each decompressed block of the current entry, in order, counting
    /// every byte against the limits.
    package func readData(_ body: (UnsafeRawBufferPointer) throws -> Void) throws {
        var buffer: UnsafeRawPointer?
        var size = 0
        var offset: Int64 = 0
        while true {
            let status = archive_read_data_block(handle, &buffer, &size, &offset)
            if status == ARCHIVE_EOF { return }
            guard status == ARCHIVE_OK || status == ARCHIVE_WARN else {
                throw IngestError.unreadable(archive: archiveName, entry: currentEntry, message: Self.errorMessage(handle))
            }
            try account(Int64(size))
            if size > 0, let buffer { try body(UnsafeRawBufferPointer(start: buffer, count: size)) }
        }
    }

    /// Skips the current entry's data (it is still decompressed for zip and counted).
    package func skipData() throws {
        try readData { _ in }
    }

    private func account(_ bytes: Int64) throws {
        entryBytes += bytes
        budget.bytes += bytes
        if entryBytes > limits.maxEntryBytes {
            throw IngestError.limitExceeded(archive: archiveName, entry: currentEntry, limit: .maxEntryBytes,
                                            value: "\(entryBytes)+ bytes", allowed: "\(limits.maxEntryBytes) bytes")
        }
        if budget.bytes > limits.maxTotalBytes {
            throw IngestError.limitExceeded(archive: archiveName, entry: currentEntry, limit: .maxTotalBytes,
                                            value: "\(budget.bytes)+ bytes", allowed: "\(limits.maxTotalBytes) bytes")
        }
        budget.archiveBytes[archiveName, default: 0] += bytes
        let fromArchive = budget.archiveBytes[archiveName]!
        if fromArchive > limits.ratioGraceBytes {
            let ratio = Double(fromArchive) / Double(max(archiveSize, 1))
            if ratio > limits.maxRatio {
                throw IngestError.limitExceeded(
                    archive: archiveName, entry: currentEntry, limit: .maxRatio,
                    value: String(format: "%.0f:1 after %lld bytes from a %lld-byte archive", ratio, fromArchive, archiveSize),
                    allowed: String(format: "%.0f:1", limits.maxRatio))
            }
        }
        if budget.elapsedSeconds > limits.maxSeconds {
            throw IngestError.limitExceeded(archive: archiveName, entry: currentEntry, limit: .maxSeconds,
                                            value: String(format: "%.0f s", budget.elapsedSeconds),
                                            allowed: String(format: "%.0f s", limits.maxSeconds))
        }
    }

    /// The format libarchive detected, once the first header has been read.
    package var formatName: String {
        archive_format_name(handle).map { String(cString: $0) } ?? "unknown"
    }
}

/// What the archives of one ingest have used up so far, shared by its readers.
package final class IngestBudget {
    package var bytes: Int64 = 0
    package var entries = 0
    package var archiveBytes: [String: Int64] = [:]
    private let start = ContinuousClock.now

    package init() {}

    package var elapsedSeconds: Double { (ContinuousClock.now - start) / .seconds(1) }
}

import CArchive
import Foundation

/// Writes tar.gz and zip archives byte-for-byte reproducibly (fixed times, owners and modes):
/// for the demo data generator and for tests that build hostile archives.
package final class ArchiveWriter {
    package enum Format: Sendable {
        case tarGzip, tar, zip
        /// One gzip-compressed file, no archive: write exactly one entry.
        case gzipFile
    }

    /// What to write as an entry.
    package enum Entry: Sendable {
        case file([UInt8])
        case directory
        case symlink(to: String)
        case hardlink(to: String)
        case characterDevice
        case fifo
    }

    private let handle: OpaquePointer
    private let path: String
    private var finished = false

    package init(path: String, format: Format) throws {
        guard let archive = archive_write_new() else { throw IngestError.badParameter("libarchive: out of memory") }
        handle = archive
        self.path = path
        switch format {
        case .tarGzip:
            archive_write_set_format_pax_restricted(archive)
            archive_write_add_filter_gzip(archive)
            // No timestamp or name in the gzip header, so equal content gives equal bytes.
            archive_write_set_filter_option(archive, "gzip", "timestamp", nil)
        case .tar:
            archive_write_set_format_pax_restricted(archive)
        case .zip:
            archive_write_set_format_zip(archive)
        case .gzipFile:
            archive_write_set_format_raw(archive)
            archive_write_add_filter_gzip(archive)
            archive_write_set_filter_option(archive, "gzip", "timestamp", nil)
        }
        guard archive_write_open_filename(archive, path) == ARCHIVE_OK else {
            throw IngestError.unreadable(archive: path, entry: nil, message: Self.message(archive))
        }
    }

    deinit {
        if !finished { archive_write_close(handle) }
        archive_write_free(handle)
    }

    private static func message(_ archive: OpaquePointer) -> String {
        archive_error_string(archive).map { String(cString: $0) } ?? "unknown libarchive error"
    }

    /// Adds an entry named by raw bytes (so tests can write names that are not valid UTF-8).
    package func add(nameBytes: [UInt8], _ entry: Entry, mtime: Int = 1_767_225_600) throws {
        guard let header = archive_entry_new() else { throw IngestError.badParameter("libarchive: out of memory") }
        defer { archive_entry_free(header) }
        var name = nameBytes.map { CChar(bitPattern: $0) }
        name.append(0)
        archive_entry_copy_pathname(header, name)
        archive_entry_set_mtime(header, mtime, 0)
        archive_entry_set_uid(header, 0)
        archive_entry_set_gid(header, 0)
        var data: [UInt8] = []
        switch entry {
        case .file(let bytes):
            archive_entry_set_filetype(header, 0o100000)
            archive_entry_set_perm(header, 0o644)
            archive_entry_set_size(header, Int64(bytes.count))
            data = bytes
        case .directory:
            archive_entry_set_filetype(header, 0o040000)
            archive_entry_set_perm(header, 0o755)
        case .symlink(let target):
            archive_entry_set_filetype(header, 0o120000)
            archive_entry_set_perm(header, 0o777)
            archive_entry_copy_symlink(header, target)
        case .hardlink(let target):
            archive_entry_set_filetype(header, 0o100000)
            archive_entry_set_perm(header, 0o644)
            archive_entry_copy_hardlink(header, target)
        case .characterDevice:
            archive_entry_set_filetype(header, 0o020000)
            archive_entry_set_perm(header, 0o600)
            archive_entry_set_rdev(header, 0x0103)
        case .fifo:
            archive_entry_set_filetype(header, 0o010000)
            archive_entry_set_perm(header, 0o600)
        }
        guard archive_write_header(handle, header) >= ARCHIVE_WARN else {
            throw IngestError.unreadable(archive: path, entry: String(decoding: nameBytes, as: UTF8.self),
                                         message: Self.message(handle))
        }
        if !data.isEmpty {
            let written = data.withUnsafeBytes { archive_write_data(handle, $0.baseAddress, $0.count) }
            guard written == data.count else {
                throw IngestError.unreadable(archive: path, entry: nil, message: Self.message(handle))
            }
        }
    }

    /// Adds an entry named by text.
    package func add(_ name: String, _ entry: Entry) throws {
        try add(nameBytes: Array(name.utf8), entry)
    }

    /// Adds a regular file with `text` as its content.
    package func add(_ name: String, text: String) throws {
        try add(name, .file(Array(text.utf8)))
    }

    package func finish() throws {
        finished = true
        guard archive_write_close(handle) == ARCHIVE_OK else {
            throw IngestError.unreadable(archive: path, entry: nil, message: Self.message(handle))
        }
    }
}

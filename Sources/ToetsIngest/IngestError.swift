/// What stops an ingest: a limit reached, an archive that cannot be read, a refused format.
package enum IngestError: Error, Sendable, CustomStringConvertible {
    /// A limit of `IngestLimits` was exceeded.
    case limitExceeded(archive: String, entry: String?, limit: IngestLimits.Name, value: String, allowed: String)
    /// The archive is of a kind Toets refuses to read.
    case refusedFormat(archive: String, format: String)
    /// libarchive could not read the archive (truncated, corrupt).
    case unreadable(archive: String, entry: String?, message: String)
    /// An integrity check failed: a CRC-32, a length, a truncated stream.
    case damaged(archive: String, entry: String?, problem: String)
    /// The archive is built so that tools may read it differently (two tables of contents that
    /// disagree, data hidden after its end, overlapping entries): refused as a whole.
    case malformed(archive: String, entry: String?, problem: String)
    /// Compression inside compression, or an archive inside a compressed file that is not tar.
    case nested(archive: String, outer: String, inner: String)
    /// An archive gave no post and the pipeline did not say that it may be empty.
    case noPosts(archive: String, found: String)
    /// A record was quarantined and `strict: true` makes that fatal.
    case strict(archive: String, entry: String, line: Int, reason: String)
    /// An entry was refused or skipped and `strict: true` makes that fatal.
    case strictEntry(archive: String, entry: String, reason: String)
    /// A parameter names something that is not there (an archive, a format).
    case badParameter(String)

    package var description: String {
        func place(_ archive: String, _ entry: String?) -> String {
            entry.map { "\(archive), entry \($0)" } ?? archive
        }
        switch self {
        case .limitExceeded(let archive, let entry, let limit, let value, let allowed):
            return "\(place(archive, entry)): \(limit.rawValue) exceeded (\(value), limit \(allowed)). This looks like a "
                + "decompression bomb or an unexpectedly large collection; if the data is genuine, raise it in "
                + "the pipeline: `with: {limits: {\(limit.rawValue): …}}`."
        case .refusedFormat(let archive, let format):
            return "\(archive): \(format) archives are not read (only tar, zip and gzip/bzip2/xz/zstd files); "
                + "repack it as .tar.gz or .zip."
        case .unreadable(let archive, let entry, let message):
            return "\(place(archive, entry)): cannot be read: \(message). Is the file complete? Compare its checksum with the source's."
        case .damaged(let archive, let entry, let problem):
            return "\(place(archive, entry)): damaged: \(problem). Nothing of it was used; compare the file's checksum "
                + "with the source's and fetch it again."
        case .malformed(let archive, let entry, let problem):
            return "\(place(archive, entry)): refused: \(problem). An archive that tools can read in different ways is "
                + "not read; unpack it with care and repack the files with tar or zip, or ask its source how it was made."
        case .nested(let archive, let outer, let inner):
            return "\(archive): \(inner) inside \(outer) compression is not read; undo the \(outer) compression "
                + "and ingest what comes out."
        case .noPosts(let archive, let found):
            return "\(archive): no posts read (\(found)). If this archive may hold none, list it under `allow_empty:` "
                + "in the ingest stage's `with:`; otherwise check that it is the right file and that its entries are in "
                + "a format ingest reads (or set it under `formats:`)."
        case .strict(let archive, let entry, let line, let reason):
            return "\(archive), entry \(entry), line \(line): \(reason); strict: true makes any quarantined record fatal."
        case .strictEntry(let archive, let entry, let reason):
            return "\(archive), entry \(entry): not read (\(reason)); strict: true makes any refused or skipped entry fatal."
        case .badParameter(let message):
            return message
        }
    }
}

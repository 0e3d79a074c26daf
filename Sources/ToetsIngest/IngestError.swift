/// What stops an ingest: a limit reached, an archive that cannot be read, a refused format.
package enum IngestError: Error, Sendable, CustomStringConvertible {
    /// A limit of `IngestLimits` was exceeded.
    case limitExceeded(archive: String, entry: String?, limit: IngestLimits.Name, value: String, allowed: String)
    /// The archive is of a kind Toets refuses to read.
    case refusedFormat(archive: String, format: String)
    /// libarchive could not read the archive (truncated, corrupt).
    case unreadable(archive: String, entry: String?, message: String)
    /// A record was quarantined and `strict: true` makes that fatal.
    case strict(archive: String, entry: String, line: Int, reason: String)
    /// A parameter names something that is not there (an archive, a format).
    case badParameter(String)

    package var description: String {
        switch self {
        case .limitExceeded(let archive, let entry, let limit, let value, let allowed):
            let place = entry.map { "\(archive), entry \($0)" } ?? archive
            return "\(place): \(limit.rawValue) exceeded (\(value), limit \(allowed)). This looks like a "
                + "decompression bomb or an unexpectedly large collection; if the data is genuine, raise it in "
                + "the pipeline: `with: {limits: {\(limit.rawValue): …}}`."
        case .refusedFormat(let archive, let format):
            return "\(archive): \(format) archives are not read (only tar, zip and gzip/bzip2/xz/zstd files); "
                + "repack it as .tar.gz or .zip."
        case .unreadable(let archive, let entry, let message):
            let place = entry.map { "\(archive), entry \($0)" } ?? archive
            return "\(place): cannot be read: \(message). Is the file complete? Compare its checksum with the source's."
        case .strict(let archive, let entry, let line, let reason):
            return "\(archive), entry \(entry), line \(line): \(reason); strict: true makes any quarantined record fatal."
        case .badParameter(let message):
            return message
        }
    }
}

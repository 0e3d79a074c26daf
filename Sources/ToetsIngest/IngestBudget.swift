import Foundation

/// Counts the decompressed bytes of one archive against the ingest's limits.
final class Meter {
    let archive: String
    let archiveSize: Int64
    let limits: IngestLimits
    let budget: IngestBudget
    /// The entry being read, for messages.
    var entry: String?
    private var bytes: Int64 = 0

    init(archive: String, archiveSize: Int64, limits: IngestLimits, budget: IngestBudget) {
        self.archive = archive
        self.archiveSize = archiveSize
        self.limits = limits
        self.budget = budget
    }

    func charge(_ count: Int) throws {
        bytes += Int64(count)
        budget.bytes += Int64(count)
        if budget.bytes > limits.maxTotalBytes {
            throw IngestError.limitExceeded(archive: archive, entry: entry, limit: .maxTotalBytes,
                                            value: "\(budget.bytes)+ bytes", allowed: "\(limits.maxTotalBytes) bytes")
        }
        if bytes > limits.ratioGraceBytes {
            let ratio = Double(bytes) / Double(max(archiveSize, 1))
            if ratio > limits.maxRatio {
                throw IngestError.limitExceeded(
                    archive: archive, entry: entry, limit: .maxRatio,
                    value: String(format: "%.0f:1 after %lld bytes from a %lld-byte archive", ratio, bytes, archiveSize),
                    allowed: String(format: "%.0f:1", limits.maxRatio))
            }
        }
        if budget.elapsedSeconds > limits.maxSeconds {
            throw IngestError.limitExceeded(archive: archive, entry: entry, limit: .maxSeconds,
                                            value: String(format: "%.0f s", budget.elapsedSeconds),
                                            allowed: String(format: "%.0f s", limits.maxSeconds))
        }
    }
}

/// What the archives of one ingest have used up so far, shared by its readers.
package final class IngestBudget {
    package var bytes: Int64 = 0
    package var entries = 0
    private let start = ContinuousClock.now

    package init() {}

    package var elapsedSeconds: Double { (ContinuousClock.now - start) / .seconds(1) }
}

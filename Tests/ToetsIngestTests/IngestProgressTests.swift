import Foundation
import Synchronization
import Testing
import ToetsModel
import ToetsTestSupport
@testable import ToetsIngest

/// Ingest reports the archive bytes it has read (as stored) of all the archives' bytes, and
/// reporting changes nothing it writes.
@Suite struct IngestProgressTests {
    @Test func theBytesReadClimbToTheArchivesSizeAndThePostsAreTheSame() throws {
        var random = SeededRandom(seed: 22)
        let csv = "object_id,account_id,content_id,timestamp_share\n" + (0..<30_000).map { index in
            "https://example.org/\(random.int(0...5000)),acct\(random.int(0...900)),c\(index),\(1_700_000_000 + index)\n"
        }.joined()
        let directory = TemporaryDirectory("toets-ingest-progress")
        var archives: [(name: String, path: String)] = []
        for (name, format) in [("one.tar.gz", ArchiveWriter.Format.tarGzip), ("two.tar", .tar)] {
            let writer = try ArchiveWriter(path: directory.path + "/" + name, format: format)
            try writer.add("shares.csv", .file(Array(csv.utf8)))
            try writer.finish()
            archives.append((name, directory.path + "/" + name))
        }
        let sizes = try archives.map { try #require(FileManager.default.attributesOfItem(atPath: $0.path)[.size] as? Int) }

        let meter = StageProgress()
        let readings = Mutex<[ProgressSnapshot]>([])
        var options = IngestOptions()
        options.progress = meter
        // Asked before every block: what the meter said after the block before.
        options.isCancelled = {
            if let reading = meter.snapshot() { readings.withLock { $0.append(reading) } }
            return false
        }
        let watched = try IngestEngine(options: options).run(archives)
        let seen = readings.withLock { $0 }
        #expect(seen.count > 4)
        #expect(seen.allSatisfy { $0.phase == "reading archives" && $0.unit == "bytes" && $0.total == Int64(sizes.reduce(0, +)) })
        #expect(zip(seen, seen.dropFirst()).allSatisfy { $0.done <= $1.done })
        // Into the second archive, past the first one's bytes.
        #expect((seen.last?.done ?? 0) > Int64(sizes[0]))
        #expect(meter.snapshot()?.phase == "sorting posts")

        let unwatched = try IngestEngine(options: IngestOptions()).run(archives)
        var a: [UInt8] = [], b: [UInt8] = []
        try watched.forEachChunk { a += $0 }
        try unwatched.forEachChunk { b += $0 }
        // The second archive holds the same posts: they are kept once.
        #expect(a == b && watched.count == 30_000)
    }
}

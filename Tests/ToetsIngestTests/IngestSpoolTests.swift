import Foundation
import Testing
import ToetsModel
import ToetsTestSupport
@testable import ToetsIngest

/// Bounded memory changes nothing in the output: posts spilled to scratch files, sorted in runs
/// and merged come out byte for byte as when they fit in memory, and the report lists a bounded
/// number of entries while counting all of them.
@Suite struct IngestSpoolTests {
    /// Posts with repeated ids, equal times, share-table rows repeated within an entry and
    /// copied in another, in several entries.
    func mixedArchive() throws -> [(String, ArchiveWriter.Entry)] {
        var lines: [UInt8] = []
        var random = SeededRandom(seed: 4)
        for index in 0..<3000 {
            // Some ids written two ways: é as one code point and as e with a combining accent.
            let number = random.next() % 1200
            let id = index % 10 == 0 ? "caf" + (index % 20 == 0 ? "\u{E9}" : "e\u{301}") + "\(number % 7)" : "\(number)"
            let time = 1_772_000_000 + Int64(random.next() % 50)
            lines += Array(#"{"id":"\#(id)","author_id":"\#(index % 70)","created_at":"\#(UTCTime.isoSeconds(time))","text":"post \#(index)"}"#.utf8) + [0x0A]
            if index % 97 == 0 { lines += Array("{broken\n".utf8) }
        }
        var shares = Array("object_id,account_id,content_id,timestamp_share\n".utf8)
        for index in 0..<800 {
            shares += Array("https://o.example/\(index % 40),acc\(index % 30),r\(index % 90),\(1000 + index % 20)\n".utf8)
        }
        return [("a.jsonl", .file(lines)), ("shares.csv", .file(shares)), ("b.jsonl", .file(Array(lines.prefix(40_000)))),
                ("again.csv", .file(shares))]
    }

    func outputs(_ result: IngestResult) throws -> ([UInt8], [UInt8]) {
        var posts: [UInt8] = []
        var quarantine: [UInt8] = []
        try result.forEachChunk(chunkBytes: 1000) { posts += $0 }
        try result.forEachQuarantineChunk { quarantine += $0 }
        return (posts, quarantine)
    }

    @Test func spillingToDiskGivesTheSameBytesAsMemory() throws {
        let entries = try mixedArchive()
        let inMemory = try ingest(entries)
        var tight = IngestOptions()
        tight.spoolBytes = 16 << 10
        tight.batchBytes = 3000
        let spilled = try ingest(entries, options: tight)
        #expect(inMemory.count > 1000)
        #expect(inMemory.report.duplicatesDropped > 0)
        #expect(spilled.count == inMemory.count)
        #expect(spilled.report.duplicatesDropped == inMemory.report.duplicatesDropped)
        let (posts, quarantine) = try outputs(inMemory)
        let (spilledPosts, spilledQuarantine) = try outputs(spilled)
        #expect(posts == spilledPosts)
        #expect(quarantine == spilledQuarantine)
        // Reading a spilled result twice gives the same bytes.
        #expect(try outputs(spilled).0 == spilledPosts)
    }

    @Test func postsAreSortedAndTheFirstCopyWins() throws {
        var tight = IngestOptions()
        tight.spoolBytes = 8 << 10
        let result = try ingest(try mixedArchive(), options: tight)
        let posts = result.posts
        let keys = posts.map { ($0.createdAt, Array($0.postID.utf8), Array(($0.contentID ?? "").utf8)) }
        #expect(zip(keys, keys.dropFirst()).allSatisfy { a, b in
            a.0 != b.0 ? a.0 < b.0 : (a.1 != b.1 ? a.1.lexicographicallyPrecedes(b.1) : !b.2.lexicographicallyPrecedes(a.2))
        })
        // Two spellings of one id are one post: ids are compared in Unicode normalisation form C.
        #expect(Set(posts.filter { $0.contentID == nil }.map(\.postID)).count == posts.filter { $0.contentID == nil }.count)
        // Share rows repeated within shares.csv are kept; again.csv repeats them all and gives none.
        #expect(result.report.perArchive["collection.tar.gz"]?.duplicatesDropped == result.report.duplicatesDropped)
        #expect(posts.filter { $0.sourceFormat == "coortweet-csv" }.count == 800)
    }

    @Test func theReportListsABoundedNumberOfEntriesAndCountsAll() throws {
        let count = IngestReport.listLimit + 5
        var entries: [(String, ArchiveWriter.Entry)] = []
        for index in 0..<count {
            entries.append(("f\(index).jsonl", .file(Array(#"{"id":"\#(index)","author_id":"1","created_at":"2026-03-01T00:00:00.000Z","text":"x"}"#.utf8) + [0x0A])))
            if index < count - IngestReport.listLimit + 2 { entries.append(("l\(index)", .symlink(to: "f0.jsonl"))) }
        }
        let result = try ingest(entries, format: .tar, archiveName: "many.tar")
        #expect(result.report.entries.count == IngestReport.listLimit)
        #expect(result.report.entriesRead == count)
        #expect(result.report.notListed?.entries == 5)
        #expect(result.report.postsPerFormat == ["twarc2": count])
        #expect(result.count == count)
        #expect(result.report.perArchive["many.tar"]?.entriesSkipped == 7)
    }
}

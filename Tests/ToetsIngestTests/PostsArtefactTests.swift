import Foundation
import Testing
import ToetsModel
import ToetsTestSupport
@testable import ToetsIngest

/// The posts artefact is the same bytes however it is made: any number of parsing threads,
/// batches cut anywhere (also inside a quoted field that holds line breaks), posts held in
/// memory or spilled, and the spill file moved into place whole when it already holds exactly
/// the artefact (input in output order, no copy dropped), never otherwise.
@Suite struct PostsArtefactTests {
    static let header = "message_id,user_id,username,repost_id,reply_id,message,timestamp,urls\n"

    /// CNT rows in time order: quoted fields with commas, quotes and line breaks, entities,
    /// non-ASCII text, and a few rows the strict path quarantines.
    static func rows(_ count: Int) -> [String] {
        (0..<count).map { index in
            let text = switch index % 7 {
            case 0: "\"regel een\nregel twee, met \"\"citaat\"\"\""
            case 1: "stem #Raad @anna_b https://x.example/\(index)"
            case 2: "\"naïve één 😀\r\nnog een regel\""
            case 3: "kort"
            default: "tekst \(index)"
            }
            let time = index % 97 == 50 ? "gisteren" : "\(1_772_540_000 + index)"
            return "\(1_900_000_000_000_000_000 + index),\(1000 + index % 40),acc\(index % 40),"
                + (index % 3 == 0 ? "\(1_900_000_000_000_000_000 + index / 2)" : "") + ",,\(text),\(time),"
                + (index % 4 == 0 ? "https://a.example/1 https://b.example/2" : "") + "\n"
        }
    }

    static func options(workers: Int = 2, batchBytes: Int = 4 << 20, spoolBytes: Int = 256 << 20) -> IngestOptions {
        var options = IngestOptions()
        options.formats = ["collection.tar.gz": .cnt]
        options.platforms = ["collection.tar.gz": "x"]
        options.workers = workers
        options.batchBytes = batchBytes
        options.spoolBytes = spoolBytes
        return options
    }

    /// The artefact `writePosts` writes, whether the posts were found in output order (so that
    /// a spill file is moved whole), and the quarantine.
    static func artefact(_ csv: String, _ options: IngestOptions) throws -> (posts: [UInt8], inOrder: Bool, quarantine: [UInt8]) {
        let result = try ingest([("messages.csv", .file(Array(csv.utf8)))], options: options)
        let directory = TemporaryDirectory("toets-posts")
        let path = directory.path + "/posts.ndjson"
        try IngestStage.writePosts(result, to: path)
        let posts = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        // Written again, to the same file and to another: the same bytes (the spool still reads
        // the file it gave away, and gives it away only once).
        try IngestStage.writePosts(result, to: path)
        #expect(Array(try Data(contentsOf: URL(fileURLWithPath: path))) == posts)
        try IngestStage.writePosts(result, to: path + ".again")
        #expect(Array(try Data(contentsOf: URL(fileURLWithPath: path + ".again"))) == posts)
        var quarantine: [UInt8] = []
        try result.forEachQuarantineChunk { quarantine += $0 }
        return (posts, result.sorted.inLineOrder, quarantine)
    }

    @Test func theSameBytesForAnyThreadsBatchesAndMemory() throws {
        let csv = Self.header + Self.rows(3000).joined()
        let reference = try Self.artefact(csv, Self.options(workers: 1))
        #expect(reference.posts.count > 300_000)
        #expect(!reference.quarantine.isEmpty)
        for workers in [1, 2, 5] {
            for batchBytes in [64, 997, 4 << 20] {
                for spoolBytes in [16 << 10, 256 << 20] {
                    let made = try Self.artefact(csv, Self.options(workers: workers, batchBytes: batchBytes, spoolBytes: spoolBytes))
                    #expect(made.posts == reference.posts, "workers \(workers), batch \(batchBytes), spool \(spoolBytes)")
                    #expect(made.quarantine == reference.quarantine, "workers \(workers), batch \(batchBytes), spool \(spoolBytes)")
                }
            }
        }
    }

    /// Inputs one step from output order: the spill file must not be taken for the artefact.
    @Test func theSpillFileIsMovedOnlyWhenItIsExactlyTheArtefact() throws {
        let rows = Self.rows(2000)
        var swapped = rows
        swapped.swapAt(1200, 1201)
        var repeated = rows
        repeated.insert(rows[1500], at: 1700)
        var sameTime = rows
        // Two posts at one second, the larger id first: output order puts it second.
        sameTime[1801] = sameTime[1801].replacingOccurrences(of: ",1772541801,", with: ",1772541800,")
        sameTime.swapAt(1800, 1801)
        let cases: [(String, [String], Bool)] = [
            ("in order", rows, true), ("two rows swapped", swapped, false), ("a row repeated", repeated, false),
            ("one second, ids out of order", sameTime, false), ("newest first", rows.reversed(), false),
        ]
        for (name, rows, moves) in cases {
            let csv = Self.header + rows.joined()
            let inMemory = try Self.artefact(csv, Self.options())
            let spilled = try Self.artefact(csv, Self.options(spoolBytes: 16 << 10))
            #expect(spilled.posts == inMemory.posts, "\(name)")
            #expect(spilled.inOrder == moves, "\(name)")
            #expect(inMemory.inOrder == moves, "\(name)")
        }
    }
}

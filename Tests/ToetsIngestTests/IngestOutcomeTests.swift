import Foundation
import Testing
import ToetsModel
import ToetsTestSupport
@testable import ToetsIngest

/// What an ingest says it did: an archive that gives no post fails unless the pipeline allows
/// it, strict mode fails on anything not read, counts per archive, and posts that no platform
/// was named for.
@Suite struct IngestOutcomeTests {
    static let line = HostileArchiveTests.line

    /// Inputs that hold no post, by the name they are given.
    static func nothing() throws -> [(String, [UInt8])] {
        var random = SeededRandom(seed: 17)
        let noise = (0..<4096).map { _ in UInt8(truncatingIfNeeded: random.next()) }
        return [
            ("random.tar.gz", noise),
            ("paper.pdf", Array("%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n%%EOF\n".utf8)),
            ("list.mtree", Array("#mtree\n./data.jsonl type=file size=120\n".utf8)),
            ("data.uu", Array("begin 644 data.jsonl\n#86)C\n`\nend\n".utf8)),
            ("empty.tar", try archiveBytes([], format: .tar)),
            ("empty.zip", try archiveBytes([], format: .zip)),
            ("zeros.tar.gz", try archiveBytes([("z", .file([UInt8](repeating: 0, count: 1 << 20)))], format: .gzipFile)),
            ("nothing.jsonl", []),
            ("blank.jsonl", Array("\n\n  \n".utf8)),
        ]
    }

    @Test func anArchiveThatGivesNoPostFailsAndSaysWhatItHeld() throws {
        for (name, bytes) in try Self.nothing() {
            #expect("\(name)") {
                try ingest(bytes: bytes, named: name)
            } throws: { error in
                guard case IngestError.noPosts(name, let found) = error else { return false }
                return !found.isEmpty && "\(error)".contains("allow_empty")
            }
            var strict = IngestOptions()
            strict.strict = true
            #expect(throws: IngestError.self, "\(name) strict") { try ingest(bytes: bytes, named: name, options: strict) }
        }
    }

    @Test func anArchiveThePipelineAllowsToBeEmptyIsReportedNotFailed() throws {
        var options = IngestOptions()
        options.allowEmpty = ["empty.zip"]
        let result = try ingest(bytes: try archiveBytes([], format: .zip), named: "empty.zip", options: options)
        #expect(result.count == 0)
        #expect(result.report.allowEmpty == ["empty.zip"])
        #expect(result.report.perArchive["empty.zip"]?.postsRead == 0)
    }

    @Test func oneEmptyArchiveAmongOthersFailsTheIngest() throws {
        let directory = TemporaryDirectory("toets-empty")
        let good = directory.path + "/good.jsonl", empty = directory.path + "/empty.csv"
        try Data(Self.line).write(to: URL(fileURLWithPath: good))
        try Data("a,b\n1,2\n".utf8).write(to: URL(fileURLWithPath: empty))
        #expect {
            try IngestEngine(options: IngestOptions()).run([("empty.csv", empty), ("good.jsonl", good)])
        } throws: { error in
            guard case IngestError.noPosts("empty.csv", let found) = error else { return false }
            return found.contains("not a known format")
        }
    }

    @Test func strictModeFailsOnARefusedOrSkippedEntry() throws {
        var strict = IngestOptions()
        strict.strict = true
        #expect {
            try ingest([("../evil.jsonl", .file(Self.line)), ("good.jsonl", .file(Self.line))], options: strict)
        } throws: { error in
            if case IngestError.strictEntry(_, "../evil.jsonl", "path contains '..'") = error { return true }
            return false
        }
        #expect {
            try ingest([("good.jsonl", .file(Self.line)), ("notes.txt", .file(Array("hello\n".utf8)))], options: strict)
        } throws: { error in
            if case IngestError.strictEntry(_, "notes.txt", _) = error { return true }
            return false
        }
        #expect(try ingest([("good.jsonl", .file(Self.line))], options: strict).count == 1)
    }

    @Test func theReportCountsEachArchive() throws {
        let directory = TemporaryDirectory("toets-counts")
        let first = directory.path + "/a.tar.gz"
        let writer = try ArchiveWriter(path: first, format: .tarGzip)
        try writer.add("one.jsonl", .file(Self.line + Array("{oops\n\n".utf8)))
        try writer.add("../bad.jsonl", .file(Self.line))
        try writer.add("link", .symlink(to: "one.jsonl"))
        try writer.finish()
        let second = directory.path + "/b.jsonl"
        try Data(Self.line).write(to: URL(fileURLWithPath: second))
        let result = try IngestEngine(options: IngestOptions()).run([("a.tar.gz", first), ("b.jsonl", second)])
        let a = try #require(result.report.perArchive["a.tar.gz"])
        #expect(a.compression == "gzip")
        #expect((a.entriesRead, a.entriesRefused, a.entriesSkipped) == (1, 1, 1))
        #expect((a.records, a.postsRead, a.quarantined, a.recordsSkipped) == (2, 1, 1, 1))
        let b = try #require(result.report.perArchive["b.jsonl"])
        #expect((b.postsRead, b.duplicatesDropped, b.compression) == (1, 1, "none"))
        #expect(result.report.duplicatesDropped == 1)
        let lines = IngestReport.consoleLines(result.report)
        #expect(lines.contains("a.tar.gz: 1 post, 1 quarantined, 2 skipped (1 entry, 1 record), 1 refused"))
        #expect(lines.contains("b.jsonl: 1 post (1 dropped as a copy of an earlier one), 0 quarantined, 0 skipped, 0 refused"))
    }

    @Test func postsWithoutAPlatformAreNamedWithTheWayToSetIt() throws {
        let shares = Array("object_id,account_id,content_id,timestamp_share\nhttps://a.example,acc1,r1,1000\n".utf8)
        let result = try ingest([("shares.csv", .file(shares))], archiveName: "c.tar.gz")
        #expect(result.posts.map(\.platform) == ["unknown"])
        #expect(result.report.postsWithoutPlatform == 1)
        #expect(result.report.platformNotNamed.map(\.entry) == ["shares.csv"])
        #expect(IngestReport.consoleLines(result.report).contains {
            $0.contains("1 post from c.tar.gz/shares.csv has platform unknown") && $0.contains("`platforms: {c.tar.gz/shares.csv: x}`")
        })
        var options = IngestOptions()
        options.platforms["c.tar.gz/shares.csv"] = "x"
        let named = try ingest([("shares.csv", .file(shares))], archiveName: "c.tar.gz", options: options)
        #expect(named.posts.map(\.platform) == ["x"])
        #expect(named.report.postsWithoutPlatform == 0)
        #expect(named.report.entries.first?.platform == "x")
        #expect(named.report.platformsSet == ["c.tar.gz/shares.csv": "x"])
    }

    @Test func aFourCATExportWithoutPlatformColumnsIsNamedToo() throws {
        let csv = Array("id,thread_id,author,body,timestamp\n7,7,anna,Stem lokaal,2026-03-01 12:00:00\n".utf8)
        let result = try ingest([("zwolle.csv", .file(csv))], archiveName: "4cat.tar.gz")
        #expect(result.report.entries.first?.format == "4cat-csv")
        #expect(result.report.platformNotNamed.map(\.key) == ["4cat.tar.gz/zwolle.csv"])
        #expect(result.report.perArchive["4cat.tar.gz"]?.postsWithoutPlatform == 1)
    }

    @Test func anOverrideThatNamesNoEntryIsAMistake() throws {
        var options = IngestOptions()
        options.formats["collection.tar.gz/part-3.jsonl"] = .twarc2
        #expect {
            try ingest([("part-1.jsonl", .file(Self.line))], options: options)
        } throws: { error in
            guard case IngestError.badParameter(let message) = error else { return false }
            return message.contains("formats names 'collection.tar.gz/part-3.jsonl'")
        }
    }
}

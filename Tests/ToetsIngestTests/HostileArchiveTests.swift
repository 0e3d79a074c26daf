import Foundation
import Testing
import ToetsModel
import ToetsTestSupport
@testable import ToetsIngest

/// Archives made to hurt: each is refused, skipped or stopped with a clear message, and
/// nothing is ever written outside the workspace.
@Suite struct HostileArchiveTests {
    static let line = Array(#"{"data":[{"id":"1","author_id":"2","created_at":"2026-03-01T00:00:00.000Z","text":"hoi"}],"includes":{}}"#.utf8) + [0x0A]

    @Test(arguments: [ArchiveWriter.Format.tarGzip, .zip])
    func dangerousNamesAreRefusedAndTheRestIsRead(format: ArchiveWriter.Format) throws {
        let directory = TemporaryDirectory("toets-hostile")
        let path = directory.path + "/evil.archive"
        let writer = try ArchiveWriter(path: path, format: format)
        try writer.add("../../evil.jsonl", .file(Self.line))
        try writer.add("/etc/cron.d/evil.jsonl", .file(Self.line))
        try writer.add("dir\\..\\evil.jsonl", .file(Self.line))
        try writer.add(nameBytes: Array("bad-".utf8) + [0xFF, 0xFE] + Array(".jsonl".utf8), .file(Self.line))
        try writer.add(String(repeating: "d/", count: 2100) + "x.jsonl", .file(Self.line))
        try writer.add(String(repeating: "n", count: 300) + ".jsonl", .file(Self.line))
        try writer.add("good.jsonl", .file(Self.line))
        try writer.add("./good.jsonl", .file(Self.line))
        try writer.finish()
        let result = try IngestEngine(options: IngestOptions()).run([("evil.archive", path)])
        let reasons = result.report.refusedEntries.map(\.reason)
        #expect(reasons.contains("path contains '..'"))
        #expect(reasons.contains("absolute path"))
        // libarchive turns a zip name's backslashes into slashes, so there it is refused for its '..'.
        #expect(reasons.contains("name contains a backslash") || format == .zip)
        #expect(reasons.contains("name is not valid UTF-8"))
        #expect(reasons.contains("name longer than 4096 bytes"))
        #expect(reasons.contains("a path component is longer than 255 bytes"))
        #expect(reasons.contains { $0.hasPrefix("collides with an earlier entry of the same name") })
        #expect(result.report.entries.map(\.entry) == ["good.jsonl"])
        #expect(result.posts.count == 1)
        #expect(!FileManager.default.fileExists(atPath: directory.path + "/../../evil.jsonl"))
        #expect(!FileManager.default.fileExists(atPath: FileManager.default.temporaryDirectory.path + "/evil.jsonl"))
    }

    @Test func linksDevicesAndFIFOsAreSkippedWithANote() throws {
        let result = try ingest([
            ("data.jsonl", .file(Self.line)),
            ("link.jsonl", .symlink(to: "/etc/passwd")),
            ("hard.jsonl", .hardlink(to: "data.jsonl")),
            ("tty", .characterDevice),
            ("pipe", .fifo),
            ("folder", .directory),
        ], format: .tar, archiveName: "links.tar")
        #expect(result.report.skippedEntries.map(\.entry).sorted() == ["hard.jsonl", "link.jsonl", "pipe", "tty"])
        #expect(result.report.skippedEntries.contains { $0.reason == "symlink entries are not followed" })
        #expect(result.report.skippedEntries.contains { $0.reason == "character-device entries are not followed" })
        #expect(result.posts.count == 1)
    }

    static var smallLimits: IngestOptions {
        var options = IngestOptions()
        options.limits.ratioGraceBytes = 1 << 20
        return options
    }

    @Test func aGzipBombStopsAtTheRatioLimit() throws {
        let zeros = [UInt8](repeating: 0x30, count: 24 << 20)
        #expect {
            try ingest([("bomb.jsonl", .file(zeros))], format: .gzipFile, archiveName: "bomb.jsonl.gz", options: Self.smallLimits)
        } throws: { error in
            guard case IngestError.limitExceeded(let archive, _, .maxRatio, _, _) = error else { return false }
            return archive == "bomb.jsonl.gz" && "\(error)".contains("max_ratio")
        }
    }

    @Test func aZipBombStopsAtTheRatioLimit() throws {
        let zeros = [UInt8](repeating: 0x30, count: 24 << 20)
        #expect {
            try ingest([("a.jsonl", .file(zeros)), ("b.jsonl", .file(zeros))], format: .zip, archiveName: "bomb.zip",
                       options: Self.smallLimits)
        } throws: { error in
            if case IngestError.limitExceeded(_, "a.jsonl", .maxRatio, _, _) = error { return true }
            return false
        }
    }

    @Test func anOverlappingFileZipBombStops() throws {
        // One compressed file, and a central directory naming it 200 times: a small archive
        // whose entries decompress to far more than it holds.
        let directory = TemporaryDirectory("toets-overlap")
        let plain = directory.path + "/one.zip"
        let writer = try ArchiveWriter(path: plain, format: .zip)
        try writer.add("0", .file([UInt8](repeating: 0x41, count: 8 << 20)))
        try writer.finish()
        let bomb = try Self.overlapping(try Data(contentsOf: URL(fileURLWithPath: plain)), copies: 200)
        let path = directory.path + "/overlap.zip"
        try bomb.write(to: URL(fileURLWithPath: path))
        // Refused before anything is inflated: the entries share their bytes.
        #expect {
            try IngestEngine(options: Self.smallLimits).run([("overlap.zip", path)])
        } throws: { error in
            if case IngestError.malformed(_, _, let problem) = error { return problem.contains("share the bytes") }
            return false
        }
    }

    /// Rewrites a one-entry zip so its central directory lists the same local file `copies` times.
    static func overlapping(_ zip: Data, copies: Int) throws -> Data {
        let bytes = [UInt8](zip)
        func u16(_ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 }
        func u32(_ at: Int) -> Int { u16(at) | u16(at + 2) << 16 }
        let eocd = try #require((0...(bytes.count - 22)).reversed().first { u32($0) == 0x0605_4b50 })
        let directoryOffset = u32(eocd + 16)
        let nameLength = u16(directoryOffset + 28)  // the record: 46 bytes, name, extra, comment
        let extraLength = u16(directoryOffset + 30)
        let commentLength = u16(directoryOffset + 32)
        let record = Array(bytes[directoryOffset..<(directoryOffset + 46 + nameLength + extraLength + commentLength)])
        var out = Array(bytes[..<directoryOffset])
        // Every record keeps the one name, so that only the overlap gives the bomb away.
        for _ in 0..<copies { out += record }
        let size = out.count - directoryOffset
        func le16(_ value: Int) -> [UInt8] { [UInt8(value & 0xff), UInt8(value >> 8 & 0xff)] }
        func le32(_ value: Int) -> [UInt8] { le16(value & 0xffff) + le16(value >> 16) }
        out += le32(0x0605_4b50) + le16(0) + le16(0) + le16(copies) + le16(copies) + le32(size) + le32(directoryOffset) + le16(0)
        return Data(out)
    }

    @Test func anEntryLimitStopsAnArchiveOfManyTinyFiles() throws {
        var options = IngestOptions()
        options.limits.maxEntries = 50
        let entries = (0..<60).map { ("f\($0).jsonl", ArchiveWriter.Entry.file(Self.line)) }
        #expect {
            try ingest(entries, options: options)
        } throws: { error in
            if case IngestError.limitExceeded(_, _, .maxEntries, _, _) = error { return true }
            return false
        }
    }

    @Test func aTruncatedArchiveIsReportedNotHalfRead() throws {
        let directory = TemporaryDirectory("toets-truncated")
        for format in [ArchiveWriter.Format.tarGzip, .zip] {
            let path = directory.path + "/whole"
            let writer = try ArchiveWriter(path: path, format: format)
            // Incompressible content, so that half the archive is half the data.
            var generator = SystemRandomNumberGenerator()
            let noise = (0..<200_000).map { _ in UInt8.random(in: 0x61...0x7a, using: &generator) }
            try writer.add("a.jsonl", .file(Self.line + noise + [0x0A]))
            try writer.add("b.jsonl", .file(Self.line))
            try writer.finish()
            let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
            let cut = directory.path + "/cut"
            try bytes.prefix(bytes.count / 2).write(to: URL(fileURLWithPath: cut))
            #expect(throws: IngestError.self) { try IngestEngine(options: IngestOptions()).run([("cut", cut)]) }
        }
    }

    @Test func rarAnd7zArchivesAreRefusedByName() throws {
        let directory = TemporaryDirectory("toets-rar")
        let rar = directory.path + "/data.rar"
        try Data([0x52, 0x61, 0x72, 0x21, 0x1A, 0x07, 0x01, 0x00] + Array(repeating: 0x33, count: 100))
            .write(to: URL(fileURLWithPath: rar))
        #expect {
            try IngestEngine(options: IngestOptions()).run([("data.rar", rar)])
        } throws: { error in
            "\(error)".contains("RAR archives are not read")
        }
        let sevenZip = directory.path + "/data.7z"
        try Data([0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C, 0x00, 0x04] + Array(repeating: 0, count: 100))
            .write(to: URL(fileURLWithPath: sevenZip))
        #expect(throws: IngestError.self) { try IngestEngine(options: IngestOptions()).run([("data.7z", sevenZip)]) }
    }

    @Test func anArchiveInsideAnArchiveIsRefusedNotUnpacked() throws {
        let directory = TemporaryDirectory("toets-nested")
        let inner = directory.path + "/inner.zip"
        let writer = try ArchiveWriter(path: inner, format: .zip)
        try writer.add("data.jsonl", .file(Self.line))
        try writer.finish()
        let result = try ingest([("inner.zip", .file([UInt8](try Data(contentsOf: URL(fileURLWithPath: inner))))),
                                 ("outer.jsonl", .file(Self.line))])
        #expect(result.report.refusedEntries.map(\.entry) == ["inner.zip"])
        #expect(result.report.refusedEntries.first?.reason.hasPrefix("a zip archive inside an archive is not unpacked") == true)
        #expect(result.posts.count == 1)
    }

    @Test func aLineWithoutEndIsQuarantinedOnceAndTheNextLinesAreRead() throws {
        var options = IngestOptions()
        options.limits.maxLineBytes = 1 << 20
        options.batchBytes = 256 << 10
        let huge = [UInt8](repeating: UInt8(ascii: "x"), count: 5 << 20)
        let result = try ingest([("big.jsonl", .file(Self.line + huge + [0x0A] + Self.line))], options: options)
        #expect(result.quarantine.map(\.reason) == ["record longer than max_line_bytes"])
        #expect(result.quarantine.first?.line == 2)
        #expect(result.report.postsRead == 2)
    }

    @Test func strictModeFailsOnTheFirstQuarantinedRecord() throws {
        var options = IngestOptions()
        options.strict = true
        #expect {
            try ingest([("d.jsonl", .file(Self.line + Array("{oops\n".utf8)))], options: options)
        } throws: { error in
            if case IngestError.strict(_, "d.jsonl", 2, _) = error { return true }
            return false
        }
    }
}

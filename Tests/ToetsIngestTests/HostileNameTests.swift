import Foundation
import Testing
import ToetsModel
import ToetsTestSupport
@testable import ToetsIngest

/// Names made to mislead: a NUL that cuts a name short for one tool and not another, a file
/// written through an earlier symlink, two names that are one on a case-insensitive disk, and
/// headers that name an entry twice.
@Suite struct HostileNameTests {
    static let line = HostileArchiveTests.line
    static let nulName = Array("data/ok.jsonl".utf8) + [0] + Array("../x.jsonl".utf8)

    func refused(_ result: IngestResult) -> [String: String] {
        Dictionary(result.report.refusedEntries.map { ($0.entry, $0.reason) }, uniquingKeysWith: { a, _ in a })
    }

    @Test(arguments: [false, true])
    func aPaxPathWithANULIsRefusedNotCut(gzip: Bool) throws {
        var tar = RawTar()
        tar.pax([("path", Self.nulName)])
        tar.header(Array("data/ok.jsonl".utf8), size: Self.line.count)
        tar.data(Self.line)
        tar.file("good.jsonl", Self.line)
        tar.end()
        let bytes = gzip ? try archiveBytes([("t.tar", .file(tar.bytes))], format: .gzipFile) : tar.bytes
        let result = try ingest(bytes: bytes, named: gzip ? "t.tar.gz" : "t.tar")
        #expect(refused(result)["data/ok.jsonl\\0../x.jsonl"] == "name contains a NUL byte")
        #expect(result.report.entries.map(\.entry) == ["good.jsonl"])
        #expect(result.count == 1)
    }

    @Test func aGNULongNameWithANULIsRefused() throws {
        var tar = RawTar()
        tar.longName(Self.nulName)
        tar.header(Array("data/ok.jsonl".utf8), size: Self.line.count, gnu: true)
        tar.data(Self.line)
        tar.file("good.jsonl", Self.line)
        tar.end()
        let result = try ingest(bytes: tar.bytes, named: "t.tar")
        #expect(refused(result)["data/ok.jsonl\\0../x.jsonl"] == "name contains a NUL byte")
        #expect(result.count == 1)
    }

    @Test func aZipNameWithANULIsRefused() throws {
        var zip = RawZip()
        zip.entries.append(.init(name: Self.nulName, data: Self.line))
        zip.add("good.jsonl", Self.line)
        let result = try ingest(bytes: zip.bytes, named: "n.zip")
        #expect(refused(result)["data/ok.jsonl\\0../x.jsonl"] == "name contains a NUL byte")
        #expect(result.report.entries.map(\.entry) == ["good.jsonl"])
    }

    /// Not hostile, but it used to come out as an empty name: libarchive converts a UTF-8 zip
    /// name to the locale, and in the C locale that fails.
    @Test func aZipNameMarkedUTF8IsReadAsWritten() throws {
        var zip = RawZip()
        zip.entries.append(.init(name: Array("data/\u{DC}n\u{EF}code.jsonl".utf8), data: Self.line, flags: 0x800))
        let result = try ingest(bytes: zip.bytes, named: "u.zip")
        #expect(result.report.entries.map(\.entry) == ["data/\u{DC}n\u{EF}code.jsonl"])
        #expect(result.report.refusedEntries.isEmpty)
    }

    @Test(arguments: [ArchiveWriter.Format.tarGzip, .zip])
    func anEntryBelowASymlinkIsRefused(format: ArchiveWriter.Format) throws {
        let result = try ingest([
            ("data/link", .symlink(to: "/etc")),
            ("data/link/x.jsonl", .file(Self.line)),
            ("data/LINK/y.jsonl", .file(Self.line)),
            ("data/real.jsonl", .file(Self.line)),
        ], format: format, archiveName: format == .zip ? "l.zip" : "l.tar.gz")
        let reasons = refused(result)
        #expect(reasons["data/link/x.jsonl"] == "it lies below 'data/link', which an earlier entry declared a symlink")
        #expect(reasons["data/LINK/y.jsonl"] == "it lies below 'data/LINK', which an earlier entry declared a symlink")
        #expect(result.report.entries.map(\.entry) == ["data/real.jsonl"])
    }

    @Test func anEntryBelowAFileIsRefused() throws {
        let result = try ingest([("a.jsonl", .file(Self.line)), ("./a.jsonl/b.jsonl", .file(Self.line))])
        #expect(refused(result)["./a.jsonl/b.jsonl"] == "it lies below 'a.jsonl', which an earlier entry declared a file")
    }

    @Test func namesThatDifferOnlyByCaseOrNormalisationCollide() throws {
        let composed = "caf\u{E9}.jsonl", decomposed = "cafe\u{301}.jsonl"
        #expect(Array(composed.utf8) != Array(decomposed.utf8))
        let result = try ingest([
            ("Data.jsonl", .file(Self.line)), ("data.JSONL", .file(Self.line)),
            (composed, .file(Self.line)), (decomposed, .file(Self.line)),
        ])
        #expect(result.report.entries.map(\.entry) == ["Data.jsonl", composed])
        #expect(result.report.refusedEntries.count == 2)
        #expect(result.report.refusedEntries.allSatisfy { $0.reason.hasPrefix("collides with an earlier entry") })
    }

    @Test func aHardLinkToAnEarlierEntryIsSkippedWithANote() throws {
        let result = try ingest([("a.jsonl", .file(Self.line)), ("b.jsonl", .hardlink(to: "a.jsonl"))], format: .tar,
                                archiveName: "h.tar")
        #expect(result.report.skippedEntries.map(\.reason) == ["hardlink entries are not followed"])
        #expect(result.count == 1)
    }

    @Test func aPaxHeaderThatGivesThePathTwiceIsRefused() throws {
        var tar = RawTar()
        tar.pax([("path", Array("a.jsonl".utf8)), ("path", Array("b.jsonl".utf8))])
        tar.header(Array("c.jsonl".utf8), size: Self.line.count)
        tar.data(Self.line)
        tar.file("good.jsonl", Self.line)
        tar.end()
        let result = try ingest(bytes: tar.bytes, named: "t.tar")
        #expect(result.report.refusedEntries.map(\.reason) == ["its pax header gives 'path' twice"])
        #expect(result.count == 1)
    }

    @Test func aPaxNameAndAGNULongNameForOneEntryAreRefused() throws {
        var tar = RawTar()
        tar.longName(Array("a.jsonl".utf8))
        tar.pax([("path", Array("b.jsonl".utf8))])
        tar.header(Array("c.jsonl".utf8), size: Self.line.count)
        tar.data(Self.line)
        tar.file("good.jsonl", Self.line)
        tar.end()
        let result = try ingest(bytes: tar.bytes, named: "t.tar")
        #expect(result.report.refusedEntries.first?.reason.hasPrefix("its name is given by more than one extension header") == true)
        #expect(result.report.entries.map(\.entry) == ["good.jsonl"])
    }

    @Test func aGlobalPaxHeaderThatRenamesEntriesStopsTheArchive() throws {
        var tar = RawTar()
        tar.pax([("path", Array("evil.jsonl".utf8))], global: true)
        tar.file("a.jsonl", Self.line)
        tar.end()
        #expect {
            try ingest(bytes: tar.bytes, named: "g.tar")
        } throws: { error in
            guard case IngestError.malformed("g.tar", _, let problem) = error else { return false }
            return problem.contains("global header sets 'path'")
        }
    }

    @Test func aSymlinkThatDeclaresDataStopsTheArchive() throws {
        // libarchive reads the "data" as the next header; tar(1) skips it: two different archives.
        var inner = RawTar()
        inner.file("hidden.jsonl", Self.line)
        var tar = RawTar()
        tar.header(Array("link".utf8), type: "2", size: inner.bytes.count, link: Array("a.jsonl".utf8))
        tar.bytes += inner.bytes
        tar.file("a.jsonl", Self.line)
        tar.end()
        #expect {
            try ingest(bytes: tar.bytes, named: "s.tar")
        } throws: { error in
            guard case IngestError.malformed(_, _, let problem) = error else { return false }
            return problem.contains("a symlink entry declares \(inner.bytes.count) bytes of data")
        }
    }
}

import Foundation
import Testing
import ToetsModel
import ToetsTestSupport
@testable import ToetsIngest

/// Archives whose checks fail or whose structure tools read differently: each stops the ingest
/// with a message naming the archive (and entry) and what to do, and nothing of it is used.
@Suite struct IntegrityTests {
    static let line = HostileArchiveTests.line

    func expectDamaged(_ bytes: [UInt8], named name: String, _ words: String) {
        #expect {
            try ingest(bytes: bytes, named: name)
        } throws: { error in
            guard case IngestError.damaged(name, _, let problem) = error else { return false }
            return problem.contains(words) && "\(error)".contains("fetch it again")
        }
    }

    func expectMalformed(_ bytes: [UInt8], named name: String, _ words: String, entry: String? = nil) {
        #expect {
            try ingest(bytes: bytes, named: name)
        } throws: { error in
            guard case IngestError.malformed(name, let where_, let problem) = error else { return false }
            return problem.contains(words) && where_ == entry && "\(error)".contains("repack")
        }
    }

    // MARK: gzip

    func gzip(_ content: [UInt8]) throws -> [UInt8] {
        try archiveBytes([("x", .file(content))], format: .gzipFile)
    }

    @Test func aGzipMemberWithAWrongCRCIsDamaged() throws {
        var bytes = try gzip(Self.line)
        bytes[bytes.count - 8] ^= 0xFF
        expectDamaged(bytes, named: "d.jsonl.gz", "fails its CRC-32 check")
    }

    @Test func aGzipMemberWithAWrongLengthIsDamaged() throws {
        var bytes = try gzip(Self.line)
        bytes[bytes.count - 4] ^= 0x01
        expectDamaged(bytes, named: "d.jsonl.gz", "wrong length in its trailer (ISIZE)")
    }

    @Test func aTruncatedGzipIsDamaged() throws {
        let bytes = try gzip(Self.line + Self.line)
        expectDamaged(Array(bytes.dropLast(12)), named: "d.jsonl.gz", "truncated")
    }

    @Test func bytesAfterTheLastGzipMemberAreRefusedButZeroPaddingIsRead() throws {
        let bytes = try gzip(Self.line)
        expectMalformed(bytes + Array("hidden".utf8), named: "d.jsonl.gz", "neither gzip data nor zero padding")
        #expect(try ingest(bytes: bytes + [UInt8](repeating: 0, count: 4000), named: "d.jsonl.gz").count == 1)
    }

    @Test func twoGzipMembersAreReadAsOneStream() throws {
        let bytes = try gzip(Self.line) + (try gzip(Array(Self.line.reversed().reversed())))
        let result = try ingest(bytes: bytes, named: "d.jsonl.gz")
        #expect(result.report.postsRead == 2)
    }

    @Test func compressionInsideCompressionIsRefused() throws {
        let once = try gzip(Self.line)
        #expect {
            try ingest(bytes: try gzip(once), named: "twice.jsonl.gz")
        } throws: { error in
            guard case IngestError.nested("twice.jsonl.gz", "gzip", "gzip") = error else { return false }
            return "\(error)".contains("undo the gzip compression")
        }
        let zip = try archiveBytes([("a.jsonl", .file(Self.line))], format: .zip)
        #expect {
            try ingest(bytes: try gzip(zip), named: "z.zip.gz")
        } throws: { error in
            if case IngestError.nested(_, "gzip", "a zip archive") = error { return true }
            return false
        }
    }

    // MARK: tar

    @Test func bytesAfterTheEndOfATarAreRefused() throws {
        var first = RawTar()
        first.file("a.jsonl", Self.line)
        first.end()
        var second = RawTar()
        second.file("hidden.jsonl", Self.line)
        second.end()
        expectMalformed(first.bytes + second.bytes, named: "two.tar", "follow the tar archive's end block")
        // Two tar.gz files joined with cat: a second archive after the first one's end.
        let joined = try gzip(first.bytes) + (try gzip(second.bytes))
        expectMalformed(joined, named: "two.tar.gz", "follow the tar archive's end block")
        // Zero padding to a block size is normal.
        #expect(try ingest(bytes: first.bytes + [UInt8](repeating: 0, count: 9216), named: "one.tar").count == 1)
    }

    @Test func aPaxHeaderLargerThanAMebibyteIsRefused() throws {
        var tar = RawTar()
        tar.pax([("comment", [UInt8](repeating: 0x41, count: 2 << 20))])
        tar.file("a.jsonl", Self.line)
        tar.end()
        #expect(throws: IngestError.self) { try ingest(bytes: tar.bytes, named: "big.tar") }
    }

    @Test func anAbsurdDeclaredSizeStopsAtTheEntryLimitBeforeReading() throws {
        var tar = RawTar()
        // Base-256: 2^62 bytes.
        tar.header(Array("huge.jsonl".utf8), sizeField: [0x80] + [UInt8](repeating: 0, count: 3) + [0x40] + [UInt8](repeating: 0, count: 7))
        tar.data(Self.line)
        tar.end()
        #expect {
            try ingest(bytes: tar.bytes, named: "huge.tar")
        } throws: { error in
            guard case IngestError.limitExceeded("huge.tar", "huge.jsonl", .maxEntryBytes, let value, _) = error else { return false }
            return value.hasPrefix("declares")
        }
    }

    @Test func aSparseEntryIsRefusedAndAnArchiveOfOnlyThatGivesNoPosts() throws {
        var tar = RawTar()
        // Old GNU sparse: one 512-byte chunk at 0, a real size of 1 TiB.
        func octal(_ value: Int, _ width: Int) -> [UInt8] { Array(String(format: "%0\(width - 1)o", value).utf8) + [0] }
        tar.header(Array("sparse.jsonl".utf8), type: "S", size: 512, gnu: true,
                   extra: [(386, octal(0, 12)), (398, octal(512, 12)), (483, octal(1 << 40, 12))])
        tar.data(Self.line)
        tar.end()
        #expect {
            try ingest(bytes: tar.bytes, named: "sparse.tar")
        } throws: { error in
            guard case IngestError.noPosts("sparse.tar", let found) = error else { return false }
            return found.contains("1 refused") && found.contains("sparse")
        }
    }

    // MARK: zip

    @Test func aZipEntryWithAWrongCRCIsDamaged() throws {
        var zip = RawZip()
        zip.add("a.jsonl", Self.line)
        zip.entries[0].crc = crc32(Self.line) ^ 1
        #expect {
            try ingest(bytes: zip.bytes, named: "crc.zip")
        } throws: { error in
            guard case IngestError.damaged("crc.zip", "a.jsonl", let problem) = error else { return false }
            return problem.contains("CRC")
        }
    }

    @Test func aDeflatedZipEntryWithAWrongCRCIsDamaged() throws {
        var bytes = try archiveBytes([("a.jsonl", .file(Self.line + Self.line))], format: .zip)
        let crc = Array(withUnsafeBytes(of: crc32(Self.line + Self.line).littleEndian) { Array($0) })
        let wrong = Array(withUnsafeBytes(of: (crc32(Self.line + Self.line) ^ 0x100).littleEndian) { Array($0) })
        // The CRC-32 is in the local header, the data descriptor and the central directory: change all.
        var index = 0
        while index + 4 <= bytes.count {
            if Array(bytes[index..<(index + 4)]) == crc { bytes.replaceSubrange(index..<(index + 4), with: wrong) }
            index += 1
        }
        #expect {
            try ingest(bytes: bytes, named: "crc.zip")
        } throws: { error in
            if case IngestError.damaged("crc.zip", "a.jsonl", _) = error { return true }
            return false
        }
    }

    @Test func aZipWhoseDirectoryAndLocalHeaderDisagreeIsRefused() throws {
        var renamed = RawZip()
        renamed.add("a.jsonl", Self.line)
        renamed.entries[0].centralName = Array("b.jsonl".utf8)
        expectMalformed(renamed.bytes, named: "name.zip", "its local header 'a.jsonl'", entry: "b.jsonl")
        var resized = RawZip()
        resized.add("a.jsonl", Self.line)
        resized.entries[0].centralSize = 5
        expectMalformed(resized.bytes, named: "size.zip", "the central directory gives it 5 bytes", entry: "a.jsonl")
    }

    @Test func bytesThatNoZipEntryClaimsAreRefused() throws {
        var hidden = RawZip()
        hidden.add("a.jsonl", Self.line)
        var inner = RawZip()
        inner.add("hidden.jsonl", Self.line)
        hidden.hidden = Array(inner.bytes.prefix(30 + 12 + Self.line.count))
        expectMalformed(hidden.bytes, named: "hidden.zip", "belong to no entry")
        var prefixed = RawZip()
        prefixed.prefix = Array("#!/bin/sh\nexit 0\n".utf8)
        prefixed.add("a.jsonl", Self.line)
        expectMalformed(prefixed.bytes, named: "sfx.zip", "before the first entry")
        var appended = RawZip()
        appended.add("a.jsonl", Self.line)
        appended.trailing = Array("more".utf8)
        expectMalformed(appended.bytes, named: "tail.zip", "follow the zip's end record")
    }

    @Test func aZipWhoseEndRecordMiscountsItsEntriesIsRefused() throws {
        var zip = RawZip()
        zip.add("a.jsonl", Self.line)
        zip.add("b.jsonl", Self.line)
        zip.endCount = 1
        expectMalformed(zip.bytes, named: "count.zip", "more than the 1 entries")
    }

    @Test func zip64EndRecordsAreReadAndTheirOdditiesRefused() throws {
        var zip = RawZip()
        zip.add("a.jsonl", Self.line)
        zip.add("b.jsonl", Self.line)
        zip.zip64 = true
        #expect(try ingest(bytes: zip.bytes, named: "z64.zip").report.entriesRead == 2)
        var moved = zip
        moved.locatorShift = 4
        expectMalformed(moved.bytes, named: "moved.zip", "zip64 end record is not where its locator says")
        var miscounted = zip
        miscounted.endCount = 1
        expectMalformed(miscounted.bytes, named: "count.zip", "disagree on the number of entries")
    }

    @Test func aZipWithADeclaredSizeBeyondTheLimitIsRefusedBeforeInflating() throws {
        var options = IngestOptions()
        options.limits.maxEntryBytes = 100
        #expect {
            try ingest(bytes: try archiveBytes([("a.jsonl", .file([UInt8](repeating: 0x20, count: 1000)))], format: .zip),
                       named: "big.zip", options: options)
        } throws: { error in
            guard case IngestError.limitExceeded("big.zip", "a.jsonl", .maxEntryBytes, let value, _) = error else { return false }
            return value == "declares 1000 bytes"
        }
    }
}

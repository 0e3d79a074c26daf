import Foundation
import ToetsTestSupport
@testable import ToetsIngest

/// Tar streams built header by header, for archives that libarchive's writer will not make
/// (names with NUL bytes, links with data, sparse files, bytes after the end).
struct RawTar {
    var bytes: [UInt8] = []

    /// A 512-byte header; `size` goes in the size field as octal unless `sizeField` is given.
    mutating func header(_ name: [UInt8], type: Character = "0", size: Int = 0, link: [UInt8] = [],
                         sizeField: [UInt8]? = nil, gnu: Bool = false, extra: [(Int, [UInt8])] = []) {
        var block = [UInt8](repeating: 0, count: 512)
        func put(_ at: Int, _ value: [UInt8]) { block.replaceSubrange(at..<(at + value.count), with: value) }
        func octal(_ value: Int, _ width: Int) -> [UInt8] { Array(String(format: "%0\(width - 1)o", value).utf8) + [0] }
        put(0, Array(name.prefix(100)))
        put(100, octal(0o644, 8))
        put(108, octal(0, 8))
        put(116, octal(0, 8))
        put(124, sizeField ?? octal(size, 12))
        put(136, octal(1_767_225_600, 12))
        block[156] = type.asciiValue!
        put(157, Array(link.prefix(100)))
        put(257, gnu ? Array("ustar  \0".utf8) : Array("ustar\u{0}00".utf8))
        for (at, value) in extra { put(at, value) }
        put(148, Array(repeating: 0x20, count: 8))
        let sum = block.reduce(0) { $0 + Int($1) }
        put(148, Array(String(format: "%06o", sum).utf8) + [0, 0x20])
        bytes += block
    }

    /// Data padded to whole blocks.
    mutating func data(_ content: [UInt8]) {
        bytes += content + [UInt8](repeating: 0, count: (512 - content.count % 512) % 512)
    }

    mutating func file(_ name: String, _ content: [UInt8]) {
        header(Array(name.utf8), size: content.count)
        data(content)
    }

    /// A pax extended header ('x', or 'g' for a global one) with these records.
    mutating func pax(_ records: [(String, [UInt8])], global: Bool = false) {
        var body: [UInt8] = []
        for (key, value) in records {
            let rest = Array(" \(key)=".utf8) + value + [0x0A]
            var length = rest.count + 1
            while String(length).count + rest.count != length { length += 1 }
            body += Array(String(length).utf8) + rest
        }
        header(Array("PaxHeaders/x".utf8), type: global ? "g" : "x", size: body.count)
        data(body)
    }

    /// A GNU long-name ('L') header.
    mutating func longName(_ name: [UInt8]) {
        header(Array("././@LongLink".utf8), type: "L", size: name.count + 1, gnu: true)
        data(name + [0])
    }

    /// The two zero blocks that end a tar archive.
    mutating func end() {
        bytes += [UInt8](repeating: 0, count: 1024)
    }
}

/// Zip files built record by record (stored, not compressed), so that a test can make the
/// central directory and the local headers say different things.
struct RawZip {
    struct Entry {
        var name: [UInt8]
        var data: [UInt8]
        /// What the central directory says, where it differs from the local header.
        var centralName: [UInt8]?
        var centralSize: Int?
        var crc: UInt32?
        /// General-purpose flags; bit 11 (0x800): the name is UTF-8.
        var flags = 0
    }

    var prefix: [UInt8] = []
    var entries: [Entry] = []
    /// Bytes between the local entries and the central directory.
    var hidden: [UInt8] = []
    var trailing: [UInt8] = []
    /// Write a zip64 end record and locator; the end record then holds markers, or `endCount`.
    var zip64 = false
    /// The number of entries the end record states, where it differs.
    var endCount: Int?
    /// Added to the zip64 end record's offset in the locator.
    var locatorShift = 0

    mutating func add(_ name: String, _ data: [UInt8]) {
        entries.append(Entry(name: Array(name.utf8), data: data))
    }

    var bytes: [UInt8] {
        func le16(_ value: Int) -> [UInt8] { [UInt8(value & 0xff), UInt8(value >> 8 & 0xff)] }
        func le32(_ value: Int) -> [UInt8] { le16(value & 0xffff) + le16(value >> 16 & 0xffff) }
        var out = prefix
        var central: [UInt8] = []
        for entry in entries {
            let offset = out.count
            let crc = Int(entry.crc ?? crc32(entry.data))
            out += le32(0x0403_4B50) + le16(20) + le16(entry.flags) + le16(0) + le16(0) + le16(0x21)
                + le32(crc) + le32(entry.data.count) + le32(entry.data.count) + le16(entry.name.count) + le16(0)
                + entry.name + entry.data
            let name = entry.centralName ?? entry.name
            let size = entry.centralSize ?? entry.data.count
            central += le32(0x0201_4B50) + le16(0x031E) + le16(20) + le16(entry.flags) + le16(0) + le16(0) + le16(0x21)
                + le32(crc) + le32(size) + le32(size) + le16(name.count) + le16(0) + le16(0)
                + le16(0) + le16(0) + le32(0o100644 << 16) + le32(offset) + name
        }
        func le64(_ value: Int) -> [UInt8] { le32(value & 0xffff_ffff) + le32(value >> 32) }
        out += hidden
        let directoryOffset = out.count
        out += central
        let count = endCount ?? entries.count
        if zip64 {
            let record = out.count
            out += le32(0x0606_4B50) + le64(44) + le16(45) + le16(45) + le32(0) + le32(0) + le64(entries.count)
                + le64(entries.count) + le64(central.count) + le64(directoryOffset)
            out += le32(0x0706_4B50) + le32(0) + le64(record + locatorShift) + le32(1)
            out += le32(0x0605_4B50) + le16(0) + le16(0) + le16(endCount ?? 0xFFFF) + le16(endCount ?? 0xFFFF)
                + le32(0xFFFF_FFFF) + le32(0xFFFF_FFFF) + le16(0)
        } else {
            out += le32(0x0605_4B50) + le16(0) + le16(0) + le16(count) + le16(count)
                + le32(central.count) + le32(directoryOffset) + le16(0)
        }
        return out + trailing
    }
}

/// CRC-32 (IEEE), for building zip and gzip files by hand.
func crc32(_ bytes: [UInt8]) -> UInt32 {
    var crc: UInt32 = 0xFFFF_FFFF
    for byte in bytes {
        crc ^= UInt32(byte)
        for _ in 0..<8 { crc = crc & 1 != 0 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
    }
    return ~crc
}

/// Writes `bytes` as `name` in a temporary folder and ingests it.
func ingest(bytes: [UInt8], named name: String, options: IngestOptions = IngestOptions()) throws -> IngestResult {
    let directory = TemporaryDirectory("toets-raw")
    let path = directory.path + "/" + name
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    return try IngestEngine(options: options).run([(name, path)])
}

/// The bytes of an archive made with `ArchiveWriter`.
func archiveBytes(_ entries: [(String, ArchiveWriter.Entry)], format: ArchiveWriter.Format) throws -> [UInt8] {
    let directory = TemporaryDirectory("toets-bytes")
    let path = directory.path + "/archive"
    let writer = try ArchiveWriter(path: path, format: format)
    for (name, entry) in entries { try writer.add(name, entry) }
    try writer.finish()
    return [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
}

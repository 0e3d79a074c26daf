/// Checks a zip file's structure before libarchive reads it. A zip has two tables of contents:
/// the central directory at its end, which libarchive and most tools read, and a local header
/// before each entry's data, which streaming tools read. Where they disagree (a name, a size,
/// a CRC-32), where entries overlap, or where bytes belong to no entry (before the first, between
/// two, after the end record), different tools see different files: such a zip is refused.
///
/// Keeps 16 bytes per entry (where its bytes start and end) while it checks.
struct ZipDirectory {
    /// Names that hold a NUL byte, by the part before the NUL (all that libarchive reports).
    private(set) var namesWithNUL: [[UInt8]: [UInt8]] = [:]
    /// Entries the central directory lists.
    private(set) var entries = 0

    private let archive: String
    private let file: RawFile

    init(file: RawFile, archive: String, limits: IngestLimits) throws {
        self.file = file
        self.archive = archive
        let end = try endRecord()
        guard end.count <= Int64(limits.maxEntries) else {
            throw IngestError.limitExceeded(archive: archive, entry: nil, limit: .maxEntries,
                                            value: "\(end.count) entries in the central directory", allowed: "\(limits.maxEntries)")
        }
        entries = Int(end.count)
        try readDirectory(end, limits: limits)
    }

    private func malformed(_ problem: String, entry: [UInt8]? = nil) -> IngestError {
        .malformed(archive: archive, entry: entry.map(EntryName.display), problem: problem)
    }

    // MARK: End records

    /// Whether `file` ends with a zip end record, whatever comes first (a self-extracting zip
    /// starts with a program).
    static func endsWithEndRecord(_ file: RawFile) -> Bool {
        file.size >= 22 && tail(of: file).end != nil
    }

    /// The last 64 KiB of the file, where its end record is (the last signature whose comment
    /// runs exactly to the end of the file), and how many end-record signatures the tail holds.
    private static func tail(of file: RawFile) -> (bytes: [UInt8], end: Int?, signatures: Int) {
        let count = Int(min(file.size, 22 + 65_535))
        let tail = file.read(at: file.size - Int64(count), count: count)
        var signatures = 0
        guard tail.count >= 22 else { return (tail, nil, 0) }
        for index in stride(from: tail.count - 22, through: 0, by: -1) where u32(tail, index) == 0x0605_4B50 {
            signatures += 1
            if index + 22 + u16(tail, index + 20) == tail.count { return (tail, index, signatures) }
        }
        return (tail, nil, signatures)
    }

    private struct End {
        var count: Int64
        var directoryOffset: Int64
        var directorySize: Int64
        /// Where the central directory must end: the zip64 end record, or else the end record.
        var directoryEnd: Int64
    }

    private func endRecord() throws -> End {
        let size = file.size
        guard size >= 22 else {
            throw IngestError.damaged(archive: archive, entry: nil, problem: "\(size) bytes are too few for a zip (truncated?)")
        }
        let (tail, found, signatures) = Self.tail(of: file)
        guard let at = found else {
            throw signatures > 0 ? malformed("bytes follow the zip's end record")
                : IngestError.damaged(archive: archive, entry: nil, problem: "the zip has no end record (truncated?)")
        }
        let offset = size - Int64(tail.count) + Int64(at)
        let disk = Self.u16(tail, at + 4), directoryDisk = Self.u16(tail, at + 6)
        var onDisk = Int64(Self.u16(tail, at + 8)), count = Int64(Self.u16(tail, at + 10))
        var directorySize = Int64(Self.u32(tail, at + 12)), directoryOffset = Int64(Self.u32(tail, at + 16))
        var directoryEnd = offset
        let locator = offset >= 20 ? file.read(at: offset - 20, count: 20) : []
        if locator.count == 20, Self.u32(locator, 0) == 0x0706_4B50 {
            let recordOffset = Int64(Self.u64(locator, 8))
            let record = file.read(at: recordOffset, count: 56)
            guard Self.u32(locator, 4) == 0, Self.u32(locator, 16) == 1 else {
                throw malformed("a split (multi-disk) zip64 archive; join its parts into one zip first")
            }
            guard record.count == 56, Self.u32(record, 0) == 0x0606_4B50,
                  recordOffset + 12 + Int64(Self.u64(record, 4)) == offset - 20 else {
                throw malformed("the zip64 end record is not where its locator says")
            }
            guard Self.u32(record, 16) == 0, Self.u32(record, 20) == 0 else {
                throw malformed("a split (multi-disk) zip64 archive; join its parts into one zip first")
            }
            // A field of the end record is either the zip64 marker (all ones) or the zip64 value itself.
            func merge(_ value: inout Int64, _ wide: UInt64, marker: Int64, _ name: String) throws {
                if value != marker && value != Int64(wide) {
                    throw malformed("the zip64 end record and the end record disagree on the \(name)")
                }
                value = Int64(wide)
            }
            try merge(&onDisk, Self.u64(record, 24), marker: 0xFFFF, "number of entries")
            try merge(&count, Self.u64(record, 32), marker: 0xFFFF, "number of entries")
            try merge(&directorySize, Self.u64(record, 40), marker: 0xFFFF_FFFF, "size of the central directory")
            try merge(&directoryOffset, Self.u64(record, 48), marker: 0xFFFF_FFFF, "offset of the central directory")
            directoryEnd = recordOffset
        } else if disk != 0 || directoryDisk != 0 {
            throw malformed("a split (multi-disk) zip archive; join its parts into one zip first")
        }
        guard onDisk == count else { throw malformed("a split (multi-disk) zip archive; join its parts into one zip first") }
        guard directoryOffset >= 0, directorySize >= 0, directoryOffset + directorySize == directoryEnd else {
            throw malformed("the central directory (\(directorySize) bytes at \(directoryOffset)) does not end where the "
                            + "end record begins (\(directoryEnd))")
        }
        return End(count: count, directoryOffset: directoryOffset, directorySize: directorySize, directoryEnd: directoryEnd)
    }

    // MARK: Central directory and local headers

    private mutating func readDirectory(_ end: End, limits: IngestLimits) throws {
        var reader = SequentialReader(file: file, offset: end.directoryOffset, count: end.directorySize)
        var spans: [(start: Int64, end: Int64)] = []
        spans.reserveCapacity(Int(min(end.count, 1 << 20)))
        var declaredTotal: Int64 = 0
        for _ in 0..<end.count {
            guard let fixed = reader.take(46), Self.u32(fixed, 0) == 0x0201_4B50 else {
                throw malformed("the central directory holds fewer entries than its end record says (\(end.count))")
            }
            let flags = Self.u16(fixed, 8), method = Self.u16(fixed, 10)
            let crc = Self.u32(fixed, 16)
            var compressed = Int64(Self.u32(fixed, 20)), size = Int64(Self.u32(fixed, 24))
            var localOffset = Int64(Self.u32(fixed, 42)), disk = Int64(Self.u16(fixed, 34))
            guard let name = reader.take(Int(Self.u16(fixed, 28))), let extra = reader.take(Int(Self.u16(fixed, 30))),
                  reader.take(Int(Self.u16(fixed, 32))) != nil else {
                throw malformed("the central directory is cut short")
            }
            // Zip64: the fields set to all ones are given in order in extra field 0x0001.
            if let wide = Self.extraField(0x0001, in: extra) {
                var position = 0
                func next(_ value: inout Int64, marker: Int64, width: Int) {
                    guard value == marker, position + width <= wide.count else { return }
                    value = width == 8 ? Int64(Self.u64(wide, position)) : Int64(Self.u32(wide, position))
                    position += width
                }
                next(&size, marker: 0xFFFF_FFFF, width: 8)
                next(&compressed, marker: 0xFFFF_FFFF, width: 8)
                next(&localOffset, marker: 0xFFFF_FFFF, width: 8)
                next(&disk, marker: 0xFFFF, width: 4)
            }
            if flags & 1 != 0 {
                throw IngestError.refusedFormat(archive: archive, format: "encrypted zip (entry \(EntryName.display(name)))")
            }
            guard disk == 0 else { throw malformed("a split (multi-disk) zip archive; join its parts into one zip first") }
            guard size >= 0, compressed >= 0, localOffset >= 0 else { throw malformed("an entry's size or offset is negative", entry: name) }
            if size > limits.maxEntryBytes {
                throw IngestError.limitExceeded(archive: archive, entry: EntryName.display(name), limit: .maxEntryBytes,
                                                value: "declares \(size) bytes", allowed: "\(limits.maxEntryBytes) bytes")
            }
            declaredTotal += size
            if declaredTotal > limits.maxTotalBytes {
                throw IngestError.limitExceeded(archive: archive, entry: EntryName.display(name), limit: .maxTotalBytes,
                                                value: "the entries declare \(declaredTotal)+ bytes",
                                                allowed: "\(limits.maxTotalBytes) bytes")
            }
            if let nul = name.firstIndex(of: 0), namesWithNUL[Array(name[..<nul])] == nil {
                namesWithNUL[Array(name[..<nul])] = name
            }
            let spanEnd = try checkLocal(name: name, at: localOffset, flags: flags, method: method, crc: crc,
                                         compressed: compressed, size: size)
            guard spanEnd <= end.directoryOffset else {
                throw malformed("its data runs into the central directory", entry: name)
            }
            spans.append((localOffset, spanEnd))
        }
        guard reader.isAtEnd else {
            throw malformed("the central directory holds more than the \(end.count) entries its end record says")
        }
        spans.sort { $0.start < $1.start }
        var expected: Int64 = 0
        for span in spans {
            if span.start < expected {
                throw malformed("two entries share the bytes at \(span.start) (one piece of data under several names, "
                                + "as in an overlapping zip bomb)")
            }
            if span.start > expected {
                throw malformed(expected == 0
                    ? "\(span.start) bytes before the first entry belong to no entry (a self-extracting or disguised file?)"
                    : "\(span.start - expected) bytes at \(expected) belong to no entry (an entry hidden from the central directory?)")
            }
            expected = span.end
        }
        if expected != end.directoryOffset {
            throw malformed("\(end.directoryOffset - expected) bytes before the central directory belong to no entry "
                            + "(an entry hidden from the central directory?)")
        }
    }

    /// Checks an entry's local header against its central directory record; returns where the
    /// entry's bytes end (after its data descriptor, if it has one).
    private func checkLocal(name: [UInt8], at offset: Int64, flags: Int, method: Int, crc: UInt32,
                            compressed: Int64, size: Int64) throws -> Int64 {
        let head = file.read(at: offset, count: 30)
        guard head.count == 30, Self.u32(head, 0) == 0x0403_4B50 else {
            throw malformed("the central directory puts it at byte \(offset), where no local header is", entry: name)
        }
        let nameLength = Self.u16(head, 26), extraLength = Self.u16(head, 28)
        let localName = file.read(at: offset + 30, count: nameLength)
        guard localName == name else {
            throw malformed("the central directory calls it '\(EntryName.display(name))', its local header "
                            + "'\(EntryName.display(localName))'", entry: name)
        }
        guard Self.u16(head, 8) == method else {
            throw malformed("the central directory and the local header disagree on its compression method", entry: name)
        }
        let localFlags = Self.u16(head, 6)
        guard localFlags & 0x09 == flags & 0x09 else {
            throw malformed("the central directory and the local header disagree on its flags", entry: name)
        }
        var localCompressed = Int64(Self.u32(head, 18)), localSize = Int64(Self.u32(head, 22))
        let localExtra = file.read(at: offset + 30 + Int64(nameLength), count: extraLength)
        let zip64 = Self.extraField(0x0001, in: localExtra)
        if let wide = zip64, wide.count >= 16 {
            if localSize == 0xFFFF_FFFF { localSize = Int64(Self.u64(wide, 0)) }
            if localCompressed == 0xFFFF_FFFF { localCompressed = Int64(Self.u64(wide, 8)) }
        }
        let localCRC = Self.u32(head, 14)
        let deferred = flags & 0x08 != 0
        // With a data descriptor, the local header may leave CRC and sizes at zero.
        func agrees(_ local: Int64, _ central: Int64) -> Bool { local == central || (deferred && local == 0) }
        guard agrees(localCompressed, compressed), agrees(localSize, size) else {
            throw malformed("the central directory gives it \(size) bytes (\(compressed) compressed), its local header "
                            + "\(localSize) (\(localCompressed))", entry: name)
        }
        guard agrees(Int64(localCRC), Int64(crc)) else {
            throw malformed("the central directory and the local header disagree on its CRC-32", entry: name)
        }
        let dataEnd = offset + 30 + Int64(nameLength) + Int64(extraLength) + compressed
        guard deferred else { return dataEnd }
        // The data descriptor: an optional signature, the CRC-32, and 4- or 8-byte sizes.
        let descriptor = file.read(at: dataEnd, count: 24)
        let signed = descriptor.count >= 4 && Self.u32(descriptor, 0) == 0x0807_4B50
        let start = signed ? 4 : 0
        for wide in zip64 != nil ? [true, false] : [false, true] {
            let length = start + 4 + (wide ? 16 : 8)
            guard descriptor.count >= length else { continue }
            let descriptorCompressed = wide ? Int64(Self.u64(descriptor, start + 4)) : Int64(Self.u32(descriptor, start + 4))
            let descriptorSize = wide ? Int64(Self.u64(descriptor, start + 12)) : Int64(Self.u32(descriptor, start + 8))
            if Self.u32(descriptor, start) == crc, descriptorCompressed == compressed, descriptorSize == size {
                return dataEnd + Int64(length)
            }
        }
        throw malformed("its data descriptor disagrees with the central directory", entry: name)
    }

    // MARK: Bytes

    static func u16(_ bytes: [UInt8], _ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 }
    static func u32(_ bytes: [UInt8], _ at: Int) -> UInt32 { UInt32(u16(bytes, at)) | UInt32(u16(bytes, at + 2)) << 16 }
    static func u64(_ bytes: [UInt8], _ at: Int) -> UInt64 { UInt64(u32(bytes, at)) | UInt64(u32(bytes, at + 4)) << 32 }

    /// The data of extra field `id`, if the extra block has it.
    static func extraField(_ id: Int, in extra: [UInt8]) -> [UInt8]? {
        var position = 0
        while position + 4 <= extra.count {
            let length = u16(extra, position + 2)
            if u16(extra, position) == id { return Array(extra[(position + 4)..<min(extra.count, position + 4 + length)]) }
            position += 4 + length
        }
        return nil
    }

    /// Reads `count` bytes from `offset` in pieces, so that a large central directory is not
    /// held whole.
    private struct SequentialReader {
        let file: RawFile
        var offset: Int64
        var remaining: Int64
        var buffer: [UInt8] = []
        var position = 0

        init(file: RawFile, offset: Int64, count: Int64) {
            self.file = file
            self.offset = offset
            remaining = count
        }

        var isAtEnd: Bool { remaining == 0 && position == buffer.count }

        /// The next `count` bytes, or nil if the directory ends first.
        mutating func take(_ count: Int) -> [UInt8]? {
            if buffer.count - position < count {
                let want = Int(min(remaining, Int64(max(count, 1 << 20))))
                let more = file.read(at: offset, count: want)
                offset += Int64(more.count)
                remaining -= Int64(more.count)
                buffer = Array(buffer[position...]) + more
                position = 0
                guard buffer.count >= count else { return nil }
            }
            defer { position += count }
            return Array(buffer[position..<(position + count)])
        }
    }
}

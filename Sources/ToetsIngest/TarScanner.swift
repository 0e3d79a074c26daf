/// Follows the headers of a tar stream alongside libarchive, which reads it. It sees what
/// libarchive's parser hides: a pax `path` or GNU long name cut at a NUL byte, a name given
/// twice, a link or directory that declares data (tools disagree on whether that data is
/// content or the next header), a global header that renames entries, and bytes after the
/// end-of-archive block, where a second archive could hide from Toets but not from `tar -i`.
///
/// It reports per entry, in header order, so that the n-th entry libarchive returns takes the
/// n-th finding. Nothing is kept for an entry once its finding is taken.
struct TarScanner {
    /// What the scanner saw in the headers of one entry.
    struct Finding {
        /// The entry's name as its headers give it, when it differs from what libarchive sees
        /// (a NUL byte inside); nil otherwise.
        var rawName: [UInt8]?
        /// Why the entry is refused, if it is.
        var problem: String?
        var sparse = false
    }

    private enum State {
        /// Collecting a 512-byte header block.
        case header
        /// Skipping `remaining` bytes of entry data and padding.
        case skip(remaining: Int64)
        /// Collecting the body of a pax or GNU long-name header.
        case body(kind: UInt8, remaining: Int, padding: Int)
        /// Old GNU sparse extension blocks follow the header.
        case sparseExtension(dataBytes: Int64)
        /// After the end-of-archive block: every further byte should be zero.
        case ended
        /// libarchive will report the damage; the scanner no longer follows.
        case lost
    }

    /// The largest pax or long-name body libarchive reads (its own limit: 1 MiB).
    static let maxSpecialBytes = 1 << 20

    private var state = State.header
    private var block: [UInt8] = []
    private var body: [UInt8] = []
    private var findings: [Finding] = []
    private var taken = 0
    /// Set by extension headers for the entry that follows them.
    private var pending = Pending()
    /// A problem with the whole archive, which stops it.
    private(set) var archiveProblem: String?
    /// Bytes that are not zero after the end-of-archive block.
    private(set) var bytesAfterEnd: Int64 = 0

    private struct Pending {
        var path: [UInt8]?
        /// GNU sparse formats keep the real name here and a made-up one in `path`.
        var sparseName: [UInt8]?
        var linkPath: [UInt8]?
        var longName: [UInt8]?
        var size: Int64?
        var problem: String?
        var sparse = false
        var paxHeaders = 0
    }

    init() {
        block.reserveCapacity(512)
    }

    /// The finding of the next entry libarchive returns; nil if the scanner lost track.
    mutating func takeFinding() -> Finding? {
        guard taken < findings.count else { return nil }
        defer {
            taken += 1
            if taken >= 1024 {
                findings.removeFirst(taken)
                taken = 0
            }
        }
        return findings[taken]
    }

    mutating func feed(_ bytes: UnsafeRawBufferPointer) {
        var index = 0
        while index < bytes.count {
            switch state {
            case .lost:
                return
            case .ended:
                for position in index..<bytes.count where bytes[position] != 0 { bytesAfterEnd += 1 }
                return
            case .skip(let remaining):
                let step = Int(min(remaining, Int64(bytes.count - index)))
                index += step
                state = remaining - Int64(step) == 0 ? .header : .skip(remaining: remaining - Int64(step))
            case .body(let kind, let remaining, let padding):
                let step = min(remaining, bytes.count - index)
                body.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[index..<(index + step)]))
                index += step
                if remaining - step == 0 {
                    finishBody(kind)
                    if case .lost = state { return }
                    state = padding > 0 ? .skip(remaining: Int64(padding)) : .header
                } else {
                    state = .body(kind: kind, remaining: remaining - step, padding: padding)
                }
            case .header, .sparseExtension:
                let step = min(512 - block.count, bytes.count - index)
                block.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[index..<(index + step)]))
                index += step
                if block.count == 512 {
                    if case .sparseExtension(let dataBytes) = state {
                        // Byte 504 says whether another extension block follows.
                        state = block[504] != 0 ? .sparseExtension(dataBytes: dataBytes) : Self.data(dataBytes)
                    } else {
                        header()
                    }
                    block.removeAll(keepingCapacity: true)
                }
            }
        }
    }

    private static func data(_ size: Int64) -> State {
        size > 0 ? .skip(remaining: (size + 511) / 512 * 512) : .header
    }

    // MARK: Headers

    private mutating func header() {
        if block.allSatisfy({ $0 == 0 }) {
            // libarchive stops at the first zero block (and takes a second if there is one).
            state = .ended
            return
        }
        guard Self.checksumIsValid(block) else {
            state = .lost
            return
        }
        let type = block[156]
        guard let headerSize = Self.number(block[124..<136]) else {
            fail("a header's size field cannot be read")
            return
        }
        switch type {
        case UInt8(ascii: "x"), UInt8(ascii: "X"), UInt8(ascii: "g"), UInt8(ascii: "L"), UInt8(ascii: "K"):
            guard headerSize <= Int64(Self.maxSpecialBytes) else {
                state = .lost  // libarchive refuses it: "Special header too large"
                return
            }
            if type == UInt8(ascii: "x") || type == UInt8(ascii: "X") { pending.paxHeaders += 1 }
            body.removeAll(keepingCapacity: true)
            let size = Int(headerSize)
            state = size == 0 ? .header : .body(kind: type, remaining: size, padding: (512 - size % 512) % 512)
        case UInt8(ascii: "A"), UInt8(ascii: "V"):
            state = Self.data(headerSize)
        case UInt8(ascii: "M"):
            fail("a multi-volume continuation entry; join the volumes into one archive first")
        default:
            entry(type: type, headerSize: headerSize)
        }
    }

    /// A header that is an entry of its own (file, link, directory, …).
    private mutating func entry(type: UInt8, headerSize: Int64) {
        var finding = Finding()
        let size = pending.size ?? headerSize
        if pending.paxHeaders > 1 || (pending.path != nil && pending.longName != nil) {
            finding.problem = "its name is given by more than one extension header, which tools resolve differently"
        }
        if let problem = pending.problem { finding.problem = problem }
        let name = pending.sparseName ?? pending.path ?? pending.longName ?? ustarName()
        if name.contains(0) {
            finding.rawName = name
            finding.problem = finding.problem ?? "name contains a NUL byte"
        }
        if pending.linkPath?.contains(0) == true {
            finding.problem = finding.problem ?? "link target contains a NUL byte"
        }
        finding.sparse = pending.sparse || type == UInt8(ascii: "S")
        pending = Pending()
        findings.append(finding)
        switch type {
        case UInt8(ascii: "1"), UInt8(ascii: "2"), UInt8(ascii: "3"), UInt8(ascii: "4"), UInt8(ascii: "5"), UInt8(ascii: "6"):
            if size != 0 {
                let kind = ["1": "hard link", "2": "symlink", "3": "character device", "4": "block device",
                            "5": "directory", "6": "FIFO"][String(UnicodeScalar(type))] ?? "link"
                fail("a \(kind) entry declares \(size) bytes of data, which tools read either as its content or as "
                     + "the next entries")
                return
            }
            state = .header
        case UInt8(ascii: "S"):
            // Old GNU sparse: byte 482 says whether extension blocks of the sparse map follow.
            state = block[482] != 0 ? .sparseExtension(dataBytes: size) : Self.data(size)
        default:
            state = Self.data(size)
        }
    }

    /// POSIX ustar joins `prefix/name`; other variants have only the name field.
    private func ustarName() -> [UInt8] {
        func field(_ range: Range<Int>) -> [UInt8] { Array(block[range].prefix { $0 != 0 }) }
        let name = field(0..<100)
        if Array(block[257..<263]) == Array("ustar\0".utf8) {
            let prefix = field(345..<500)
            if !prefix.isEmpty { return prefix + [UInt8(ascii: "/")] + name }
        }
        return name
    }

    private mutating func finishBody(_ kind: UInt8) {
        switch kind {
        case UInt8(ascii: "L"), UInt8(ascii: "K"):
            // A long name ends with NULs; a NUL followed by more name is a name cut short.
            var name = body
            while name.last == 0 { name.removeLast() }
            if kind == UInt8(ascii: "L") {
                if pending.longName != nil { pending.problem = "its name is given by more than one GNU long-name header" }
                pending.longName = name
            } else {
                pending.linkPath = name
            }
        case UInt8(ascii: "g"):
            for (key, _) in paxRecords() ?? [] where ["path", "linkpath", "size"].contains(key) {
                fail("a pax global header sets '\(key)' for every entry after it, which tools apply differently")
                return
            }
        default:
            guard let records = paxRecords() else {
                pending.problem = "its pax header is malformed"
                return
            }
            var seen: Set<String> = []
            for (key, value) in records {
                if !seen.insert(key).inserted, ["path", "linkpath", "size", "GNU.sparse.name"].contains(key) {
                    pending.problem = "its pax header gives '\(key)' twice"
                }
                switch key {
                case "path": pending.path = value
                case "GNU.sparse.name":
                    pending.sparseName = value
                    pending.sparse = true
                case "linkpath": pending.linkPath = value
                case "size":
                    guard let size = Int64(String(decoding: value, as: UTF8.self)), size >= 0 else {
                        fail("a pax header's size is not a number of bytes")
                        return
                    }
                    pending.size = size
                default:
                    if key.hasPrefix("GNU.sparse.") { pending.sparse = true }
                }
            }
        }
    }

    /// The `LENGTH key=value\n` records of a pax body; nil if one is malformed.
    private func paxRecords() -> [(String, [UInt8])]? {
        var records: [(String, [UInt8])] = []
        var start = 0
        while start < body.count {
            var position = start
            var length = 0
            while position < body.count, body[position] >= 0x30, body[position] <= 0x39, length < 10_000_000 {
                length = length * 10 + Int(body[position] - 0x30)
                position += 1
            }
            guard position < body.count, body[position] == 0x20, length > position - start + 1,
                  start + length <= body.count, body[start + length - 1] == 0x0A else { return nil }
            let record = body[(position + 1)..<(start + length - 1)]
            guard let equals = record.firstIndex(of: UInt8(ascii: "=")) else { return nil }
            records.append((String(decoding: record[..<equals], as: UTF8.self), Array(record[(equals + 1)...])))
            start += length
        }
        return records
    }

    private mutating func fail(_ problem: String) {
        archiveProblem = archiveProblem ?? problem
        state = .lost
    }

    // MARK: Fields

    /// A tar number: octal text, or base-256 when the first byte's high bit is set. Nil if
    /// negative or unreadable.
    static func number(_ field: ArraySlice<UInt8>) -> Int64? {
        guard let first = field.first else { return nil }
        if first & 0x80 != 0 {
            guard first & 0x40 == 0 else { return nil }  // negative
            var value: Int64 = Int64(first & 0x3F)
            for byte in field.dropFirst() {
                guard value < Int64.max >> 8 else { return nil }
                value = value << 8 | Int64(byte)
            }
            return value
        }
        var value: Int64 = 0
        var digits = false
        for byte in field {
            if byte == 0x20 && !digits { continue }
            if byte == 0 || byte == 0x20 { break }
            guard byte >= 0x30, byte <= 0x37, value < Int64.max >> 3 else { return nil }
            value = value << 3 | Int64(byte - 0x30)
            digits = true
        }
        return value
    }

    /// Whether the header's checksum (unsigned or, as some old tars wrote it, signed) matches.
    static func checksumIsValid(_ block: [UInt8]) -> Bool {
        guard block.count >= 512, let stored = number(block[148..<156]) else { return false }
        var unsigned: Int64 = 0
        var signed: Int64 = 0
        for (index, byte) in block.prefix(512).enumerated() {
            let value = (148..<156).contains(index) ? 0x20 : byte
            unsigned += Int64(value)
            signed += Int64(Int8(bitPattern: value))
        }
        return stored == unsigned || stored == signed
    }

    /// Whether `head` (the first bytes of a decompressed stream) starts a tar archive: a header
    /// with a valid checksum, or the zero block of an empty tar.
    static func looksLikeTar(_ head: [UInt8]) -> Bool {
        guard head.count >= 512 else { return false }
        let first = Array(head.prefix(512))
        return first.allSatisfy { $0 == 0 } || checksumIsValid(first)
    }
}

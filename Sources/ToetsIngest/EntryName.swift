/// Checks of archive entry names: an entry is never written to disk, but a name that would
/// escape a folder, hide in a collision or is not text says the archive was not made honestly.
enum EntryName {
    static let maxBytes = 4096
    static let maxComponentBytes = 255

    /// Why `raw` is refused, or nil if it is acceptable. Works on bytes: an archive may hold a
    /// million names.
    static func problem(_ raw: [UInt8], decoded: String?) -> String? {
        if raw.isEmpty { return "empty name" }
        if raw.contains(0) { return "name contains a NUL byte" }
        guard decoded != nil else { return "name is not valid UTF-8" }
        if raw.count > maxBytes { return "name longer than \(maxBytes) bytes" }
        if raw[0] == UInt8(ascii: "/") { return "absolute path" }
        if raw.count >= 2, raw[1] == UInt8(ascii: ":"), (raw[0] | 0x20) >= 0x61, (raw[0] | 0x20) <= 0x7a {
            return "absolute path (drive letter)"
        }
        if raw.contains(UInt8(ascii: "\\")) { return "name contains a backslash" }
        let components = raw.split(separator: UInt8(ascii: "/"))
        if components.contains(where: { $0.elementsEqual([0x2E, 0x2E]) }) { return "path contains '..'" }
        if components.contains(where: { $0.count > maxComponentBytes }) {
            return "a path component is longer than \(maxComponentBytes) bytes"
        }
        return nil
    }

    /// The components of a name, without `.` and empty ones (`./a//b` is `a`, `b`).
    static func components(_ bytes: [UInt8]) -> [ArraySlice<UInt8>] {
        bytes.split(separator: UInt8(ascii: "/")).filter { !$0.elementsEqual([0x2E]) }
    }

    /// The name without `./` and repeated slashes, for finding collisions (`a` and `./a`).
    static func normalised(_ name: String) -> String {
        String(decoding: Array(components(Array(name.utf8)).joined(separator: [UInt8(ascii: "/")])), as: UTF8.self)
    }

    /// A name for messages and the report: text, with a NUL byte shown as `\0` and bytes that
    /// are not UTF-8 as U+FFFD.
    static func display(_ raw: [UInt8]) -> String {
        let text = String(decoding: raw, as: UTF8.self)
        return raw.contains(0) ? text.replacingOccurrences(of: "\u{0}", with: "\\0") : text
    }
}

/// Magic numbers of archives and compressed files, to refuse an archive inside an archive.
enum NestedArchive {
    static func kind(_ head: [UInt8]) -> String? {
        head.withUnsafeBytes { kind($0) }
    }

    static func kind(_ head: UnsafeRawBufferPointer) -> String? {
        func starts(_ magic: [UInt8]) -> Bool {
            head.count >= magic.count && zip(head, magic).allSatisfy { $0 == $1 }
        }
        if let compression = announcedCompression(head) { return compression }
        if starts([0x50, 0x4B, 0x03, 0x04]) || starts([0x50, 0x4B, 0x05, 0x06]) { return "zip" }
        if let refused = ArchiveReader.refusedFormat(magic: Array(head.prefix(16))) { return refused }
        if head.count >= 262, Array(head[257..<262]) == Array("ustar".utf8) { return "tar" }
        return nil
    }
}

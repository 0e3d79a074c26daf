/// Checks of archive entry names: an entry is never written to disk, but a name that would
/// escape a folder, hide in a collision or is not text says the archive was not made honestly.
enum EntryName {
    static let maxBytes = 4096
    static let maxComponentBytes = 255

    /// Why `raw` is refused, or nil if it is acceptable.
    static func problem(_ raw: [UInt8], decoded: String?) -> String? {
        if raw.isEmpty { return "empty name" }
        if raw.contains(0) { return "name contains a NUL byte" }
        guard let name = decoded else { return "name is not valid UTF-8" }
        if raw.count > maxBytes { return "name longer than \(maxBytes) bytes" }
        if name.hasPrefix("/") { return "absolute path" }
        if raw.count >= 2, raw[1] == UInt8(ascii: ":"), (raw[0] | 0x20) >= 0x61, (raw[0] | 0x20) <= 0x7a {
            return "absolute path (drive letter)"
        }
        if name.contains("\\") { return "name contains a backslash" }
        let components = name.split(separator: "/", omittingEmptySubsequences: true)
        if components.contains("..") { return "path contains '..'" }
        if components.contains(where: { $0.utf8.count > maxComponentBytes }) {
            return "a path component is longer than \(maxComponentBytes) bytes"
        }
        return nil
    }

    /// The name without `./` and repeated slashes, for finding collisions (`a` and `./a`).
    static func normalised(_ name: String) -> String {
        name.split(separator: "/", omittingEmptySubsequences: true).filter { $0 != "." }.joined(separator: "/")
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

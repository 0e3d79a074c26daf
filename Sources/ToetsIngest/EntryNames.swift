import Crypto
import Foundation

/// The names an archive's entries have used, kept as 16-byte digests so that an archive of a
/// million entries costs tens of MiB, not the names themselves. Names are compared without
/// `./` and repeated slashes, in lower case and Unicode normalisation form C: `Data.jsonl` and
/// `data.jsonl`, or `é` written as one code point and as two, are one name, as a case-
/// insensitive file system or a person reading the listing would take them.
///
/// An entry is refused when an earlier entry has its name, or when it lies below an earlier
/// entry that is not a directory (`data/link` a symlink, then `data/link/x.jsonl`): in a tree
/// of files a name is one thing, and extracting such an archive would write through the link.
struct EntryNames {
    private enum Kind: UInt8 {
        case directory, file, symlink, hardlink, other

        init(_ type: ArchiveEntryType) {
            switch type {
            case .directory: self = .directory
            case .regular: self = .file
            case .symlink: self = .symlink
            case .hardlink: self = .hardlink
            default: self = .other
            }
        }

        var noun: String {
            switch self {
            case .directory: "a directory"
            case .file: "a file"
            case .symlink: "a symlink"
            case .hardlink: "a hard link"
            case .other: "a device or FIFO"
            }
        }
    }

    private struct Key: Hashable {
        var high: UInt64
        var low: UInt64

        init(_ hash: SHA256) {
            let bytes = Array(hash.finalize())
            high = bytes[0..<8].reduce(0) { $0 << 8 | UInt64($1) }
            low = bytes[8..<16].reduce(0) { $0 << 8 | UInt64($1) }
        }
    }

    private var kinds: [Key: Kind] = [:]
    /// How many components the names of non-directory entries have: only prefixes of these
    /// lengths can lie below one.
    private var nonDirectoryDepths: Set<Int> = []

    /// Why the entry `name` of `type` is refused, or nil (and it is recorded).
    mutating func admit(_ name: String, type: ArchiveEntryType) -> String? {
        let components = EntryName.components(Self.canonical(name))
        var hash = SHA256()
        for (depth, component) in components.enumerated() {
            if depth > 0 { hash.update(data: [UInt8(ascii: "/")]) }
            component.withUnsafeBytes { hash.update(bufferPointer: $0) }
            if depth + 1 < components.count, nonDirectoryDepths.contains(depth + 1),
               let kind = kinds[Key(hash)], kind != .directory {
                let prefix = EntryName.normalised(name).split(separator: "/").prefix(depth + 1).joined(separator: "/")
                return "it lies below '\(prefix)', which an earlier entry declared \(kind.noun)"
            }
        }
        let key = Key(hash)
        if kinds[key] != nil {
            return "collides with an earlier entry of the same name (names are compared ignoring case and Unicode normalisation)"
        }
        let kind = Kind(type)
        kinds[key] = kind
        if kind != .directory { nonDirectoryDepths.insert(components.count) }
        return nil
    }

    /// The name's bytes as compared: lower case, NFC.
    private static func canonical(_ name: String) -> [UInt8] {
        var bytes = Array(name.utf8)
        if bytes.allSatisfy({ $0 < 0x80 }) {
            for index in bytes.indices where bytes[index] >= 0x41 && bytes[index] <= 0x5A { bytes[index] |= 0x20 }
            return bytes
        }
        return Array(name.lowercased().precomposedStringWithCanonicalMapping.utf8)
    }
}

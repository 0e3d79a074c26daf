#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import ToetsModel

/// What can go wrong in the workspace: the store, the index, the lock.
package enum StoreError: Error, Sendable, CustomStringConvertible {
    /// A system call failed on a path.
    case system(operation: String, path: String, errno: Int32)
    /// The disk (or the quota) holding `path` is full: what was being done, the bytes still free
    /// there, and the bytes the write still needed, when known.
    case diskFull(operation: String, path: String, free: Int64?, needed: Int64?)
    /// An object's bytes do not hash to its name.
    case corruptObject(Digest, path: String, actual: Digest)
    /// The index refers to an object that is not in the store.
    case missingObject(Digest)
    /// Another process holds the workspace.
    case locked(workspace: String, holder: String)
    /// The index could not be opened or written.
    case index(path: String, message: String)
    /// The index is missing, empty or a new database, yet the workspace holds results
    /// (`evidence` says which): it was lost, and must not be taken for a fresh workspace.
    case indexLost(path: String, evidence: String)
    /// SQLite finds the index damaged: not a database, or a malformed page.
    case indexDamaged(path: String, detail: String)
    /// The workspace (its index, its lock) cannot be written: a read-only file, folder or medium.
    case readOnly(path: String, detail: String)
    /// A file meant for the store is not a regular file.
    case notRegularFile(path: String)

    package var description: String {
        switch self {
        case .system(let operation, let path, let code):
            return "\(operation) \(path): \(String(cString: strerror(code))) (errno \(code))"
        case .diskFull(let operation, let path, let free, let needed):
            var text = "no space left on the disk holding \(path) (\(operation))"
            if let free { text += ": \(ByteCount(free)) free" }
            if let needed, needed > 0 { text += ", at least \(ByteCount(needed)) more needed" }
            return text + ". Nothing stored was harmed: an object enters the store only once it is whole, and the "
                + "index and the provenance log record only what is stored"
        case .corruptObject(let digest, let path, let actual):
            return "object \(digest.short) at \(path) is corrupt: its bytes hash to \(actual.short). "
                + "Run `toets verify --repair` to move it aside; the next run recomputes it."
        case .missingObject(let digest):
            return "object \(digest.short) is recorded in the index but missing from the store; "
                + "the next run recomputes the steps that made it."
        case .locked(let workspace, let holder):
            return "workspace \(workspace) is in use by \(holder). Wait for it to finish, "
                + "or run without --no-wait to queue behind it."
        case .index(let path, let message):
            return "index \(path): \(message)"
        case .indexLost(let path, let evidence):
            return "the index \(path) is missing or empty, but the workspace holds \(evidence): the index was lost "
                + "(truncated, deleted or replaced), so this is not a fresh workspace"
        case .indexDamaged(let path, let detail):
            return "the index \(path) is damaged (\(detail))"
        case .readOnly(let path, let detail):
            return "\(path) cannot be written (\(detail))"
        case .notRegularFile(let path):
            return "\(path) is not a regular file (a directory, link or device); write a regular file there."
        }
    }

    /// Whether the index is lost or damaged: rebuilding it from the provenance log mends it.
    package var isUnusableIndex: Bool {
        switch self {
        case .indexLost, .indexDamaged: true
        default: false
        }
    }

    /// The disk-full error `error` stands for, if it is one: Toets's own, or Foundation's, with
    /// the free space near the path it names (else near `path`) measured now.
    package static func diskFull(from error: any Error, near path: String) -> StoreError? {
        if case .diskFull? = error as? StoreError { return error as? StoreError }
        let (full, named) = diskFullPath(in: error)
        guard full else { return nil }
        let target = named ?? path
        return .diskFull(operation: "writing", path: target, free: FileSystem.freeBytes(near: target), needed: nil)
    }
}

/// A number of bytes as people read it: "512 B", "3.2 MiB", "256 MiB".
package struct ByteCount: CustomStringConvertible {
    package var bytes: Int64

    package init(_ bytes: Int64) {
        self.bytes = bytes
    }

    package var description: String {
        let units = ["B", "KiB", "MiB", "GiB", "TiB"]
        var value = Double(bytes)
        var unit = 0
        while value >= 1024 && unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        let number = String(format: "%.1f", value)
        return unit == 0 ? "\(bytes) B" : "\(number.hasSuffix(".0") ? String(number.dropLast(2)) : number) \(units[unit])"
    }
}

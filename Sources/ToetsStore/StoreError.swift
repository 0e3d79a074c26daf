import ToetsModel

/// What can go wrong in the workspace: the store, the index, the lock.
package enum StoreError: Error, Sendable, CustomStringConvertible {
    /// A system call failed on a path.
    case system(operation: String, path: String, errno: Int32)
    /// An object's bytes do not hash to its name.
    case corruptObject(Digest, path: String, actual: Digest)
    /// The index refers to an object that is not in the store.
    case missingObject(Digest)
    /// Another process holds the workspace.
    case locked(workspace: String, holder: String)
    /// The index could not be opened or written.
    case index(path: String, message: String)
    /// A file meant for the store is not a regular file.
    case notRegularFile(path: String)

    package var description: String {
        switch self {
        case .system(let operation, let path, let code):
            return "\(operation) \(path): \(String(cString: strerror(code))) (errno \(code))"
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
        case .notRegularFile(let path):
            return "\(path) is not a regular file (a directory, link or device); write a regular file there."
        }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

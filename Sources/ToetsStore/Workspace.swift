#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ToetsModel

/// A workspace folder (`.toets/` by default): the object store, the index and the lock.
package struct Workspace: Sendable {
    package let root: String
    package let store: ObjectStore
    package let index: Index

    /// Opens the workspace at `root`, creating it if needed.
    package init(root: String) throws {
        let root = FileSystem.absolute(root)
        self.root = root
        try FileSystem.makeDirectory(root)
        store = ObjectStore(root: root)
        try store.prepare()
        index = try Index(path: root + "/index.sqlite")
    }

    /// Opens an existing workspace without creating anything; nil if there is none at `root`.
    package static func existing(at root: String) throws -> Workspace? {
        FileSystem.exists(FileSystem.absolute(root) + "/index.sqlite") ? try Workspace(root: root) : nil
    }

    package var lockPath: String { root + "/lock" }

    /// Takes the workspace's writer lock (see `WorkspaceLock`).
    package func lock(purpose: String, wait: Bool, onWait: @Sendable (String) -> Void = { _ in })
        async throws -> WorkspaceLock {
        try await WorkspaceLock.acquire(at: lockPath, purpose: purpose, wait: wait, onWait: onWait)
    }

    /// The SHA-256 of a file outside the store, re-hashed only if its stat signature changed.
    package func digest(ofExternalFile path: String) throws -> Digest {
        var info = stat()
        guard stat(path, &info) == 0 else { throw StoreError.system(operation: "stat", path: path, errno: errno) }
        guard (info.st_mode & S_IFMT) == S_IFREG else { throw StoreError.notRegularFile(path: path) }
        let signature = FileSignature(
            size: Int64(info.st_size),
            mtimeNanoseconds: Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec),
            ctimeNanoseconds: Int64(info.st_ctim.tv_sec) * 1_000_000_000 + Int64(info.st_ctim.tv_nsec),
            inode: Int64(bitPattern: UInt64(info.st_ino)))
        if let known = try index.cachedFileDigest(path: path, signature: signature) { return known }
        let (digest, _) = try FileSystem.digest(ofFile: path)
        try index.recordFileDigest(path: path, signature: signature, digest: digest)
        return digest
    }
}

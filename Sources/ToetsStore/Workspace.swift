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

    /// The provenance log's folder and file in a workspace (ToetsProvenance writes them; the
    /// workspace only asks whether the log holds entries).
    package static let provenanceFolder = "provenance"
    package static let provenanceLogName = "log.jsonl"

    /// Opens the workspace at `root`: read-write creates what is missing; read-only creates and
    /// writes nothing (for commands that only look, also on a copy no one may write to).
    package init(root: String, access: Index.Access = .readWrite) throws {
        let root = FileSystem.absolute(root)
        self.root = root
        store = ObjectStore(root: root)
        if access == .readWrite {
            try FileSystem.makeDirectory(root)
            try store.prepare()
        } else if !FileSystem.isDirectory(root) {
            throw StoreError.system(operation: "open the workspace", path: root, errno: ENOENT)
        }
        index = try Index(path: Self.indexPath(root), access: access, holdsResults: { Self.results(in: root) })
    }

    /// The workspace as a cluster job sees it: the store on the shared filesystem, and an index
    /// of its own in memory. SQLite is never opened from a compute node: only the controlling
    /// `toets run`, which holds the lock, writes the index.
    package init(forJobAt root: String) throws {
        let root = FileSystem.absolute(root)
        guard FileSystem.isDirectory(ObjectStore(root: root).objectsDirectory) else {
            throw StoreError.system(operation: "open the workspace's store (is it on a filesystem this node shares?)",
                                    path: root, errno: ENOENT)
        }
        self.root = root
        store = ObjectStore(root: root)
        index = try Index.inMemory()
    }

    /// Opens an existing workspace; nil if there is none at `root` (no index and no results).
    package static func existing(at root: String, access: Index.Access = .readWrite) throws -> Workspace? {
        let root = FileSystem.absolute(root)
        guard FileSystem.exists(indexPath(root)) || results(in: root) != nil else { return nil }
        return try Workspace(root: root, access: access)
    }

    static func indexPath(_ root: String) -> String { root + "/index.sqlite" }

    /// What only runs leave in a workspace, in words: entries in the provenance log, stored
    /// objects. Nil for a workspace that never ran anything.
    static func results(in root: String) -> String? {
        var found: [String] = []
        if let log = FileSystem.fileStatus(root + "/" + provenanceFolder + "/" + provenanceLogName), log.st_size > 0 {
            found.append("a provenance log of \(ByteCount(Int64(log.st_size)))")
        }
        let objects = ObjectStore(root: root).objectsDirectory
        let prefixes = (try? FileSystem.contents(of: objects)) ?? []
        if prefixes.contains(where: { !((try? FileSystem.contents(of: objects + "/" + $0)) ?? []).isEmpty }) {
            found.append("stored objects (\(objects))")
        }
        return found.isEmpty ? nil : found.joined(separator: " and ")
    }

    package var lockPath: String { Self.lockPath(root) }

    package static func lockPath(_ root: String) -> String { root + "/lock" }

    /// Takes the workspace's writer lock (see `WorkspaceLock`).
    package func lock(purpose: String, wait: Bool, onWait: @Sendable (String) -> Void = { _ in })
        async throws -> WorkspaceLock {
        try await WorkspaceLock.acquire(at: lockPath, purpose: purpose, wait: wait, onWait: onWait)
    }

    /// The SHA-256 of a file outside the store, re-hashed only if its stat signature changed.
    ///
    /// A digest is remembered only for a file that has not changed for a second: the kernel
    /// stamps file times from a clock that ticks every few milliseconds, so a file written
    /// again within the tick its digest was taken in could keep its size and times.
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
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        let lastChange = max(signature.mtimeNanoseconds, signature.ctimeNanoseconds)
        if Int64(now.tv_sec) * 1_000_000_000 + Int64(now.tv_nsec) - lastChange >= Self.settledNanoseconds {
            try index.recordFileDigest(path: path, signature: signature, digest: digest)
        }
        return digest
    }

    /// How long a file must have stood still for its digest to be remembered.
    static let settledNanoseconds: Int64 = 1_000_000_000
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ToetsModel

/// The content-addressed store: every artefact once, named by the SHA-256 of its bytes, under
/// `objects/ab/cdef…`.
///
/// An object is written to `tmp/`, synced, then linked under its final name (which fails rather
/// than replaces if the name exists) and the directory synced. A process killed at any moment
/// leaves at most a stray file in `tmp/`, never a partial object under a final name.
package struct ObjectStore: Sendable {
    package let root: String

    package init(root: String) {
        self.root = root
    }

    package var objectsDirectory: String { root + "/objects" }
    package var temporaryDirectory: String { root + "/tmp" }

    /// Where the object with `digest` lives (whether or not it is there).
    package func path(of digest: Digest) -> String {
        let hex = digest.hex
        return objectsDirectory + "/" + hex.prefix(2) + "/" + hex.dropFirst(2)
    }

    package func contains(_ digest: Digest) -> Bool {
        FileSystem.isRegularFile(path(of: digest))
    }

    /// The size of a stored object, or nil if it is not stored.
    package func size(of digest: Digest) -> Int? {
        FileSystem.fileStatus(path(of: digest)).map { Int($0.st_size) }
    }

    /// Creates the directories the store needs.
    package func prepare() throws {
        try FileSystem.makeDirectory(objectsDirectory)
        try FileSystem.makeDirectory(temporaryDirectory)
    }

    /// A fresh path in `tmp/` for a file or directory that will move into the store.
    package func temporaryPath(_ label: String) -> String {
        temporaryDirectory + "/\(label)-\(getpid())-\(UInt64.random(in: 0...UInt64.max))"
    }

    /// Stores `bytes`; returns their digest.
    @discardableResult
    package func put(bytes: [UInt8]) throws -> Digest {
        let temporary = temporaryPath("bytes")
        try FileSystem.writeNewFile(temporary) { fd in
            try bytes.withUnsafeBytes { try FileSystem.writeAll(fd, $0, path: temporary) }
        }
        let digest = Digest.sha256(of: bytes)
        try adopt(temporary, as: digest)
        return digest
    }

    /// Copies the file at `path` into the store, hashing while copying; the source is untouched.
    @discardableResult
    package func put(copyOf path: String) throws -> (digest: Digest, size: Int) {
        let source = try FileSystem.openForReading(path)
        defer { close(source) }
        var info = stat()
        guard fstat(source, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
            throw StoreError.notRegularFile(path: path)
        }
        let temporary = temporaryPath("copy")
        let (digest, size): (Digest, Int)
        do {
            (digest, size) = try FileSystem.writeNewFile(temporary) { target in
                try FileSystem.copyHashing(from: source, sourcePath: path, to: target, targetPath: temporary)
            }
        } catch StoreError.diskFull(_, let target, let free, _) {
            // The partial copy is gone again: the whole file has to fit.
            throw StoreError.diskFull(operation: "copying \(path) into the store", path: target, free: free,
                                      needed: Int64(info.st_size))
        }
        try adopt(temporary, as: digest)
        return (digest, size)
    }

    /// Moves a finished file (on the same file system, such as a step's scratch output) into
    /// the store without copying it.
    @discardableResult
    package func put(moving path: String) throws -> (digest: Digest, size: Int) {
        guard FileSystem.isRegularFile(path) else { throw StoreError.notRegularFile(path: path) }
        let (digest, size) = try FileSystem.digest(ofFile: path)
        let fd = try FileSystem.openForReading(path)
        defer { close(fd) }
        try FileSystem.sync(fd, path: path)
        try adopt(path, as: digest)
        return (digest, size)
    }

    /// Links a synced file under its final name, then removes the temporary name. Linking fails
    /// if the object exists, so a stored object is never replaced.
    private func adopt(_ temporary: String, as digest: Digest) throws {
        let final = path(of: digest)
        let directory = FileSystem.parentDirectory(of: final)
        if try FileSystem.makeDirectory(directory) {
            try FileSystem.syncDirectory(objectsDirectory)
        }
        chmod(temporary, 0o444)
        if link(temporary, final) != 0 {
            let code = errno
            guard code == EEXIST else {
                unlink(temporary)
                throw FileSystem.failure("link", path: final, errno: code)
            }
        }
        unlink(temporary)
        try FileSystem.syncDirectory(directory)
    }

    /// Copies an object out of the store to `destination`, checking its digest on the way; a
    /// file already at `destination` is replaced only by a complete, verified copy.
    package func export(_ digest: Digest, to destination: String) throws {
        let objectPath = path(of: digest)
        guard FileSystem.exists(objectPath) else { throw StoreError.missingObject(digest) }
        let source = try FileSystem.openForReading(objectPath)
        defer { close(source) }
        let temporary = destination + ".toets-tmp-\(getpid())"
        try FileSystem.writeNewFile(temporary) { target in
            let (actual, _) = try FileSystem.copyHashing(from: source, sourcePath: objectPath, to: target,
                                                         targetPath: temporary)
            guard actual == digest else { throw StoreError.corruptObject(digest, path: objectPath, actual: actual) }
        }
        try FileSystem.moveIntoPlace(temporary, destination)
    }

    /// Checks that the object's bytes still hash to its name.
    package func verify(_ digest: Digest) throws {
        let objectPath = path(of: digest)
        guard FileSystem.exists(objectPath) else { throw StoreError.missingObject(digest) }
        let (actual, _) = try FileSystem.digest(ofFile: objectPath)
        guard actual == digest else {
            throw StoreError.corruptObject(digest, path: objectPath, actual: actual)
        }
    }

    /// Every digest in the store, sorted; files that are not named like an object are skipped.
    package func allObjects() throws -> [Digest] {
        guard FileSystem.isDirectory(objectsDirectory) else { return [] }
        var digests: [Digest] = []
        for prefix in try FileSystem.contents(of: objectsDirectory) where prefix.utf8.count == 2 {
            for rest in try FileSystem.contents(of: objectsDirectory + "/" + prefix) {
                if let digest = Digest(hex: prefix + rest) { digests.append(digest) }
            }
        }
        return digests
    }

    /// Deletes an object (garbage collection only); returns the bytes freed.
    @discardableResult
    package func remove(_ digest: Digest) throws -> Int {
        let objectPath = path(of: digest)
        let size = self.size(of: digest) ?? 0
        guard unlink(objectPath) == 0 || errno == ENOENT else {
            throw StoreError.system(operation: "unlink", path: objectPath, errno: errno)
        }
        return size
    }

    /// Moves a corrupt object aside into `corrupt/`, keeping its bytes for inspection.
    package func quarantine(_ digest: Digest) throws -> String {
        let directory = root + "/corrupt"
        try FileSystem.makeDirectory(directory)
        let target = directory + "/" + digest.hex
        guard rename(path(of: digest), target) == 0 else {
            throw StoreError.system(operation: "rename", path: path(of: digest), errno: errno)
        }
        try FileSystem.syncDirectory(directory)
        return target
    }

    /// Empties `tmp/`: called under the workspace lock, when no other writer can be using it.
    package func clearTemporaryFiles() throws {
        guard FileSystem.isDirectory(temporaryDirectory) else { return }
        for name in try FileSystem.contents(of: temporaryDirectory) {
            try FileSystem.removeTree(temporaryDirectory + "/" + name)
        }
    }
}

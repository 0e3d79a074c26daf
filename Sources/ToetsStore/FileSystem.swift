#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import ToetsModel

/// Thin, throwing wrappers over the POSIX calls the store needs, each failure naming its path.
package enum FileSystem {
    /// Size of the read buffer for streaming: large enough to keep SHA-256 near its peak.
    static let chunkSize = 1 << 20

    package static func openForReading(_ path: String) throws -> Int32 {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw StoreError.system(operation: "open", path: path, errno: errno) }
        return fd
    }

    /// Creates a new file that must not exist yet.
    package static func createExclusive(_ path: String, mode: mode_t = 0o644) throws -> Int32 {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard fd >= 0 else { throw failure("create", path: path, errno: errno) }
        return fd
    }

    /// The error for a failed call: a full disk (or quota) becomes `.diskFull` with the space
    /// still free there and `needed`, the bytes the call still had to write.
    package static func failure(_ operation: String, path: String, errno code: Int32, needed: Int? = nil) -> StoreError {
        guard code == ENOSPC || code == EDQUOT else { return .system(operation: operation, path: path, errno: code) }
        return .diskFull(operation: operation, path: path, free: freeBytes(near: path), needed: needed.map(Int64.init))
    }

    /// The bytes an unprivileged process may still write on the file system holding `path`
    /// (or its nearest existing parent); nil if that cannot be asked.
    package static func freeBytes(near path: String) -> Int64? {
        var directory = absolute(path)
        while !exists(directory) && directory != "/" { directory = parentDirectory(of: directory) }
        var info = statvfs()
        guard statvfs(directory, &info) == 0 else { return nil }
        return Int64(info.f_bavail) * Int64(info.f_frsize)
    }

    package static func writeAll(_ fd: Int32, _ buffer: UnsafeRawBufferPointer, path: String) throws {
        var offset = 0
        while offset < buffer.count {
            let written = write(fd, buffer.baseAddress! + offset, buffer.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                throw failure("write", path: path, errno: errno, needed: buffer.count - offset)
            }
            offset += written
        }
    }

    package static func sync(_ fd: Int32, path: String) throws {
        guard fsync(fd) == 0 else { throw failure("fsync", path: path, errno: errno) }
    }

    /// Makes a rename or link inside `directory` durable.
    package static func syncDirectory(_ directory: String) throws {
        let fd = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw StoreError.system(operation: "open directory", path: directory, errno: errno) }
        defer { close(fd) }
        try sync(fd, path: directory)
    }

    /// Creates `path` and its missing parents; true if the last component was created.
    @discardableResult
    package static func makeDirectory(_ path: String) throws -> Bool {
        if mkdir(path, 0o755) == 0 { return true }
        switch errno {
        case EEXIST:
            guard isDirectory(path) else { throw StoreError.system(operation: "mkdir", path: path, errno: ENOTDIR) }
            return false
        case ENOENT:
            let parent = parentDirectory(of: path)
            guard parent != path else { throw StoreError.system(operation: "mkdir", path: path, errno: ENOENT) }
            try makeDirectory(parent)
            return try makeDirectory(path)
        default:
            throw failure("mkdir", path: path, errno: errno)
        }
    }

    package static func parentDirectory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    package static func lastComponent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }

    package static func fileStatus(_ path: String) -> stat? {
        var info = stat()
        return lstat(path, &info) == 0 ? info : nil
    }

    package static func exists(_ path: String) -> Bool { fileStatus(path) != nil }

    package static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    /// Whether this process may write to `path`.
    package static func isWritable(_ path: String) -> Bool {
        access(path, W_OK) == 0
    }

    package static func isRegularFile(_ path: String) -> Bool {
        guard let info = fileStatus(path) else { return false }
        return (info.st_mode & S_IFMT) == S_IFREG
    }

    /// Names in a directory, without `.` and `..`, sorted for determinism.
    package static func contents(of directory: String) throws -> [String] {
        guard let dir = opendir(directory) else {
            throw StoreError.system(operation: "list", path: directory, errno: errno)
        }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(cString: raw.bindMemory(to: CChar.self).baseAddress!)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted()
    }

    /// Removes a file or a whole tree; a missing path is not an error.
    package static func removeTree(_ path: String) throws {
        guard let info = fileStatus(path) else { return }
        if (info.st_mode & S_IFMT) == S_IFDIR {
            for name in try contents(of: path) { try removeTree(path + "/" + name) }
            guard rmdir(path) == 0 || errno == ENOENT else {
                throw StoreError.system(operation: "rmdir", path: path, errno: errno)
            }
        } else if unlink(path) != 0 && errno != ENOENT {
            throw StoreError.system(operation: "unlink", path: path, errno: errno)
        }
    }

    /// The SHA-256 and size of a file, read in chunks so memory stays flat for any size.
    package static func digest(ofFile path: String) throws -> (digest: Digest, size: Int) {
        let fd = try openForReading(path)
        defer { close(fd) }
        var hasher = DigestHasher()
        var size = 0
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 16)
        defer { buffer.deallocate() }
        while true {
            let count = read(fd, buffer.baseAddress!, chunkSize)
            if count < 0 {
                if errno == EINTR { continue }
                throw StoreError.system(operation: "read", path: path, errno: errno)
            }
            if count == 0 { break }
            hasher.update(UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
            size += count
        }
        return (hasher.finalize(), size)
    }

    /// Copies everything from `source` to `target` in chunks, hashing on the way; returns the
    /// digest and size of what was copied.
    package static func copyHashing(from source: Int32, sourcePath: String, to target: Int32,
                                    targetPath: String) throws -> (digest: Digest, size: Int) {
        var hasher = DigestHasher()
        var size = 0
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 16)
        defer { buffer.deallocate() }
        while true {
            let count = read(source, buffer.baseAddress!, buffer.count)
            if count < 0 {
                if errno == EINTR { continue }
                throw StoreError.system(operation: "read", path: sourcePath, errno: errno)
            }
            if count == 0 { break }
            let chunk = UnsafeRawBufferPointer(rebasing: buffer[0..<count])
            hasher.update(chunk)
            try writeAll(target, chunk, path: targetPath)
            size += count
        }
        return (hasher.finalize(), size)
    }

    /// Reads a whole file into memory: pipeline files, fixtures, detections to check (not bulk artefacts).
    package static func readSmallFile(_ path: String) throws -> [UInt8] {
        let fd = try openForReading(path)
        defer { close(fd) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress!, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw StoreError.system(operation: "read", path: path, errno: errno)
            }
            if count == 0 { return bytes }
            bytes.append(contentsOf: buffer[0..<count])
        }
    }

    /// Creates `path`, which must not exist, lets `body` write to its descriptor, and syncs it
    /// (unless not `synced`). If anything fails the file is removed, so no half-written file is
    /// left behind.
    package static func writeNewFile<T>(_ path: String, synced: Bool = true, _ body: (Int32) throws -> T) throws -> T {
        let fd = try createExclusive(path)
        do {
            let result = try body(fd)
            if synced { try sync(fd, path: path) }
            close(fd)
            return result
        } catch {
            close(fd)
            unlink(path)
            // The space free once the partial file is gone, which is what a retry has.
            if case StoreError.diskFull(let operation, let target, _, let needed) = error {
                throw StoreError.diskFull(operation: operation, path: target, free: freeBytes(near: target), needed: needed)
            }
            throw error
        }
    }

    /// Renames `temporary` to `destination` (replacing it) and syncs the folder (unless not
    /// `synced`); on failure `temporary` is removed and `destination` is as it was.
    package static func moveIntoPlace(_ temporary: String, _ destination: String, synced: Bool = true) throws {
        guard rename(temporary, destination) == 0 else {
            let code = errno
            unlink(temporary)
            throw failure("rename", path: destination, errno: code)
        }
        if synced { try syncDirectory(parentDirectory(of: destination)) }
    }

    /// Writes `bytes` to `path` through a temporary file and a rename, so readers never see
    /// half a file. Not `synced`: nothing is synced, for a note its readers check or can do
    /// without (where a log ends, what a live process does), which a power cut may leave old,
    /// empty or missing. (Foundation's `Data.write(to:)` syncs the file, with `.atomic` or without.)
    package static func writeAtomically(_ bytes: [UInt8], to path: String, synced: Bool = true) throws {
        let temporary = path + ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try writeNewFile(temporary, synced: synced) { fd in
            try bytes.withUnsafeBytes { try writeAll(fd, $0, path: temporary) }
        }
        try moveIntoPlace(temporary, path, synced: synced)
    }

    /// Why a secret (a signing or pseudonymisation key) may not be kept at `path`, or nil: it
    /// lies inside a git work tree (one `git add` from being published) or inside a Toets
    /// workspace (copied with it, shown to whoever audits it). A link is judged where it
    /// points as well as where it is.
    package static func secretLocationProblem(_ path: String) -> String? {
        var places = [absolute(path)]
        if let resolved = realpath(path, nil) {
            places.append(String(cString: resolved))
            free(resolved)
        }
        for place in places {
            var directory = parentDirectory(of: place)
            while true {
                if exists(directory + "/.git") {
                    return "lies inside the git work tree \(directory)"
                }
                if isDirectory(directory + "/objects") && (exists(directory + "/index.sqlite") || isDirectory(directory + "/provenance")) {
                    return "lies inside the Toets workspace \(directory)"
                }
                if directory == "/" || directory.isEmpty { break }
                directory = parentDirectory(of: directory)
            }
        }
        return nil
    }

    /// Whether `path` lies in `folder` or below it, as written or where links lead.
    package static func isInside(_ path: String, folder: String) -> Bool {
        func real(_ path: String) -> String {
            guard let resolved = realpath(path, nil) else { return absolute(path) }
            defer { free(resolved) }
            return String(cString: resolved)
        }
        return [(absolute(path), absolute(folder)), (real(path), real(folder))].contains { path, folder in
            path.hasPrefix(folder.hasSuffix("/") ? folder : folder + "/")
        }
    }

    /// An absolute version of `path`, against the current directory; `..` is left as written.
    package static func absolute(_ path: String) -> String {
        if path.hasPrefix("/") { return path }
        let cwd = FileManager.default.currentDirectoryPath
        return path == "." ? cwd : cwd + "/" + path
    }
}

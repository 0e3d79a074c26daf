#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// The exclusive lock a writer (`run`, `gc`, `verify --repair`) holds on a workspace.
///
/// It is an `flock` on a file opened with `O_CLOEXEC`, so the kernel releases it when the
/// process ends however it ends, and no child process inherits it.
package final class WorkspaceLock: Sendable {
    private let descriptor: Int32
    package let path: String

    private init(descriptor: Int32, path: String) {
        self.descriptor = descriptor
        self.path = path
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }

    /// Takes the lock at `path`. If another process holds it: with `wait`, calls `onWait` with a
    /// description of the holder and waits until it is free (or the task is cancelled); without,
    /// throws `.locked`.
    package static func acquire(
        at path: String, purpose: String, wait: Bool, onWait: @Sendable (String) -> Void = { _ in }
    ) async throws -> WorkspaceLock {
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            if [EACCES, EROFS, EPERM].contains(errno) {
                throw StoreError.readOnly(path: FileSystem.parentDirectory(of: path),
                                          detail: "its lock file cannot be made or opened for writing")
            }
            throw FileSystem.failure("open lock", path: path, errno: errno)
        }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            let code = errno
            guard code == EWOULDBLOCK else {
                close(fd)
                throw StoreError.system(operation: "lock", path: path, errno: code)
            }
            let holder = describeHolder(fd)
            guard wait else {
                close(fd)
                throw StoreError.locked(workspace: FileSystem.parentDirectory(of: path), holder: holder)
            }
            onWait(holder)
            // Polled rather than blocked on, so that Ctrl-C (task cancellation) ends the wait.
            while flock(fd, LOCK_EX | LOCK_NB) != 0 {
                let code = errno
                guard code == EWOULDBLOCK || code == EINTR else {
                    close(fd)
                    throw StoreError.system(operation: "lock", path: path, errno: code)
                }
                do {
                    try await Task.sleep(for: .milliseconds(50))
                } catch {
                    close(fd)
                    throw error
                }
            }
        }
        let note = "pid \(getpid()) (\(purpose), since \(Date().formatted(.iso8601)))\n"
        ftruncate(fd, 0)
        _ = note.utf8CString.withUnsafeBufferPointer { pwrite(fd, $0.baseAddress, $0.count - 1, 0) }
        return WorkspaceLock(descriptor: fd, path: path)
    }

    private static func describeHolder(_ fd: Int32) -> String {
        var buffer = [UInt8](repeating: 0, count: 512)
        let count = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, 0) }
        let text = count > 0 ? String(decoding: buffer[0..<count], as: UTF8.self) : ""
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? "another toets process" : "another toets process: " + trimmed
    }
}

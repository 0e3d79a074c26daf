#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import GRDB

extension Index {
    static func configuration(readOnly: Bool) -> Configuration {
        var configuration = Configuration()
        configuration.busyMode = .timeout(30)
        configuration.foreignKeysEnabled = true
        configuration.readonly = readOnly
        if !readOnly { configuration.journalMode = .wal }
        return configuration
    }

    static func openForWriting(_ path: String) throws -> DatabaseQueue {
        let database = try DatabaseQueue(path: path, configuration: configuration(readOnly: false))
        // FULL: a committed step survives a power cut, not only a killed process, so that the
        // provenance log (synced after the index) never holds a step the index lost. Set after
        // opening: GRDB sets NORMAL when it turns WAL on, after `prepareDatabase` has run.
        try database.writeWithoutTransaction { try $0.execute(sql: "PRAGMA synchronous = FULL") }
        return database
    }

    /// SQLite's `synchronous` setting of this connection (2: FULL).
    package func synchronousSetting() throws -> Int {
        try read { try Int.fetchOne($0, sql: "PRAGMA synchronous") ?? -1 }
    }

    /// The index opened read-only where it lies; nil if SQLite cannot read it there (its WAL
    /// index cannot be made in a folder no one may write to) or its schema is older than this
    /// build's, which a read-only open cannot bring up to date.
    static func openInPlace(_ path: String) throws -> DatabaseQueue? {
        do {
            let database = try DatabaseQueue(path: path, configuration: configuration(readOnly: true))
            return try database.read { try migrator.hasCompletedMigrations($0) } ? database : nil
        } catch let error as DatabaseError
            where [.SQLITE_CANTOPEN, .SQLITE_READONLY, .SQLITE_PERM, .SQLITE_IOERR].contains(error.resultCode) {
            return nil
        }
    }

    /// Copies the index (and its write-ahead log, which may hold the latest commits) into a new
    /// private folder, which the caller removes.
    static func snapshotCopy(of path: String) throws -> String {
        var template = Array((NSTemporaryDirectory() + "/toets-index-XXXXXX").utf8CString)
        guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
            throw FileSystem.failure("make a private copy of the index in", path: NSTemporaryDirectory(), errno: errno)
        }
        let directory = String(cString: made)
        do {
            for suffix in ["", "-wal"] where FileSystem.isRegularFile(path + suffix) {
                let source = try FileSystem.openForReading(path + suffix)
                defer { close(source) }
                let target = directory + "/index.sqlite" + suffix
                try FileSystem.writeNewFile(target) { fd in
                    _ = try FileSystem.copyHashing(from: source, sourcePath: path + suffix, to: fd, targetPath: target)
                }
            }
        } catch {
            try? FileSystem.removeTree(directory)
            throw error
        }
        return directory
    }

    /// `error` as the store reports it: damage, a full disk and a read-only index are told
    /// apart from other failures, so that each gets its own advice.
    static func storeError(_ error: any Error, path: String) -> StoreError {
        if let error = error as? StoreError { return error }
        guard let error = error as? DatabaseError else { return .index(path: path, message: "\(error)") }
        let detail = "SQLite: " + (error.message ?? "error \(error.resultCode.rawValue)")
        switch error.resultCode {
        case .SQLITE_CORRUPT, .SQLITE_NOTADB:
            return .indexDamaged(path: path, detail: detail)
        case .SQLITE_FULL:
            return .diskFull(operation: "writing the index", path: path, free: FileSystem.freeBytes(near: path), needed: nil)
        case .SQLITE_IOERR where FileSystem.freeBytes(near: path) == 0:
            return .diskFull(operation: "writing the index", path: path, free: 0, needed: nil)
        case .SQLITE_READONLY, .SQLITE_PERM:
            return .readOnly(path: path, detail: detail)
        case .SQLITE_CANTOPEN where !FileSystem.isWritable(FileSystem.parentDirectory(of: path)):
            return .readOnly(path: path, detail: "its folder cannot be written")
        default:
            return .index(path: path, message: "\(error)")
        }
    }
}

extension Index {
    /// Closes the database, writing back its write-ahead log, so that the file can be moved.
    func closeDatabase() throws {
        do { try database.close() } catch { throw Self.storeError(error, path: path) }
    }
}

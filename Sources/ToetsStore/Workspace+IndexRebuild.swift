#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

extension Workspace {
    /// Puts a new index, which `fill` writes, in place of the index of the workspace at `root`,
    /// without reading the old one (it may be damaged or gone). The new index is built beside
    /// the old one; the old one, with its write-ahead files, is kept as
    /// `index.sqlite.damaged-TIME`, never deleted; then the new one takes its name. Call while
    /// holding the workspace's lock (`Workspace.lockPath(root)`).
    ///
    /// Returns where the old index was kept, if there was one.
    @discardableResult
    package static func replaceIndex(root: String, fill: (Index) throws -> Void) throws -> String? {
        let root = FileSystem.absolute(root)
        let path = indexPath(root)
        let building = path + ".rebuilding"
        for suffix in ["", "-wal", "-shm"] { try FileSystem.removeTree(building + suffix) }
        do {
            let index = try Index(path: building)
            try fill(index)
            try index.closeDatabase()
        } catch {
            for suffix in ["", "-wal", "-shm"] { try? FileSystem.removeTree(building + suffix) }
            throw error
        }
        var kept: String?
        if FileSystem.exists(path) {
            let stamp = Date().formatted(.iso8601.year().month().day().time(includingFractionalSeconds: false)
                .timeSeparator(.omitted).dateSeparator(.omitted))
            kept = path + ".damaged-" + stamp
            for suffix in ["", "-wal", "-shm"] where FileSystem.exists(path + suffix) {
                guard rename(path + suffix, kept! + suffix) == 0 else {
                    throw FileSystem.failure("rename", path: path + suffix, errno: errno)
                }
            }
        }
        try FileSystem.moveIntoPlace(building, path)
        return kept
    }
}

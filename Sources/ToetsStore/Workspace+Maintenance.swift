import Dispatch
import Synchronization
import ToetsModel

/// What `toets verify` found.
package struct VerifyReport: Sendable, Codable {
    /// One object whose bytes no longer hash to its name.
    package struct Corruption: Sendable, Codable {
        package var digest: Digest
        package var path: String
        package var actual: Digest?
        package var movedTo: String?
    }

    package var objectsChecked: Int
    package var bytesChecked: Int
    package var corrupt: [Corruption]
    /// Digests the index refers to that the store does not have.
    package var missing: [Digest]
    /// Problems SQLite's own checks report.
    package var indexProblems: [String]

    package var passed: Bool { corrupt.isEmpty && missing.isEmpty && indexProblems.isEmpty }
}

/// What `toets gc` removed.
package struct CollectionReport: Sendable, Codable {
    package var runsDeleted: Int
    package var objectsDeleted: Int
    package var bytesFreed: Int
    package var objectsKept: Int
}

extension Workspace {
    /// Re-hashes every object (on all cores) and checks the index against the store. With
    /// `repair`, corrupt objects are moved to `corrupt/` so that the next run recomputes them.
    package func verify(repair: Bool) throws -> VerifyReport {
        let objects = try store.allObjects()
        let results = Mutex<[(Int, Result<Int, any Error>)]>([])
        let store = self.store
        DispatchQueue.concurrentPerform(iterations: objects.count) { position in
            let digest = objects[position]
            let result = Result<Int, any Error> {
                let (actual, size) = try FileSystem.digest(ofFile: store.path(of: digest))
                guard actual == digest else {
                    throw StoreError.corruptObject(digest, path: store.path(of: digest), actual: actual)
                }
                return size
            }
            results.withLock { $0.append((position, result)) }
        }
        var report = VerifyReport(objectsChecked: objects.count, bytesChecked: 0, corrupt: [], missing: [],
                                  indexProblems: try index.integrityProblems())
        for (position, result) in results.withLock({ $0 }).sorted(by: { $0.0 < $1.0 }) {
            switch result {
            case .success(let size):
                report.bytesChecked += size
            case .failure(StoreError.corruptObject(let digest, let path, let actual)):
                let moved = repair ? try store.quarantine(digest) : nil
                report.corrupt.append(.init(digest: digest, path: path, actual: actual, movedTo: moved))
            case .failure(let error):
                let digest = objects[position]
                report.corrupt.append(.init(digest: digest, path: "\(store.path(of: digest)): \(error)", actual: nil,
                                            movedTo: nil))
            }
        }
        let present = Set(objects)
        let corrupt = Set(report.corrupt.map(\.digest))
        report.missing = try index.referencedDigests().subtracting(present).subtracting(corrupt).sorted()
        return report
    }

    /// Deletes all but the newest `keepRuns` runs from the index, then every object no
    /// remaining step refers to, and leftovers in `tmp/`. Call while holding the lock.
    package func collectGarbage(keepRuns: Int) throws -> CollectionReport {
        let runsDeleted = try index.deleteRuns(keepingNewest: max(0, keepRuns))
        let referenced = try index.referencedDigests()
        var report = CollectionReport(runsDeleted: runsDeleted, objectsDeleted: 0, bytesFreed: 0, objectsKept: 0)
        for digest in try store.allObjects() {
            if referenced.contains(digest) {
                report.objectsKept += 1
            } else {
                report.bytesFreed += try store.remove(digest)
                report.objectsDeleted += 1
            }
        }
        try store.clearTemporaryFiles()
        return report
    }
}

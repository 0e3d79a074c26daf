import Foundation
import ToetsStore

/// A fresh folder under the system's temporary directory, removed when the value goes away.
package final class TemporaryDirectory: Sendable {
    package let path: String

    package init(_ label: String = "toets-test") {
        let base = FileManager.default.temporaryDirectory.path
        path = base + "/\(label)-\(getpid())-\(UInt64.random(in: 0...UInt64.max))"
        try! FileSystem.makeDirectory(path)
    }

    deinit {
        try? FileSystem.removeTree(path)
    }

    /// Writes `text` to `relativePath` (creating folders) and returns the absolute path.
    @discardableResult
    package func write(_ relativePath: String, _ text: String) throws -> String {
        let target = path + "/" + relativePath
        try FileSystem.makeDirectory(FileSystem.parentDirectory(of: target))
        try Data(text.utf8).write(to: URL(fileURLWithPath: target))
        return target
    }

    /// The text of `relativePath`.
    package func read(_ relativePath: String) throws -> String {
        try String(contentsOfFile: path + "/" + relativePath, encoding: .utf8)
    }
}

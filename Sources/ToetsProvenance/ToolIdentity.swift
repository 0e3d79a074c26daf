import Foundation
import Synchronization
import ToetsRunner

/// The build of Toets that made a statement: its version and, where it can be found, the git
/// commit of its source tree.
package struct ToolIdentity: Sendable, Equatable {
    package var name: String
    package var version: String
    /// A commit id, or "unknown".
    package var commit: String

    package init(name: String = "toets", version: String = ToolVersion.current, commit: String) {
        self.name = name
        self.version = version
        self.commit = commit
    }

    package var json: CanonicalJSON {
        .object(["name": .string(name), "version": .string(version), "commit": .string(commit)])
    }

    /// This build: `$TOETS_COMMIT` if set (a release build sets it), else `git rev-parse HEAD` in
    /// the source tree this file was compiled from, if that tree is still here, else "unknown".
    /// Looked up once per process.
    package static func current(environment: [String: String] = ProcessInfo.processInfo.environment) -> ToolIdentity {
        if let commit = environment["TOETS_COMMIT"], !commit.isEmpty { return ToolIdentity(commit: commit) }
        return ToolIdentity(commit: sourceCommit.withLock { cached in
            if let cached { return cached }
            let found = gitHead(in: URL(fileURLWithPath: #filePath).deletingLastPathComponent().path) ?? "unknown"
            cached = found
            return found
        })
    }

    private static let sourceCommit = Mutex<String?>(nil)

    private static func gitHead(in directory: String) -> String? {
        guard FileManager.default.fileExists(atPath: directory) else { return nil }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", directory, "rev-parse", "HEAD"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard process.terminationStatus == 0, text.utf8.count >= 40, text.utf8.allSatisfy({ $0 < 128 }) else { return nil }
        return text
    }
}

import Foundation
import Synchronization
import ToetsRunner
import ToetsStore

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

    /// This build: `$TOETS_COMMIT` if set (a release build sets it), else the commit checked out
    /// in the git work tree this file was compiled from, if that tree is still here, else
    /// "unknown". Read from `.git` directly (no `git` process); looked up once per process.
    package static func current(environment: [String: String] = ProcessInfo.processInfo.environment) -> ToolIdentity {
        if let commit = environment["TOETS_COMMIT"], !commit.isEmpty { return ToolIdentity(commit: commit) }
        return ToolIdentity(commit: sourceCommit.withLock { cached in
            if let cached { return cached }
            let found = gitHead(from: URL(fileURLWithPath: #filePath).deletingLastPathComponent().path) ?? "unknown"
            cached = found
            return found
        })
    }

    private static let sourceCommit = Mutex<String?>(nil)

    /// The commit HEAD names in the work tree around `directory`: a `.git` folder, or a `.git`
    /// file pointing at a worktree's folder; a detached HEAD, a loose ref or a packed ref.
    static func gitHead(from directory: String) -> String? {
        var folder = directory
        while !folder.isEmpty {
            let dotGit = folder + "/.git"
            if FileSystem.isDirectory(dotGit) { return resolveHead(gitDirectory: dotGit, commonDirectory: dotGit) }
            if FileSystem.isRegularFile(dotGit), let text = readLine(dotGit), text.hasPrefix("gitdir: ") {
                var gitDirectory = String(text.dropFirst("gitdir: ".count))
                if !gitDirectory.hasPrefix("/") { gitDirectory = folder + "/" + gitDirectory }
                var common = readLine(gitDirectory + "/commondir") ?? "."
                if !common.hasPrefix("/") { common = gitDirectory + "/" + common }
                return resolveHead(gitDirectory: gitDirectory, commonDirectory: common)
            }
            if folder == "/" { break }
            folder = FileSystem.parentDirectory(of: folder)
        }
        return nil
    }

    private static func resolveHead(gitDirectory: String, commonDirectory: String) -> String? {
        guard let head = readLine(gitDirectory + "/HEAD") else { return nil }
        guard head.hasPrefix("ref: ") else { return isCommitID(head) ? head : nil }
        let ref = String(head.dropFirst("ref: ".count))
        for base in [gitDirectory, commonDirectory] {
            if let id = readLine(base + "/" + ref), isCommitID(id) { return id }
        }
        let packed = (try? FileSystem.readSmallFile(commonDirectory + "/packed-refs")).map { String(decoding: $0, as: UTF8.self) }
        for line in packed?.split(separator: "\n") ?? [] {
            let words = line.split(separator: " ")
            if words.count == 2, words[1] == ref, isCommitID(String(words[0])) { return String(words[0]) }
        }
        return nil
    }

    private static func readLine(_ path: String) -> String? {
        guard FileSystem.isRegularFile(path), let bytes = try? FileSystem.readSmallFile(path) else { return nil }
        return String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private static func isCommitID(_ text: String) -> Bool {
        (text.utf8.count == 40 || text.utf8.count == 64) && hexBytes(text) != nil
    }
}

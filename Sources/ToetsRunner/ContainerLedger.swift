#if canImport(Glibc)
import Glibc
#endif
import Foundation
import ToetsStore

/// The method containers of this workspace that may still exist, kept in the workspace
/// (`containers/`, one empty file named after each container) from just before podman starts
/// one until toets has seen it removed. podman hands a running container to conmon, which
/// outlives the podman client and toets: a toets killed with SIGKILL (and its guard, if that
/// died too) leaves the container running. The next run or `toets gc`, under the workspace
/// lock and before either empties `tmp/` (where the container writes), removes what is listed.
///
/// Nothing is synced to disk: a container does not outlive the machine, and a file lost with
/// the machine names nothing that still runs.
package struct ContainerLedger: Sendable {
    let directory: String

    package init(workspace: Workspace) {
        directory = workspace.root + "/containers"
    }

    /// A name for the container of `stage` in `run`, unique on this machine: podman's container
    /// names are shared by every workspace and user of its storage.
    static func containerName(run: Int64?, stage: String) -> String {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-")
        let shown = String(stage.prefix(40).map { allowed.contains($0) ? $0 : "-" })
        let unique = String(UInt64.random(in: 0...UInt64.max), radix: 16)
        return "toets-" + (run.map { "r\($0)-" } ?? "") + shown + "-" + unique
    }

    /// Notes that the container `name` is about to start.
    func record(_ name: String) throws {
        _ = try FileSystem.makeDirectory(directory)
        close(try FileSystem.createExclusive(directory + "/" + name))
    }

    /// Forgets `name`: it has been removed.
    func forget(_ name: String) {
        unlink(directory + "/" + name)
    }

    /// The containers earlier runs may have left.
    func leftovers() -> [String] {
        ((try? FileSystem.contents(of: directory)) ?? []).filter { $0.hasPrefix("toets-") }.sorted()
    }

    /// Removes (stopping at once) every container an earlier run left and forgets them; returns
    /// those that still existed. Throws when podman cannot remove them: this run must not empty
    /// `tmp/` under a container that still writes there.
    package func removeLeftovers() async throws -> [String] {
        let names = leftovers()
        guard !names.isEmpty else { return [] }
        guard case .success(let runtime) = Podman.runtime else {
            // Without podman no container of it can run: the notes are stale.
            for name in names { forget(name) }
            return []
        }
        let folder = FileManager.default.temporaryDirectory.path
        let (status, said) = try await Podman.run(Podman.globalArguments(runtime) + ["rm", "--force", "--ignore", "--time", "0"] + names,
                                                  folder: folder)
        guard status == 0 else {
            throw LeftoverContainers(names: names, ledger: directory, problem: said.split(separator: "\n").last.map(String.init)
                                        ?? "podman rm failed with status \(status)")
        }
        for name in names { forget(name) }
        // podman names each container it removed; one already gone is passed over.
        let removed = Set(said.split(separator: "\n").map { String($0).trimmingCharacters(in: .whitespaces) })
        return names.filter(removed.contains)
    }
}

/// Containers of an earlier, killed run that could not be removed: they may still write into
/// this workspace.
package struct LeftoverContainers: Error, CustomStringConvertible {
    let names: [String]
    let ledger: String
    let problem: String

    package var description: String {
        "containers \(names.joined(separator: ", ")) of an earlier run of this workspace, whose toets was killed, may still "
            + "be running and writing into it, and podman could not remove them: \(problem). Remove them with "
            + "`podman rm --force \(names.joined(separator: " "))`, then run again; \(ledger) lists them."
    }
}

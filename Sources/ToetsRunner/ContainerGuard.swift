#if canImport(Glibc)
import Glibc
#endif
import Foundation
import ToetsProcess

/// Removes a container if toets dies while it may run. podman's client dies with toets, but
/// the container lives on under conmon, which podman detaches on purpose; no podman or conmon
/// option ties a container to its client's life (`--rm` acts only once the command has ended,
/// `--stop-timeout` only on `podman stop`, the parent-death signal reaches only toets's own
/// child). So a small shell, not tied to toets, waits on a pipe whose only writer is toets and
/// into which toets never writes: when toets has dealt with the container it ends the guard;
/// when the pipe closes first (toets died, also by SIGKILL), the guard runs `podman rm --force`.
struct ContainerGuard {
    private let child: ChildProcess
    private let writer: Int32

    /// It ignores SIGTERM, SIGINT and SIGHUP (and so does the `podman rm` it becomes): Slurm's
    /// scancel and systemd's stop send SIGTERM to every process of a job or unit, toets's
    /// included, and the guard is there for what comes after.
    private static let script = #"trap '' TERM INT HUP; read -r said; exec "$@""#

    /// Starts the guard of container `name`, before the container starts.
    init(name: String, runtime: Podman.Runtime) throws {
        var ends: [Int32] = [-1, -1]
        // Close-on-exec at once (pipe2 is not in Swift's Glibc): toets's own children start
        // without it anyway, as they close every descriptor but their standard three.
        guard pipe(&ends) == 0, fcntl(ends[0], F_SETFD, FD_CLOEXEC) == 0, fcntl(ends[1], F_SETFD, FD_CLOEXEC) == 0 else {
            throw ContainerUnavailable(reason: "cannot make a pipe for the container's guard: \(String(cString: strerror(errno)))",
                                       hint: "Check the limit on open files (ulimit -n).")
        }
        defer { close(ends[0]) }
        // The guard opens the pipe's reading end as its standard input; it inherits no other descriptor.
        var request = SpawnRequest(arguments: ["/bin/sh", "-c", Self.script, "toets-container-guard"]
                                       + Podman.globalArguments(runtime) + ["rm", "--force", "--ignore", "--time", "0", name],
                                   environment: Podman.podmanEnvironment(), workingDirectory: "/",
                                   standardOutputPath: "/dev/null", standardErrorPath: "/dev/null")
        request.standardInputPath = "/proc/self/fd/\(ends[0])"
        request.diesWithParent = false
        do {
            child = try Subprocess.spawn(request)
        } catch {
            close(ends[1])
            throw ContainerUnavailable(reason: "cannot start the container's guard: \(error)", hint: "Check that /bin/sh exists.")
        }
        writer = ends[1]
    }

    /// Ends the guard: the container is dealt with. The pipe closes only after the guard has
    /// ended, so that it never mistakes this for toets's death.
    func release() async {
        child.stop(gracePeriod: 0)
        _ = await child.wait()
        close(writer)
    }
}

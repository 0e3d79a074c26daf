#if canImport(Glibc)
import Glibc
#endif
import Foundation
import ToetsProcess

/// What to start: an argument vector in a working directory, with output to files.
package struct CommandRequest: Sendable {
    package var arguments: [String]
    package var environment: [String: String]
    /// Where the command starts: a path inside the sandbox when it has one.
    package var workingDirectory: String
    package var standardOutputPath: String
    package var standardErrorPath: String
    /// Seconds before the process group is stopped; nil for no limit.
    package var timeout: Double?
    /// Address-space limit in bytes; nil for none.
    package var memoryLimit: Int?
    /// Run without network: in a network namespace of its own, where the kernel allows one. A
    /// sandboxed command never has network.
    package var isolateNetwork: Bool
    /// What the command may see; nil to run it unsandboxed, seeing what toets sees.
    package var sandbox: SandboxView?
    /// The OCI image the command runs in (with podman, showing it `sandbox`'s mounts); nil to
    /// run it in the host's system.
    package var image: ContainerImage?

    package init(arguments: [String], environment: [String: String], workingDirectory: String,
                 standardOutputPath: String, standardErrorPath: String, timeout: Double? = nil,
                 memoryLimit: Int? = nil, isolateNetwork: Bool = false, sandbox: SandboxView? = nil) {
        self.isolateNetwork = isolateNetwork
        self.arguments = arguments
        self.environment = environment
        self.workingDirectory = workingDirectory
        self.standardOutputPath = standardOutputPath
        self.standardErrorPath = standardErrorPath
        self.timeout = timeout
        self.memoryLimit = memoryLimit
        self.sandbox = sandbox
    }

    /// The host path behind a path the command sees.
    package func hostPath(of path: String) -> String {
        sandbox?.hostPath(of: path) ?? path
    }
}

/// How a command ended.
package struct CommandResult: Sendable, Equatable {
    package enum Ending: Sendable, Equatable {
        case exited(Int32)
        case signalled(Int32)
        case timedOut
        case cancelled
    }

    package var ending: Ending
    package var seconds: Double
    /// The largest resident set among its processes, in bytes, where known.
    package var peakMemory: Int?

    package init(ending: Ending, seconds: Double, peakMemory: Int? = nil) {
        self.ending = ending
        self.seconds = seconds
        self.peakMemory = peakMemory
    }
}

/// Starts external programs. A narrow protocol so that the runner can be tested with a fake
/// and a cluster executor can submit jobs instead.
package protocol ProcessLauncher: Sendable {
    func run(_ request: CommandRequest) async throws -> CommandResult
}

/// Starts each command in a process group of its own, so that a time limit or Ctrl-C stops the
/// whole tree it spawns: SIGTERM first, SIGKILL after a grace period. Commands with a sandbox
/// run in bubblewrap; every command ends with toets, however toets ends.
package struct LocalProcessLauncher: ProcessLauncher {
    /// Seconds between SIGTERM and SIGKILL.
    package var gracePeriod: Double

    package init(gracePeriod: Double = 3) {
        self.gracePeriod = gracePeriod
    }

    /// Why this machine cannot isolate a command from the network; nil when it can. Found
    /// once, by starting `true` in a network namespace of its own.
    package static let networkIsolationProblem: String? = {
        var request = SpawnRequest(arguments: ["true"], environment: ["PATH": "/usr/bin:/bin"], workingDirectory: "/",
                                   standardOutputPath: "/dev/null", standardErrorPath: "/dev/null")
        request.isolateNetwork = true
        do throws(SpawnError) {
            _ = try Subprocess.spawn(request).waitBlocking()
            return nil
        } catch {
            return "\(error.step): \(String(cString: strerror(error.errno)))"
        }
    }()

    package func run(_ request: CommandRequest) async throws -> CommandResult {
        let start = ContinuousClock.now
        if let image = request.image {
            return try await runInContainer(request, image: image, start: start)
        }
        let spawn: SpawnRequest
        if let view = request.sandbox {
            let runtime = try Bubblewrap.runtime.get()
            if runtime.dropsToNobody {
                // The sandbox runs as nobody: its writable folders must be its own.
                for mount in view.mounts where mount.writable {
                    chown(mount.source, Bubblewrap.sandboxUser.uid, Bubblewrap.sandboxUser.gid)
                }
            }
            spawn = try Bubblewrap.spawnRequest(for: request, view: view, runtime: runtime)
        } else {
            var plain = SpawnRequest(arguments: request.arguments, environment: request.environment,
                                     workingDirectory: request.workingDirectory,
                                     standardOutputPath: request.standardOutputPath,
                                     standardErrorPath: request.standardErrorPath)
            plain.memoryLimit = request.memoryLimit
            plain.isolateNetwork = request.isolateNetwork
            if request.isolateNetwork, let problem = Self.networkIsolationProblem {
                // Said where the step's readers look: at the top of its standard error.
                let note = "toets: this machine cannot cut the command off from the network (\(problem)); it ran with network.\n"
                _ = FileManager.default.createFile(atPath: request.standardErrorPath, contents: Data(note.utf8))
                plain.isolateNetwork = false
            }
            spawn = plain
        }
        return await wait(for: try Subprocess.spawn(spawn), request: request, start: start)
    }

    /// Runs the command in its image with podman; the container is removed however podman ends.
    private func runInContainer(_ request: CommandRequest, image: ContainerImage, start: ContinuousClock.Instant) async throws
        -> CommandResult {
        let runtime = try Podman.runtime.get()
        let view = request.sandbox ?? SandboxView(mounts: [], processLimit: SandboxLayout.defaultProcessLimit)
        // podman's answers go to the temporary folder; the command's environment file lies beside its
        // logs, in the step's scratch folder, which the container does not see.
        let folder = FileManager.default.temporaryDirectory.path
        let environmentFile = (request.standardErrorPath as NSString).deletingLastPathComponent + "/container.env"
        let name = "toets-\(UInt64.random(in: 0...UInt64.max))"
        let prepared = try await Podman.prepare(image, runtime: runtime, folder: folder)
        guard FileManager.default.createFile(atPath: environmentFile, contents: Data(try Podman.environmentFile(request.environment)),
                                             attributes: [.posixPermissions: 0o600]) else {
            throw ContainerUnavailable(reason: "cannot write \(environmentFile)", hint: "Check the workspace's free space.")
        }
        defer { unlink(environmentFile) }
        if runtime.rootful {
            // The command runs as nobody of its user namespace: its writable folders must be its own.
            for mount in view.mounts where mount.writable {
                chown(mount.source, Podman.hostUser.uid, Podman.hostUser.gid)
            }
        }
        let spawn = try Podman.spawnRequest(for: request, view: view, image: prepared, name: name,
                                            environmentFile: environmentFile, runtime: runtime)
        let result = await wait(for: try Subprocess.spawn(spawn), request: request, start: start)
        if result.ending != .exited(0) {
            await Podman.remove(name, runtime: runtime, folder: folder)
        }
        return result
    }

    /// Waits for `child`, stopping its process group at the time limit or on cancellation.
    private func wait(for child: ChildProcess, request: CommandRequest, start: ContinuousClock.Instant) async -> CommandResult {
        if let timeout = request.timeout { child.limitTime(to: timeout, gracePeriod: gracePeriod) }
        let ending: CommandResult.Ending = await withTaskCancellationHandler {
            let end = await child.wait()
            if child.exceededTimeLimit { return .timedOut }
            if Task.isCancelled { return .cancelled }
            return switch end {
            case .exited(let code): .exited(code)
            case .signalled(let signal): .signalled(signal)
            }
        } onCancel: {
            child.stop(gracePeriod: gracePeriod)
        }
        let seconds = (ContinuousClock.now - start) / .seconds(1)
        return CommandResult(ending: ending, seconds: seconds, peakMemory: child.peakMemory)
    }
}

#if canImport(Glibc)
import Glibc
#endif
import Foundation
import ToetsProcess

/// Starts commands in bubblewrap (`bwrap`, Debian's `bubblewrap`, the sandbox under Flatpak):
/// namespaces of their own for users, processes, network, IPC, UTS and cgroups, no way to make
/// more user namespaces, every capability dropped, no new privileges, an unprivileged user
/// inside, and every process ended with the step (the sandbox's own PID namespace; bwrap dies
/// with toets and takes its children with it).
///
/// Run by root, the sandbox itself runs as `nobody` outside too: the kernel does not count the
/// processes of root against a process limit, and a file only root may read stays unreadable.
/// The paths it shows are then bound first into a private staging folder, so that `nobody`
/// reaches them wherever they are (a workspace under `/root`).
package enum Bubblewrap {
    /// The program and its version, found once per process; or why the sandbox cannot run here.
    package static let runtime: Result<Runtime, SandboxUnavailable> = probe()

    /// bwrap on this machine.
    package struct Runtime: Sendable, Equatable {
        package var program: String
        /// What `bwrap --version` says, such as `bubblewrap 0.8.0`.
        package var version: String
        /// Whether the sandbox runs as nobody outside: toets runs as root and may switch user.
        /// In a user namespace of its own (`unshare -r`) root cannot, and the sandbox runs as
        /// toets's user; the kernel then holds root's sandbox to no process limit.
        package var dropsToNobody: Bool
    }

    /// The user the sandbox runs as outside when toets runs as root; inside it is always nobody.
    static let sandboxUser = UserID.nobody

    /// Sets the `RLIMIT_NPROC` of the command inside the sandbox, where the kernel counts the
    /// sandbox's processes alone (util-linux, on every Linux system).
    static let processLimiter = "/usr/bin/prlimit"

    /// The size of `/dev/shm` (Python's multiprocessing keeps its semaphores there).
    static let sharedMemoryBytes = 256 << 20

    /// The `/etc` entries an interpreter needs (the loader's cache, alternatives that
    /// `/usr/bin/python3` and friends point through, time zones, MIME and certificate data):
    /// no passwords, no host names, nothing of toets's.
    static let etcEntries = [
        "alternatives", "ca-certificates", "debian_version", "fonts", "ld.so.cache", "ld.so.conf", "ld.so.conf.d",
        "localtime", "magic", "magic.mime", "mailcap", "mime.types", "nsswitch.conf", "os-release", "perl", "protocols",
        "R", "services", "ssl/certs", "timezone",
    ]

    /// The spawn request that runs `request`'s command inside the sandbox `view` describes.
    static func spawnRequest(for request: CommandRequest, view: SandboxView, runtime: Runtime) throws -> SpawnRequest {
        let asRoot = runtime.dropsToNobody
        var arguments = [runtime.program, "--unshare-all", "--unshare-user", "--disable-userns", "--die-with-parent",
                         "--new-session", "--uid", "\(sandboxUser.uid)", "--gid", "\(sandboxUser.gid)",
                         "--hostname", "toets-sandbox", "--cap-drop", "ALL"]
        arguments += systemArguments()
        // Shared memory bounded: a tmpfs lives in memory that RLIMIT_AS does not count.
        arguments += ["--proc", "/proc", "--dev", "/dev", "--size", "\(sharedMemoryBytes)", "--tmpfs", "/dev/shm"]
        var staged: [String] = []
        let staging = asRoot ? try stagingDirectory() : nil
        for mount in view.mounts {
            var source = mount.source
            if let staging {
                source = staging + "/\(staged.count)"
                staged.append(mount.source)
            }
            arguments += [mount.writable ? "--bind" : "--ro-bind", source, mount.path]
        }
        // Only the scratch, temporary and output folders (on disk) stay writable.
        arguments += ["--remount-ro", "/", "--remount-ro", "/dev"]
        arguments += ["--chdir", request.workingDirectory, "--", processLimiter,
                      "--nproc=\(view.processLimit):\(view.processLimit)", "--"]
        arguments += request.arguments
        var spawn = SpawnRequest(arguments: arguments, environment: request.environment, workingDirectory: "/",
                                 standardOutputPath: request.standardOutputPath,
                                 standardErrorPath: request.standardErrorPath)
        spawn.memoryLimit = request.memoryLimit
        if asRoot {
            spawn.user = sandboxUser
            spawn.staged = staged
            spawn.stagingDirectory = staging
        }
        return spawn
    }

    /// `/usr` read-only, the merged-`/usr` links as the host has them, and the `/etc` entries
    /// an interpreter needs.
    private static func systemArguments() -> [String] {
        var arguments = ["--ro-bind", "/usr", "/usr"]
        for path in ["/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32"] {
            var buffer = [CChar](repeating: 0, count: 4096)
            let count = readlink(path, &buffer, buffer.count - 1)
            if count > 0 {
                arguments += ["--symlink", String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self), path]
            } else {
                arguments += ["--ro-bind-try", path, path]
            }
        }
        let python = ((try? FileManager.default.contentsOfDirectory(atPath: "/etc")) ?? []).filter { $0.hasPrefix("python3") }
        for entry in (etcEntries + python).sorted() {
            arguments += ["--ro-bind-try", "/etc/" + entry, "/etc/" + entry]
        }
        return arguments
    }

    /// A folder every user can walk to, on which each child mounts a private tmpfs.
    private static func stagingDirectory() throws -> String {
        for candidate in ["/run/toets-sandbox", "/tmp/toets-sandbox"] {
            if mkdir(candidate, 0o755) == 0 || errno == EEXIST, FileManager.default.isDirectory(candidate) {
                return candidate
            }
        }
        throw SandboxUnavailable(reason: "cannot make a staging folder in /run or /tmp: \(String(cString: strerror(errno)))")
    }

    /// Finds bwrap and starts one sandbox as a step would, running `true`.
    private static func probe() -> Result<Runtime, SandboxUnavailable> {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        let folders = ["/usr/bin", "/bin"] + path.split(separator: ":").map(String.init)
        guard let program = folders.map({ $0 + "/bwrap" }).first(where: { access($0, X_OK) == 0 }) else {
            return .failure(SandboxUnavailable(reason: "bubblewrap (bwrap) is not installed"))
        }
        guard access(processLimiter, X_OK) == 0 else {
            return .failure(SandboxUnavailable(reason: "\(processLimiter) (util-linux) is missing"))
        }
        let folder = FileManager.default.temporaryDirectory.path + "/toets-sandbox-probe-\(getpid())"
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        func run(_ request: SpawnRequest) -> (ChildProcess.Ending?, String) {
            let ending: ChildProcess.Ending
            do {
                ending = try Subprocess.spawn(request).waitBlocking()
            } catch {
                return (nil, "\(error)")
            }
            let output = (try? String(contentsOfFile: request.standardOutputPath, encoding: .utf8)) ?? ""
            let error = (try? String(contentsOfFile: request.standardErrorPath, encoding: .utf8)) ?? ""
            return (ending, (output + error).trimmingCharacters(in: .whitespacesAndNewlines))
        }
        let (versionEnding, version) = run(SpawnRequest(
            arguments: [program, "--version"], environment: [:], workingDirectory: "/",
            standardOutputPath: folder + "/version.out", standardErrorPath: folder + "/version.err"))
        guard versionEnding == .exited(0), !version.isEmpty else {
            return .failure(SandboxUnavailable(reason: "\(program) --version failed: \(version)"))
        }
        // As root, the sandbox runs as nobody where toets may switch user, else as toets's user.
        var problem = ""
        for drops in geteuid() == 0 ? [true, false] : [false] {
            let runtime = Runtime(program: program, version: version, dropsToNobody: drops)
            let work = folder + "/work-\(drops)"
            try? FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
            if drops { chown(work, sandboxUser.uid, sandboxUser.gid) }
            let trial = CommandRequest(arguments: ["true"], environment: ["PATH": "/usr/bin:/bin"],
                                       workingDirectory: SandboxLayout.work, standardOutputPath: folder + "/trial-\(drops).out",
                                       standardErrorPath: folder + "/trial-\(drops).err")
            let view = SandboxView(mounts: [.init(path: SandboxLayout.work, source: work, writable: true)], processLimit: 64)
            do {
                let (ending, said) = run(try spawnRequest(for: trial, view: view, runtime: runtime))
                if ending == .exited(0) { return .success(runtime) }
                if problem.isEmpty { problem = said.isEmpty ? "it ended with \(String(describing: ending))" : said }
            } catch {
                if problem.isEmpty { problem = "\(error)" }
            }
        }
        return .failure(SandboxUnavailable(reason: "\(version) could not start a sandbox: " + problem))
    }
}

/// The sandbox cannot run on this machine: external methods do not run.
package struct SandboxUnavailable: Error, CustomStringConvertible, Equatable {
    package var reason: String

    package var description: String {
        "the sandbox for run: stages cannot start here: \(reason). Install bubblewrap (Debian: apt-get install "
            + "bubblewrap) and allow user namespaces (sysctl user.max_user_namespaces > 0, and on Debian before 12 "
            + "kernel.unprivileged_userns_clone=1); or, for a trusted local experiment only, run with --unsandboxed "
            + "(recorded in the provenance and printed on the method cards)"
    }
}

private extension FileManager {
    func isDirectory(_ path: String) -> Bool {
        var directory: ObjCBool = false
        return fileExists(atPath: path, isDirectory: &directory) && directory.boolValue
    }
}

#if canImport(Glibc)
import Glibc
#endif
import Foundation
import ToetsModel
import ToetsProcess

/// An OCI image a command runs in, as this machine finds it.
package enum ContainerImage: Sendable, Equatable {
    /// An image archive in the store (its object's path and digest).
    case archive(path: String, digest: Digest)
    /// A reference pinned by digest.
    case reference(String)
}

/// Starts commands in OCI images with podman (Debian's `podman` and `runc`), showing them the
/// same mounts as the bubblewrap sandbox (`SandboxView`) over the image's read-only root: no
/// network, every capability dropped, no new privileges, a user namespace of their own (run
/// by root, container ids 0–65535 are host ids 100000–165535 and the command runs as nobody,
/// host id 165534), their own PID and IPC namespaces, limits on open files, processes and
/// memory, and nothing of toets's environment but what `CommandRequest` gives.
///
/// podman's default runtime (crun) and its default limits do not start on every machine (this
/// machine kind's hybrid cgroups, hard limits below podman's defaults): runc, cgroupfs and
/// explicit limits do.
package enum Podman {
    /// podman on this machine, found once per process; or why it cannot run images here.
    package static let runtime: Result<Runtime, ContainerUnavailable> = probe()

    package struct Runtime: Sendable, Equatable {
        package var program: String
        /// The OCI runtime podman is told to use.
        package var ociRuntime: String
        /// `podman version 4.3.1; runc version 1.1.5+ds1`.
        package var version: String
        /// Run by root: the command gets a user namespace mapped to ids no one else uses.
        package var rootful: Bool
    }

    /// The first host id of the container's user namespace when run by root, and how many.
    static let hostIDBase: UInt32 = 100_000
    static let mappedIDs: UInt32 = 65_536
    /// Inside the container the command runs as nobody.
    static let containerUser = UserID.nobody

    /// The host user that owns what the command writes, when run by root.
    static var hostUser: UserID {
        UserID(uid: hostIDBase + containerUser.uid, gid: hostIDBase + containerUser.gid)
    }

    /// The open-file limit inside (podman's default is above this machine kind's hard limit).
    static let openFiles = 1024
    /// The size of `/dev/shm`, as in the bubblewrap sandbox.
    static let sharedMemoryBytes = Bubblewrap.sharedMemoryBytes

    /// The name an archive's image is kept under in podman's storage, so that a later step finds
    /// it without loading the archive again.
    static func storageName(of archive: Digest) -> String {
        "localhost/toets-archive:" + archive.hex
    }

    /// podman's own environment: its search path, and for a user who is not root where its
    /// storage and configuration are.
    static func podmanEnvironment() -> [String: String] {
        var environment = ["PATH": "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"]
        if geteuid() != 0 {
            for name in ["HOME", "USER", "XDG_RUNTIME_DIR", "XDG_CONFIG_HOME", "XDG_DATA_HOME"] {
                environment[name] = ProcessInfo.processInfo.environment[name]
            }
        }
        return environment
    }

    static func globalArguments(_ runtime: Runtime) -> [String] {
        [runtime.program, "--runtime", runtime.ociRuntime, "--cgroup-manager", "cgroupfs"]
    }

    /// Makes sure the image is in podman's storage and returns the name to run it by. An archive
    /// is loaded once and kept under `storageName(of:)`; a reference is used only if it is
    /// already there (toets pulls nothing: a run needs no network and no registry).
    static func prepare(_ image: ContainerImage, runtime: Runtime, folder: String) async throws -> String {
        let podman = globalArguments(runtime)
        switch image {
        case .reference(let reference):
            guard try await run(podman + ["image", "exists", reference], folder: folder).status == 0 else {
                throw ContainerUnavailable(reason: "the image \(reference) is not on this machine, and toets fetches nothing",
                                           hint: "Load it first (podman pull \(reference) where there is network, or "
                                               + "podman load -i ARCHIVE), or bring its archive in with a source stage.")
            }
            return reference
        case .archive(let path, let digest):
            let name = storageName(of: digest)
            if try await run(podman + ["image", "exists", name], folder: folder).status == 0 { return name }
            let (status, output) = try await run(podman + ["load", "--quiet", "--input", path], folder: folder)
            // "Loaded image: NAME" or "Loaded image(s): NAME,NAME".
            let loaded = output.split(separator: "\n").last { $0.hasPrefix("Loaded image") }
                .map { String($0[$0.index(after: $0.firstIndex(of: ":")!)...]).trimmingCharacters(in: .whitespaces) }
            guard status == 0, let loaded, !loaded.isEmpty else {
                throw ContainerUnavailable(reason: "podman could not load the image archive sha256:\(digest.hex): "
                                               + Self.lastLine(output),
                                           hint: "The archive must be an OCI or docker image archive, such as "
                                               + "podman save --format oci-archive -o image.tar IMAGE makes.")
            }
            let images = loaded.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }
            guard images.count == 1 else {
                throw ContainerUnavailable(reason: "the image archive sha256:\(digest.hex) holds \(images.count) images",
                                           hint: "Save one image per archive.")
            }
            let (tagged, said) = try await run(podman + ["tag", images[0], name], folder: folder)
            guard tagged == 0 else {
                throw ContainerUnavailable(reason: "podman could not name the loaded image \(images[0]): " + Self.lastLine(said),
                                           hint: "Check podman's storage (podman images).")
            }
            return name
        }
    }

    /// The spawn request that runs `request`'s command in `image` (a name from `prepare`) with
    /// the mounts `view` describes; `name` names the container, `environmentFile` holds its
    /// environment (so that no value appears on a command line).
    static func spawnRequest(for request: CommandRequest, view: SandboxView, image: String, name: String,
                             environmentFile: String, runtime: Runtime) throws -> SpawnRequest {
        var arguments = globalArguments(runtime) + [
            "run", "--rm", "--name", name, "--pull", "never", "--log-driver", "none",
            "--network", "none", "--hostname", "toets-sandbox", "--read-only", "--read-only-tmpfs=false",
            "--cap-drop", "all", "--security-opt", "no-new-privileges", "--security-opt", "seccomp=" + (try seccompProfile.get()),
            "--ipc", "private",
            "--shm-size", "\(sharedMemoryBytes)b",
            "--ulimit", "nofile=\(openFiles):\(openFiles)", "--ulimit", "nproc=\(view.processLimit):\(view.processLimit)",
            "--pids-limit", "\(view.processLimit)", "--env-file", environmentFile, "--workdir", request.workingDirectory,
        ]
        if let memory = request.memoryLimit {
            // A cgroup limit on memory in use (podman has no address-space limit), swap included.
            arguments += ["--memory", "\(memory)b", "--memory-swap", "\(memory)b"]
        }
        if runtime.rootful {
            let map = "0:\(hostIDBase):\(mappedIDs)"
            arguments += ["--uidmap", map, "--gidmap", map, "--user", "\(containerUser.uid):\(containerUser.gid)"]
        } else {
            // Rootless podman maps the invoking user to root inside a user namespace of its own.
            arguments += ["--user", "0:0"]
        }
        for mount in view.mounts {
            for path in [mount.source, mount.path] where path.contains(",") || path.contains("\n") {
                throw ContainerUnavailable(reason: "the path \(path) holds a comma or a line break, which podman's --mount "
                                               + "cannot carry", hint: "Rename it.")
            }
            arguments += ["--mount", "type=bind,source=\(mount.source),destination=\(mount.path)"
                            + (mount.writable ? "" : ",readonly=true")]
        }
        guard let program = request.arguments.first else {
            throw ContainerUnavailable(reason: "the command is empty", hint: "Give run: a command.")
        }
        // The command replaces the image's entrypoint and default arguments.
        arguments += ["--entrypoint", ParamValue.list([.string(program)]).canonicalJSON, image]
        arguments += request.arguments.dropFirst()
        return SpawnRequest(arguments: arguments, environment: podmanEnvironment(), workingDirectory: "/",
                            standardOutputPath: request.standardOutputPath, standardErrorPath: request.standardErrorPath)
    }

    /// podman's default seccomp profile (containers-common's, read from the installed package)
    /// less the making of user namespaces, which it allows and bubblewrap forbids (`unshare`
    /// refused, `clone` only without `CLONE_NEWUSER`, `clone3` said to be missing so that the C
    /// library falls back to `clone`): written once per process to a file podman reads.
    static let seccompProfile: Result<String, ContainerUnavailable> = {
        let source = "/usr/share/containers/seccomp.json"
        guard let data = FileManager.default.contents(atPath: source),
              var profile = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any],
              let rules = profile["syscalls"] as? [[String: Any]] else {
            return .failure(ContainerUnavailable(reason: "podman's seccomp profile \(source) is missing or unreadable",
                                                 hint: "Reinstall containers-common (Debian: apt-get install --reinstall golang-github-containers-common)."))
        }
        let namespaces: Set<String> = ["unshare", "clone", "clone3"]
        var kept = rules.map { rule -> [String: Any] in
            var rule = rule
            if let names = rule["names"] as? [String] { rule["names"] = names.filter { !namespaces.contains($0) } }
            return rule
        }.filter { ($0["names"] as? [String])?.isEmpty == false }
        let newUser = 0x1000_0000
        kept += [
            ["names": ["clone"], "action": "SCMP_ACT_ALLOW",
             "args": [["index": 0, "value": newUser, "valueTwo": 0, "op": "SCMP_CMP_MASKED_EQ"]]],
            ["names": ["unshare"], "action": "SCMP_ACT_ERRNO", "errnoRet": Int(EPERM)],
            ["names": ["clone3"], "action": "SCMP_ACT_ERRNO", "errnoRet": Int(ENOSYS)],
        ]
        profile["syscalls"] = kept
        let path = FileManager.default.temporaryDirectory.path + "/toets-seccomp-\(getpid()).json"
        guard let bytes = try? JSONSerialization.data(withJSONObject: profile, options: [.sortedKeys]),
              FileManager.default.createFile(atPath: path, contents: bytes) else {
            return .failure(ContainerUnavailable(reason: "cannot write the seccomp profile \(path)", hint: "Check /tmp."))
        }
        return .success(path)
    }()

    /// The command's environment for `--env-file`: one `NAME=VALUE` a line. The image's own
    /// `PATH` stands: the host's search path means nothing inside.
    static func environmentFile(_ environment: [String: String]) throws -> [UInt8] {
        var text = ""
        for (name, value) in environment.sorted(by: { $0.key < $1.key }) where name != "PATH" {
            guard !value.contains("\n"), !name.contains("=") else {
                throw ContainerUnavailable(reason: "the value of \(name) holds a line break, which podman's --env-file "
                                               + "cannot carry", hint: "Pass it in a file under code: instead.")
            }
            text += "\(name)=\(value)\n"
        }
        return Array(text.utf8)
    }

    /// Removes the container, running or not, at once; no error if it is gone. A podman that is
    /// killed (time limit, Ctrl-C) leaves its container to conmon: this ends it.
    static func remove(_ name: String, runtime: Runtime, folder: String) async {
        _ = try? await run(globalArguments(runtime) + ["rm", "--force", "--ignore", "--time", "0", name], folder: folder)
    }

    /// Runs a podman command to its end; its status and its output and error output together.
    private static func run(_ arguments: [String], folder: String) async throws -> (status: Int32, output: String) {
        let output = folder + "/podman-\(UInt64.random(in: 0...UInt64.max)).out"
        defer { unlink(output) }
        let child = try Subprocess.spawn(SpawnRequest(arguments: arguments, environment: podmanEnvironment(), workingDirectory: "/",
                                                      standardOutputPath: output, standardErrorPath: output))
        let ending = await child.wait()
        let said = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
        if case .exited(let status) = ending { return (status, said) }
        return (-1, said)
    }

    private static func lastLine(_ text: String) -> String {
        text.split(separator: "\n").last.map(String.init) ?? "(it said nothing)"
    }

    /// Finds podman and runc and asks each for its version (starting no container).
    private static func probe() -> Result<Runtime, ContainerUnavailable> {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        let folders = ["/usr/bin", "/usr/sbin", "/bin", "/sbin"] + path.split(separator: ":").map(String.init)
        func find(_ name: String) -> String? { folders.map { $0 + "/" + name }.first { access($0, X_OK) == 0 } }
        guard let program = find("podman") else {
            return .failure(ContainerUnavailable(reason: "podman is not installed"))
        }
        guard let runc = find("runc") else {
            return .failure(ContainerUnavailable(reason: "runc, the OCI runtime toets starts podman with, is not installed"))
        }
        let folder = FileManager.default.temporaryDirectory.path + "/toets-podman-probe-\(getpid())"
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var versions: [String] = []
        for arguments in [[program, "--version"], [runc, "--version"]] {
            let output = folder + "/version"
            let ending = try? Subprocess.spawn(SpawnRequest(arguments: arguments, environment: podmanEnvironment(),
                                                            workingDirectory: "/", standardOutputPath: output,
                                                            standardErrorPath: output)).waitBlocking()
            let said = ((try? String(contentsOfFile: output, encoding: .utf8)) ?? "").split(separator: "\n").first.map(String.init)
            unlink(output)
            guard ending == .exited(0), let said, !said.isEmpty else {
                return .failure(ContainerUnavailable(reason: "\(arguments[0]) --version failed"))
            }
            versions.append(said)
        }
        return .success(Runtime(program: program, ociRuntime: runc, version: versions.joined(separator: "; "),
                                rootful: geteuid() == 0))
    }
}

/// A command in an image cannot start on this machine, or its image cannot be found or loaded.
package struct ContainerUnavailable: Error, CustomStringConvertible, Equatable {
    package var reason: String
    package var hint = "Install podman and runc (Debian: apt-get install podman runc); Toets starts images with "
        + ContainerRuntimes.supported.joined(separator: ", ") + " only."

    package var description: String {
        "a command in a container image cannot start here: \(reason). \(hint)"
    }
}

/// How external commands are isolated in a run.
package enum SandboxPolicy: Sendable, Equatable {
    /// Every `run:` stage in a bubblewrap sandbox that shows it its declared inputs and code.
    case bubblewrap
    /// No sandbox (`toets run --unsandboxed`): a trusted local experiment. Recorded in the key,
    /// the provenance and the method cards.
    case none

    /// What enters a command's cache key: the version of the view the sandbox gives, so that
    /// a step run without it is never reused for a sandboxed run, nor the other way round.
    package var keyText: String {
        switch self {
        case .bubblewrap: "bubblewrap view \(SandboxView.version)"
        case .none: "none"
        }
    }
}

/// What an external command sees in the sandbox: beside a read-only system (`/usr` and the
/// `/etc` files an interpreter needs), its own `/proc` and a minimal `/dev`, exactly these
/// mounts: each declared input and code file read-only at a path of its own, its parameters,
/// and a private scratch, temporary folder and output folder, writable.
package struct SandboxView: Sendable, Equatable {
    /// Bumped when what a command can see changes (more system files, other paths): the keys
    /// of every command stage change with it.
    package static let version = 1

    /// A host path shown at `path` inside.
    package struct Mount: Sendable, Equatable {
        /// Where the command sees it.
        package var path: String
        /// What it is on this machine.
        package var source: String
        package var writable: Bool

        package init(path: String, source: String, writable: Bool) {
            self.path = path
            self.source = source
            self.writable = writable
        }
    }

    package var mounts: [Mount]
    /// The most processes (and threads) the command may run at once.
    package var processLimit: Int

    package init(mounts: [Mount], processLimit: Int) {
        self.mounts = mounts
        self.processLimit = processLimit
    }

    /// The host path behind `path` inside, if a mount shows it.
    package func hostPath(of path: String) -> String? {
        for mount in mounts.reversed() {
            if path == mount.path { return mount.source }
            if path.hasPrefix(mount.path + "/") { return mount.source + path.dropFirst(mount.path.count) }
        }
        return nil
    }
}

/// Where things appear inside the sandbox. Fixed paths: a command line filled in for the
/// sandbox is the same on every machine.
package enum SandboxLayout {
    package static let base = "/toets"
    /// `{in.STAGE.ARTEFACT}` is `inputs/STAGE/ARTEFACT`.
    package static let inputs = base + "/in"
    /// `{out.NAME}` is `outputs/NAME`.
    package static let outputs = base + "/out"
    /// `{scratch}`, the working directory and `HOME`.
    package static let work = base + "/work"
    /// `{root}`: declared code appears below it at its path relative to the pipeline root.
    package static let root = base + "/root"
    /// `{params}`.
    package static let parameters = base + "/params.json"
    /// `TMPDIR`.
    package static let temporary = "/tmp"
    /// The process limit when the stage sets none (`processes:`); threads count.
    package static let defaultProcessLimit = 1024
}

/// A program to start, as the operating system sees it: the argument vector, environment and
/// files, and what the child is allowed before it execs.
package struct SpawnRequest: Sendable {
    /// The program (searched in the `PATH` of `environment`) and its arguments.
    package var arguments: [String]
    /// The whole environment of the child: nothing of this process's own is added.
    package var environment: [String: String]
    package var workingDirectory: String
    package var standardInputPath = "/dev/null"
    /// Appended to, created if missing.
    package var standardOutputPath: String
    package var standardErrorPath: String
    /// Address-space limit in bytes (RLIMIT_AS); nil for none.
    package var memoryLimit: Int?
    /// In a network namespace of its own, with no interface but a loopback that is down.
    package var isolateNetwork = false
    /// Paths bound, in a private mount namespace of the child, at `stagingDirectory/0`, `/1`, …
    /// before it drops to `user`: a child running as another user then reaches them even where
    /// it could not walk to them by path. Needs root.
    package var staged: [String] = []
    package var stagingDirectory: String?
    /// The user and group the child drops to before it execs (no supplementary groups); nil to
    /// keep this process's. Needs root.
    package var user: UserID?
    /// Killed when toets dies (also by `kill -9`), as every command is; false only for a helper
    /// whose work is to clean up after a toets that died.
    package var diesWithParent = true

    package init(arguments: [String], environment: [String: String], workingDirectory: String,
                 standardOutputPath: String, standardErrorPath: String) {
        self.arguments = arguments
        self.environment = environment
        self.workingDirectory = workingDirectory
        self.standardOutputPath = standardOutputPath
        self.standardErrorPath = standardErrorPath
    }
}

/// A numeric user and group.
package struct UserID: Sendable, Hashable {
    package var uid: UInt32
    package var gid: UInt32

    package init(uid: UInt32, gid: UInt32) {
        self.uid = uid
        self.gid = gid
    }

    /// `nobody` and `nogroup` on Debian and most Linux systems.
    package static let nobody = UserID(uid: 65534, gid: 65534)
}

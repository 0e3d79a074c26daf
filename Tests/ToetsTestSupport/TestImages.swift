import Foundation
import ToetsModel
import ToetsRunner

/// Tiny OCI image archives for the tests of methods in container images, built offline by
/// scripts/make-test-image.sh from the host's static busybox (podman, runc and busybox-static
/// are installed by `make test`), and podman as those tests ask it.
package enum TestImages {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path

    /// Builds an image archive whose `/etc/toets-image` says `marker`, at `path`; returns its digest.
    @discardableResult
    package static func make(_ path: String, marker: String) throws -> Digest {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = [repository + "/scripts/make-test-image.sh", path, marker]
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw ImageNotMade() }
        return Digest.sha256(of: Array(try Data(contentsOf: URL(fileURLWithPath: path))))
    }

    /// Drops the images toets loaded for a test from podman's storage.
    package static func forget(_ archives: [Digest]) {
        _ = podman(["rmi", "--force", "--ignore"] + archives.map(Podman.storageName(of:)))
    }

    /// Whether podman knows a container called `name` (running or not).
    package static func containerExists(_ name: String) -> Bool {
        podman(["container", "exists", name]) == 0
    }

    /// Waits up to `seconds` until podman no longer knows the container `name`; true if it went.
    package static func awaitContainerGone(_ name: String, seconds: Double = 30) async -> Bool {
        let deadline = ContinuousClock.now + .seconds(seconds)
        while containerExists(name) {
            guard ContinuousClock.now < deadline else { return false }
            try? await Task.sleep(for: .milliseconds(200))
        }
        return true
    }

    /// Runs podman as toets starts it; its exit status.
    @discardableResult
    package static func podman(_ arguments: [String]) -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["podman", "--runtime", "runc", "--cgroup-manager", "cgroupfs"] + arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return -1 }
        process.waitUntilExit()
        return process.terminationStatus
    }
}

/// scripts/make-test-image.sh failed.
package struct ImageNotMade: Error, CustomStringConvertible {
    package var description: String { "scripts/make-test-image.sh failed (are podman, runc, busybox-static installed?)" }
}

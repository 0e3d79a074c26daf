#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Testing
import ToetsModel
import ToetsStore
import ToetsTestSupport

/// A method's container ends with the `toets run` that started it, however that ends: podman
/// hands a container to conmon, which outlives podman's client and toets, so toets must end it.
@Suite(.serialized) struct ContainerLifetimeTests {
    /// A `toets run` whose method sleeps in its container (the marker on its `sleep`), once
    /// the container runs; the image archive's digest, so that the test can drop the loaded image.
    struct SlowRun {
        let project = TemporaryDirectory()
        let marker = HostProcesses.uniqueMarker()
        let archive: Digest
        let running: Toets.Running
        let container: String

        init() async throws {
            try project.write("p.yaml", """
                stages:
                  env:
                    uses: source
                    with: {files: {image: image.tar}}
                  slow:
                    needs: env
                    image: env.image
                    run: sleep \(marker); echo > {out.x}
                """)
            archive = try TestImages.make(project.path + "/image.tar", marker: "lifetime")
            running = try Toets.start(["run", "p.yaml"], in: project.path)
            try #require(await HostProcesses.awaitStarted(marker, seconds: 120), "the method's container did not start")
            container = try ContainerLifetimeTests.noted(in: project)
        }
    }

    /// The container the run noted in its workspace, once it has started.
    static func noted(in project: TemporaryDirectory) throws -> String {
        let names = try FileSystem.contents(of: project.path + "/.toets/containers")
        try #require(names.count == 1, "\(names)")
        return names[0]
    }

    /// The guard of `container`: the one process started with `toets-container-guard` and its name.
    static func guardOf(_ container: String) throws -> Int32 {
        let guards = HostProcesses.withArgument(container).filter { pid in
            let arguments = (FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") ?? Data()).split(separator: 0)
            return arguments.contains { String(decoding: $0, as: UTF8.self) == "toets-container-guard" }
        }
        try #require(guards.count == 1, "\(guards)")
        return guards[0]
    }

    /// After the first run was killed: a rerun (of a quick method) succeeds, lists no container,
    /// and the store holds every object whole and nothing half-written in tmp/.
    static func expectCleanRerun(_ project: TemporaryDirectory, container: String) throws -> Toets.Result {
        try project.write("p.yaml", try project.read("p.yaml").replacingOccurrences(of: "sleep ", with: "echo "))
        let rerun = try Toets.run(["run", "p.yaml"], in: project.path)
        #expect(rerun.status == 0, "\(rerun.stderr)")
        #expect(!TestImages.containerExists(container))
        #expect(try FileSystem.contents(of: project.path + "/.toets/containers").isEmpty)
        let workspace = try Workspace(root: project.path + "/.toets")
        #expect(try workspace.verify(repair: false).corrupt.isEmpty)
        #expect(((try? FileSystem.contents(of: workspace.store.temporaryDirectory)) ?? []).isEmpty)
        return rerun
    }

    @Test func killingToetsWithSIGKILLRemovesItsContainerAndTheRerunFindsNothingHalfWritten() async throws {
        let slow = try await SlowRun()
        defer { TestImages.forget([slow.archive]) }
        let (project, marker, running, container) = (slow.project, slow.marker, slow.running, slow.container)
        #expect(container.hasPrefix("toets-r1-slow-"))
        #expect(TestImages.containerExists(container))
        // Slurm's scancel and systemd's stop send SIGTERM to every process of the job or unit
        // first: the guard stays.
        kill(try Self.guardOf(container), SIGTERM)
        kill(running.process.processIdentifier, SIGKILL)
        _ = running.finish()
        // The container's guard removes it at once; the next run would otherwise.
        #expect(await HostProcesses.awaitGone(marker, seconds: 30), "the container outlived toets")
        #expect(await TestImages.awaitContainerGone(container), "the container's guard did not remove it")
        let rerun = try Self.expectCleanRerun(project, container: container)
        #expect(!rerun.stdout.contains("removed container"), "\(rerun.stdout)")
    }

    /// When the guard is killed with toets (as `kill -9` of both would), the container runs on
    /// until the next run or `toets gc` of the workspace, which removes it before it empties
    /// tmp/ and says so.
    @Test(arguments: ["run", "gc"])
    func aContainerWhoseToetsAndGuardWereKilledIsRemovedByTheNextRunOrGC(_ command: String) async throws {
        let slow = try await SlowRun()
        defer { TestImages.forget([slow.archive]) }
        let (project, marker, running, container) = (slow.project, slow.marker, slow.running, slow.container)
        kill(try Self.guardOf(container), SIGKILL)
        kill(running.process.processIdentifier, SIGKILL)
        _ = running.finish()
        try await Task.sleep(for: .seconds(1))
        #expect(TestImages.containerExists(container), "nothing should have removed the container yet")
        #expect(!HostProcesses.withArgument(marker).isEmpty)
        let said = "removed container \(container), left running by an earlier run whose toets was killed"
        if command == "gc" {
            let collected = try Toets.run(["gc"], in: project.path)
            #expect(collected.status == 0, "\(collected.stderr)")
            #expect(collected.stdout.contains(said), "\(collected.stdout)")
            #expect(!TestImages.containerExists(container))
        }
        let rerun = try Self.expectCleanRerun(project, container: container)
        #expect(rerun.stdout.contains(said) == (command == "run"), "\(rerun.stdout)")
        #expect(await HostProcesses.awaitGone(marker))
    }

    @Test func sigtermStopsTheContainerAndRecordsTheInterruption() async throws {
        let slow = try await SlowRun()
        defer { TestImages.forget([slow.archive]) }
        let (project, marker, running, container) = (slow.project, slow.marker, slow.running, slow.container)
        kill(running.process.processIdentifier, SIGTERM)
        let result = running.finish()
        #expect(result.status == 130, "\(result.stderr)")
        #expect(result.stderr.contains("stopping (SIGTERM)"))
        // toets removed the container itself before it exited.
        #expect(HostProcesses.withArgument(marker).isEmpty)
        #expect(!TestImages.containerExists(container))
        #expect(try FileSystem.contents(of: project.path + "/.toets/containers").isEmpty)
        let workspace = try Workspace(root: project.path + "/.toets")
        #expect(try workspace.index.runs().first?.status == .interrupted)
    }
}

import Foundation
import Testing
import ToetsModel
import ToetsStore
import ToetsTestSupport

/// A rerun that changed nothing: it asks Slurm nothing, whatever the executor, and publishes
/// nothing new.
@Suite struct NoOpRerunTests {
    /// Stand-ins for Slurm's commands, first on the PATH: each notes its call in `calls` and fails.
    static func fakeSlurm(in project: TemporaryDirectory) throws -> (path: String, calls: String) {
        let bin = project.path + "/fake-slurm"
        try FileSystem.makeDirectory(bin)
        let calls = project.path + "/slurm-calls"
        for command in ["sbatch", "squeue", "sacct", "scancel", "sinfo", "scontrol", "srun"] {
            try project.write("fake-slurm/" + command, "#!/bin/sh\necho \"$0 $*\" >> '\(calls)'\nexit 1\n")
            chmod(bin + "/" + command, 0o755)
        }
        return (bin + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"), calls)
    }

    @Test func aNoOpRerunThroughSlurmRunsNoSlurmCommandAndPublishesNothingNew() throws {
        let project = try ReportPublishingTests.project()
        let local = try Toets.run(["run", "p.yaml"], in: project.path)
        #expect(local.status == 0, "\(local.stderr)")
        let (path, calls) = try Self.fakeSlurm(in: project)

        for _ in 0..<2 {
            let rerun = try Toets.run(["run", "p.yaml", "--executor", "slurm"], in: project.path, environment: ["PATH": path])
            #expect(rerun.status == 0, "\(rerun.stderr)")
            #expect(rerun.stdout.contains(": 0 executed, 5 cached"), "\(rerun.stdout)")
            #expect(rerun.stdout.contains("reports: " + project.path + "/reports/fixture/run-1/ (as an earlier run"),
                    "\(rerun.stdout)")
        }
        #expect(!FileSystem.exists(calls), "\((try? project.read("slurm-calls")) ?? "")")
        #expect(try FileSystem.contents(of: project.path + "/reports/fixture") == ["run-1"])
        #expect(try Toets.run(["verify"], in: project.path).status == 0)

        // The stand-ins are the Slurm this toets would ask: a step that must execute is submitted
        // to them (and fails, as they refuse).
        let forced = try Toets.run(["run", "p.yaml", "--executor", "slurm", "--force", "score"], in: project.path,
                                   environment: ["PATH": path])
        #expect(forced.status != 0)
        #expect(try project.read("slurm-calls").contains("sbatch "))
    }
}

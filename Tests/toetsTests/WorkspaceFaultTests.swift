import Foundation
import Testing
import ToetsModel
import ToetsStore
import ToetsTestSupport

/// The workspace as an auditor and a user having a bad day meet it, through the command line:
/// gc then run, a lost or damaged index, a read-only copy, published folders that changed, a
/// missing object, a full disk.
@Suite struct WorkspaceFaultTests {
    static func project() throws -> TemporaryDirectory { try ReportPublishingTests.project() }

    func files(in folder: String) throws -> [String: Data] {
        var result: [String: Data] = [:]
        for name in try FileSystem.contents(of: folder) { result[name] = FileManager.default.contents(atPath: folder + "/" + name) }
        return result
    }

    @Test func afterGCEveryRunGetsANewNumberAndNoPublishedFolderOrCheckpointIsOverwritten() throws {
        let project = try Self.project()
        for _ in 1...2 { #expect(try Toets.run(["run", "p.yaml"], in: project.path).status == 0) }
        let first = try files(in: project.path + "/reports/fixture/run-1")
        let checkpoint = try project.read(".toets/provenance/checkpoints/run-1.txt")
        #expect(try Toets.run(["gc", "--keep-runs", "0"], in: project.path).status == 0)
        let third = try Toets.run(["run", "p.yaml"], in: project.path)
        #expect(third.status == 0, "\(third.stderr)")
        #expect(third.stdout.contains("run 3 of fixture succeeded"))
        #expect(try files(in: project.path + "/reports/fixture/run-1") == first)
        #expect(try project.read(".toets/provenance/checkpoints/run-1.txt") == checkpoint)
        #expect(FileSystem.isDirectory(project.path + "/reports/fixture/run-3"))
        let verify = try Toets.run(["verify"], in: project.path)
        #expect(verify.status == 0, "\(verify.stdout)")
        #expect(verify.stdout.contains("2 runs deleted from the index by gc (1–2)"))

        // A workspace deleted and made again beside the old reports numbers its runs above them.
        try FileSystem.removeTree(project.path + "/.toets")
        let fresh = try Toets.run(["run", "p.yaml"], in: project.path)
        #expect(fresh.stdout.contains("run 4 of fixture succeeded"), "\(fresh.stdout)")
        #expect(try files(in: project.path + "/reports/fixture/run-1") == first)
    }

    @Test func aRunIsNumberedAboveAFolderPublishedBeforeAndLeavesItAlone() throws {
        let project = try Self.project()
        try project.write("elsewhere/fixture/run-1/keep.txt", "someone else's\n")
        let result = try Toets.run(["run", "p.yaml", "--reports", "elsewhere", "--workspace", "ws"], in: project.path)
        // The folder is taken: the run is numbered above it, so it publishes beside it.
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("run 2 of fixture"))
        #expect(try project.read("elsewhere/fixture/run-1/keep.txt") == "someone else's\n")
    }

    @Test func verifyNamesEachPublishedFileThatDiffersIsMissingOrWasAdded() throws {
        let project = try Self.project()
        #expect(try Toets.run(["run", "p.yaml"], in: project.path).status == 0)
        let clean = try Toets.run(["verify"], in: project.path)
        #expect(clean.status == 0, "\(clean.stdout)")
        #expect(!clean.stdout.contains("PUBLISHED"))
        let folder = project.path + "/reports/fixture/run-1"
        let copy = project.path + "/copy/fixture/run-1"
        try FileSystem.makeDirectory(copy)
        for (name, data) in try files(in: folder) { try data.write(to: URL(fileURLWithPath: copy + "/" + name)) }

        let page = try project.read("reports/fixture/run-1/klankbord.en.html")
        try project.write("reports/fixture/run-1/klankbord.en.html", page.replacingOccurrences(of: "Team Alpha", with: "Team Beta"))
        try FileSystem.removeTree(folder + "/SHA256SUMS")
        try project.write("reports/fixture/run-1/extra.html", "<p>added later</p>\n")
        let verify = try Toets.run(["verify"], in: project.path)
        #expect(verify.status == 1)
        let lines = verify.stdout.split(separator: "\n").filter { $0.hasPrefix("PUBLISHED") }
        #expect(lines.count == 3, "\(verify.stdout)")
        #expect(lines.contains { $0.contains("klankbord.en.html differs from what the run published") })
        #expect(lines.contains { $0.contains("SHA256SUMS is missing") })
        #expect(lines.contains { $0.contains("holds extra.html, which the run did not publish") })

        // A copy of the reports folder is checked where it is.
        let copied = try Toets.run(["verify", "--reports", "copy"], in: project.path)
        #expect(copied.status == 0, "\(copied.stdout)")
        #expect(copied.stdout.contains("1 published folder checked"))
    }

    @Test func aTruncatedIndexIsRefusedByEveryCommandAndRebuiltFromTheLog() throws {
        let project = TemporaryDirectory()
        try project.write("data.csv", "a\nb\n")
        try project.write("p.yaml", """
            stages:
              data: {uses: source, with: {files: {rows: data.csv}}}
              count: {needs: data, run: "wc -l < {in.rows} > {out.n}"}
            """)
        #expect(try Toets.run(["run", "p.yaml"], in: project.path).status == 0)
        try Data().write(to: URL(fileURLWithPath: project.path + "/.toets/index.sqlite"))
        for arguments in [["run", "p.yaml"], ["status", "p.yaml"], ["outputs", "count"], ["explain", "count", "--pipeline", "p.yaml"],
                          ["gc"], ["export", "prov", "--out", "prov.json"]] {
            let result = try Toets.run(arguments, in: project.path)
            #expect(result.status == 4, "\(arguments)")
            #expect(result.stderr.contains("is missing or empty, but the workspace holds"), "\(arguments): \(result.stderr)")
            #expect(result.stderr.contains("`toets verify --rebuild-index`"))
        }
        let verify = try Toets.run(["verify"], in: project.path)
        #expect(verify.status == 1)
        #expect(verify.stdout.hasPrefix("INDEX    the index"))
        let rebuilt = try Toets.run(["verify", "--rebuild-index"], in: project.path)
        #expect(rebuilt.status == 0, "\(rebuilt.stdout)")
        #expect(rebuilt.stdout.contains("rebuilt the index from the provenance log: 1 run, 2 steps"))
        let rerun = try Toets.run(["run", "p.yaml"], in: project.path)
        #expect(rerun.stdout.contains("run 2 of p succeeded") && rerun.stdout.contains("0 executed, 2 cached"), "\(rerun.stdout)")
    }

    @Test func aDamagedIndexGetsAMessageWithAdviceNotARawSQLiteError() throws {
        let project = TemporaryDirectory()
        try project.write("p.yaml", "stages:\n  a: {run: \"echo x > {out.x}\"}\n")
        #expect(try Toets.run(["run", "p.yaml"], in: project.path).status == 0)
        let index = project.path + "/.toets/index.sqlite"
        var bytes = try FileSystem.readSmallFile(index)
        for offset in stride(from: 4096, to: bytes.count, by: 1) { bytes[offset] = 0x5A }
        try Data(bytes).write(to: URL(fileURLWithPath: index))
        for suffix in ["-wal", "-shm"] { try FileSystem.removeTree(index + suffix) }
        let status = try Toets.run(["status", "p.yaml"], in: project.path)
        #expect(status.status == 4)
        #expect(status.stderr.contains("is damaged") && status.stderr.contains("toets verify --rebuild-index"), "\(status.stderr)")
        #expect(!status.stderr.contains("SQLite error"))
        #expect(try Toets.run(["verify", "--rebuild-index"], in: project.path).status == 0)
        #expect(FileSystem.contents(ofDirectory: project.path + "/.toets").contains { $0.hasPrefix("index.sqlite.damaged-") })
    }

    @Test func anAuditorsReadOnlyCopyCanBeVerifiedExplainedListedAndExported() throws {
        let project = try Self.project()
        #expect(try Toets.run(["run", "p.yaml"], in: project.path).status == 0)
        let copy = TemporaryDirectory("toets-readonly")
        let copied = try Toets.shell("cp -a '\(project.path)/.' '\(copy.path)/' && chmod -R a-w '\(copy.path)'")
        #expect(copied == 0)
        defer { _ = try? Toets.shell("chmod -R u+w '\(copy.path)'") }
        for arguments in [["verify"], ["outputs", "score"], ["explain", "score", "--pipeline", "p.yaml"], ["status", "p.yaml"],
                          ["export", "prov", "--out", "/tmp/toets-prov-\(getpid()).json"]] {
            let result = try Toets.runUnprivileged(arguments, in: copy.path)
            #expect(result.status == 0, "\(arguments): \(result.stdout) \(result.stderr)")
            #expect(!result.stderr.contains("SQLite error"))
        }
        try? FileSystem.removeTree("/tmp/toets-prov-\(getpid()).json")
        let run = try Toets.runUnprivileged(["run", "p.yaml"], in: copy.path)
        #expect(run.status == 4)
        #expect(run.stderr.contains("cannot be written") && run.stderr.contains("use the commands that only read"), "\(run.stderr)")
    }

    @Test func aMissingObjectIsNamedAndRecomputed() throws {
        let project = TemporaryDirectory()
        try project.write("p.yaml", "stages:\n  a: {run: \"echo precious > {out.x}\"}\n")
        #expect(try Toets.run(["run", "p.yaml"], in: project.path).status == 0)
        let digest = Digest.sha256(of: Array("precious\n".utf8))
        try FileSystem.removeTree(project.path + "/.toets/objects/" + digest.hex.prefix(2) + "/" + digest.hex.dropFirst(2))
        let copy = try Toets.run(["outputs", "a", "--copy-to", "out"], in: project.path)
        #expect(copy.status == 4)
        #expect(copy.stderr.contains("object \(digest.short) is recorded in the index but missing from the store"))
        let verify = try Toets.run(["verify"], in: project.path)
        #expect(verify.status == 1)
        #expect(verify.stdout.contains("MISSING  \(digest.hex)") && verify.stdout.contains("is missing from the store"))
        let rerun = try Toets.run(["run", "p.yaml"], in: project.path)
        #expect(rerun.stderr.contains("missing from the store") && rerun.stdout.contains("1 executed"))
        #expect(try Toets.run(["verify"], in: project.path).status == 0)
    }

    @Test func aFullDiskSaysWhichPathHowMuchSpaceAndThatNothingStoredWasHarmed() throws {
        let project = TemporaryDirectory()
        try project.write("big.csv", String(repeating: "0123456789abcdef\n", count: 64 * 1024))  // 1.1 MiB
        try project.write("p.yaml", """
            stages:
              small: {run: "echo small > {out.x}"}
              big: {uses: source, with: {files: {rows: big.csv}}}
            """)
        try project.write("fill.sh", """
            set -u
            mount -t tmpfs -o size=512k tmpfs ws || exit 77
            "$1" run p.yaml --workspace ws --jobs 1; echo "run exit $?"
            "$1" verify --workspace ws; echo "verify exit $?"
            head -c 1000000 /dev/zero > ws/filler 2>/dev/null
            "$1" run p.yaml --workspace ws --jobs 1; echo "full run exit $?"
            rm ws/filler ws/objects/*/*
            echo 'stages: {small: {run: "echo small > {out.x}"}}' > p.yaml
            "$1" run p.yaml --workspace ws; echo "freed run exit $?"
            "$1" verify --workspace ws; echo "verify again exit $?"
            """)
        let result = try Toets.runScript("unshare -rm sh fill.sh \(Toets.executable)", in: project.path, workspace: "ws")
        try #require(!result.stdout.contains("exit 77") && result.status == 0, "no tmpfs here: \(result.stderr)")
        #expect(result.stdout.contains("run exit 1"))
        #expect(result.stderr.contains("no space left on the disk holding \(project.path)/ws/tmp/"), "\(result.stderr)")
        #expect(result.stderr.contains("(copying \(project.path)/big.csv into the store)"))
        #expect(result.stderr.contains("KiB free, at least 1.1 MiB more needed"))
        #expect(result.stderr.contains("Nothing stored was harmed"))
        #expect(!result.stderr.contains("NSCocoaErrorDomain") && !result.stderr.contains("no reason given"))
        #expect(result.stdout.contains("verify exit 0"), "\(result.stdout)")
        // With no byte left, the index cannot take the run: the same kind of message, exit 4.
        #expect(result.stdout.contains("full run exit 4"), "\(result.stdout)")
        #expect(result.stderr.contains("no space left on the disk holding \(project.path)/ws/index.sqlite (writing the index): "))
        // Space freed (here by deleting objects by hand), the next run recomputes what is gone.
        #expect(result.stdout.contains("freed run exit 0"), "\(result.stdout)")
        #expect(result.stdout.contains("verify again exit 0"))
    }

    @Test func reportsGitkeepIsCommittedSoAFreshCloneHasAReportsFolder() throws {
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().path
        try #require(FileSystem.exists(repository + "/.git"), "not a git checkout")
        let result = try Toets.shellOutput("git -C '\(repository)' ls-files --error-unmatch reports/.gitkeep")
        #expect(result.status == 0, "reports/.gitkeep is not in git: \(result.stderr)")
    }
}

extension Toets {
    /// Runs a shell command line; its exit status.
    static func shell(_ command: String) throws -> Int32 {
        try shellOutput(command).status
    }

    static func shellOutput(_ command: String, in directory: String = "/") throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        let running = Running(process: process, stdout: stdout, stderr: stderr)
        return running.finish()
    }

    /// A script run in `directory`, its workspace folder made first.
    static func runScript(_ command: String, in directory: String, workspace: String) throws -> Result {
        try FileSystem.makeDirectory(directory + "/" + workspace)
        return try shellOutput(command, in: directory)
    }

    /// Runs toets as a user who may not write what root's tests made (as root: as `nobody`).
    static func runUnprivileged(_ arguments: [String], in directory: String) throws -> Result {
        guard getuid() == 0 else { return try run(arguments, in: directory) }
        let quoted = ([executable] + arguments).map { "'" + $0 + "'" }.joined(separator: " ")
        return try shellOutput("exec setpriv --reuid=65534 --regid=65534 --clear-groups " + quoted, in: directory)
    }
}

extension FileSystem {
    static func contents(ofDirectory path: String) -> [String] {
        (try? contents(of: path)) ?? []
    }
}

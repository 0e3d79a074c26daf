import Foundation
import Testing
import ToetsModel
import ToetsStore
import ToetsTestSupport

/// The built `toets` executable, run as a user would: exit codes, messages, two processes on
/// one workspace, and kill -9 in the middle of a run.
@Suite struct CommandLineTests {
    @Test func aPipelineMistakeExitsWithStatus2AndNamesFileLineAndStage() throws {
        let project = TemporaryDirectory()
        try project.write("p.yaml", "stages:\n  a:\n    run: 'true'\n    needs: [b]\n")
        let result = try Toets.run(["run", "p.yaml"], in: project.path)
        #expect(result.status == 2)
        #expect(result.stderr.contains("p.yaml:4: stage 'a', field 'needs': unknown stage 'b'"))
    }

    @Test func runStatusExplainAndOutputsWorkTogether() throws {
        let project = TemporaryDirectory()
        try project.write("data.csv", "a\nb\n")
        try project.write("p.yaml", """
            stages:
              data:
                uses: source
                with: {files: {rows: data.csv}}
              count:
                needs: data
                with: {unit: lines}
                run: wc -l < {in.rows} | tr -d ' ' > {out.count.txt}
            """)
        let first = try Toets.run(["run", "p.yaml"], in: project.path)
        #expect(first.status == 0)
        #expect(first.stdout.contains("succeeded"))
        try project.write("p.yaml", try project.read("p.yaml").replacingOccurrences(of: "lines", with: "rows"))
        let status = try Toets.run(["status"], in: project.path)
        #expect(status.stdout.contains("parameter unit: \"lines\" → \"rows\""))
        let explain = try Toets.run(["explain", "count"], in: project.path)
        #expect(explain.stdout.contains("  - parameter unit: \"lines\" → \"rows\""))
        #expect(try Toets.run(["run", "p.yaml", "--json"], in: project.path).status == 0)
        let outputs = try Toets.run(["outputs", "count", "--copy-to", "out"], in: project.path)
        #expect(outputs.status == 0)
        #expect(try project.read("out/count.txt") == "2\n")
    }

    @Test func auditFindsAPlantedLeakAndNamesWhere() throws {
        let project = TemporaryDirectory()
        try project.write("shares.csv", "object_id,account_id,content_id,timestamp_share\n"
            + (1...12).map { "https://nos.nl/a\($0 % 3),acct_77300\($0 % 4),post_555000\($0),\(1_700_000_000 + $0 * 7)\n" }.joined())
        try project.write("canaries.txt", "# planted on purpose\ncanary.e3cdec@toets-canary.example\n")
        #expect(FileManager.default.createFile(atPath: project.path + "/key", contents: Data(repeating: 9, count: 32),
                                               attributes: [.posixPermissions: 0o600]))
        func pipeline(_ method: String) -> String {
            """
            stages:
              data:
                uses: source
                with: {files: {shares.csv: shares.csv}}
              posts:
                uses: ingest
                needs: data
                with: {platforms: {shares.csv: x}}
              anonymous:
                uses: anonymise
                needs: posts
                with: {key_file: \(project.path)/key, k: 1, name_lists: \(TestNameLists.folder)}
              method:
                needs: anonymous
                run: \(method)
            """
        }
        try project.write("p.yaml", pipeline("cp {in.posts} {out.copy}"))
        #expect(try Toets.run(["run", "p.yaml"], in: project.path).status == 0)
        let clean = try Toets.run(["audit", "p.yaml", "--canaries", "canaries.txt"], in: project.path)
        #expect(clean.status == 0, "\(clean.stderr)")
        #expect(clean.stdout.contains("no leaks"))

        // A method that writes a raw account id, and a report holding a canary in base64.
        try project.write("p.yaml", pipeline("(cat {in.posts}; echo acct_773002) > {out.copy}"))
        #expect(try Toets.run(["run", "p.yaml"], in: project.path).status == 0)
        let base64 = Data("see canary.e3cdec@toets-canary.example".utf8).base64EncodedString()
        try project.write("reports/r.html", "<img src=\"data:text/plain;base64,\(base64)\">\n")
        let leaky = try Toets.run(["audit", "p.yaml", "--canaries", "canaries.txt"], in: project.path)
        #expect(leaky.status == 1)
        #expect(leaky.stdout.contains("(without namespace) of sampled post") && leaky.stdout.contains("output copy of stage 'method'"))
        #expect(leaky.stdout.contains("LEAK canary on line 2 of canaries.txt (base64) in report \(project.path)/reports/r.html, line 1"))
        #expect(!leaky.stdout.contains("acct_773002") && !leaky.stdout.contains("canary.e3cdec"))
    }

    @Test func auditLooksForDisplayNamesAndRecognisedNamesButNotDeclaredPublicNames() throws {
        let project = TemporaryDirectory()
        let tweets = [
            #"{"id":"1","author_id":"10","created_at":"2026-03-01T12:00:00.000Z","text":"Sterk betoog van Kanariëtte Spreeuw!","author":{"id":"10","username":"kanarie","name":"Kanariëtte Spreeuw"}}"#,
            #"{"id":"2","author_id":"11","created_at":"2026-03-01T12:01:00.000Z","text":"Debat met Mark Rutte, geld t.n.v. Teunis Kanarievelt","author":{"id":"11","username":"piet_k","name":"Piet Kiezer"}}"#,
        ]
        try project.write("x.jsonl", tweets.joined(separator: "\n") + "\n")
        #expect(FileManager.default.createFile(atPath: project.path + "/key", contents: Data(repeating: 9, count: 32),
                                               attributes: [.posixPermissions: 0o600]))
        func pipeline(_ method: String) -> String {
            """
            stages:
              data:
                uses: source
                with: {files: {x.jsonl: x.jsonl}}
              posts:
                uses: ingest
                needs: data
              anonymous:
                uses: anonymise
                needs: posts
                with: {key_file: \(project.path)/key, k: 1, name_lists: \(TestNameLists.folder), keep_names: [Mark Rutte]}
              method:
                needs: anonymous
                run: \(method)
            """
        }
        try project.write("p.yaml", pipeline("cp {in.posts} {out.copy}"))
        #expect(try Toets.run(["run", "p.yaml"], in: project.path).status == 0)
        let clean = try Toets.run(["audit", "p.yaml"], in: project.path)
        #expect(clean.status == 0 && clean.stdout.contains("no leaks"), "\(clean.stdout) \(clean.stderr)")
        let copy = try Toets.run(["outputs", "method", "--copy-to", "out"], in: project.path)
        #expect(copy.status == 0)
        let posts = try project.read("out/copy")
        #expect(posts.contains("Sterk betoog van <PERSON:") && posts.contains("Debat met Mark Rutte, geld t.n.v. <PERSON:"))
        #expect(!posts.contains("display_name"))

        // A method that writes a display name, a recognised name and a public name.
        try project.write("p.yaml", pipeline("(cat {in.posts}; echo 'kanariëtte spreeuw'; echo Teunis Kanarievelt; echo Mark Rutte) > {out.copy}"))
        #expect(try Toets.run(["run", "p.yaml"], in: project.path).status == 0)
        let leaky = try Toets.run(["audit", "p.yaml"], in: project.path)
        #expect(leaky.status == 1)
        #expect(leaky.stdout.contains("LEAK display name of sampled post") && leaky.stdout.contains("(lowercase)"))
        #expect(leaky.stdout.contains("LEAK person in the text of sampled post"))
        // Two in the method's output (Mark Rutte is no leak); the command holding the names is in the index and log too.
        #expect(leaky.stdout.split(separator: "\n").filter { $0.contains("output copy of stage 'method'") }.count == 2,
                "\(leaky.stdout)")
        #expect(!leaky.stdout.contains("Kanari") && !leaky.stdout.contains("Teunis"))
    }

    @Test func verifyNamesAFlippedByteAndFails() throws {
        let project = TemporaryDirectory()
        try project.write("data.csv", "precious\n")
        try project.write("p.yaml", "stages:\n  data:\n    uses: source\n    with: {files: {rows: data.csv}}\n")
        #expect(try Toets.run(["run", "p.yaml"], in: project.path).status == 0)
        #expect(try Toets.run(["verify"], in: project.path).status == 0)
        let digest = Digest.sha256(of: Array("precious\n".utf8))
        let object = project.path + "/.toets/objects/" + digest.hex.prefix(2) + "/" + digest.hex.dropFirst(2)
        chmod(object, 0o644)
        try Data("qrecious\n".utf8).write(to: URL(fileURLWithPath: object))
        let verify = try Toets.run(["verify"], in: project.path)
        #expect(verify.status == 1)
        #expect(verify.stdout.contains("CORRUPT  \(digest.hex)"))
        // Repaired, the next run recomputes the object.
        #expect(try Toets.run(["verify", "--repair"], in: project.path).status == 1)
        let rerun = try Toets.run(["run", "p.yaml"], in: project.path)
        #expect(rerun.stderr.contains("missing from the store"))
        #expect(try Toets.run(["verify"], in: project.path).status == 0)
    }

    /// Unsandboxed, so that the command can tell the test through a file that it holds the
    /// workspace (a sandbox shares no folder with the host).
    @Test func aSecondRunOnTheSameWorkspaceWaitsOrFailsClearly() throws {
        let project = TemporaryDirectory()
        try project.write("p.yaml", """
            stages:
              slow:
                run: touch \(project.path)/started; sleep 3; echo done > {out.x}
            """)
        let first = try Toets.start(["run", "p.yaml", "--unsandboxed"], in: project.path)
        while !FileSystem.exists(project.path + "/started") { usleep(20_000) }
        let refused = try Toets.run(["run", "p.yaml", "--no-wait", "--unsandboxed"], in: project.path)
        #expect(refused.status == 3)
        #expect(refused.stderr.contains("is in use by another toets process: pid \(first.process.processIdentifier)"))
        let waited = try Toets.run(["run", "p.yaml", "--unsandboxed"], in: project.path)
        #expect(waited.status == 0)
        #expect(waited.stderr.contains("waiting for the workspace"))
        #expect(waited.stdout.contains("0 executed, 1 cached"))
        #expect(first.finish().status == 0)
    }

    @Test func ctrlCStopsTheRunningCommandsAndRecordsTheInterruption() async throws {
        let project = TemporaryDirectory()
        let marker = HostProcesses.uniqueMarker()
        try project.write("p.yaml", """
            stages:
              slow:
                run: sleep \(marker) & setsid sleep \(marker) & wait; echo > {out.x}
            """)
        let running = try Toets.start(["run", "p.yaml"], in: project.path)
        try #require(await HostProcesses.awaitStarted(marker, count: 2))
        kill(running.process.processIdentifier, SIGINT)
        let result = running.finish()
        #expect(result.status == 130)
        #expect(result.stderr.contains("stopping (Ctrl-C)"))
        #expect(await HostProcesses.awaitGone(marker))
        let workspace = try Workspace(root: project.path + "/.toets")
        #expect(try workspace.index.runs().first?.status == .interrupted)
    }

    /// toets killed with SIGKILL cannot stop its commands itself: they are tied to it and end with it,
    /// in the sandbox with every process they started. Unsandboxed, the command toets started ends
    /// with it (what that command starts in turn may not: README, "The sandbox").
    @Test func killingToetsEndsEveryProcessOfItsCommands() async throws {
        for sandboxed in [true, false] {
            let project = TemporaryDirectory()
            let marker = HostProcesses.uniqueMarker()
            try project.write("p.yaml", """
                stages:
                  slow:
                    run: \(sandboxed ? "setsid sleep \(marker) & (sleep \(marker) &); sleep \(marker); echo > {out.x}"
                                       : "[sh, -c, 'exec sleep \(marker)', '{out.x}']")
                """)
            let running = try Toets.start(["run", "p.yaml"] + (sandboxed ? [] : ["--unsandboxed"]), in: project.path)
            try #require(await HostProcesses.awaitStarted(marker, count: sandboxed ? 3 : 1))
            kill(running.process.processIdentifier, SIGKILL)
            _ = running.finish()
            #expect(await HostProcesses.awaitGone(marker), "sandboxed: \(sandboxed)")
        }
    }

    /// kill -9 at several moments of a run; after each, the store holds only whole objects and
    /// the index claims no result it does not have. The run that finishes afterwards writes the
    /// same bytes as a clean run.
    @Test func killingARunAtAnyMomentLosesNothingAndTheRerunMatchesACleanRun() throws {
        let pipeline = """
            stages:
              a:
                run: seq 1 200000 > {out.a}
              b:
                needs: a
                run: sleep 0.1; sort -r {in.a} > {out.b}
              c:
                needs: a
                run: sleep 0.1; awk '{ s += $1 } END { print s }' {in.a} > {out.c}
              d:
                needs: [b, c]
                run: sleep 0.1; cat {in.c} {in.b} > {out.d}
              e:
                needs: d
                run: gzip -n -c {in.d} > {out.e}
            """
        let clean = TemporaryDirectory()
        try clean.write("p.yaml", pipeline)
        #expect(try Toets.run(["run", "p.yaml"], in: clean.path).status == 0)
        let reference = try Toets.outputDigests(in: clean.path, stages: ["a", "b", "c", "d", "e"])

        let project = TemporaryDirectory()
        try project.write("p.yaml", pipeline)
        for delay in [0.02, 0.08, 0.15, 0.25, 0.35, 0.5, 0.7] {
            let running = try Toets.start(["run", "p.yaml", "--jobs", "2"], in: project.path)
            usleep(useconds_t(delay * 1_000_000))
            kill(running.process.processIdentifier, SIGKILL)
            running.process.waitUntilExit()
            let workspace = try Workspace(root: project.path + "/.toets")
            let report = try workspace.verify(repair: false)
            #expect(report.corrupt.isEmpty, "a partial object after kill -9 at \(delay) s")
            #expect(report.missing.isEmpty, "the index names an object that is not stored after kill -9 at \(delay) s")
            // Every step recorded as done has all its outputs.
            for run in try workspace.index.runs() {
                for step in try workspace.index.steps(run: run.id) where step.status.hasOutputs {
                    #expect(step.artefacts.allSatisfy { workspace.store.contains($0.digest) })
                }
            }
        }
        let final = try Toets.run(["run", "p.yaml"], in: project.path)
        #expect(final.status == 0)
        #expect(try Toets.outputDigests(in: project.path, stages: ["a", "b", "c", "d", "e"]) == reference)
        #expect(try Toets.run(["verify"], in: project.path).status == 0)
        let interrupted = try Workspace(root: project.path + "/.toets").index.runs().filter { $0.status == .interrupted }
        #expect(!interrupted.isEmpty)
    }
}

/// Runs the `toets` executable built next to this test bundle.
enum Toets {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    final class Running: @unchecked Sendable {
        // Only used from the test that started it.
        let process: Process
        let stdout: Pipe
        let stderr: Pipe

        init(process: Process, stdout: Pipe, stderr: Pipe) {
            self.process = process
            self.stdout = stdout
            self.stderr = stderr
        }

        func finish() -> Result {
            let out = stdout.fileHandleForReading.readDataToEndOfFile()
            let err = stderr.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return Result(status: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self),
                          stderr: String(decoding: err, as: UTF8.self))
        }
    }

    static var executable: String {
        let testBinary = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? ""
        var directory = URL(fileURLWithPath: testBinary).deletingLastPathComponent()
        // On Linux the test runner is `….xctest` itself; elsewhere it sits inside a bundle.
        while directory.path != "/" && !FileManager.default.fileExists(atPath: directory.path + "/toets") {
            directory.deleteLastPathComponent()
        }
        return directory.path + "/toets"
    }

    /// `environment` adds to (or, with nil values, takes from) this process's environment.
    static func start(_ arguments: [String], in directory: String, environment extra: [String: String?] = [:]) throws -> Running {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        var environment = ProcessInfo.processInfo.environment
        environment["TOETS_WORKSPACE"] = nil
        for (name, value) in extra { environment[name] = value }
        process.environment = environment
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return Running(process: process, stdout: stdout, stderr: stderr)
    }

    static func run(_ arguments: [String], in directory: String, environment: [String: String?] = [:]) throws -> Result {
        try start(arguments, in: directory, environment: environment).finish()
    }

    /// The output digests each stage's last successful step recorded.
    static func outputDigests(in directory: String, stages: [String]) throws -> [String: Digest] {
        let workspace = try Workspace(root: directory + "/.toets")
        var digests: [String: Digest] = [:]
        for stage in stages {
            let step = try #require(try workspace.index.lastStep(pipeline: nil, stage: stage, withOutputs: true))
            for artefact in step.outputs { digests["\(stage).\(artefact.name)"] = artefact.digest }
        }
        return digests
    }
}

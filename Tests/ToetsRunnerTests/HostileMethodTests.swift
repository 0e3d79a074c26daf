import Foundation
import Testing
import ToetsModel
import ToetsStore
import ToetsTestSupport
@testable import ToetsRunner

/// A method written by a team that wants to win unfairly, or by a careless one: every way out
/// of the sandbox it tries is stopped, while its step still succeeds and its detections are kept.
@Suite struct HostileMethodTests {
    /// Tries each escape and writes a line per attempt: `NAME blocked`, or `NAME ESCAPED`.
    static let hostileScript = #"""
        #!/bin/sh
        attempts=$1 posts=$2 detections=$3 workspace=$4 labels=$5 key=$6 pid=$7 port=$8 canary=$9 marker=${10}
        attempt() {
            name=$1; shift
            if ( "$@" ) > /dev/null 2>&1; then echo "$name ESCAPED"; else echo "$name blocked"; fi >> "$attempts"
        }
        attempt read-labels-object cat "$labels"
        attempt list-store ls "$workspace/objects"
        attempt read-index cat "$workspace/index.sqlite"
        attempt find-index sh -c 'find / -name index.sqlite 2>/dev/null | grep -q .'
        attempt find-toets-config sh -c 'find / -path "*config/toets*" 2>/dev/null | grep -q .'
        attempt read-key-file cat "$key"
        attempt list-root ls /root
        attempt list-home sh -c 'ls /home | grep -q .'
        attempt read-shadow cat /etc/shadow
        attempt toets-environ sh -c "grep -qs '$canary' /proc/$pid/environ"
        attempt any-environ sh -c "cat /proc/[0-9]*/environ 2>/dev/null | grep -q '$canary'"
        attempt other-processes sh -c 'for p in /proc/[0-9]*; do readlink "$p/exe"; done 2>/dev/null | grep -q "xctest$"'
        attempt own-environment sh -c "env | grep -q '$canary'"
        attempt leaked-descriptor sh -c 'for f in /proc/self/fd/*; do case $f in */[012]) ;; *) grep -qs "$1" "$f" && exit 0;; esac; done; exit 1' _ "$canary"
        attempt fill-memory sh -c 'head -c 300000000 /dev/zero > /dev/shm/big'
        attempt write-root-tmpfs sh -c 'echo x > /toets/planted'
        attempt write-dev sh -c 'echo x > /dev/planted'
        attempt write-workspace sh -c "echo x > '$workspace/planted'"
        attempt write-root sh -c 'echo x > /planted'
        attempt write-usr sh -c 'echo x > /usr/planted'
        attempt write-etc sh -c 'echo x > /etc/planted'
        attempt write-code sh -c 'echo x >> /toets/root/methods/hostile.sh'
        attempt write-input sh -c "echo x >> '$posts'"
        attempt chmod-input chmod u+w "$posts"
        attempt move-input mv "$posts" "$posts.moved"
        attempt network python3 -c "import socket; socket.create_connection(('127.0.0.1', $port), 2)"
        attempt user-namespace unshare -U true
        attempt mount mount -t tmpfs none /toets/work
        attempt raw-devices sh -c 'ls /dev | grep -q -e "^sd" -e "^vd" -e "^nvme" -e "^mem$" -e "^kmsg$"'
        setsid sleep "$marker" < /dev/null > /dev/null 2>&1 &
        ( sleep "$marker" < /dev/null > /dev/null 2>&1 & ) &
        ( nohup sleep "$marker" > /dev/null 2>&1 & )
        printf 'account_id,score,flagged,group\na1,1,true,g1\na2,0.5,false,\n' > "$detections"
        """#

    @Test func everyEscapeIsStoppedAndTheStepStillSucceeds() async throws {
        let canary = "canary" + HostProcesses.uniqueMarker()
        let marker = HostProcesses.uniqueMarker()
        let labels = "account_id,label,campaign,annotator,confidence\na1,campaign,c1,x,1\n"
        let fixture = try PipelineFixture("", files: [
            "methods/hostile.sh": Self.hostileScript, "posts.ndjson": "{\"post_id\":\"p1\"}\n", "labels.csv": labels,
        ])
        let key = try fixture.directory.write("keys/pseudonym.key", canary)
        let labelsObject = ObjectStore(root: fixture.workspacePath).path(of: Digest.sha256(of: Array(labels.utf8)))
        // What toets holds that a method must not reach: a secret in its environment, a file it has open.
        setenv("TOETS_TEST_SECRET", canary, 1)
        let secretFile = try fixture.directory.write("secret.txt", canary)
        let descriptor = open(secretFile, O_RDONLY)  // deliberately without O_CLOEXEC
        defer { close(descriptor) }
        let listener = try LoopbackListener()
        try fixture.setPipeline("""
            stages:
              data:
                uses: source
                with: {files: {posts.ndjson: posts.ndjson}}
              labels:
                uses: source
                role: ground-truth
                with: {files: {labels.csv: labels.csv}}
              hostile:
                needs: data
                role: method
                code: [methods/hostile.sh]
                with: {workspace: "\(fixture.workspacePath)", labels: "\(labelsObject)", key: "\(key)", pid: "\(getpid())",
                       port: "\(listener.port)", canary: \(canary), marker: "\(marker)"}
                run: >-
                  sh {root}/methods/hostile.sh {out.attempts} {in.posts.ndjson} {out.detections} {with.workspace}
                  {with.labels} {with.key} {with.pid} {with.port} {with.canary} {with.marker}
            """)
        let summary = try await fixture.run()
        #expect(summary.statuses["hostile"] == .executed, "\(summary.report("hostile")?.reason ?? "")")
        let store = try fixture.workspace().store
        let attempts = try String(contentsOfFile: store.path(of: try #require(summary.output("hostile", "attempts"))),
                                  encoding: .utf8)
        let lines = attempts.split(separator: "\n")
        #expect(lines.count == 29)
        for line in lines {
            #expect(line.hasSuffix(" blocked"), "\(line)")
        }
        let detections = try String(contentsOfFile: store.path(of: try #require(summary.output("hostile", "detections"))),
                                    encoding: .utf8)
        #expect(detections.hasPrefix("account_id,score,flagged,group\na1,1,true,g1\n"))
        // Nothing planted outside, the input untouched, nobody knocked, no child left behind.
        for path in [fixture.workspacePath + "/planted", "/planted", "/usr/planted", "/etc/planted"] {
            #expect(!FileManager.default.fileExists(atPath: path), "\(path)")
        }
        #expect(try fixture.workspace().verify(repair: false).corrupt.isEmpty)
        #expect(try String(contentsOfFile: fixture.directory.path + "/methods/hostile.sh", encoding: .utf8) == Self.hostileScript)
        #expect(!listener.wasContacted())
        #expect(await HostProcesses.awaitGone(marker), "a child of the method outlived its step")
    }

    @Test func aTimeLimitOrCtrlCEndsEveryProcessOfTheSandbox() async throws {
        let marker = HostProcesses.uniqueMarker()
        let fixture = try PipelineFixture("""
            stages:
              slow:
                timeout: 1s
                run: setsid sleep \(marker) & (sleep \(marker) &) ; sleep \(marker); echo > {out.x}
            """)
        let summary = try await fixture.run()
        #expect(summary.report("slow")?.reason.hasPrefix("timed out after 1 s") == true)
        #expect(await HostProcesses.awaitGone(marker))

        let again = HostProcesses.uniqueMarker()
        try fixture.setPipeline("stages:\n  slow:\n    run: setsid sleep \(again) & sleep \(again); echo > {out.x}\n")
        let observer = RecordingObserver()
        let task = Task { try await fixture.run(observer: observer) }
        try #require(await HostProcesses.awaitStarted(again, count: 2))
        task.cancel()
        #expect(try await task.value.statuses["slow"] == .interrupted)
        #expect(await HostProcesses.awaitGone(again))
    }

    @Test func theProcessLimitHoldsAndTheReasonSaysSo() async throws {
        let marker = HostProcesses.uniqueMarker()
        let fixture = try PipelineFixture("""
            stages:
              bomb:
                processes: 16
                run: i=0; while [ $i -lt 64 ]; do sleep \(marker) & i=$((i+1)); done; echo > {out.x}
            """)
        let summary = try await fixture.run()
        let report = try #require(summary.report("bomb"))
        #expect(report.status == .failed)
        #expect(report.reason.contains("it most likely reached its process limit (16 processes and threads"), "\(report.reason)")
        #expect(await HostProcesses.awaitGone(marker))
    }

    @Test func aMemoryLimitIsNamedAsTheReason() async throws {
        let fixture = try PipelineFixture("""
            stages:
              greedy:
                memory: 256MiB
                run: python3 -c 'bytearray(1 << 30)' && touch {out.done}
            """)
        let summary = try await fixture.run()
        #expect(summary.report("greedy")?.reason.hasPrefix(
            "the command exited with status 1; it most likely ran out of its memory limit (memory: 256 MiB at line 3") == true,
            "\(summary.report("greedy")?.reason ?? "")")
    }

    @Test func anOutputThatIsALinkIsRefused() async throws {
        let fixture = try PipelineFixture("stages:\n  m:\n    run: ln -s /etc/passwd {out.x}\n")
        let summary = try await fixture.run()
        #expect(summary.report("m")?.status == .failed)
        #expect(summary.report("m")?.reason.hasPrefix("{out.x} is not a regular file") == true)
    }

    @Test func aFileTheMethodDidNotDeclareIsNamedWithTheCodeField() async throws {
        let fixture = try PipelineFixture("", files: ["methods/main.sh": "cat \"$1\"/methods/helper.txt > \"$2\"\n",
                                                      "methods/helper.txt": "help\n"])
        try fixture.setPipeline("""
            stages:
              m:
                code: [methods/main.sh]
                with: {root: "\(fixture.directory.path)"}
                run: sh {root}/methods/main.sh {with.root} {out.x}
            """)
        let summary = try await fixture.run()
        let reason = try #require(summary.report("m")?.reason)
        #expect(summary.report("m")?.status == .failed)
        #expect(reason.contains("it may have needed methods/helper.txt, which the sandbox does not show it"), "\(reason)")
        #expect(reason.contains("Declare the file under code: (stage 'm', line 3 of"))
        // Declared, it is there, at {root}.
        try fixture.setPipeline("""
            stages:
              m:
                code: [methods/main.sh, methods/helper.txt]
                run: sh {root}/methods/main.sh {root} {out.x}
            """)
        #expect(try await fixture.run().statuses["m"] == .executed)
    }

    @Test func codeOrReadOnlyPathsThatWouldShowTheWorkspaceAreRefusedBeforeAnythingRuns() async throws {
        let fixture = try PipelineFixture("stages:\n  m:\n    code: [.]\n    run: ls {root} > {out.x}\n", files: ["a.txt": "a"])
        await #expect {
            try await fixture.run()
        } throws: { error in
            "\(error)".contains("code: path '.' would show the command the workspace")
        }
        try fixture.setPipeline("""
            stages:
              m:
                sandbox: {read_only: ["\(fixture.workspacePath)/objects"]}
                run: ls > {out.x}
            """)
        await #expect {
            try await fixture.run()
        } throws: { error in
            "\(error)".contains("sandbox: read_only: path '\(fixture.workspacePath)/objects' would show the command the workspace")
        }
        #expect(try fixture.workspace().index.runs().isEmpty)
    }

    @Test func aReadOnlySystemFolderIsShownAtItsOwnPathAndEntersTheKey() async throws {
        let tools = TemporaryDirectory("toets-tools")
        try tools.write("bin/greet", "#!/bin/sh\necho hello from opt\n")
        chmod(tools.path + "/bin/greet", 0o755)
        let fixture = try PipelineFixture("stages:\n  m:\n    run: \(tools.path)/bin/greet > {out.x}\n")
        #expect(try await fixture.run().statuses["m"] == .failed)
        try fixture.setPipeline("stages:\n  m:\n    sandbox: {read_only: [\(tools.path)]}\n    run: \(tools.path)/bin/greet > {out.x}\n")
        let summary = try await fixture.run()
        let digest = try #require(summary.output("m", "x"))
        #expect(try String(contentsOfFile: fixture.workspace().store.path(of: digest), encoding: .utf8) == "hello from opt\n")
        #expect(try fixture.runner().explain("m").verdict.contains("nothing changed"))
    }

    @Test func unsandboxedAndSandboxedResultsAreNeverMixedUpAndExplainSaysWhy() async throws {
        let fixture = try PipelineFixture("stages:\n  m:\n    run: echo same > {out.x}\n")
        let sandboxed = try await fixture.run()
        let unsandboxed = try await fixture.run(sandbox: .none)
        #expect(unsandboxed.statuses["m"] == .executed)
        #expect(unsandboxed.report("m")?.reason == "sandbox bubblewrap view 1 → none")
        #expect(sandboxed.output("m", "x") == unsandboxed.output("m", "x"))
        #expect(sandboxed.report("m")?.key != unsandboxed.report("m")?.key)
    }

    @Test func theExampleMethodGivesTheSameDetectionsInTheSandbox() async throws {
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().path
        let script = try String(contentsOfFile: repository + "/methods/examples/co_share.py", encoding: .utf8)
        let posts = (0..<40).map { index in
            #"{"post_id":"x:\#(index)","author_id":"x:a\#(index % 7)","created_at":\#(1_700_000_000 + index * 5),"#
                + #""kind":"post","urls":["https://example.org/\#(index % 3)"]}"#
        }.joined(separator: "\n") + "\n"
        let fixture = try PipelineFixture("""
            stages:
              data:
                uses: source
                with: {files: {posts: posts.ndjson}}
              co-share:
                needs: data
                code: [co_share.py]
                with: {window: 60, min_weight: 2}
                run: python3 {root}/co_share.py {in.posts} {params} {out.detections} {out.evidence}
            """, files: ["co_share.py": script, "posts.ndjson": posts])
        let sandboxed = try await fixture.run()
        let plain = try await fixture.run(sandbox: .none)
        #expect(sandboxed.statuses["co-share"] == .executed && plain.statuses["co-share"] == .executed)
        #expect(sandboxed.output("co-share", "detections") == plain.output("co-share", "detections"))
        #expect(sandboxed.output("co-share", "evidence") == plain.output("co-share", "evidence"))
        let detections = try String(contentsOfFile: fixture.workspace().store.path(
            of: try #require(sandboxed.output("co-share", "detections"))), encoding: .utf8)
        #expect(detections.contains(",true,"))
    }
}

/// A TCP listener on the loopback address that a sandboxed method must not reach.
final class LoopbackListener {
    let socket: Int32
    let port: UInt16

    init() throws {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic in
                bind(socket, generic, length) == 0 && listen(socket, 8) == 0 && getsockname(socket, generic, &length) == 0
            }
        }
        try #require(bound)
        _ = fcntl(socket, F_SETFL, O_NONBLOCK)
        self.socket = socket
        port = UInt16(bigEndian: address.sin_port)
    }

    /// Whether anyone connected.
    func wasContacted() -> Bool {
        let connection = accept(socket, nil, nil)
        if connection >= 0 { close(connection) }
        return connection >= 0
    }

    deinit { close(socket) }
}

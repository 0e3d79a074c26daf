import Foundation
import Testing
import ToetsModel
import ToetsTestSupport
@testable import ToetsRunner

/// How commands are started: arguments, environment, working directory; with a fake launcher
/// where no real process is needed.
@Suite struct CommandExecutionTests {
    @Test func commandsGetAFixedEnvironmentPlusTheDeclaredVariables() async throws {
        setenv("TOETS_TEST_DECLARED", "yes", 1)
        setenv("TOETS_TEST_UNDECLARED", "no", 1)
        let fixture = try PipelineFixture("""
            stages:
              m:
                env: [TOETS_TEST_DECLARED]
                with: {window: 60, label: "a b"}
                run: [tool, "--window={with.window}", "{with.label}", "{out.result}", "{params}"]
            """)
        // The fake "command" copies its parameter file to its output, through the sandbox's mounts.
        let launcher = FakeProcessLauncher { request in
            let parameters = try Data(contentsOf: URL(fileURLWithPath: request.hostPath(of: request.arguments[4])))
            try parameters.write(to: URL(fileURLWithPath: request.hostPath(of: request.arguments[3])))
            return .exited(0)
        }
        let summary = try await fixture.run(launcher: launcher)
        #expect(summary.statuses["m"] == .executed)
        let request = try #require(launcher.received.first)
        #expect(request.arguments[0...2] == ["tool", "--window=60", "a b"])
        let result = try #require(summary.output("m", "result"))
        #expect(try String(contentsOfFile: fixture.workspace().store.path(of: result), encoding: .utf8)
                == #"{"label":"a b","window":60}"#)
        #expect(request.environment["TOETS_TEST_DECLARED"] == "yes")
        #expect(request.environment["TOETS_TEST_UNDECLARED"] == nil)
        #expect(request.environment["TZ"] == "UTC")
        #expect(request.environment["LC_ALL"] == "C.UTF-8")
        #expect(request.environment["HOME"] == request.workingDirectory)
        #expect(request.workingDirectory == SandboxLayout.work)
        #expect(request.arguments[3] == SandboxLayout.outputs + "/result" && request.arguments[4] == SandboxLayout.parameters)
        #expect(request.hostPath(of: request.workingDirectory).hasPrefix(fixture.workspacePath + "/tmp/"))
    }

    @Test func aDeclaredVariableChangesTheKeyWhenItsValueChanges() async throws {
        setenv("TOETS_TEST_SEED", "1", 1)
        let fixture = try PipelineFixture("stages:\n  m:\n    env: [TOETS_TEST_SEED]\n    run: echo $TOETS_TEST_SEED > {out.x}\n")
        try await fixture.run()
        setenv("TOETS_TEST_SEED", "2", 1)
        let summary = try await fixture.run()
        #expect(summary.statuses["m"] == .executed)
        #expect(summary.report("m")?.reason == "environment variable TOETS_TEST_SEED changed value")
    }

    @Test func aProgramThatCannotBeStartedFailsTheStepSayingSo() async throws {
        let fixture = try PipelineFixture("stages:\n  m:\n    run: [toets-no-such-program, '{out.x}']\n")
        let summary = try await fixture.run()
        #expect(summary.statuses["m"] == .failed)
        #expect(summary.report("m")?.reason.hasPrefix("cannot start 'toets-no-such-program' in the sandbox: No such file") == true)
        #expect(summary.report("m")?.reason.contains("sandbox: read_only:") == true)
        let unsandboxed = try await fixture.run(sandbox: .none)
        #expect(unsandboxed.report("m")?.reason.contains("cannot start 'toets-no-such-program'") == true)
        #expect(unsandboxed.report("m")?.reason.contains("on the PATH") == true)
    }

    @Test func aMethodsMalformedDetectionsFailTheStepNamingLineAndField() async throws {
        let fixture = try PipelineFixture("""
            stages:
              m:
                role: method
                run: printf 'account_id,score,flagged,group\\na,0.5,true,g\\nb,,false,\\n' > {out.detections}
              after:
                needs: m
                run: cp {in.detections} {out.copy}
            """)
        let summary = try await fixture.run()
        #expect(summary.statuses["m"] == .failed)
        #expect(summary.report("m")?.reason
                == "the detections break the format: {out.detections} line 3, field score: '' is not a finite number")
        #expect(summary.statuses["after"] == .skipped)
    }

    @Test func methodsRunWithoutNetworkOrSaySo() async throws {
        let fixture = try PipelineFixture("""
            stages:
              method:
                role: method
                run: awk 'NR > 2 { print $1 }' /proc/net/dev > {out.interfaces}
              data:
                role: data
                run: awk 'NR > 2 { print $1 }' /proc/net/dev > {out.interfaces}
            """)
        let summary = try await fixture.run()
        let store = try fixture.workspace().store
        let method = try String(contentsOfFile: store.path(of: try #require(summary.output("method", "interfaces"))), encoding: .utf8)
        if let problem = LocalProcessLauncher.networkIsolationProblem {
            let log = try #require(summary.report("method")?.artefacts.first { $0.name == "stderr" })
            #expect(try String(contentsOfFile: store.path(of: log.digest), encoding: .utf8).contains(problem))
        } else {
            #expect(method == "lo:\n")  // a namespace of its own: only the loopback device
        }
        let data = try String(contentsOfFile: store.path(of: try #require(summary.output("data", "interfaces"))), encoding: .utf8)
        #expect(data.split(separator: "\n").count >= 1)
    }

    @Test func aMemoryLimitStopsACommandThatExceedsIt() async throws {
        let fixture = try PipelineFixture("""
            stages:
              small:
                memory: 256MiB
                run: python3 -c 'bytearray(1 << 30)' && touch {out.done}
              large:
                memory: 4GiB
                run: python3 -c 'bytearray(1 << 28)' && touch {out.done}
            """)
        let summary = try await fixture.run()
        #expect(summary.statuses["small"] == .failed)
        #expect(summary.report("small")?.stderrTail?.contains("MemoryError") == true)
        #expect(summary.statuses["large"] == .executed)
        #expect(PipelineLoader.parseSize("4GiB") == 1 << 32 && PipelineLoader.parseSize("512 MB") == 512_000_000)
        #expect(PipelineLoader.parseSize("lots") == nil && PipelineLoader.parseSize("3 parsecs") == nil)
    }

    @Test func inputsAppearUnderTheirOwnNames() async throws {
        let fixture = try PipelineFixture("""
            stages:
              data:
                uses: source
                with: {files: {posts.csv: p.csv}}
              m:
                needs: data
                run: basename {in.posts.csv} > {out.name}
            """, files: ["p.csv": "x\n"])
        let summary = try await fixture.run()
        let workspace = try fixture.workspace()
        let digest = try #require(summary.output("m", "name"))
        #expect(try String(contentsOfFile: workspace.store.path(of: digest), encoding: .utf8) == "posts.csv\n")
    }
}

import Foundation
import Testing
import ToetsModel
import ToetsStore
import ToetsTestSupport
@testable import ToetsRunner

/// Methods that bring their environment as an OCI image: run with podman in the image, the
/// image's digest in their key, and the same walls as the bubblewrap sandbox. The images are
/// built offline by scripts/make-test-image.sh from the host's static busybox (podman, runc and
/// busybox-static are installed by `make test`).
@Suite(.serialized) struct ContainerMethodTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path

    /// Builds an image archive whose `/etc/toets-image` says `marker`, at `path`.
    static func makeImage(_ path: String, marker: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = [repository + "/scripts/make-test-image.sh", path, marker]
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "scripts/make-test-image.sh failed (are podman, runc, busybox-static installed?)")
    }

    /// Drops the images toets loaded for a test from podman's storage.
    static func forget(_ archives: [Digest]) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["podman", "--runtime", "runc", "--cgroup-manager", "cgroupfs", "rmi", "--force", "--ignore"]
            + archives.map(Podman.storageName(of:))
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try? process.run()
        process.waitUntilExit()
    }

    static let pipeline = """
        stages:
          env:
            uses: source
            with: {files: {image: image.tar}}
          data:
            uses: source
            with: {files: {posts: posts.ndjson}}
          in-image:
            needs: [env, data]
            image: env.image
            run: >-
              cat /etc/toets-image > {out.seen} && wc -l < {in.posts} > {out.lines} &&
              printf 'account_id,score,flagged,group\\na1,1,true,g1\\n' > {out.detections}
        """

    @Test func aMethodRunsInItsImageAndAChangedImageRerunsItWithExplainSayingWhy() async throws {
        let fixture = try PipelineFixture(Self.pipeline, files: ["posts.ndjson": "{}\n{}\n"])
        let archive = fixture.directory.path + "/image.tar"
        try Self.makeImage(archive, marker: "first image")
        let first = Digest.sha256(of: Array(try Data(contentsOf: URL(fileURLWithPath: archive))))
        let summary = try await fixture.run()
        #expect(summary.statuses["in-image"] == .executed, "\(summary.report("in-image")?.reason ?? "")")
        let store = try fixture.workspace().store
        func text(_ run: RunSummary, _ name: String) throws -> String {
            try String(contentsOfFile: store.path(of: try #require(run.output("in-image", name))), encoding: .utf8)
        }
        // It saw the image's files (the host has no /etc/toets-image) and its input; its detections are kept.
        #expect(!FileManager.default.fileExists(atPath: "/etc/toets-image"))
        #expect(try text(summary, "seen") == "first image\n")
        #expect(try text(summary, "lines").trimmingCharacters(in: .whitespaces) == "2\n")
        #expect(try text(summary, "detections") == "account_id,score,flagged,group\na1,1,true,g1\n")
        // The archive's digest is in the key; what ran it is a podman view, not bubblewrap.
        let step = try #require(try fixture.workspace().index.lastStep(pipeline: nil, stage: "in-image", withOutputs: true))
        #expect(step.components.image == "oci-archive sha256:" + first.hex)
        #expect(step.components.sandbox == "podman view \(SandboxView.version)")
        #expect(try await fixture.run().statuses["in-image"] == .cached)

        try Self.makeImage(archive, marker: "second image")
        let second = Digest.sha256(of: Array(try Data(contentsOf: URL(fileURLWithPath: archive))))
        defer { Self.forget([first, second]) }
        let explanation = try fixture.runner().explain("in-image")
        #expect(explanation.changes.contains(
            "container image changed: oci-archive sha256:\(first.hex) → oci-archive sha256:\(second.hex)"), "\(explanation.changes)")
        let again = try await fixture.run()
        #expect(again.statuses["in-image"] == .executed)
        #expect(again.report("in-image")?.reason.contains(
            "container image changed: oci-archive sha256:\(first.hex) → oci-archive sha256:\(second.hex)") == true,
            "\(again.report("in-image")?.reason ?? "")")
        #expect(try text(again, "seen") == "second image\n")
        // An unsandboxed run still runs the command in its image, under the same key.
        #expect(try await fixture.run(sandbox: .none).statuses["in-image"] == .cached)
    }

    /// The escapes of HostileMethodTests, in busybox's words, from inside a container.
    static let hostileScript = #"""
        attempts=$1 detections=$2 workspace=$3 labels=$4 key=$5 port=$6 canary=$7 marker=$8
        attempt() {
            name=$1; shift
            if ( "$@" ) > /dev/null 2>&1; then echo "$name ESCAPED"; else echo "$name blocked"; fi >> "$attempts"
        }
        attempt read-labels-object cat "$labels"
        attempt list-store ls "$workspace/objects"
        attempt find-index sh -c 'find / -name index.sqlite 2>/dev/null | grep -q .'
        attempt read-key-file cat "$key"
        attempt find-key sh -c "for d in /bin /etc /root /tmp /toets/in /toets/root /toets/work /run /var /home /opt /usr; do grep -rqs '$canary' \$d && exit 0; done; exit 1"
        attempt any-environ sh -c "cat /proc/[0-9]*/environ 2>/dev/null | grep -q '$canary'"
        attempt own-environment sh -c "env | grep -q '$canary'"
        attempt read-shadow cat /etc/shadow
        attempt write-root sh -c 'echo x > /planted'
        attempt write-etc sh -c 'echo x > /etc/planted'
        attempt write-input sh -c 'echo x >> /toets/in/data/posts'
        attempt network nc -w 2 127.0.0.1 "$port"
        attempt network-out sh -c 'ip link 2>/dev/null | grep -v -e "lo:" -e "link/loopback" | grep -q "^[0-9]"'
        attempt mount mount -t tmpfs none /toets/work
        attempt user-namespace unshare -U true
        attempt become-root sh -c '[ "$(id -u)" = 0 ]'
        setsid sleep "$marker" < /dev/null > /dev/null 2>&1 &
        printf 'account_id,score,flagged,group\na1,1,true,g1\n' > "$detections"
        """#

    @Test func aHostileMethodInItsImageReachesNothingAndLeavesNothingRunning() async throws {
        let canary = "canary" + HostProcesses.uniqueMarker()
        let marker = HostProcesses.uniqueMarker()
        let labels = "account_id,label,campaign,annotator,confidence\na1,campaign,c1,x,1\n"
        let fixture = try PipelineFixture("", files: ["methods/hostile.sh": Self.hostileScript, "posts.ndjson": "{}\n",
                                                      "labels.csv": labels])
        let archive = fixture.directory.path + "/image.tar"
        try Self.makeImage(archive, marker: "hostile")
        defer { Self.forget([Digest.sha256(of: Array((try? Data(contentsOf: URL(fileURLWithPath: archive))) ?? Data()))]) }
        let key = try fixture.directory.write("keys/pseudonym.key", canary)
        let labelsObject = ObjectStore(root: fixture.workspacePath).path(of: Digest.sha256(of: Array(labels.utf8)))
        setenv("TOETS_TEST_SECRET", canary, 1)
        let listener = try LoopbackListener()
        try fixture.setPipeline("""
            stages:
              env:
                uses: source
                with: {files: {image: image.tar}}
              data:
                uses: source
                with: {files: {posts: posts.ndjson}}
              labels:
                uses: source
                role: ground-truth
                with: {files: {labels.csv: labels.csv}}
              hostile:
                needs: [env, data]
                image: {from: env.image, runtime: podman}
                role: method
                code: [methods/hostile.sh]
                with: {workspace: "\(fixture.workspacePath)", labels: "\(labelsObject)", key: "\(key)",
                       port: "\(listener.port)", canary: \(canary), marker: "\(marker)"}
                run: >-
                  sh {root}/methods/hostile.sh {out.attempts} {out.detections} {with.workspace} {with.labels} {with.key}
                  {with.port} {with.canary} {with.marker} {in.posts}
            """)
        let summary = try await fixture.run()
        #expect(summary.statuses["hostile"] == .executed, "\(summary.report("hostile")?.reason ?? "")")
        let store = try fixture.workspace().store
        let attempts = try String(contentsOfFile: store.path(of: try #require(summary.output("hostile", "attempts"))),
                                  encoding: .utf8)
        let lines = attempts.split(separator: "\n")
        #expect(lines.count == 16)
        for line in lines {
            #expect(line.hasSuffix(" blocked"), "\(line)")
        }
        #expect(summary.output("hostile", "detections") != nil)
        for path in [fixture.workspacePath + "/planted", "/planted", "/etc/planted"] {
            #expect(!FileManager.default.fileExists(atPath: path), "\(path)")
        }
        #expect(try fixture.workspace().verify(repair: false).corrupt.isEmpty)
        #expect(!listener.wasContacted())
        // podman's --rm ends the container and what it started with the command.
        #expect(await HostProcesses.awaitGone(marker), "a process of the container outlived its step")
    }

    @Test func aTimeLimitEndsTheContainer() async throws {
        let marker = HostProcesses.uniqueMarker()
        let fixture = try PipelineFixture("""
            stages:
              env:
                uses: source
                with: {files: {image: image.tar}}
              slow:
                needs: env
                image: env.image
                timeout: 2s
                run: sleep \(marker); echo > {out.x}
            """)
        let archive = fixture.directory.path + "/image.tar"
        try Self.makeImage(archive, marker: "slow")
        defer { Self.forget([Digest.sha256(of: Array((try? Data(contentsOf: URL(fileURLWithPath: archive))) ?? Data()))]) }
        let summary = try await fixture.run()
        #expect(summary.report("slow")?.reason.hasPrefix("timed out after 2 s") == true, "\(summary.report("slow")?.reason ?? "")")
        #expect(await HostProcesses.awaitGone(marker, seconds: 10), "the container outlived its time limit")
    }

    @Test func anImageTheMachineDoesNotHaveFailsTheStepWithWhatToDo() async throws {
        let reference = "docker.io/library/busybox@sha256:" + String(repeating: "0", count: 64)
        let fixture = try PipelineFixture("stages:\n  m:\n    image: \(reference)\n    run: echo > {out.x}\n")
        let summary = try await fixture.run()
        let reason = try #require(summary.report("m")?.reason)
        #expect(summary.statuses["m"] == .failed)
        #expect(reason.contains("the image \(reference) is not on this machine, and toets fetches nothing"), "\(reason)")
        let step = try #require(try fixture.workspace().index.lastStep(pipeline: nil, stage: "m", withOutputs: false))
        #expect(step.components.image == reference)
    }

    @Test func unpinnedImagesUnsupportedRuntimesAndStrayArchivesAreRefusedWithTheLine() throws {
        func problems(_ image: String, needs: String = "[env]") throws -> String {
            let fixture = try PipelineFixture("""
                stages:
                  env:
                    uses: source
                    with: {files: {image: image.tar}}
                  other:
                    run: echo > {out.x}
                  m:
                    needs: \(needs)
                    image: \(image)
                    run: echo > {out.x}
                """, files: ["image.tar": "not really"])
            do {
                _ = try fixture.plan()
                return ""
            } catch {
                return "\(error)"
            }
        }
        #expect(try problems("docker.io/library/python:3.12").contains(
            "image reference 'docker.io/library/python:3.12' is not pinned by digest"))
        #expect(try problems("busybox@sha256:abc").contains("is not NAME@sha256: followed by 64 lower-case hex digits"))
        let apptainer = try problems("{from: env.image, runtime: apptainer}")
        #expect(apptainer.contains("pipeline.yaml:9: stage 'm', field 'image.runtime'"), "\(apptainer)")
        #expect(apptainer.contains("container runtime 'apptainer' is not supported (Apptainer is not in Debian 12"))
        #expect(apptainer.contains("Supported: podman."))
        #expect(try problems("{from: env.image, runtime: docker}").contains("container runtime 'docker' is not supported"))
        #expect(try problems("env.image", needs: "[other]").contains("image: names stage 'env', which this stage does not need"))
        #expect(try problems("other.x", needs: "[env, other]").contains("image: names other.x, which is not a file a source stage"))
        #expect(try problems("env.image").isEmpty)
    }
}

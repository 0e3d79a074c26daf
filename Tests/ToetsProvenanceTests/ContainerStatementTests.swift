import Testing
import ToetsModel
import ToetsStore
@testable import ToetsProvenance

/// A step that ran in a container image: its statement names the image and the runtime, so an
/// auditor sees the environment the command ran in.
@Suite struct ContainerStatementTests {
    @Test func theStatementOfAStepInAnImageNamesTheImageAndItsKeyIncludesIt() throws {
        let image = "oci-archive sha256:" + String(repeating: "cd", count: 32)
        var components = KeyComponents(kind: "command", kindVersion: 2, command: "sh run.sh", sandbox: "podman view 1", image: image)
        let step = StepRecord(id: 1, runID: 1, stage: "m", kind: "command", key: components.key, components: components,
                              status: .executed, reason: "", exitCode: 0, artefacts: [])
        let statement = StepStatement.make(step: step, pipeline: "p", pipelineDigest: Digest.sha256(of: []),
                                           tool: ToolIdentity(commit: "test"), reused: nil, sandboxRuntime: "podman version 4.3.1")
        let content = try StatementContent(payload: statement.bytes)
        #expect(content.predicate["image"]?.stringValue == image)
        #expect(content.predicate["sandbox"] == .object(["view": "podman view 1", "runtime": "podman version 4.3.1"]))
        // Another image is another key; no image leaves every other key as it was.
        let key = components.key
        components.image = "oci-archive sha256:" + String(repeating: "ef", count: 32)
        #expect(components.key != key)
        components.image = nil
        #expect(components.key == KeyComponents(kind: "command", kindVersion: 2, command: "sh run.sh", sandbox: "podman view 1").key)
    }
}

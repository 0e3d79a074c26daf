import Foundation
import ToetsModel
import ToetsRunner
import ToetsStore
import ToetsTestSupport
@testable import ToetsProvenance

/// A small pipeline (a source, a command, a command with declared code) run with a recorder,
/// and ways to damage what it left behind.
struct RecordedProject {
    static let pipeline = """
        stages:
          data:
            uses: source
            with: {files: {rows: data.csv}}
          count:
            needs: data
            with: {unit: lines}
            run: wc -l < {in.rows} | tr -d ' ' > {out.count.txt}
          upper:
            needs: data
            code: [tool.sh]
            run: sh {root}/tool.sh {in.rows} > {out.upper.txt}
        """

    let fixture: PipelineFixture
    let key: SigningKey?
    let workspace: Workspace

    var paths: ProvenancePaths { ProvenancePaths(workspaceRoot: workspace.root) }

    /// The project after `runs` runs (the second and later reuse everything).
    static func make(runs: Int = 2, key: SigningKey? = SigningKey.generate(), pipeline: String = pipeline) async throws
        -> RecordedProject {
        let fixture = try PipelineFixture(pipeline, files: ["data.csv": "alpha\nbeta\n", "tool.sh": "tr a-z A-Z < \"$1\"\n"])
        let project = RecordedProject(fixture: fixture, key: key, workspace: try fixture.workspace())
        for _ in 0..<runs { try await project.run() }
        return project
    }

    @discardableResult
    func run(key override: SigningKey?? = nil) async throws -> RunSummary {
        let recorder = ProvenanceRecorder(workspace: workspace, key: override ?? key, tool: ToolIdentity(commit: "test"))
        let summary = try await fixture.run(recorder: recorder)
        precondition(summary.status == .succeeded && summary.provenanceProblems.isEmpty, "\(summary)")
        return summary
    }

    func verify(trusted: [PublicKey]? = nil, checkpoint: [UInt8]? = nil, run: Int64? = nil) throws -> ProvenanceReport {
        try ProvenanceVerifier(workspace: workspace, trustedKeys: trusted ?? key.map { [$0.publicKey] } ?? [],
                               earlierCheckpoint: checkpoint.map { ($0, "kept.txt") }, run: run).verify()
    }

    // MARK: Reading and damaging

    var logBytes: [UInt8] { get throws { try FileSystem.readSmallFile(paths.log) } }

    var lines: [[UInt8]] { get throws { try LogFile.split(logBytes).lines.map(\.bytes) } }

    func entry(_ index: Int) throws -> LogEntry { try LogEntry(line: lines[index]) }

    func statement(_ index: Int) throws -> StatementContent { try StatementContent(payload: entry(index).envelope.payload) }

    func writeLog(_ lines: [[UInt8]]) throws {
        try overwrite(paths.log, lines.map { $0 + [0x0A] }.joined().map { $0 })
    }

    /// Replaces line `index` of the log with `line` (and nothing else).
    func replaceLine(_ index: Int, with line: [UInt8]) throws {
        var all = try lines
        all[index] = line
        try writeLog(all)
    }

    /// Flips the lowest bit of byte `offset` of a file, read-only or not.
    func flipByte(in path: String, at offset: Int) throws {
        var bytes = try FileSystem.readSmallFile(path)
        bytes[offset] ^= 0x01
        try overwrite(path, bytes)
    }

    func overwrite(_ path: String, _ bytes: [UInt8]) throws {
        chmod(path, 0o644)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }

    /// The entry line of `stage` in `run`.
    func position(of stage: String, run: Int64) throws -> Int {
        try lines.firstIndex { (try? LogEntry(line: $0)).map { $0.stage == stage && $0.run == run } ?? false }!
    }
}

extension ProvenanceReport {
    /// The failures of one kind, as text.
    func failures(_ kind: ProvenanceFailure.Kind) -> [String] {
        failures.filter { $0.kind == kind }.map(\.message)
    }
}

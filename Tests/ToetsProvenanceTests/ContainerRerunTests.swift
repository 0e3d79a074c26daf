import Foundation
import Testing
import ToetsModel
import ToetsRunner
import ToetsStore
import ToetsTestSupport
@testable import ToetsProvenance

/// `toets verify --rerun` of a method in a container image recomputes it in the same image, and
/// names the image archive when its bytes are no longer the run's.
@Suite(.serialized) struct ContainerRerunTests {
    @Test func aRerunUsesTheRunsImageAndNamesAChangedArchive() async throws {
        let fixture = try PipelineFixture("""
            stages:
              env:
                uses: source
                with: {files: {image: image.tar}}
              in-image:
                needs: env
                image: env.image
                run: cat /etc/toets-image > {out.seen}
            """)
        let archive = fixture.directory.path + "/image.tar"
        let first = try TestImages.make(archive, marker: "the run's image")
        #expect(try await fixture.run().status == .succeeded)
        let workspace = try fixture.workspace()
        let run = try #require(try workspace.index.run(1))
        let (plan, bytes) = try fixture.plan()
        func rerun() async throws -> ProvenanceReport {
            var report = ProvenanceReport()
            try await Rerun(workspace: workspace, run: run, plan: plan, pipelineBytes: bytes, jobs: 1,
                            launcher: LocalProcessLauncher(gracePeriod: 1)).compare(into: &report)
            return report
        }
        let same = try await rerun()
        #expect(same.failures.isEmpty, "\(same.failures)")
        #expect(same.rerunOutputsCompared == 2)

        let second = try TestImages.make(archive, marker: "another image")
        defer { TestImages.forget([first, second]) }
        let changed = try await rerun().failures(.rerun)
        #expect(changed.contains { $0.hasPrefix("run 1 stage 'env' artefact 'image': recorded sha256 \(first.hex), "
                                                + "recomputed \(second.hex)") }, "\(changed)")
        #expect(changed.contains { $0.hasPrefix("run 1 stage 'in-image' artefact 'seen'") }, "\(changed)")
    }
}

import ToetsModel
import ToetsStore

extension PipelineRunner {
    /// A stage whose stored result is reused, before it is recorded.
    struct Reuse {
        var stage: PlannedStage
        var components: KeyComponents
        var inputs: [String: StepArtefact]
        /// The step that holds the result (the one that computed it, or a reuse of it).
        var stored: StepRecord
    }

    /// Finds, in plan order, the stages whose stored results a run reuses as they are — not
    /// forced, every needed stage reused too — and records them in one go (one transaction, so
    /// that a rerun that changed nothing syncs the index once for all of them). A stage whose key
    /// cannot be worked out, or anything that fails here, is left to `runStage`, which says why.
    func reuseStoredResults(runID: Int64, force: Set<String>, provenance: ProvenanceHook?,
                            observer: any RunObserver) -> [StageReport] {
        let start = ContinuousClock.now
        var found: [Reuse] = []
        var known: [String: [StepArtefact]] = [:]
        for planned in plan.stages where !force.contains(planned.name) && planned.needs.allSatisfy({ known[$0] != nil }) {
            let upstream = Dictionary(planned.needs.map { ($0, known[$0]!) }) { first, _ in first }
            guard let stage = try? keys.declared(planned), let components = try? keys.components(for: stage, upstream: upstream),
                  let stored = try? workspace.index.cachedStep(forKey: components.key, components: components),
                  stored.artefacts.allSatisfy({ workspace.store.contains($0.digest) })
            else { continue }
            known[planned.name] = stored.artefacts
            found.append(Reuse(stage: stage, components: components, inputs: stage.inputs(from: upstream), stored: stored))
        }
        return (try? record(found, runID: runID, since: start, provenance: provenance, observer: observer)) ?? []
    }

    /// Records reused results as cached steps of the run (in one transaction), logs their
    /// provenance and tells the observer; returns their reports, in order.
    func record(_ reuses: [Reuse], runID: Int64, since start: ContinuousClock.Instant, provenance: ProvenanceHook?,
                observer: any RunObserver) throws -> [StageReport] {
        let reasons = reuses.map { "reused the result of run \($0.stored.runID) (key \($0.components.key.short))" }
        let ids = try workspace.index.recordSteps(run: runID, zip(reuses, reasons).map { reuse, reason in
            DecidedStep(stage: reuse.stage.name, components: reuse.components, status: .cached, reason: reason,
                        inputs: reuse.inputs.mapValues(\.digest), artefacts: reuse.stored.artefacts, reuses: reuse.stored.id)
        })
        let seconds = (ContinuousClock.now - start) / .seconds(1)
        return zip(ids, zip(reuses, reasons)).map { id, reused in
            let (reuse, reason) = reused
            let key = reuse.components.key
            provenance?.record(StepRecord(id: id, runID: runID, stage: reuse.stage.name, kind: reuse.components.kind, key: key,
                                          components: reuse.components, status: .cached, reason: reason, exitCode: nil,
                                          artefacts: reuse.stored.artefacts), reused: reuse.stored)
            let report = StageReport(stage: reuse.stage.name, status: .cached, reason: reason, seconds: seconds, key: key,
                                     artefacts: reuse.stored.artefacts)
            observer.stageFinished(report)
            return report
        }
    }
}

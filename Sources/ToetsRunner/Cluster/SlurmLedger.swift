#if canImport(Glibc)
import Glibc
#endif
import Foundation
import ToetsStore

/// The Slurm jobs a run submitted, kept in the workspace (`slurm-jobs/run-N`, one job id a
/// line, each line synced before the job's step waits on it) until the run ends having seen
/// every job end. A controller killed with SIGKILL cannot cancel its jobs; the next run, under
/// the workspace lock and before it empties `tmp/` (where those jobs work), finds them here,
/// cancels those still queued or running and waits until Slurm says they have ended.
struct SlurmLedger: Sendable {
    let directory: String

    init(workspace: Workspace) {
        directory = workspace.root + "/slurm-jobs"
    }

    func file(run: Int64) -> String { directory + "/run-\(run)" }

    /// Notes that `run` submitted `job`, durably.
    func record(job: String, run: Int64) throws {
        try FileSystem.makeDirectory(directory)
        let path = file(run: run)
        let descriptor = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw StoreError.system(operation: "open", path: path, errno: errno) }
        defer { close(descriptor) }
        let line = Array("\(job)\n".utf8)
        guard line.withUnsafeBytes({ write(descriptor, $0.baseAddress, $0.count) }) == line.count, fsync(descriptor) == 0 else {
            throw StoreError.system(operation: "write", path: path, errno: errno)
        }
    }

    /// Forgets `run`'s jobs: every one of them has ended.
    func forget(run: Int64) {
        unlink(file(run: run))
    }

    /// The jobs of earlier runs that may still be queued or running, by ledger file.
    func leftovers() -> [(file: String, jobs: [String])] {
        guard let names = try? FileSystem.contents(of: directory) else { return [] }
        return names.filter { $0.hasPrefix("run-") }.sorted().map { name in
            let path = directory + "/" + name
            let text = (try? FileSystem.readSmallFile(path)).map { String(decoding: $0, as: UTF8.self) } ?? ""
            return (path, text.split(separator: "\n").map(String.init).filter { !$0.isEmpty && $0.allSatisfy(\.isNumber) })
        }
    }

    /// Cancels the jobs earlier runs left queued or running and waits until Slurm lists none of
    /// them as active, then forgets them. Returns the jobs it cancelled. Throws if Slurm cannot
    /// be asked or a job outlives `patience`: this run must not empty `tmp/` under it.
    func cancelLeftovers(control: any SlurmControl, patience: Duration = .seconds(120)) async throws -> [String] {
        let leftovers = leftovers()
        let jobs = leftovers.flatMap(\.jobs)
        guard !jobs.isEmpty else {
            for leftover in leftovers { unlink(leftover.file) }
            return []
        }
        let states: [String: SlurmJobState]
        do {
            states = try await control.query(jobs)
        } catch {
            throw LeftoverJobs(jobs: jobs, ledger: directory, problem: "Slurm could not be asked about them: \(error)")
        }
        let active = jobs.filter { states[$0].map { !$0.isFinished } ?? false }
        if !active.isEmpty {
            await control.cancel(active)
            let deadline = ContinuousClock.now + patience
            var pause = Duration.milliseconds(200)
            while true {
                let now = (try? await control.query(active)) ?? states
                let still = active.filter { now[$0].map { !$0.isFinished } ?? false }
                if still.isEmpty { break }
                guard ContinuousClock.now < deadline else {
                    throw LeftoverJobs(jobs: still, ledger: directory, problem: "they were cancelled but are still running")
                }
                try await Task.sleep(for: pause)
                pause = min(pause * 2, .seconds(5))
            }
        }
        for leftover in leftovers { unlink(leftover.file) }
        return active
    }
}

/// Jobs of an earlier, killed run that could not be ended: they still work in this workspace.
struct LeftoverJobs: Error, CustomStringConvertible {
    let jobs: [String]
    let ledger: String
    let problem: String

    var description: String {
        "Slurm jobs \(jobs.joined(separator: ", ")) of an earlier run of this workspace, whose toets was killed, may still "
            + "be writing into it: \(problem). Wait until `squeue --jobs=\(jobs.joined(separator: ","))` lists none of them "
            + "(or cancel them with scancel), then run again; \(ledger) lists them."
    }
}

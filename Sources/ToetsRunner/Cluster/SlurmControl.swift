import Foundation

/// The few things the Slurm executor asks of Slurm: submit, look, cancel. `SlurmCommands` asks
/// the real `sbatch`, `squeue` and `scancel`; tests play a cluster.
package protocol SlurmControl: Sendable {
    /// Submits a batch job and returns its id.
    func submit(_ job: SlurmSubmission) async throws -> String
    /// The state of each of `jobs` that Slurm still knows (finished ones too, for a while). A job
    /// it does not list has left the queue.
    func query(_ jobs: [String]) async throws -> [String: SlurmJobState]
    /// Cancels the jobs (best effort: one that already ended is no error).
    func cancel(_ jobs: [String]) async
}

/// A batch job to submit.
package struct SlurmSubmission: Sendable, Equatable {
    /// `--job-name`: says the run and the stage (`toets-r12-co-share`).
    package var name: String
    /// The batch script.
    package var script: String
    /// Where Slurm writes the job's output and error (`--output`).
    package var log: String
    /// The job's working folder (`--chdir`).
    package var directory: String
    /// Resource and placement options (`--partition=…`, `--mem=…M`, …).
    package var options: [String]
}

/// A job's state as Slurm reports it (`JobState` and `Reason`).
package struct SlurmJobState: Sendable, Equatable {
    package var state: String
    package var reason: String

    package init(state: String, reason: String = "None") {
        self.state = state
        self.reason = reason
    }

    /// States a job does not leave.
    static let terminal: Set<String> = ["COMPLETED", "FAILED", "CANCELLED", "TIMEOUT", "OUT_OF_MEMORY", "NODE_FAIL",
                                        "PREEMPTED", "BOOT_FAIL", "DEADLINE", "REVOKED", "SPECIAL_EXIT"]

    package var isFinished: Bool { Self.terminal.contains(state) }
}

/// Slurm refused or could not be asked.
package struct SlurmError: Error, CustomStringConvertible {
    package var command: String
    package var message: String
    /// A refusal that may pass (slurmctld busy or unreachable for a moment).
    package var isTransient: Bool {
        ["temporarily unavailable", "timed out", "try again", "connection refused", "rate limit", "too many"]
            .contains { message.lowercased().contains($0) }
    }

    package var description: String { "\(command): \(message)" }
}

/// The Slurm client commands, found in the `PATH`; they read `SLURM_CONF` as usual.
package struct SlurmCommands: SlurmControl {
    package init() {}

    package func submit(_ job: SlurmSubmission) async throws -> String {
        let arguments = ["sbatch", "--parsable", "--job-name=\(job.name)", "--output=\(job.log)", "--chdir=\(job.directory)",
                         "--no-requeue", "--export=ALL"] + job.options + [job.script]
        let (status, output, error) = try await Self.capture(arguments)
        // --parsable prints "id" or "id;cluster".
        let id = output.split(separator: "\n").last.map { String($0.split(separator: ";").first ?? "") } ?? ""
        guard status == 0, !id.isEmpty, id.allSatisfy(\.isNumber) else {
            throw SlurmError(command: "sbatch", message: Self.firstLine(error) ?? "exited with status \(status)")
        }
        return id
    }

    package func query(_ jobs: [String]) async throws -> [String: SlurmJobState] {
        guard !jobs.isEmpty else { return [:] }
        let (status, output, error) = try await Self.capture(
            ["squeue", "--noheader", "--states=all", "--format=%i|%T|%r", "--jobs=" + jobs.joined(separator: ",")])
        if status != 0 {
            // Every job it was asked about has aged out of slurmctld's memory.
            if error.contains("Invalid job id") { return [:] }
            throw SlurmError(command: "squeue", message: Self.firstLine(error) ?? "exited with status \(status)")
        }
        var states: [String: SlurmJobState] = [:]
        for line in output.split(separator: "\n") {
            let fields = line.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
            guard fields.count >= 3 else { continue }
            states[fields[0]] = SlurmJobState(state: fields[1], reason: fields[2])
        }
        return states
    }

    package func cancel(_ jobs: [String]) async {
        guard !jobs.isEmpty else { return }
        _ = try? await Self.capture(["scancel"] + jobs)
    }

    /// Runs a client command and returns its status, output and error output.
    static func capture(_ arguments: [String]) async throws -> (Int32, String, String) {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                let process = Process()
                process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
                process.arguments = arguments
                let output = Pipe()
                let error = Pipe()
                process.standardOutput = output
                process.standardError = error
                process.standardInput = FileHandle.nullDevice
                do {
                    try process.run()
                } catch {
                    continuation.resume(throwing: SlurmError(command: arguments[0], message: "could not be started: \(error)"))
                    return
                }
                // Both pipes are read to the end before waiting, so a long answer cannot block.
                let errorData = ReadBuffer()
                let done = DispatchSemaphore(value: 0)
                Thread.detachNewThread {
                    errorData.data = error.fileHandleForReading.readDataToEndOfFile()
                    done.signal()
                }
                let outputData = output.fileHandleForReading.readDataToEndOfFile()
                done.wait()
                process.waitUntilExit()
                guard process.terminationReason == .exit, process.terminationStatus != 127 else {
                    continuation.resume(throwing: SlurmError(
                        command: arguments[0],
                        message: process.terminationStatus == 127 ? "not found in the PATH (are Slurm's client commands installed?)"
                            : "ended by signal \(process.terminationStatus)"))
                    return
                }
                continuation.resume(returning: (process.terminationStatus, String(decoding: outputData, as: UTF8.self),
                                                String(decoding: errorData.data, as: UTF8.self)))
            }
        }
    }

    static func firstLine(_ text: String) -> String? {
        text.split(separator: "\n").first.map { String($0).trimmingCharacters(in: .whitespaces) }
    }
}

/// The bytes one thread reads for another: written once before the semaphore is signalled and
/// read only after it is waited for, so never touched by two threads at once.
private final class ReadBuffer: @unchecked Sendable {
    var data = Data()
}

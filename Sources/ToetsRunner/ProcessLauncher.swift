#if canImport(Glibc)
import Glibc
#endif
import CToetsProcess
import Foundation
import Synchronization

/// What to start: an argument vector in a working directory, with output to files.
package struct CommandRequest: Sendable {
    package var arguments: [String]
    package var environment: [String: String]
    package var workingDirectory: String
    package var standardOutputPath: String
    package var standardErrorPath: String
    /// Seconds before the process group is stopped; nil for no limit.
    package var timeout: Double?
    /// Address-space limit in bytes; nil for none.
    package var memoryLimit: Int?
    /// Run without network: in a network namespace of its own, where the kernel allows one.
    package var isolateNetwork: Bool

    package init(arguments: [String], environment: [String: String], workingDirectory: String,
                 standardOutputPath: String, standardErrorPath: String, timeout: Double? = nil,
                 memoryLimit: Int? = nil, isolateNetwork: Bool = false) {
        self.isolateNetwork = isolateNetwork
        self.arguments = arguments
        self.environment = environment
        self.workingDirectory = workingDirectory
        self.standardOutputPath = standardOutputPath
        self.standardErrorPath = standardErrorPath
        self.timeout = timeout
        self.memoryLimit = memoryLimit
    }
}

/// How a command ended.
package struct CommandResult: Sendable, Equatable {
    package enum Ending: Sendable, Equatable {
        case exited(Int32)
        case signalled(Int32)
        case timedOut
        case cancelled
    }

    package var ending: Ending
    package var seconds: Double

    package init(ending: Ending, seconds: Double) {
        self.ending = ending
        self.seconds = seconds
    }
}

/// Starts external programs. A narrow protocol so that the runner can be tested with a fake
/// and a cluster executor can submit jobs instead.
package protocol ProcessLauncher: Sendable {
    func run(_ request: CommandRequest) async throws -> CommandResult
}

/// A program that could not be started at all.
package struct LaunchError: Error, CustomStringConvertible {
    package var program: String
    package var step: String
    package var errno: Int32

    package var description: String {
        let reason = String(cString: strerror(errno))
        if step == "exec" && (errno == ENOENT || errno == EACCES) {
            return "cannot start '\(program)': \(reason). Is it installed and on the PATH?"
        }
        return "cannot start '\(program)' (\(step) failed: \(reason))"
    }
}

/// Starts each command in a process group of its own, so that a time limit or Ctrl-C stops the
/// whole tree it spawns: SIGTERM first, SIGKILL after a grace period.
package struct LocalProcessLauncher: ProcessLauncher {
    /// Seconds between SIGTERM and SIGKILL.
    package var gracePeriod: Double

    package init(gracePeriod: Double = 3) {
        self.gracePeriod = gracePeriod
    }

    /// Why this machine cannot isolate a command from the network; nil when it can. Found
    /// once, by starting `true` in a network namespace of its own.
    package static let networkIsolationProblem: String? = {
        var errorNumber: Int32 = 0
        var failedStep: UnsafePointer<CChar>?
        let pid = withCStrings(["true"]) { argv in
            withCStrings(["PATH=/usr/bin:/bin"]) { envp in
                toets_spawn(argv, envp, "/", "/dev/null", "/dev/null", 0, 1, &errorNumber, &failedStep)
            }
        }
        guard pid > 0 else { return "\(failedStep.map { String(cString: $0) } ?? "spawn"): \(String(cString: strerror(errorNumber)))" }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return nil
    }()

    package func run(_ request: CommandRequest) async throws -> CommandResult {
        let start = ContinuousClock.now
        var request = request
        if request.isolateNetwork, let problem = Self.networkIsolationProblem {
            // Said where the step's readers look: at the top of its standard error.
            let note = "toets: this machine cannot cut the command off from the network (\(problem)); it ran with network.\n"
            _ = FileManager.default.createFile(atPath: request.standardErrorPath, contents: Data(note.utf8))
            request.isolateNetwork = false
        }
        let pid = try spawn(request)
        let child = ChildProcess(pid: pid)
        let ending: CommandResult.Ending = await withTaskCancellationHandler {
            await withTaskGroup(of: CommandResult.Ending?.self) { group in
                group.addTask { await child.wait() }
                if let timeout = request.timeout {
                    group.addTask {
                        do { try await Task.sleep(for: .seconds(timeout)) } catch { return nil }
                        return .timedOut
                    }
                }
                var ending: CommandResult.Ending?
                while let next = await group.next() {
                    guard let next else { continue }
                    if next == .timedOut {
                        child.stop(gracePeriod: gracePeriod)
                        ending = .timedOut
                        continue
                    }
                    if ending == nil { ending = Task.isCancelled ? .cancelled : next }
                    group.cancelAll()
                }
                return ending ?? .cancelled
            }
        } onCancel: {
            child.stop(gracePeriod: gracePeriod)
        }
        let seconds = (ContinuousClock.now - start) / .seconds(1)
        return CommandResult(ending: ending, seconds: seconds)
    }

    private func spawn(_ request: CommandRequest) throws -> pid_t {
        let environment = request.environment.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        var errorNumber: Int32 = 0
        var failedStep: UnsafePointer<CChar>?
        let pid = withCStrings(request.arguments) { argv in
            withCStrings(environment) { envp in
                toets_spawn(argv, envp, request.workingDirectory, request.standardOutputPath,
                            request.standardErrorPath, Int64(request.memoryLimit ?? 0), request.isolateNetwork ? 1 : 0,
                            &errorNumber, &failedStep)
            }
        }
        guard pid > 0 else {
            throw LaunchError(program: request.arguments.first ?? "", step: failedStep.map { String(cString: $0) } ?? "spawn",
                              errno: errorNumber)
        }
        return pid
    }
}

/// A NULL-terminated C array of C strings for the duration of `body`.
private func withCStrings<R>(_ strings: [String], _ body: (UnsafePointer<UnsafePointer<CChar>?>) -> R) -> R {
    let copies = strings.map { strdup($0) }
    defer { copies.forEach { free($0) } }
    let pointers = copies.map { UnsafePointer($0) } + [nil]
    return pointers.withUnsafeBufferPointer { body($0.baseAddress!) }
}

/// A started child: waited for on a thread of its own (waitpid blocks), stoppable from any task.
private final class ChildProcess: Sendable {
    let pid: pid_t
    /// Set once the child is reaped, so that a late stop never signals a reused process id.
    private let reaped = Mutex(false)

    init(pid: pid_t) {
        self.pid = pid
    }

    func wait() async -> CommandResult.Ending {
        await withCheckedContinuation { continuation in
            Thread.detachNewThread { [self] in
                var status: Int32 = 0
                while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
                // The group may still hold grandchildren; they go with their leader.
                reaped.withLock { done in
                    kill(-pid, SIGKILL)
                    done = true
                }
                let signal = status & 0x7f
                continuation.resume(returning: signal == 0 ? .exited((status >> 8) & 0xff) : .signalled(signal))
            }
        }
    }

    /// SIGTERM to the whole process group now, SIGKILL after `gracePeriod` if still there.
    func stop(gracePeriod: Double) {
        signal(SIGTERM)
        Thread.detachNewThread { [self] in
            Thread.sleep(forTimeInterval: gracePeriod)
            signal(SIGKILL)
        }
    }

    private func signal(_ number: Int32) {
        reaped.withLock { done in
            if !done { kill(-pid, number) }
        }
    }
}

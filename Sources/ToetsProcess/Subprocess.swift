#if canImport(Glibc)
import Glibc
#endif
import CToetsProcess
import Foundation

/// Starts child processes that end with this process: each is tied to it (SIGKILL when toets
/// dies, also by `kill -9`; `diesWithParent` is the one exception), starts in a process group of
/// its own, and inherits no file descriptor but its standard three.
package enum Subprocess {
    /// Starts `request`'s program and returns at once.
    package static func spawn(_ request: SpawnRequest) throws(SpawnError) -> ChildProcess {
        let environment = request.environment.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        let outcome = SpawnerThread.shared.perform { () -> Result<pid_t, SpawnError> in
            var errorNumber: Int32 = 0
            var failedStep: UnsafePointer<CChar>?
            let pid = withCStrings(request.arguments) { argv in
                withCStrings(environment) { envp in
                    withCStrings(request.staged) { staged in
                        request.workingDirectory.withCString { cwd in
                            request.standardInputPath.withCString { input in
                                request.standardOutputPath.withCString { output in
                                    request.standardErrorPath.withCString { error in
                                        withOptionalCString(request.stagingDirectory) { staging in
                                            var spawn = toets_spawn_request(
                                                argv: argv, envp: envp, cwd: cwd, stdin_path: input, stdout_path: output,
                                                stderr_path: error, memory_limit_bytes: Int64(request.memoryLimit ?? 0),
                                                isolate_network: request.isolateNetwork ? 1 : 0,
                                                die_with_parent: request.diesWithParent ? 1 : 0,
                                                staging_directory: staging, staged_sources: staged,
                                                run_as_uid: request.user.map { Int32(bitPattern: $0.uid) } ?? -1,
                                                run_as_gid: request.user.map { Int32(bitPattern: $0.gid) } ?? -1)
                                            return toets_spawn(&spawn, &errorNumber, &failedStep)
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            guard pid > 0 else {
                return .failure(SpawnError(program: request.arguments.first ?? "",
                                           step: failedStep.map { String(cString: $0) } ?? "spawn", errno: errorNumber))
            }
            return .success(pid)
        }
        return ChildProcess(pid: try outcome.get())
    }
}

/// A program that could not be started at all.
package struct SpawnError: Error, CustomStringConvertible {
    package var program: String
    /// The step in the child that failed (`exec`, `chdir`, …).
    package var step: String
    package var errno: Int32

    package init(program: String, step: String, errno: Int32) {
        self.program = program
        self.step = step
        self.errno = errno
    }

    package var description: String {
        let reason = String(cString: strerror(errno))
        if step == "exec" && (errno == ENOENT || errno == EACCES) {
            return "cannot start '\(program)': \(reason). Is it installed and on the PATH?"
        }
        return "cannot start '\(program)' (\(step) failed: \(reason))"
    }
}

/// The one thread that forks. The kernel's parent-death signal fires when the *thread* that
/// forked ends, so children are started from a thread that lives as long as the process;
/// a worker thread of the concurrency pool may end while its child still runs.
private final class SpawnerThread: @unchecked Sendable {
    static let shared = SpawnerThread()

    // Guarded by `condition`: the work waiting to be done on the thread.
    private let condition = NSCondition()
    private var pending: [@Sendable () -> Void] = []

    private init() {
        let thread = Thread { [self] in
            while true {
                condition.lock()
                while pending.isEmpty { condition.wait() }
                let work = pending.removeFirst()
                condition.unlock()
                work()
            }
        }
        thread.name = "toets-spawner"
        thread.start()
    }

    /// Runs `body` on the spawner thread and waits for its result.
    func perform<T: Sendable>(_ body: @escaping @Sendable () -> T) -> T {
        let done = DispatchSemaphore(value: 0)
        let result = ResultBox<T>()
        condition.lock()
        pending.append {
            result.value = body()
            done.signal()
        }
        condition.signal()
        condition.unlock()
        done.wait()
        return result.value!
    }
}

/// Hands a value from the spawner thread back to the waiting caller; the semaphore orders the
/// write before the read.
private final class ResultBox<T>: @unchecked Sendable {
    var value: T?
}

/// A NULL-terminated C array of C strings for the duration of `body`.
func withCStrings<R>(_ strings: [String], _ body: (UnsafePointer<UnsafePointer<CChar>?>) -> R) -> R {
    let copies = strings.map { strdup($0) }
    defer { copies.forEach { free($0) } }
    let pointers = copies.map { UnsafePointer($0) } + [nil]
    return pointers.withUnsafeBufferPointer { body($0.baseAddress!) }
}

private func withOptionalCString<R>(_ string: String?, _ body: (UnsafePointer<CChar>?) -> R) -> R {
    guard let string else { return body(nil) }
    return string.withCString { body($0) }
}

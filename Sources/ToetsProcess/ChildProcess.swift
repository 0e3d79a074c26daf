#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Synchronization

/// A started child: waited for on a thread of its own (waitpid blocks), stoppable from any task.
package final class ChildProcess: Sendable {
    /// How it ended.
    package enum Ending: Sendable, Equatable {
        case exited(Int32)
        case signalled(Int32)
    }

    package let pid: pid_t
    /// Set once the child is reaped, so that a late stop never signals a reused process id.
    private let reaped = Mutex(false)
    private let usage = Mutex<rusage?>(nil)
    /// Signalled when the child is reaped, so that a time limit's thread ends with it.
    private let ended = DispatchSemaphore(value: 0)
    private let timedOut = Mutex(false)

    init(pid: pid_t) {
        self.pid = pid
    }

    /// Waits for the child on a thread of its own; the rest of its process group is killed then.
    package func wait() async -> Ending {
        await withCheckedContinuation { continuation in
            Thread.detachNewThread { [self] in
                continuation.resume(returning: waitBlocking())
            }
        }
    }

    /// Waits for the child on this thread.
    package func waitBlocking() -> Ending {
        var status: Int32 = 0
        var resources = rusage()
        while wait4(pid, &status, 0, &resources) < 0 && errno == EINTR {}
        usage.withLock { $0 = resources }
        // The group may still hold grandchildren; they go with their leader.
        reaped.withLock { done in
            kill(-pid, SIGKILL)
            done = true
        }
        ended.signal()
        let signal = status & 0x7f
        return signal == 0 ? .exited((status >> 8) & 0xff) : .signalled(signal)
    }

    /// The largest resident set of the child and the descendants it waited for, in bytes; nil
    /// until it has been reaped.
    package var peakMemory: Int? {
        usage.withLock { $0.map { Int($0.ru_maxrss) * 1024 } }
    }

    /// Stops the child if it has not ended `seconds` from now, timed on a thread of its own: a
    /// timer of the concurrency pool fires late while busy stages hold the pool's few threads.
    package func limitTime(to seconds: Double, gracePeriod: Double) {
        Thread.detachNewThread { [self] in
            guard ended.wait(timeout: .now() + seconds) == .timedOut else { return }
            let stopped = reaped.withLock { done in
                if !done { timedOut.withLock { $0 = true } }
                return !done
            }
            if stopped { stop(gracePeriod: gracePeriod) }
        }
    }

    /// Whether `limitTime` stopped the child.
    package var exceededTimeLimit: Bool { timedOut.withLock { $0 } }

    /// SIGTERM to the whole process group now, SIGKILL after `gracePeriod` if still there.
    package func stop(gracePeriod: Double) {
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

import Foundation
import Testing
import ToetsProcess

/// A child's time limit is kept on a thread of its own, so it holds while every thread of the
/// concurrency pool is busy (two, on a machine with two cores, during long built-in stages).
@Suite struct ChildProcessTests {
    static func spawn(_ script: String) throws -> ChildProcess {
        try Subprocess.spawn(SpawnRequest(arguments: ["/bin/sh", "-c", script], environment: [:],
                                          workingDirectory: "/", standardOutputPath: "/dev/null",
                                          standardErrorPath: "/dev/null"))
    }

    @Test func aTimeLimitStopsTheChildWithoutTheConcurrencyPool() throws {
        let child = try Self.spawn("sleep 30")
        child.limitTime(to: 0.3, gracePeriod: 1)
        // Waited for on this (test) thread: nothing here runs on the concurrency pool.
        #expect(child.waitBlocking() == .signalled(SIGTERM))
        #expect(child.exceededTimeLimit)
    }

    @Test func aChildThatEndsInTimeIsNotMarked() throws {
        let child = try Self.spawn("exit 3")
        child.limitTime(to: 30, gracePeriod: 1)
        #expect(child.waitBlocking() == .exited(3))
        #expect(!child.exceededTimeLimit)
    }
}

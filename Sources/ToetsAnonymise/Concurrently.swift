import Dispatch
import Synchronization

/// `first` and `second` run at the same time, on two threads; both results once both are done.
/// For serial steps that do not depend on each other, so that both cores work.
func concurrently<A: Sendable, B: Sendable>(_ first: @Sendable () throws -> A,
                                            _ second: @Sendable () throws -> B) throws -> (A, B) {
    let a = Mutex<Result<A, any Error>?>(nil)
    let b = Mutex<Result<B, any Error>?>(nil)
    DispatchQueue.concurrentPerform(iterations: 2) { index in
        if index == 0 {
            let result = Result { try first() }
            a.withLock { $0 = result }
        } else {
            let result = Result { try second() }
            b.withLock { $0 = result }
        }
    }
    // The first error in argument order, whichever finished first.
    return (try a.withLock { $0! }.get(), try b.withLock { $0! }.get())
}

import Dispatch
import Synchronization

/// Runs batches of records on worker threads while the reader decompresses, at most a few
/// batches ahead, and gives back the results in submission order as soon as they are ready,
/// so that neither the batches nor their results pile up (bounded memory).
final class BatchPool: Sendable {
    private let queue = DispatchQueue(label: "toets.ingest.batches", attributes: .concurrent)
    private let slots: DispatchSemaphore
    private let group = DispatchGroup()
    /// Finished results by submission number, and the number of the next one to hand back.
    private let results = Mutex<(ready: [Int: BatchResult], next: Int)>(([:], 0))
    private let submitted = Mutex(0)

    init(workers: Int) {
        slots = DispatchSemaphore(value: max(1, workers) * 2)
    }

    /// Queues `work`; blocks while too many batches are waiting.
    func submit(_ work: @escaping @Sendable () -> BatchResult) {
        let index = submitted.withLock { count in
            defer { count += 1 }
            return count
        }
        slots.wait()
        queue.async(group: group) { [self] in
            let result = work()
            results.withLock { $0.ready[index] = result }
            slots.signal()
        }
    }

    /// The finished results that come next in submission order (none if the next is not done).
    func takeReady() -> [BatchResult] {
        results.withLock { state in
            var taken: [BatchResult] = []
            while let result = state.ready.removeValue(forKey: state.next) {
                taken.append(result)
                state.next += 1
            }
            return taken
        }
    }

    /// Waits for every batch; the results not yet taken, in the order they were submitted.
    func finish() -> [BatchResult] {
        group.wait()
        return takeReady()
    }
}

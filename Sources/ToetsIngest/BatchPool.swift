import Dispatch
import Synchronization

/// Runs batches of records on worker threads while the reader decompresses, at most a few
/// batches ahead (bounded memory), and gives back the results in submission order.
final class BatchPool: Sendable {
    private let queue = DispatchQueue(label: "toets.ingest.batches", attributes: .concurrent)
    private let slots: DispatchSemaphore
    private let group = DispatchGroup()
    private let results = Mutex<[Int: BatchResult]>([:])
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
            results.withLock { $0[index] = result }
            slots.signal()
        }
    }

    /// Waits for every batch; the results in the order they were submitted.
    func finish() -> [BatchResult] {
        group.wait()
        let all = results.withLock { $0 }
        return all.keys.sorted().map { all[$0]! }
    }
}

/// The pipeline's `executor:` block: defaults for the jobs of a cluster executor. Where a step
/// runs never enters its cache key, so none of this does either.
package struct ExecutorDefaults: Sendable, Equatable {
    package var partition: String?
    package var account: String?
    package var qos: String?
    /// How often a job that ended without a result (out of memory, out of time, a failed node)
    /// is submitted again.
    package var retries = 0

    package init(partition: String? = nil, account: String? = nil, qos: String? = nil, retries: Int = 0) {
        self.partition = partition
        self.account = account
        self.qos = qos
        self.retries = retries
    }
}

/// A stage's `resources:`: what its cluster job asks the scheduler for. Not part of the key:
/// the same step gives the same bytes with 2 cores or 8.
package struct StageResources: Sendable, Equatable {
    package var cpus: Int?
    /// Bytes.
    package var memory: Int?
    /// Seconds.
    package var time: Double?
    package var partition: String?

    package init(cpus: Int? = nil, memory: Int? = nil, time: Double? = nil, partition: String? = nil) {
        self.cpus = cpus
        self.memory = memory
        self.time = time
        self.partition = partition
    }
}

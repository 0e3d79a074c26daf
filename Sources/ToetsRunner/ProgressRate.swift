import ToetsModel

/// The rate of a stage's progress over the last `window` seconds, and the time left at that
/// rate. Fed readings with the time they were taken, so that it is tested without a clock.
package struct ProgressRate: Sendable {
    /// Seconds of readings the rate is taken over.
    package var window: Double = 20
    private var readings: [(seconds: Double, done: Int64)] = []
    private var phase = ""
    private var unit = ""

    package init() {}

    /// Takes a reading made `seconds` after some fixed moment; returns work per second (nil
    /// until a second of readings shows one) and seconds left (nil without a total or a rate).
    package mutating func add(_ reading: ProgressSnapshot, at seconds: Double) -> (rate: Double?, secondsLeft: Double?) {
        // A new phase, or a count that went back, starts over.
        if reading.phase != phase || reading.unit != unit || (readings.last.map { reading.done < $0.done } ?? false) {
            readings = []
            phase = reading.phase
            unit = reading.unit
        }
        if let last = readings.last, seconds <= last.seconds {
            readings[readings.count - 1].done = reading.done
        } else {
            readings.append((seconds, reading.done))
        }
        // One reading at or before the window's start is kept as its anchor.
        while readings.count > 2 && readings[1].seconds <= seconds - window { readings.removeFirst() }
        guard let first = readings.first, let last = readings.last, last.seconds - first.seconds >= 1 else { return (nil, nil) }
        let rate = Double(last.done - first.done) / (last.seconds - first.seconds)
        guard rate > 0 else { return (0, nil) }
        guard let total = reading.total, total >= reading.done else { return (rate, nil) }
        return (rate, Double(total - reading.done) / rate)
    }
}

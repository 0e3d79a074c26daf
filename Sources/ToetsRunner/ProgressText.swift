import Foundation
import ToetsModel
import ToetsStore

/// A running stage's progress in words, one way for the terminal, plain logs and `toets status`:
/// `45% · 450,000 of 1,000,000 posts · 9,612 posts/s · about 57 s left`.
package enum ProgressText {
    /// What is known of a running stage after its name: phase, share, counts, rate, time left,
    /// and the time it has run.
    package static func describe(_ stage: LiveStage) -> String {
        var parts: [String] = []
        guard let progress = stage.progress else {
            return "running for \(duration(stage.seconds))"
        }
        if !progress.phase.isEmpty { parts.append(progress.phase) }
        if let fraction = progress.fraction { parts.append("\(Int((fraction * 100).rounded(.down)))%") }
        if let counts = counts(progress) { parts.append(counts) }
        if let rate = stage.rate, rate > 0 { parts.append(self.rate(rate, unit: progress.unit)) }
        if let left = stage.secondsLeft { parts.append("about \(duration(left)) left") }
        parts.append("\(duration(stage.seconds)) so far")
        return parts.joined(separator: " · ")
    }

    /// `450,000 of 1,000,000 posts`, `3 MiB of 12 MiB`, `1,200 pairs`; nil when nothing is counted.
    package static func counts(_ progress: ProgressSnapshot) -> String? {
        guard let total = progress.total else { return progress.done > 0 ? amount(progress.done, unit: progress.unit) : nil }
        return progress.unit == "bytes" ? "\(amount(progress.done, unit: "bytes")) of \(amount(total, unit: "bytes"))"
            : "\(grouped(progress.done)) of \(amount(total, unit: progress.unit))"
    }

    /// `[██████░░░░░░]`, or a bar of dots when the total is not known.
    package static func bar(_ fraction: Double?, width: Int) -> String {
        guard let fraction else { return "[" + String(repeating: "·", count: width) + "]" }
        let filled = Int((fraction * Double(width)).rounded(.down))
        return "[" + String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled) + "]"
    }

    /// `12.3 MiB` for bytes, `1,000,000 posts` otherwise.
    package static func amount(_ value: Int64, unit: String) -> String {
        if unit == "bytes" { return ByteCount(value).description }
        return grouped(value) + (unit.isEmpty ? "" : " " + unit)
    }

    /// `25 MiB/s`, `9,612 posts/s`, `0.5 replicates/s`.
    package static func rate(_ perSecond: Double, unit: String) -> String {
        if unit == "bytes" { return ByteCount(Int64(perSecond)).description + "/s" }
        let number = perSecond >= 10 ? grouped(Int64(perSecond.rounded())) : String(format: "%.1f", perSecond)
        return number + " " + (unit.isEmpty ? "" : unit) + "/s"
    }

    /// `57 s`, `3 min 4 s`, `1 h 2 min`, in whole seconds.
    package static func duration(_ seconds: Double) -> String {
        ToetsRunner.describe(.seconds(max(0, seconds.rounded())))
    }

    /// `1,234,567`.
    package static func grouped(_ value: Int64) -> String {
        let digits = String(value.magnitude)
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(digit)
        }
        return (value < 0 ? "-" : "") + out
    }
}

/// A mistake in a pipeline file, located as precisely as the file allows.
package struct PipelineError: Error, Sendable, CustomStringConvertible {
    package var file: String
    package var line: Int?
    package var stage: String?
    package var field: String?
    package var problem: String
    package var hint: String?

    package init(file: String, line: Int?, stage: String? = nil, field: String? = nil,
                 problem: String, hint: String? = nil) {
        self.file = file
        self.line = line
        self.stage = stage
        self.field = field
        self.problem = problem
        self.hint = hint
    }

    package var description: String {
        var text = file
        if let line { text += ":\(line)" }
        text += ":"
        if let stage { text += " stage '\(stage)'" + (field == nil ? ":" : ",") }
        if let field { text += " field '\(field)':" }
        text += " " + problem
        if let hint { text += "\n  " + hint }
        return text
    }
}

/// Several pipeline mistakes found in one pass, so the user fixes them all at once.
package struct PipelineErrors: Error, Sendable, CustomStringConvertible {
    package var errors: [PipelineError]

    package init(errors: [PipelineError]) {
        self.errors = errors
    }

    /// The mistakes in the order of their lines in the file (file-wide ones first), as a person
    /// reads the file; mistakes on one line keep the order they were found in.
    package init(inLineOrder errors: [PipelineError]) {
        self.errors = errors.enumerated().sorted { ($0.element.line ?? 0, $0.offset) < ($1.element.line ?? 0, $1.offset) }
            .map(\.element)
    }

    package var description: String {
        errors.map(\.description).joined(separator: "\n")
    }
}

/// The closest name in `candidates` to `name`, if it is close enough to be a likely typo.
package func suggestion(for name: String, among candidates: some Sequence<String>) -> String? {
    var best: (String, Int)?
    for candidate in candidates {
        let distance = editDistance(Array(name.utf8), Array(candidate.utf8))
        if distance <= max(1, name.utf8.count / 3), distance < (best?.1 ?? .max) { best = (candidate, distance) }
    }
    return best?.0
}

/// Edit distance counting a swap of two neighbours as one edit (optimal string alignment), so
/// that `rnu` is one step from `run`.
private func editDistance(_ a: [UInt8], _ b: [UInt8]) -> Int {
    if a.isEmpty { return b.count }
    var before = Array(repeating: 0, count: b.count + 1)
    var previous = Array(0...b.count)
    for i in 1...a.count {
        var current = [i] + Array(repeating: 0, count: b.count)
        for j in stride(from: 1, through: b.count, by: 1) {
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { current[j] = min(current[j], before[j - 2] + 1) }
        }
        before = previous
        previous = current
    }
    return previous[b.count]
}

/// ", did you mean 'x'?" or nothing.
package func didYouMean(_ name: String, among candidates: some Sequence<String>) -> String {
    suggestion(for: name, among: candidates).map { " Did you mean '\($0)'?" } ?? ""
}

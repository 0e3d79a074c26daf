/// Why the score stage refused its inputs; each message says what is wrong and what to do.
package enum ScoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No input artefact named `detections`.
    case noDetections(inputs: [String])
    /// No, or more than one, input artefact named `labels`.
    case labelsCount(found: [String], inputs: [String])
    /// More than one input artefact named `posts`.
    case severalPosts([String])
    /// An input could not be read.
    case unreadable(artefact: String)
    case badLabels(file: String, line: Int, problem: String)
    case badDetections(String)
    case badPosts(artefact: String, line: Int, problem: String)
    /// One artefact holds ids of more than one kind (two keys, or pseudonyms and raw ids).
    case mixedIdentifiers(artefact: String, kinds: [String])
    /// Two artefacts were pseudonymised differently and cannot be joined.
    case identifierMismatch(first: String, firstKind: String, second: String, secondKind: String)
    /// The `comparisons` parameter names a pair that cannot be compared.
    case comparisons(String)
    /// A decision rule that cannot be read, or more than one.
    case badRule(artefact: String, problem: String)
    /// A plant stage's membership or contacts that cannot be read.
    case badPlanting(artefact: String, line: Int, problem: String)

    package var description: String {
        switch self {
        case .noDetections(let inputs):
            "score: no detections to score; it needs the stages of the methods, whose artefacts named detections it "
                + "reads (it has \(Self.list(inputs))). Add the method stages to needs:"
        case .labelsCount(let found, let inputs):
            found.isEmpty
                ? "score: no labels; it needs exactly one artefact named labels, the ground truth pseudonymised by an "
                    + "anonymise stage with records: labels (it has \(Self.list(inputs))). Add that stage to needs:"
                : "score: \(found.count) artefacts named labels (\(found.joined(separator: ", "))); it scores against "
                    + "exactly one ground truth. Need one labels stage"
        case .severalPosts(let found):
            "score: \(found.count) artefacts named posts (\(found.joined(separator: ", "))); strata come from one "
                + "posts artefact. Need one posts stage"
        case .unreadable(let artefact):
            "score: cannot read \(artefact)"
        case .badLabels(let file, let line, let problem):
            "score: \(file) line \(line): \(problem)"
        case .badDetections(let problem):
            "score: \(problem)"
        case .badPosts(let artefact, let line, let problem):
            "score: \(artefact) line \(line): \(problem)"
        case .mixedIdentifiers(let artefact, let kinds):
            "score: \(artefact) mixes account ids of different kinds (\(kinds.joined(separator: ", "))); "
                + "pseudonymise everything with one key, once"
        case .identifierMismatch(let first, let firstKind, let second, let secondKind):
            "score: \(first) holds \(firstKind) but \(second) holds \(secondKind), so no account would match. "
                + "Pseudonymise the posts and the labels with the same key (anonymise stages with one key file), "
                + "and run the methods on those posts"
        case .comparisons(let problem):
            "score: comparisons: \(problem)"
        case .badRule(let artefact, let problem):
            "decision rule \(artefact): \(problem)"
        case .badPlanting(let artefact, let line, let problem):
            "score: \(artefact) line \(line): \(problem); it is written by a plant stage, rerun it with --force"
        }
    }

    private static func list(_ names: [String]) -> String {
        names.isEmpty ? "no inputs" : names.joined(separator: ", ")
    }
}

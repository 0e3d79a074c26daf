import Foundation
import Testing
import ToetsModel
@testable import ToetsScoring

/// Inputs where figures break down give defined results with notes: never NaN, never a crash.
@Suite struct ScoreDegenerateTests {
    typealias Rows = [String: (Double, Bool, String?)]

    static func truth(_ csv: String) -> GroundTruth {
        try! GroundTruth.parse(Array(("account_id,label,campaign,annotator,confidence\n" + csv).utf8), file: "labels")
    }

    static let cases: [(name: String, methods: [(name: String, detections: [Detection])], truth: GroundTruth)] = [
        ("no campaign accounts", [("a", ScoreFixtures.detections(ScoreFixtures.alpha))],
         truth("n1,none,,A1,1\nn2,none,,A1,1\nn3,none,,A2,1\n")),
        ("no other accounts", [("a", ScoreFixtures.detections(ScoreFixtures.alpha)), ("b", ScoreFixtures.detections(ScoreFixtures.beta))],
         truth("c1,campaign,C1,A1,1\nc2,campaign,,A1,1\n")),
        ("no labels at all", [("a", ScoreFixtures.detections(ScoreFixtures.alpha))], truth("")),
        ("one labelled account", [("a", ScoreFixtures.detections(ScoreFixtures.alpha))], truth("c1,campaign,C1,A1,1\n")),
        ("labels of accounts no method saw", [("a", ScoreFixtures.detections(ScoreFixtures.alpha)),
                                              ("b", ScoreFixtures.detections(ScoreFixtures.beta)),
                                              ("c", ScoreFixtures.detections(ScoreFixtures.gamma))],
         truth("q1,campaign,C9,A1,1\nq2,none,,A1,1\nq3,none,,A1,1\n")),
        ("empty detections", [("a", []), ("b", [])], ScoreFixtures.truth),
        ("scores that are not probabilities, all tied, all flagged", [
            ("a", ScoreFixtures.detections(ScoreFixtures.alpha.mapValues { ($0.0 * 40 - 7, $0.1, $0.2) })),
            ("b", ScoreFixtures.detections(ScoreFixtures.beta.mapValues { _ in (2, true, nil) })),
            ("c", ScoreFixtures.detections(ScoreFixtures.gamma)),
        ], ScoreFixtures.truth),
    ]

    @Test(arguments: cases.indices)
    func degenerateInputsGiveNotesNeverNaN(_ index: Int) async throws {
        let (name, methods, truth) = Self.cases[index]
        for resampling in ScoreSettings.Resampling.allCases {
            let card = try await ScoreFixtures.score(methods: methods, truth: truth) {
                $0.replicates = 50
                $0.resampling = resampling
            }
            for (output, bytes) in ScoreStage.render(card, stage: "score 1") {
                // Swift prints NaN and infinities as "nan" and "inf": no field or JSON value may be one.
                let tokens = String(decoding: bytes, as: UTF8.self).lowercased()
                    .split { ",:[]{}\n ".contains($0) }.map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "\"+-")) }
                #expect(!tokens.contains("nan") && !tokens.contains("inf"), "\(name): \(output) holds NaN or an infinity")
            }
            let results = try JSONDocument(card.resultsJSON(stage: "score 1")).root
            var unexplained: [String] = []
            Self.findUnexplainedNulls(results, path: "", into: &unexplained)
            #expect(unexplained.isEmpty, "\(name): figures without a value or a note: \(unexplained.prefix(5))")
        }
    }

    @Test func theNotesSayWhyAFigureIsMissing() async throws {
        let card = try await ScoreFixtures.score(methods: Self.cases[0].methods, truth: Self.cases[0].truth)
        let method = card.methods[0]
        #expect(method.overall.recall.note == .noPositives && method.overall.averagePrecision.note == .noPositives)
        #expect(card.pairs.isEmpty && card.rankings.isEmpty)
        let results = String(decoding: card.resultsJSON(stage: "score 1"), as: UTF8.self)
        #expect(results.contains(#""friedman":{"note":"too-few-methods"}"#))
        #expect(results.contains(#""no-positives":"no positives in the ground truth""#))

        let empty = try await ScoreFixtures.score(methods: Self.cases[2].methods, truth: Self.cases[2].truth)
        #expect(empty.labels.labelled == 0 && empty.methods[0].overall.precision.bootstrap?.percentile.note == .tooFewUnits)
        let unseen = try await ScoreFixtures.score(methods: Self.cases[4].methods, truth: Self.cases[4].truth)
        #expect(unseen.methods.allSatisfy { $0.missing == 3 && $0.overall.counts.flagged == 0 })
        #expect(unseen.summary.contains("3 labelled accounts are missing from its detections"))
        // Declared probabilities that are not in [0, 1] get no calibration; undeclared ones get none either.
        let odd = try await ScoreFixtures.score(methods: Self.cases[6].methods, truth: Self.cases[6].truth) {
            $0.probabilityScores = ["a"]
        }
        #expect(!odd.methods[0].probabilities && odd.methods[0].brier.note == .scoresOutsideUnitInterval)
        #expect(odd.methods[0].reliability.note == .scoresOutsideUnitInterval)
        #expect(odd.summary.contains("scores are not probabilities: no Brier score"))
        #expect(odd.methods[2].brier.note == .probabilitiesNotDeclared && odd.methods[2].reliability.bins.isEmpty)
    }

    /// Paths of objects whose `value` is null without a `note`.
    static func findUnexplainedNulls(_ value: JSONValue, path: String, into found: inout [String]) {
        switch value.kind {
        case .object:
            let members = value.members
            if let figure = members.first(where: { $0.key == "value" })?.value, figure.isNull,
               members.first(where: { $0.key == "note" })?.value.isNull ?? true {
                found.append(path)
            }
            for (key, child) in members { findUnexplainedNulls(child, path: path + "." + key, into: &found) }
        case .array:
            for (index, child) in value.elements.enumerated() { findUnexplainedNulls(child, path: path + "[\(index)]", into: &found) }
        default:
            break
        }
    }
}

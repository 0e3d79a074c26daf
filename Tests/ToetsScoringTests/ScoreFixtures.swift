import Foundation
import ToetsModel
@testable import ToetsScoring

/// Small score inputs built in code, small enough to check by hand.
///
/// Twelve decided accounts: c1–c4 in campaign C1, c5–c6 in C2, n1–n6 not in a campaign; u1 is
/// undecided under the majority rule (one annotator each way); x1 and x2 carry no label.
enum ScoreFixtures {
    static let labels = """
        account_id,label,campaign,annotator,confidence
        c1,campaign,C1,A1,0.9
        c1,campaign,C1,A2,0.8
        c2,campaign,C1,A1,0.9
        c2,campaign,C1,A2,0.7
        c3,campaign,C1,A1,0.8
        c3,none,,A2,0.6
        c3,campaign,C2,A3,0.6
        c4,campaign,C1,A1,0.9
        c5,campaign,C2,A1,0.9
        c5,campaign,C2,A2,0.9
        c6,campaign,C2,A2,0.8
        n1,none,,A1,0.9
        n1,none,,A2,0.9
        n2,none,,A1,0.9
        n3,none,,A1,0.8
        n3,none,,A2,0.9
        n4,none,,A2,0.7
        n5,none,,A1,0.9
        n5,campaign,C1,A2,0.5
        n5,none,,A3,0.8
        n6,none,,A1,0.9
        u1,campaign,C1,A1,0.6
        u1,none,,A2,0.6

        """

    /// alpha flags c1, c2, c3, c5 and n1 (and the unknown u1, x1): TP 4, FP 1, FN 2, TN 5.
    static let alpha: [String: (Double, Bool, String?)] = [
        "c1": (0.9, true, "g1"), "c2": (0.8, true, "g1"), "c3": (0.7, true, "g1"), "c4": (0.3, false, nil),
        "c5": (0.6, true, "g2"), "c6": (0.2, false, nil), "n1": (0.65, true, "g2"), "n2": (0.4, false, nil),
        "n3": (0.1, false, nil), "n4": (0.05, false, nil), "n5": (0.5, false, nil), "n6": (0.0, false, nil),
        "u1": (0.95, true, "g1"), "x1": (0.85, true, "g3"), "x2": (0.15, false, nil),
    ]

    /// beta flags c2, c4, c5, c6, n1 and n2; it never saw u1 and x1.
    static let beta: [String: (Double, Bool, String?)] = [
        "c1": (0.2, false, nil), "c2": (0.9, true, "b"), "c3": (0.1, false, nil), "c4": (0.8, true, "b"),
        "c5": (0.7, true, "b"), "c6": (0.6, true, "b"), "n1": (0.95, true, "b"), "n2": (0.85, true, "b"),
        "n3": (0.3, false, nil), "n4": (0.4, false, nil), "n5": (0.5, false, nil), "n6": (0.05, false, nil),
    ]

    /// gamma gives every labelled account the same score and flags none.
    static let gamma: [String: (Double, Bool, String?)] = Dictionary(uniqueKeysWithValues:
        ["c1", "c2", "c3", "c4", "c5", "c6", "n1", "n2", "n3", "n4", "n5", "n6"].map { ($0, (0.5, false, nil)) })

    static func detections(_ rows: [String: (Double, Bool, String?)], prefix: String = "") -> [Detection] {
        rows.map { Detection(accountID: prefix + $0.key, score: $0.value.0, flagged: $0.value.1, group: $0.value.2) }
    }

    static func csv(_ rows: [String: (Double, Bool, String?)], prefix: String = "") -> String {
        String(decoding: DetectionsFile.write(detections(rows, prefix: prefix)), as: UTF8.self)
    }

    /// Platform x for c1–c4 and n1–n3, telegram for c5, c6, n4, n5, tiktok for n6; language nl
    /// except n6 (en); municipality only on some posts.
    static let posts: String = {
        let platform: [String: String] = ["c1": "x", "c2": "x", "c3": "x", "c4": "x", "n1": "x", "n2": "x", "n3": "x",
                                          "c5": "telegram", "c6": "telegram", "n4": "telegram", "n5": "telegram",
                                          "n6": "tiktok", "u1": "x", "x1": "x", "x2": "telegram"]
        return platform.keys.sorted().map { account in
            let language = account == "n6" ? "en" : "nl"
            return #"{"author_id":"\#(account)","language":"\#(language)","platform":"\#(platform[account]!)","post_id":"p-\#(account)"}"#
        }.joined(separator: "\n") + "\n"
    }()

    static var methods: [(name: String, detections: [Detection])] {
        [("alpha", detections(alpha)), ("beta", detections(beta)), ("gamma", detections(gamma))]
    }

    static var truth: GroundTruth { try! GroundTruth.parse(Array(labels.utf8), file: "labels") }

    static var strata: AccountStrata { try! AccountStrata.parse(Array(posts.utf8), artefact: "posts") }

    static func settings(_ change: (inout ScoreSettings) -> Void = { _ in }) -> ScoreSettings {
        var settings = ScoreSettings()
        settings.replicates = 200
        settings.minCell = 4
        settings.topK = [3]
        settings.falsePositiveBudget = 0.2
        change(&settings)
        return settings
    }

    static func score(methods: [(name: String, detections: [Detection])] = methods, truth: GroundTruth = truth,
                      strata: AccountStrata? = strata,
                      _ change: (inout ScoreSettings) -> Void = { _ in }) async throws -> Scorecard {
        try await Scorer.score(methods: methods, truth: truth, strata: strata, settings: settings(change))
    }
}

/// How robust the verdict is: each method's rank under the bootstrap, the agreement of rankings
/// across strata and sweep points, each sweep point's figures, and what each method caught of
/// the planted campaigns.
package struct RobustnessFacts: Sendable, Hashable, Codable {
    /// One method's rank with its interval and its probability of being first.
    package struct Rank: Sendable, Hashable, Codable {
        package var method: String
        package var rank: Double?
        package var lower: Double?
        package var upper: Double?
        package var probabilityFirst: Double?
    }

    /// Kendall's W over the cells of one stratum dimension.
    package struct StratumAgreement: Sendable, Hashable, Codable {
        package var dimension: String
        package var metric: String
        package var w: Double?
        package var cells: Int
    }

    /// One sweep point of a method.
    package struct SweepPoint: Sendable, Hashable, Codable {
        package var method: String
        package var parameter: String
        package var value: String
        package var primary: Estimate
        package var flags: Int
        /// The method's rank at this point, the other methods at their declared points.
        package var rankAtPoint: Double?
    }

    /// Recall of one method on one planted campaign.
    package struct PlantedRecall: Sendable, Hashable, Codable {
        package var plant: String
        package var method: String
        package var tactic: String
        package var disarm: String
        package var strength: String
        package var accounts: Int
        package var flagged: Int
        package var recall: Estimate
    }

    /// How a method's flags on the real accounts moved when the plants were added; nil counts
    /// were held back by disclosure control.
    package struct PlantedChange: Sendable, Hashable, Codable {
        package var plant: String
        package var method: String
        package var changed: Int?
        package var contacts: Int?
        package var otherwise: Int?
    }

    package var rankMetric: String
    package var ranks: [Rank]
    package var rankedResamples: Int
    package var resamples: Int
    package var strata: [StratumAgreement]
    /// Each swept method's points, by method, in the order swept.
    package var sweep: [SweepPoint]
    /// Each swept method's primary figure at its declared operating point: the one judged.
    package var sweepDeclared: [String: Estimate]
    package var sweepAgreement: Double?
    package var sweepConfigurations: Int
    package var planted: [PlantedRecall]
    package var changes: [PlantedChange]

    /// Whether there is anything beyond the ranks to show.
    package var hasSweep: Bool { !sweep.isEmpty }
    package var hasPlanting: Bool { !planted.isEmpty }
}

import Foundation
import Testing

/// Reference values written by `scripts/oracles/scoring_fixtures.py` (`make scoring-fixtures`).
enum Fixtures {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    /// The `cases` of fixture `name`.json.
    static func load<Cases: Decodable>(_ name: String, as type: Cases.Type) throws -> Cases {
        let data = try Data(contentsOf: folder.appendingPathComponent("\(name).json"))
        return try JSONDecoder().decode(FixtureFile<Cases>.self, from: data).cases
    }
}

/// A fixture file: library versions, then the cases.
private struct FixtureFile<Cases: Decodable>: Decodable {
    var cases: Cases
}

/// The agreement demanded of a reference value: 1e-9, relative for magnitudes above 1.
let tolerance = 1e-9

func isClose(_ actual: Double?, _ expected: Double?, tolerance: Double = tolerance) -> Bool {
    switch (actual, expected) {
    case (nil, nil): true
    case let (actual?, expected?): abs(actual - expected) <= tolerance * max(1, abs(expected))
    default: false
    }
}

func areClose(_ actual: [Double], _ expected: [Double], tolerance: Double = tolerance) -> Bool {
    actual.count == expected.count && zip(actual, expected).allSatisfy { isClose($0, $1, tolerance: tolerance) }
}

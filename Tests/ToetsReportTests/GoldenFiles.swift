import Foundation

/// Golden files under `Fixtures/`, compared byte for byte.
///
/// To regenerate after a deliberate change: `TOETS_UPDATE_GOLDEN=1 swift test --filter
/// ToetsReportTests` (or `make report-goldens`), then review the diff before committing.
enum GoldenFiles {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static var updating: Bool { ProcessInfo.processInfo.environment["TOETS_UPDATE_GOLDEN"] == "1" }

    /// The golden text of `name`, after writing `actual` there first when updating.
    static func expected(_ name: String, actual: String) throws -> String {
        let url = folder.appendingPathComponent(name)
        if updating {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data(actual.utf8).write(to: url, options: .atomic)
        }
        return try String(contentsOf: url, encoding: .utf8)
    }

    /// The first line where two texts differ, for a readable failure.
    static func firstDifference(_ a: String, _ b: String) -> String {
        let left = a.split(separator: "\n", omittingEmptySubsequences: false)
        let right = b.split(separator: "\n", omittingEmptySubsequences: false)
        for index in 0..<max(left.count, right.count) {
            let l = index < left.count ? String(left[index]) : "<end>"
            let r = index < right.count ? String(right[index]) : "<end>"
            if l != r { return "line \(index + 1):\n  golden: \(l.prefix(300))\n  actual: \(r.prefix(300))" }
        }
        return "no difference"
    }
}

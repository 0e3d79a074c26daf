import Foundation

/// The project's shared folder (`../shared` beside the repository, or `$TOETS_SHARED`), which
/// holds real data sets and JSONTestSuite.
package enum SharedData {
    package static var root: String {
        if let given = ProcessInfo.processInfo.environment["TOETS_SHARED"] { return given }
        // Tests/ToetsTestSupport/SharedData.swift → repository root → ../shared
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        return repository.deletingLastPathComponent().appendingPathComponent("shared").path
    }

    /// The path of `relativePath` under the shared folder.
    package static func path(_ relativePath: String) -> String {
        root + "/" + relativePath
    }
}

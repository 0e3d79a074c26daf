import Foundation

/// Small name lists in the layout of Deduce 3.0.6's lookup lists, written for the tests
/// (`Tests/Fixtures/name-lists`), so that tests that run anonymise need nothing fetched.
package enum TestNameLists {
    /// The absolute path of the folder, for `name_lists:` or `$TOETS_NAME_LISTS`.
    package static let folder: String = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/name-lists").path

    /// The real lists `make name-lists` fetches, where they have been fetched.
    package static var fetched: String? {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent(".build-lists/name-lists").path
        return FileManager.default.fileExists(atPath: path + "/SOURCE") ? path : nil
    }
}

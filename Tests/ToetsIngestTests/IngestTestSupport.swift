import Foundation
import ToetsModel
import ToetsTestSupport
@testable import ToetsIngest

/// A fixture file of this test target.
func fixture(_ name: String) throws -> [UInt8] {
    let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    return [UInt8](try Data(contentsOf: folder.appendingPathComponent(name)))
}

/// Builds an archive of `entries` in a temporary folder and ingests it.
func ingest(_ entries: [(String, ArchiveWriter.Entry)], format: ArchiveWriter.Format = .tarGzip,
            archiveName: String = "collection.tar.gz", options: IngestOptions = IngestOptions()) throws -> IngestResult {
    let directory = TemporaryDirectory("toets-ingest")
    let path = directory.path + "/" + archiveName
    let writer = try ArchiveWriter(path: path, format: format)
    for (name, entry) in entries { try writer.add(name, entry) }
    try writer.finish()
    return try IngestEngine(options: options).run([(archiveName, path)])
}

/// Ingests one fixture file packed in a tar.gz.
func ingestFixture(_ name: String, options: IngestOptions = IngestOptions()) throws -> IngestResult {
    try ingest([(name, .file(try fixture(name)))], options: options)
}

extension IngestResult {
    func post(_ id: String) -> Post? { posts.first { $0.postID == id } }
}

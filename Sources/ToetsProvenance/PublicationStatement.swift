import ToetsModel
import ToetsStore

/// A report folder published after a run (`reports/<pipeline>/run-<n>/`): where it went and the
/// SHA-256 of every file in it, as published.
package struct Publication: Sendable, Equatable {
    /// One published file, by its name in the folder.
    package struct File: Sendable, Equatable {
        package var name: String
        package var digest: Digest

        package init(name: String, digest: Digest) {
            self.name = name
            self.digest = digest
        }
    }

    /// The report stage and its step in the run.
    package var stage: String
    package var step: Int64
    /// The folder's name under the reports folder (`demo/run-3`).
    package var name: String
    /// The folder's absolute path when it was published.
    package var location: String
    package var files: [File]

    package init(stage: String, step: Int64, name: String, location: String, files: [File]) {
        self.stage = stage
        self.step = step
        self.name = name
        self.location = location
        self.files = files
    }

    /// Every regular file of the folder at `location`, hashed now.
    package static func reading(stage: String, step: Int64, name: String, location: String) throws -> Publication {
        let files = try FileSystem.contents(of: location).filter { FileSystem.isRegularFile(location + "/" + $0) }.map {
            File(name: $0, digest: try FileSystem.digest(ofFile: location + "/" + $0).digest)
        }
        return Publication(stage: stage, step: step, name: name, location: location, files: files)
    }
}

/// The signed in-toto statement of a publication, logged with the run before its checkpoint:
/// its subjects are the published files, so that `toets verify` can say which file of a
/// published folder differs from what the run published.
package enum PublicationStatement {
    package static let predicateType = "urn:toets:publication:v1"

    package static func make(_ publication: Publication, run: Int64, pipeline: String, publishedOn: String) -> CanonicalJSON {
        let subjects = publication.files.sorted { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }.map {
            CanonicalJSON.object(["name": .string($0.name), "digest": .digestSet($0.digest)])
        }
        return .object([
            "_type": .string(StepStatement.statementType),
            "subject": .array(subjects),
            "predicateType": .string(predicateType),
            "predicate": .object([
                "run": .int(run), "pipeline": .string(pipeline), "stage": .string(publication.stage),
                "folder": .string(publication.name), "location": .string(publication.location),
                "publishedOn": .string(publishedOn),
            ]),
        ])
    }

    /// Whether a statement's payload is a publication (read without failing on anything else).
    static func isPublication(_ payload: [UInt8]) -> Bool {
        (try? CanonicalJSON(parsing: payload))?["predicateType"]?.stringValue == predicateType
    }

    /// Reads a publication statement back; the problem names the field that is wrong.
    static func read(_ payload: [UInt8]) throws(EnvelopeProblem) -> Publication {
        let json: CanonicalJSON
        do { json = try CanonicalJSON(parsing: payload) } catch { throw EnvelopeProblem("its statement is not JSON: \(error)") }
        let predicate = json["predicate"]
        guard let stage = predicate?["stage"]?.stringValue, let folder = predicate?["folder"]?.stringValue,
              let location = predicate?["location"]?.stringValue, let list = json["subject"]?.arrayValue
        else { throw EnvelopeProblem("its publication statement lacks stage, folder, location or subjects") }
        var files: [Publication.File] = []
        for (position, item) in list.enumerated() {
            guard let name = item["name"]?.stringValue, let digest = item["digest"]?.sha256 else {
                throw EnvelopeProblem("subject \(position + 1) of its publication statement has no name or sha256 digest")
            }
            files.append(Publication.File(name: name, digest: digest))
        }
        return Publication(stage: stage, step: 0, name: folder, location: location, files: files)
    }
}

import ToetsModel

/// `uses: source` — brings files from outside into the store, so that every later stage reads
/// content-addressed artefacts.
///
/// Each entry of `files` names an output and a path relative to the pipeline root. The files'
/// digests enter the key, so editing a file reruns exactly what reads it.
package struct SourceStage: BuiltinStage {
    package init() {}

    package let kind = "source"
    package let version = 1
    package let role = StageRole.data
    package let parameters = [
        ParameterSpec("files", .mapping, summary: "output name → path of a file, relative to the pipeline root"),
    ]

    package func outputs(parameters: [String: ParamValue]) throws(StageParameterError) -> [String] {
        let files = try fileEntries(parameters)
        return files.map(\.name)
    }

    package func externalFiles(parameters: [String: ParamValue]) -> [String] {
        ((try? fileEntries(parameters)) ?? []).map(\.path)
    }

    private func fileEntries(_ parameters: [String: ParamValue]) throws(StageParameterError) -> [(name: String, path: String)] {
        guard let files = parameters["files"]?.mapValue, !files.isEmpty else {
            throw StageParameterError(parameter: "files", problem: "give at least one file: `files: {posts: data/posts.csv}`")
        }
        var entries: [(name: String, path: String)] = []
        for name in ParamValue.sortedKeys(files) {
            guard let path = files[name]?.stringValue, !path.isEmpty else {
                throw StageParameterError(parameter: "files.\(name)", problem: "the value must be a file path")
            }
            guard ArtefactName.isValid(name) else {
                throw StageParameterError(parameter: "files.\(name)", problem: ArtefactName.rule)
            }
            entries.append((name, path))
        }
        return entries
    }

    package func run(_ context: any StageContext) async throws {
        for (name, path) in try fileEntries(context.parameters) {
            let digest = try await context.storeOutput(name, fromFile: context.resolve(path))
            if let expected = context.expectedDigest(ofFile: path), expected != digest {
                throw SourceStageError.changedDuringRun(path: path)
            }
        }
    }
}

/// A source file that changed between hashing it for the key and copying it.
enum SourceStageError: Error, CustomStringConvertible {
    case changedDuringRun(path: String)

    var description: String {
        switch self {
        case .changedDuringRun(let path):
            "\(path) changed while the run was reading it; run again once it is no longer being written."
        }
    }
}

/// The names artefacts may have: they become file names in scratch folders and `--copy-to`.
package enum ArtefactName {
    package static let rule = "an artefact name is letters, digits, '_', '-' and '.', starts with a letter or digit, "
        + "and is not 'stdout' or 'stderr'"

    package static func isValid(_ name: String) -> Bool {
        guard let first = name.utf8.first, isAlphanumeric(first), name.utf8.count <= 128,
              name != "stdout", name != "stderr" else { return false }
        return name.utf8.allSatisfy { isAlphanumeric($0) || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-")
            || $0 == UInt8(ascii: ".") }
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5a) || (byte >= 0x61 && byte <= 0x7a)
    }
}

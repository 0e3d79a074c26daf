import Foundation
import Synchronization
import ToetsModel

/// `uses: ingest` — archives in (every artefact of the stages it needs), normalized posts out,
/// with a quarantine of unreadable records and a report of what was read, refused and skipped.
package struct IngestStage: BuiltinStage {
    package init() {}

    package let kind = "ingest"
    /// 2: CooRTweet rows map content_id to the post and object_id to what it shares, and keep
    /// repeated share rows within an entry.
    /// 3: posts carry the account's display name where the format has one (post schema 2).
    package let version = 3
    package let role = StageRole.data
    package let personalData = PersonalDataEffect.brings
    package let parameters = [
        ParameterSpec("formats", .mapping, default: .map([:]),
                      summary: "format by archive name or ARCHIVE/ENTRY, overriding detection ("
                          + SourceFormat.allCases.map(\.rawValue).joined(separator: ", ") + ")"),
        ParameterSpec("platforms", .mapping, default: .map([:]),
                      summary: "platform by archive name or ARCHIVE/ENTRY, for formats that do not say (cnt-csv, coortweet-csv)"),
        ParameterSpec("strict", .boolean, default: .bool(false), summary: "fail the stage if any record is quarantined"),
        ParameterSpec("limits", .mapping, default: .map([:]),
                      summary: "raise or lower " + IngestLimits.Name.allCases.map(\.rawValue).joined(separator: ", ")),
    ]

    package func outputs(parameters: [String: ParamValue]) throws(StageParameterError) -> [String] {
        _ = try options(parameters)
        return ["posts", "quarantine", "report"]
    }

    /// The options the parameters describe; every value is checked.
    func options(_ parameters: [String: ParamValue]) throws(StageParameterError) -> IngestOptions {
        var options = IngestOptions()
        for (key, value) in parameters["formats"]?.mapValue ?? [:] {
            guard let name = value.stringValue, let format = SourceFormat(rawValue: name) else {
                throw StageParameterError(parameter: "formats.\(key)", problem: "unknown format; one of "
                    + SourceFormat.allCases.map(\.rawValue).joined(separator: ", "))
            }
            options.formats[key] = format
        }
        for (key, value) in parameters["platforms"]?.mapValue ?? [:] {
            guard let platform = value.stringValue, !platform.isEmpty, !platform.contains(":") else {
                throw StageParameterError(parameter: "platforms.\(key)", problem: "a platform is a short name such as x or telegram")
            }
            options.platforms[key] = platform
        }
        options.strict = parameters["strict"]?.boolValue ?? false
        for (key, value) in parameters["limits"]?.mapValue ?? [:] {
            guard let name = IngestLimits.Name(rawValue: key) else {
                throw StageParameterError(parameter: "limits.\(key)", problem: "unknown limit; one of "
                    + IngestLimits.Name.allCases.map(\.rawValue).joined(separator: ", "))
            }
            guard let number = value.numberValue else {
                throw StageParameterError(parameter: "limits.\(key)", problem: "must be a number")
            }
            guard number > 0 else { throw StageParameterError(parameter: "limits.\(key)", problem: "must be positive") }
            switch name {
            case .maxTotalBytes: options.limits.maxTotalBytes = Int64(number)
            case .maxEntryBytes: options.limits.maxEntryBytes = Int64(number)
            case .maxEntries: options.limits.maxEntries = Int(number)
            case .maxRatio: options.limits.maxRatio = number
            case .maxSeconds: options.limits.maxSeconds = number
            case .maxLineBytes: options.limits.maxLineBytes = Int(number)
            case .maxDocumentBytes: options.limits.maxDocumentBytes = Int(number)
            }
        }
        return options
    }

    package func run(_ context: any StageContext) async throws {
        let options = try options(context.parameters)
        // Archives in a fixed order: by input name.
        let archives = context.inputs.sorted { $0.key < $1.key }.map { input in
            (name: String(input.key.split(separator: ".", maxSplits: 1).last ?? Substring(input.key)), path: input.value.path)
        }
        let names = Set(archives.map(\.name))
        for key in options.formats.keys where !names.contains(String(key.split(separator: "/").first ?? "")) {
            throw IngestError.badParameter("formats names '\(key)', but the archives are: \(names.sorted().joined(separator: ", "))")
        }
        // Ctrl-C reaches the reading thread through a flag it checks between blocks.
        let cancelled = CancellationFlag()
        var engineOptions = options
        engineOptions.isCancelled = { cancelled.isSet }
        let result = try await withTaskCancellationHandler {
            try await onOwnThread { [engineOptions] in try IngestEngine(options: engineOptions).run(archives) }
        } onCancel: {
            cancelled.set()
        }
        try Task.checkCancellation()

        let postsPath = context.scratchDirectory + "/posts.ndjson"
        try Self.writePosts(result, to: postsPath)
        try await context.storeOutput("posts", fromFile: postsPath)
        let quarantinePath = context.scratchDirectory + "/quarantine.ndjson"
        try Self.writeLines(result.quarantine.lazy.map(\.canonicalLine), to: quarantinePath)
        try await context.storeOutput("quarantine", fromFile: quarantinePath)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try await context.storeOutput("report", bytes: Array(try encoder.encode(result.report)) + [0x0A])
    }

    /// A flag set from any thread.
    final class CancellationFlag: Sendable {
        private let flag = Mutex(false)
        var isSet: Bool { flag.withLock { $0 } }
        func set() { flag.withLock { $0 = true } }
    }


    /// Writes the posts artefact: the sorted canonical lines.
    package static func writePosts(_ result: IngestResult, to path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil),
              let handle = FileHandle(forWritingAtPath: path) else {
            throw IngestError.badParameter("cannot create \(path)")
        }
        defer { try? handle.close() }
        try result.forEachChunk { try handle.write(contentsOf: $0) }
    }

    /// Writes lines through a 1 MiB buffer.
    static func writeLines(_ lines: some Sequence<[UInt8]>, to path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil),
              let handle = FileHandle(forWritingAtPath: path) else {
            throw IngestError.badParameter("cannot create \(path)")
        }
        defer { try? handle.close() }
        var buffer: [UInt8] = []
        buffer.reserveCapacity(1 << 20)
        for line in lines {
            buffer += line
            if buffer.count >= 1 << 20 {
                try handle.write(contentsOf: buffer)
                buffer.removeAll(keepingCapacity: true)
            }
        }
        try handle.write(contentsOf: buffer)
    }
}

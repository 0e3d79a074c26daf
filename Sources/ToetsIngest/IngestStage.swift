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
    /// 3: the report counts per archive, names posts without a platform and what the pipeline
    /// set, and lists at most `IngestReport.listLimit` entries of each kind; archives that give
    /// no post, and damaged or ambiguous archives, fail (posts and quarantine are unchanged).
    /// 4: posts carry the account's display name where the format has one (post schema 2).
    package let version = 4
    package let role = StageRole.data
    package let personalData = PersonalDataEffect.brings
    package let parameters = [
        ParameterSpec("formats", .mapping, default: .map([:]),
                      summary: "format by archive name or ARCHIVE/ENTRY, overriding detection ("
                          + SourceFormat.allCases.map(\.rawValue).joined(separator: ", ") + ")"),
        ParameterSpec("platforms", .mapping, default: .map([:]),
                      summary: "platform by archive name or ARCHIVE/ENTRY, for formats that do not name one "
                          + "(cnt-csv, coortweet-csv, some 4cat-csv); without it their posts say platform: unknown"),
        ParameterSpec("allow_empty", .list, default: .list([]),
                      summary: "archives that may give no post; any other archive that gives none fails the stage"),
        ParameterSpec("strict", .boolean, default: .bool(false),
                      summary: "fail the stage if any record is quarantined or any entry refused or skipped"),
        ParameterSpec("limits", .mapping, default: .map([:]),
                      summary: "raise or lower " + IngestLimits.Name.allCases.map(\.rawValue).joined(separator: ", ")),
    ]

    package func outputs(parameters: [String: ParamValue]) throws(StageParameterError) -> [String] {
        _ = try options(parameters)
        return ["posts", "quarantine", "report"]
    }

    /// Every value is checked, and every problem reported (in parameter order).
    package func parameterProblems(_ parameters: [String: ParamValue]) -> [StageParameterError] {
        checked(parameters).problems
    }

    /// The options the parameters describe; the first problem, if any.
    func options(_ parameters: [String: ParamValue]) throws(StageParameterError) -> IngestOptions {
        let (options, problems) = checked(parameters)
        if let first = problems.first { throw first }
        return options
    }

    private func checked(_ parameters: [String: ParamValue]) -> (options: IngestOptions, problems: [StageParameterError]) {
        var options = IngestOptions()
        var problems: [StageParameterError] = []
        func problem(_ parameter: String, _ text: String) {
            problems.append(StageParameterError(parameter: parameter, problem: text))
        }
        for (key, value) in parameters["formats"]?.mapValue ?? [:] {
            guard let name = value.stringValue, let format = SourceFormat(rawValue: name) else {
                problem("formats.\(key)", "unknown format; one of " + SourceFormat.allCases.map(\.rawValue).joined(separator: ", "))
                continue
            }
            options.formats[key] = format
        }
        for (key, value) in parameters["platforms"]?.mapValue ?? [:] {
            guard let platform = value.stringValue, !platform.isEmpty, !platform.contains(":"), platform != "unknown" else {
                problem("platforms.\(key)", "a platform is a short name such as x or telegram")
                continue
            }
            options.platforms[key] = platform
        }
        for (index, value) in (parameters["allow_empty"]?.listValue ?? []).enumerated() {
            guard let name = value.stringValue, !name.isEmpty, !name.contains("/") else {
                problem("allow_empty", "item \(index + 1) must be the name of an archive (an input of the stage)")
                continue
            }
            options.allowEmpty.insert(name)
        }
        options.strict = parameters["strict"]?.boolValue ?? false
        for (key, value) in parameters["limits"]?.mapValue ?? [:] {
            guard let name = IngestLimits.Name(rawValue: key) else {
                problem("limits.\(key)", "unknown limit; one of " + IngestLimits.Name.allCases.map(\.rawValue).joined(separator: ", "))
                continue
            }
            if let text = name.problem(value) {
                problem("limits.\(key)", text)
                continue
            }
            options.limits.set(name, value.numberValue!)
        }
        return (options, problems.sorted { ($0.parameter, $0.problem) < ($1.parameter, $1.problem) })
    }

    package func run(_ context: any StageContext) async throws {
        var options = try options(context.parameters)
        // Archives in a fixed order: by input name.
        let archives = context.inputs.sorted { $0.key < $1.key }.map { input in
            (name: String(input.key.split(separator: ".", maxSplits: 1).last ?? Substring(input.key)), path: input.value.path)
        }
        let names = Set(archives.map(\.name))
        for (parameter, keys) in [("formats", Array(options.formats.keys)), ("platforms", Array(options.platforms.keys)),
                                  ("allow_empty", Array(options.allowEmpty))] {
            for key in keys.sorted() where !names.contains(key) && !names.contains(String(key.split(separator: "/").first ?? "")) {
                throw IngestError.badParameter("\(parameter) names '\(key)', but the archives are: \(names.sorted().joined(separator: ", "))")
            }
        }
        options.scratchDirectory = context.scratchDirectory
        // Ctrl-C reaches the reading thread through a flag it checks between blocks.
        let cancelled = CancellationFlag()
        options.isCancelled = { cancelled.isSet }
        options.progress = context.progress
        let result = try await withTaskCancellationHandler {
            try await onOwnThread { [options] in try IngestEngine(options: options).run(archives) }
        } onCancel: {
            cancelled.set()
        }
        try Task.checkCancellation()

        let postsPath = context.scratchDirectory + "/posts.ndjson"
        try Self.writePosts(result, to: postsPath)
        try await context.storeOutput("posts", fromFile: postsPath)
        let quarantinePath = context.scratchDirectory + "/quarantine.ndjson"
        try Self.write({ try result.forEachQuarantineChunk($0) }, to: quarantinePath)
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


    /// Writes the posts artefact: the sorted canonical lines (or moves the scratch file that
    /// already holds exactly them).
    package static func writePosts(_ result: IngestResult, to path: String) throws {
        if try result.sorted.move(to: path) { return }
        try write({ try result.forEachChunk($0) }, to: path)
    }

    /// Writes what `chunks` gives to a new file at `path`.
    static func write(_ chunks: (([UInt8]) throws -> Void) throws -> Void, to path: String) throws {
        // A new file, not the old one cut short: a file moved there by `writePosts` may still be read from.
        unlink(path)
        guard FileManager.default.createFile(atPath: path, contents: nil),
              let handle = FileHandle(forWritingAtPath: path) else {
            throw IngestError.badParameter("cannot create \(path)")
        }
        defer { try? handle.close() }
        try chunks { try handle.write(contentsOf: $0) }
    }
}

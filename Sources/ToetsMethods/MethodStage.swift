import Foundation
import Synchronization
import ToetsModel

/// A built-in detection method: pseudonymised posts in, detections and evidence out.
package protocol CoordinationMethod: Sendable {
    /// The name after `method/` in `uses:`.
    static var name: String { get }
    /// Bumped whenever the method's output for the same input can change.
    static var version: Int { get }
    /// The parameters `with:` may hold, with their defaults.
    static var parameters: [ParameterSpec] { get }
    /// Outputs besides `detections`, `evidence`, `network.graphml` and `network.csv`.
    static var extraOutputs: [String] { get }
    /// What it is and when it flags, for its method card (MethodAbout.swift).
    static var about: StageAbout { get }

    /// The post fields it reads with these parameters (`PostFields.known`; MethodFields.swift).
    var fieldsRead: Set<String> { get }

    /// The method configured by checked parameters (defaults filled in).
    init(parameters: [String: ParamValue]) throws(StageParameterError)

    func detect(_ posts: [Post]) throws -> MethodResult
    /// `detect`, telling `progress` how far it is where the method can say.
    func detect(_ posts: [Post], progress: StageProgress?) throws -> MethodResult
    /// `detect` on the bytes of a posts artefact, read straight into the method's own form
    /// (the same result as on `Post.decodeLines` of them, and the same errors); nil where the
    /// method reads `Post`s. `projected`: the lines are a projection (`PostFields.project`).
    func detect(postsArtefact bytes: UnsafeBufferPointer<UInt8>, artefact: String, projected: Bool,
                progress: StageProgress?) throws -> MethodResult?
    /// `detect` on the posts of a posts columns file (checked, and made from the posts artefact
    /// the stage reads): the same result as on that artefact; nil where the method does not read it.
    func detect(postColumns: PostColumns, progress: StageProgress?) throws -> MethodResult?
}

extension CoordinationMethod {
    package static var extraOutputs: [String] { [] }

    package func detect(_ posts: [Post], progress: StageProgress?) throws -> MethodResult {
        try detect(posts)
    }

    package func detect(postsArtefact bytes: UnsafeBufferPointer<UInt8>, artefact: String, projected: Bool,
                        progress: StageProgress?) throws -> MethodResult? {
        nil
    }

    package func detect(postColumns: PostColumns, progress: StageProgress?) throws -> MethodResult? {
        nil
    }
}

/// What a method found.
package struct MethodResult: Sendable {
    package var detections: [Detection]
    package var evidence: [EvidenceRow]
    package var network: AccountGraph
    /// `network.edges`, where the method has them already.
    package var edges: [(account1: String, account2: String, weight: Double)]?
    /// Method-specific tables by output name (CooRTweet's `pairs`, …).
    package var extra: [String: [UInt8]]

    package init(detections: [Detection], evidence: [EvidenceRow], network: AccountGraph,
                 edges: [(account1: String, account2: String, weight: Double)]? = nil, extra: [String: [UInt8]] = [:]) {
        self.detections = detections
        self.evidence = evidence
        self.network = network
        self.edges = edges
        self.extra = extra
    }
}

/// `uses: method/NAME`: runs a built-in method on the `posts` artefact of the stage it needs.
package struct MethodStage<Method: CoordinationMethod>: BuiltinStage {
    package init() {}

    package var kind: String { "method/" + Method.name }
    package var version: Int { Method.version }
    package let role = StageRole.method
    package var parameters: [ParameterSpec] { Method.parameters }
    package var about: StageAbout { Method.about }

    package func outputs(parameters: [String: ParamValue]) throws(StageParameterError) -> [String] {
        _ = try Method(parameters: parameters)
        return ["detections", "evidence", "network.graphml", "network.csv"] + Method.extraOutputs
    }

    package func postFieldsRead(parameters: [String: ParamValue]) -> [String]? {
        (try? Method(parameters: parameters)).map { PostFields.canonical($0.fieldsRead) }
    }

    package func run(_ context: any StageContext) async throws {
        let method = try Method(parameters: context.parameters)
        let candidates = context.inputs.filter { $0.key.hasSuffix(".posts") }
        guard candidates.count == 1, let (name, input) = candidates.first else {
            throw MethodError("\(kind) needs exactly one artefact named posts (from an anonymise stage); it has "
                + (context.inputs.isEmpty ? "none" : context.inputs.keys.sorted().joined(separator: ", ")))
        }
        // Mapped, not copied: the store's objects are never written in place.
        guard let data = try? Data(contentsOf: URL(fileURLWithPath: input.path), options: .alwaysMapped) else {
            throw MethodError("cannot read \(name)")
        }
        // The same posts in binary form, beside them (not for a projection: it holds every field).
        let (progress, projected) = (context.progress, context.postFields != nil)
        let columnsInput = projected ? nil : context.inputs[String(name.dropLast("posts".count)) + PostColumns.artefactName]
        let columns = columnsInput.flatMap { try? Data(contentsOf: URL(fileURLWithPath: $0.path), options: .alwaysMapped) }
        let postsDigest = input.digest
        context.progress.begin("reading posts", unit: "")
        let result = try await onOwnThread {
            // A columns file that does not open (damaged, or made from other posts) is passed over for the posts.
            if let columns, let read = try columns.withUnsafeBytes({ (raw: UnsafeRawBufferPointer) -> MethodResult? in
                guard let posts = try? PostColumns(raw, posts: postsDigest) else { return nil }
                return try method.detect(postColumns: posts, progress: progress)
            }) {
                return read
            }
            // A method that reads the artefact's bytes itself says so; the others get `Post`s.
            let read = try data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
                try method.detect(postsArtefact: raw.bindMemory(to: UInt8.self), artefact: name, projected: projected,
                                  progress: progress)
            }
            if let read { return read }
            let posts = try Post.decodeLines(Array(data), artefact: name, projected: projected)
            // Inside a method only its phase is known, not how far it is.
            progress.begin("detecting in \(posts.count) posts", unit: "")
            return try method.detect(posts, progress: progress)
        }
        context.progress.begin("writing detections and networks", unit: "")
        // The four tables are written from the result at the same time, then stored in order;
        // the edges are put in order once, for both networks.
        let edges = result.edges ?? result.network.edges
        let writers: [@Sendable () -> [UInt8]] = [
            { DetectionsFile.write(result.detections) },
            { EvidenceRow.table(result.evidence) },
            { NetworkExport.graphML(result.network, edges: edges, detections: result.detections) },
            { NetworkExport.edgeTable(edges) },
        ]
        let tables = try await onOwnThread {
            let written = Mutex<[Int: [UInt8]]>([:])
            DispatchQueue.concurrentPerform(iterations: writers.count) { index in
                let bytes = writers[index]()
                written.withLock { $0[index] = bytes }
            }
            return written.withLock { $0 }
        }
        for (index, name) in ["detections", "evidence", "network.graphml", "network.csv"].enumerated() {
            try await context.storeOutput(name, bytes: tables[index] ?? [])
        }
        for name in Method.extraOutputs {
            try await context.storeOutput(name, bytes: result.extra[name] ?? [])
        }
    }

}

/// How a method groups its flagged accounts: connected components of the flagged edges, or
/// Louvain communities with a seed. The same two parameters for every method that groups.
package enum Grouping {
    package static let parameters = [
        ParameterSpec("groups", .string, default: .string("components"), summary: "components or louvain"),
        ParameterSpec("seed", .integer, default: .int(1), summary: "seed of Louvain (and of the method's own randomness)"),
    ]

    /// The Louvain seed, or nil for connected components.
    static func louvainSeed(_ parameters: [String: ParamValue]) throws(StageParameterError) -> UInt64? {
        guard let groups = parameters.string("groups"), ["components", "louvain"].contains(groups) else {
            throw StageParameterError(parameter: "groups", problem: "must be components or louvain")
        }
        return groups == "louvain" ? seed(parameters) : nil
    }

    static func seed(_ parameters: [String: ParamValue]) -> UInt64 {
        UInt64(truncatingIfNeeded: parameters.integer("seed") ?? 1)
    }
}

/// Why a method stage stopped.
package struct MethodError: Error, CustomStringConvertible {
    package var description: String
    package init(_ description: String) { self.description = description }
}

/// Reading checked parameters.
extension [String: ParamValue] {
    func number(_ name: String) -> Double? { self[name]?.numberValue }

    func integer(_ name: String) -> Int? { self[name]?.intValue }

    func string(_ name: String) -> String? { self[name]?.stringValue }

}

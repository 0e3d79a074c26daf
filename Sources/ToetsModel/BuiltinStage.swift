import Foundation

/// A stage kind implemented inside Toets (`uses:` in a pipeline).
///
/// Implementations live in the modules that own them (ingest, anonymise, methods, …) and are
/// registered by the command line. The runner asks for the declared parameters and outputs to
/// check a pipeline before anything runs, and calls `run` only on a cache miss.
package protocol BuiltinStage: Sendable {
    /// The name used after `uses:`.
    var kind: String { get }
    /// Bumped whenever the stage's output for the same input can change; part of every key.
    var version: Int { get }
    /// The role, which sealed evaluation checks.
    var role: StageRole { get }
    /// Whether the stage's outputs hold raw personal data; methods and evaluation stages may
    /// only read data that has passed an anonymising stage.
    var personalData: PersonalDataEffect { get }
    /// The parameters `with:` may hold; anything else is an error in the pipeline.
    var parameters: [ParameterSpec] { get }
    /// What the kind is and does, for the method cards; a pipeline's `about:` adds to it.
    var about: StageAbout { get }
    /// Whether the stage reads the declarations of the stages upstream of it (the report's
    /// method cards): the runner then gives them as the parameter `declarations`
    /// (`StageDeclarations`), so that they enter its key.
    var readsDeclarations: Bool { get }
    /// Outputs only evaluation stages may read, sealed like ground truth (a plant stage's
    /// membership): the runner hands them to no other stage, and no command may name them.
    var sealedOutputs: [String] { get }
    /// The names of the artefacts this stage writes, given its (checked) parameters.
    func outputs(parameters: [String: ParamValue]) throws(StageParameterError) -> [String]
    /// Every problem with the parameters (defaults filled in), each naming its parameter (or a
    /// path into it, such as `limits.max_ratio`), so that a pipeline's mistakes are reported at
    /// once; empty if `outputs` accepts them. The default finds them with `outputs` alone.
    func parameterProblems(_ parameters: [String: ParamValue]) -> [StageParameterError]
    /// Paths (relative to the pipeline root) of files outside the store whose content enters
    /// the key, such as a source stage's files.
    func externalFiles(parameters: [String: ParamValue]) -> [String]
    /// Pseudonymisation key ids the stage works under; they enter the key.
    func keyIDs(parameters: [String: ParamValue], environment: [String: String]) throws -> [String]
    /// Files holding secrets the stage reads (a pseudonymisation key file): the runner refuses
    /// one inside the workspace or a git work tree before any stage runs.
    func secretFiles(parameters: [String: ParamValue], environment: [String: String]) -> [SecretFile]
    /// Data the stage reads from outside the store and the pipeline (anonymise's name lists),
    /// by a name that says what it is, never by a machine's path, with the digest of its
    /// content: it enters the key beside the files. `fileDigest` gives the SHA-256 of a file's
    /// bytes by its absolute path (the runner's, which remembers the digests of unchanged files).
    func externalData(parameters: [String: ParamValue], environment: [String: String],
                      fileDigest: (String) throws -> Digest) throws -> [String: Digest]
    /// The post fields a method kind reads with these parameters (`PostFields.known`): a
    /// pipeline's `fields:` for it must hold them. Nil for kinds that do not read posts as a method.
    func postFieldsRead(parameters: [String: ParamValue]) -> [String]?
    /// Computes the outputs. Called only when the cache has no result for the key.
    func run(_ context: any StageContext) async throws
}

extension BuiltinStage {
    /// `outputs` names only the first problem it meets. To find every one, each value the
    /// pipeline gives is tried on its own, with every other parameter at its default (or as
    /// given, where it has none); a mapping's entries are tried one by one, so that each bad
    /// entry is named. A problem only the combination shows is reported as `outputs` words it.
    package func parameterProblems(_ parameters: [String: ParamValue]) -> [StageParameterError] {
        let whole: StageParameterError
        do {
            _ = try outputs(parameters: parameters)
            return []
        } catch {
            whole = error
        }
        let defaults = Dictionary(self.parameters.compactMap { spec in spec.defaultValue.map { (spec.name, $0) } }) { a, _ in a }
        func alone(_ name: String, _ value: ParamValue) -> StageParameterError? {
            var trial = parameters.merging(defaults) { _, fallback in fallback }
            trial[name] = value
            do {
                _ = try outputs(parameters: trial)
                return nil
            } catch {
                return error.concerns(name) ? error : nil
            }
        }
        var problems: [StageParameterError] = []
        for name in parameters.keys.sorted() where parameters[name] != defaults[name] {
            guard let problem = alone(name, parameters[name]!) else { continue }
            guard case .map(let entries) = parameters[name]!, entries.count > 1 else {
                problems.append(problem)
                continue
            }
            let base = defaults[name]?.mapValue ?? [:]
            let each = entries.keys.sorted().compactMap { key in alone(name, .map(base.merging([key: entries[key]!]) { _, new in new })) }
            problems += each.isEmpty ? [problem] : each
        }
        if !problems.contains(where: { $0.parameter == whole.parameter }) { problems.append(whole) }
        var seen: Set<String> = []
        return problems.filter { seen.insert($0.parameter + "\u{0}" + $0.problem).inserted }
    }

    package var personalData: PersonalDataEffect { .passesOn }
    package var sealedOutputs: [String] { [] }
    package var about: StageAbout { StageAbout() }
    package var readsDeclarations: Bool { false }
    package func postFieldsRead(parameters: [String: ParamValue]) -> [String]? { nil }
    package func externalFiles(parameters: [String: ParamValue]) -> [String] { [] }
    package func keyIDs(parameters: [String: ParamValue], environment: [String: String]) throws -> [String] { [] }
    package func externalData(parameters: [String: ParamValue], environment: [String: String],
                              fileDigest: (String) throws -> Digest) throws -> [String: Digest] {
        [:]
    }
    package func secretFiles(parameters: [String: ParamValue], environment: [String: String]) -> [SecretFile] { [] }
}

/// A file holding a secret a stage reads, and the parameter that names it.
package struct SecretFile: Sendable, Equatable {
    /// The path as the stage reads it (`~/` expanded).
    package var path: String
    /// The parameter that names the file; nil when the environment does.
    package var parameter: String?

    package init(path: String, parameter: String?) {
        self.path = path
        self.parameter = parameter
    }
}

/// What a stage does to raw personal data (DESIGN.md "Anonymisation").
package enum PersonalDataEffect: Sendable {
    /// Its outputs hold raw personal data whatever its inputs (ingest).
    case brings
    /// Its outputs hold what its inputs held.
    case passesOn
    /// Its outputs hold no raw identifiers (anonymise).
    case removes
}

/// One parameter a built-in stage accepts.
package struct ParameterSpec: Sendable {
    /// The types a parameter can be declared with.
    package enum ValueType: String, Sendable {
        case string, integer, number, boolean, list, mapping, any
    }

    package var name: String
    package var type: ValueType
    /// The value used when the pipeline does not give one; nil makes the parameter required.
    package var defaultValue: ParamValue?
    package var summary: String
    /// False for a parameter that cannot change the output and names something machine-specific,
    /// such as the path of a key file (whose key id enters the key instead).
    package var entersKey: Bool

    package init(_ name: String, _ type: ValueType, default defaultValue: ParamValue? = nil, entersKey: Bool = true,
                 summary: String) {
        self.name = name
        self.type = type
        self.defaultValue = defaultValue
        self.entersKey = entersKey
        self.summary = summary
    }

    /// Whether `value` is of the declared type (an integer is also a number).
    package func accepts(_ value: ParamValue) -> Bool {
        switch (type, value) {
        case (.any, _), (.string, .string), (.integer, .int), (.number, .int), (.number, .double),
             (.boolean, .bool), (.list, .list), (.mapping, .map):
            true
        default:
            false
        }
    }
}

/// A parameter value that a stage kind cannot work with; the runner adds file, line and stage.
package struct StageParameterError: Error, Sendable {
    package var parameter: String
    package var problem: String

    package init(parameter: String, problem: String) {
        self.parameter = parameter
        self.problem = problem
    }

    /// Whether the problem is about parameter `name` or a part of it (`name.key`, `name[2]`).
    package func concerns(_ name: String) -> Bool {
        parameter == name || parameter.hasPrefix(name + ".") || parameter.hasPrefix(name + "[")
    }
}

/// What a running built-in stage can see and do: its inputs, parameters, scratch space, and a
/// way to hand its outputs to the store.
package protocol StageContext: Sendable {
    /// The stage's name in the pipeline.
    var stageName: String { get }
    /// Parameters with defaults filled in.
    var parameters: [String: ParamValue] { get }
    /// The post fields the stage declared (`fields:`); its `posts` inputs then hold only those
    /// (`PostFields.project`). Nil when it declared none and reads whole posts.
    var postFields: [String]? { get }
    /// Input artefacts by `stage.artefact` name.
    var inputs: [String: Artefact] { get }
    /// A directory of the stage's own, emptied before it runs and removed after.
    var scratchDirectory: String { get }
    /// The environment of the run (for secrets such as a pseudonymisation key; what may
    /// change the output must enter the key through `keyIDs` or a parameter).
    var environment: [String: String] { get }
    /// Where the stage says how far it is (work done against work known); what it reports
    /// there is shown to the person running it and never enters an artefact or a key.
    var progress: StageProgress { get }
    /// The absolute path of a file named relative to the pipeline root.
    func resolve(_ relativePath: String) -> String
    /// The digest `relativePath` had when the key was computed.
    func expectedDigest(ofFile relativePath: String) -> Digest?
    /// Moves or copies the file at `path` into the store as output `name`; returns its digest.
    @discardableResult
    func storeOutput(_ name: String, fromFile path: String) async throws -> Digest
    /// Writes `bytes` to the store as output `name`; returns its digest.
    @discardableResult
    func storeOutput(_ name: String, bytes: [UInt8]) async throws -> Digest
}

extension StageContext {
    package var postFields: [String]? { nil }
}

/// A stored artefact as a stage sees it: its digest and where to read it.
package struct Artefact: Hashable, Sendable, Codable {
    package var digest: Digest
    package var path: String
    package var size: Int

    package init(digest: Digest, path: String, size: Int) {
        self.digest = digest
        self.path = path
        self.size = size
    }
}

/// Runs blocking or CPU-bound work of a built-in stage (libarchive, parsing threads, a method's
/// computation) on a thread of its own, so that the concurrency pool stays free for other stages.
package func onOwnThread<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread.detachNewThread { continuation.resume(with: Result { try work() }) }
    }
}

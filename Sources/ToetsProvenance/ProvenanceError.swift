/// What can go wrong with keys, the provenance log and exports, with what to do about it.
package enum ProvenanceError: Error, Sendable, CustomStringConvertible, Equatable {
    /// A signing key file was refused or could not be written.
    case keyFile(path: String, problem: String)
    /// A public key given to check signatures with could not be read.
    case publicKey(source: String, problem: String)
    /// A checkpoint file could not be read or parsed.
    case checkpoint(source: String, problem: String)
    /// The log could not be read or appended to.
    case log(path: String, problem: String)
    /// The workspace has no run of this number, or no run at all.
    case noRun(Int64?)
    /// An export could not be written, or its inputs are not available.
    case export(problem: String)

    package var description: String {
        switch self {
        case .keyFile(let path, let problem): "signing key \(path) \(problem)."
        case .publicKey(let source, let problem): "public key \(source) \(problem)."
        case .checkpoint(let source, let problem): "checkpoint \(source): \(problem)."
        case .log(let path, let problem): "provenance log \(path): \(problem)."
        case .noRun(let run?): "the workspace has no run \(run); `toets status` and the index's runs table list them."
        case .noRun(nil): "the workspace has no run yet: `toets run PIPELINE` first."
        case .export(let problem): "export: \(problem)."
        }
    }
}

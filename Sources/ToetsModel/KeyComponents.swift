/// Everything a step's cache key is made of, kept so that `toets explain` can say what changed.
///
/// Nothing machine-specific belongs here: no absolute paths, host names, modification times or
/// binary digests, so a second machine computes the same key for the same work.
package struct KeyComponents: Hashable, Sendable, Codable {
    /// The version of this structure and of the key preimage built from it.
    package static let schemaVersion = 1

    /// The stage kind (`source`, `command`, `method/co-action`, …).
    package var kind: String
    /// The stage kind's implementation version; bumping it invalidates every cached output.
    package var kindVersion: Int
    /// The parameters with defaults filled in, flattened to leaves sorted by path.
    package var parameters: [ParameterLeaf]
    /// Input artefacts by their `stage.artefact` name.
    package var inputs: [String: Digest]
    /// Files the stage reads from outside the store (a source stage's files), by relative path.
    package var files: [String: Digest]
    /// Declared code files of an external command, by relative path.
    package var code: [String: Digest]
    /// The command as written in the pipeline, before its placeholders are filled in.
    package var command: String?
    /// Declared environment variables: a digest of each value, so secrets never reach the index.
    package var environment: [String: Digest]
    /// Pseudonymisation key ids (never the keys) the stage works under.
    package var keyIDs: [String]
    /// For external commands: what the sandbox lets them see (its view's version and the
    /// system folders the stage adds), or `none` when they ran unsandboxed; nil for built-in
    /// stages, which run in toets.
    package var sandbox: String?
    /// For a method that declares the post fields it reads (`fields:`): those fields, in byte
    /// order; its posts are projected to them. Nil when it reads whole posts.
    package var postFields: [String]?
    /// For a command that runs in an OCI image: the image (`ContainerImageSpec.keyText`); nil
    /// for a command run in the host's system and for built-in stages.
    package var image: String?

    package init(
        kind: String, kindVersion: Int, parameters: [ParameterLeaf] = [],
        inputs: [String: Digest] = [:], files: [String: Digest] = [:], code: [String: Digest] = [:],
        command: String? = nil, environment: [String: Digest] = [:], keyIDs: [String] = [], sandbox: String? = nil,
        postFields: [String]? = nil,
        image: String? = nil
    ) {
        self.kind = kind
        self.kindVersion = kindVersion
        self.parameters = parameters.sorted { $0.path.lexicographicallyPrecedes($1.path) }
        self.inputs = inputs
        self.files = files
        self.code = code
        self.command = command
        self.environment = environment
        self.keyIDs = keyIDs.sorted()
        self.sandbox = sandbox
        self.postFields = postFields.map(PostFields.canonical)
        self.image = image
    }

    /// The digest an environment variable's value enters the key as; unset differs from empty.
    package static func environmentDigest(_ value: String?) -> Digest {
        var preimage = CanonicalPreimage(domain: "toets/env-value", version: 1)
        if let value { preimage.append(value) } else { preimage.appendAbsent() }
        return preimage.digest()
    }

    /// The cache key: a domain-tagged digest over every component, children as digests.
    package var key: Digest {
        var preimage = CanonicalPreimage(domain: "toets/step-key", version: Self.schemaVersion)
        preimage.append(kind)
        preimage.append(kindVersion)
        preimage.append(parametersDigest)
        preimage.append(inputs)
        preimage.append(files)
        preimage.append(code)
        if let command { preimage.append(command) } else { preimage.appendAbsent() }
        preimage.append(environment)
        preimage.beginList(count: keyIDs.count)
        keyIDs.forEach { preimage.append($0) }
        // Last and only when present, so that the keys of built-in stages stay as they were.
        if let sandbox { preimage.append(sandbox) }
        // Likewise, tagged so that it can never read as a sandbox.
        if let postFields {
            preimage.append("post-fields")
            preimage.beginList(count: postFields.count)
            postFields.forEach { preimage.append($0) }
        }
        // After it, only for commands in an image: the keys of every other step stay as they were.
        if let image {
            preimage.append("image")
            preimage.append(image)
        }
        return preimage.digest()
    }

    /// A digest of the parameters alone.
    package var parametersDigest: Digest {
        var preimage = CanonicalPreimage(domain: "toets/parameters", version: 1)
        preimage.beginList(count: parameters.count)
        for leaf in parameters {
            preimage.beginList(count: leaf.path.count)
            leaf.path.forEach { preimage.append($0) }
            preimage.append(leaf.value)
        }
        return preimage.digest()
    }

    /// What differs between `earlier` and these components, in the order a person reads best:
    /// the stage itself, then parameters, inputs, files, code, command, environment, keys.
    package func changes(since earlier: KeyComponents) -> [KeyChange] {
        var changes: [KeyChange] = []
        if kind != earlier.kind {
            changes.append(.kind(old: earlier.kind, new: kind))
        } else if kindVersion != earlier.kindVersion {
            changes.append(.kindVersion(kind: kind, old: earlier.kindVersion, new: kindVersion))
        }
        let oldParameters = Dictionary(earlier.parameters.map { ($0.dottedPath, $0.value) }) { a, _ in a }
        let newParameters = Dictionary(parameters.map { ($0.dottedPath, $0.value) }) { a, _ in a }
        for path in Set(oldParameters.keys).union(newParameters.keys).sorted()
        where oldParameters[path] != newParameters[path] {
            changes.append(.parameter(path: path, old: oldParameters[path], new: newParameters[path]))
        }
        let maps: [(KeyChange.Category, [String: Digest], [String: Digest])] = [
            (.input, earlier.inputs, inputs), (.file, earlier.files, files),
            (.code, earlier.code, code), (.environment, earlier.environment, environment),
        ]
        for (category, old, new) in maps {
            for name in Set(old.keys).union(new.keys).sorted() where old[name] != new[name] {
                changes.append(.content(category, name: name, old: old[name], new: new[name]))
            }
            if category == .code, command != earlier.command {
                changes.append(.command(old: earlier.command, new: command))
            }
        }
        if keyIDs != earlier.keyIDs {
            changes.append(.keyIDs(old: earlier.keyIDs, new: keyIDs))
        }
        if sandbox != earlier.sandbox {
            changes.append(.sandbox(old: earlier.sandbox, new: sandbox))
        }
        if postFields != earlier.postFields {
            changes.append(.postFields(old: earlier.postFields, new: postFields))
        }
        if image != earlier.image {
            changes.append(.image(old: earlier.image, new: image))
        }
        return changes
    }
}

/// One difference between two sets of key components, worded for the person who reran.
package enum KeyChange: Hashable, Sendable, CustomStringConvertible {
    /// The kinds of content that enter a key by digest.
    package enum Category: String, Sendable {
        case input, file, code, environment
    }

    case kind(old: String, new: String)
    case kindVersion(kind: String, old: Int, new: Int)
    case parameter(path: String, old: String?, new: String?)
    case content(Category, name: String, old: Digest?, new: Digest?)
    case command(old: String?, new: String?)
    case keyIDs(old: [String], new: [String])
    case sandbox(old: String?, new: String?)
    case postFields(old: [String]?, new: [String]?)
    case image(old: String?, new: String?)

    package var description: String {
        switch self {
        case .kind(let old, let new):
            return "stage kind changed: \(old) → \(new)"
        case .kindVersion(let kind, let old, let new):
            return "stage kind \(kind) version \(old) → \(new)"
        case .parameter(let path, let old?, let new?):
            return "parameter \(path): \(old) → \(new)"
        case .parameter(let path, nil, let new?):
            return "parameter \(path) added: \(new)"
        case .parameter(let path, let old?, nil):
            return "parameter \(path) removed (was \(old))"
        case .parameter(let path, nil, nil):
            return "parameter \(path) changed"
        case .content(.environment, let name, let old, let new):
            switch (old == KeyComponents.environmentDigest(nil), new == KeyComponents.environmentDigest(nil)) {
            case (true, false): return "environment variable \(name) is now set"
            case (false, true): return "environment variable \(name) is no longer set"
            default:
                if old == nil { return "environment variable \(name) declared" }
                if new == nil { return "environment variable \(name) no longer declared" }
                return "environment variable \(name) changed value"
            }
        case .content(let category, let name, let old?, let new?):
            return "\(category.rawValue) \(name) changed (\(old.short) → \(new.short))"
        case .content(let category, let name, nil, let new?):
            return "\(category.rawValue) \(name) added (\(new.short))"
        case .content(let category, let name, let old?, nil):
            return "\(category.rawValue) \(name) removed (was \(old.short))"
        case .content(let category, let name, nil, nil):
            return "\(category.rawValue) \(name) changed"
        case .command(let old, let new):
            return "command changed: \(old.map { "`\($0)`" } ?? "none") → \(new.map { "`\($0)`" } ?? "none")"
        case .keyIDs(let old, let new):
            let render = { (ids: [String]) in ids.isEmpty ? "none" : ids.joined(separator: ", ") }
            return "pseudonymisation key id \(render(old)) → \(render(new))"
        case .sandbox(let old, let new):
            return "sandbox \(old ?? "not recorded") → \(new ?? "not recorded")"
        case .postFields(let old, let new):
            let render = { (fields: [String]?) in fields.map { $0.joined(separator: ", ") } ?? "every field" }
            return "post fields the method receives: \(render(old)) → \(render(new))"
        case .image(let old?, let new?):
            return "container image changed: \(old) → \(new)"
        case .image(nil, let new?):
            return "now runs in container image \(new)"
        case .image(let old?, nil):
            return "no longer runs in container image \(old)"
        case .image(nil, nil):
            return "container image changed"
        }
    }
}

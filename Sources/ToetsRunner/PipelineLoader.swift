import ToetsModel
import ToetsStore
import Yams

/// Reads a pipeline file into a `PipelineSpec`, keeping the line of every field.
///
/// The YAML is composed into nodes rather than decoded, so that unknown keys are errors (not
/// silently ignored), duplicate stages are caught, and parameter values keep the type they
/// were written with (YAML 1.2 core: `no` stays a string, `010` stays the integer 10).
package enum PipelineLoader {
    static let topLevelKeys = ["version", "name", "description", "root", "executor", "governance", "stages"]
    static let stageKeys = ["uses", "run", "needs", "with", "sweep", "code", "env", "timeout", "memory", "processes", "sandbox", "role",
                            "resources", "image", "about", "description", "fields"]

    /// Loads and parses the file at `path` (as given by the user, used in messages).
    package static func load(path: String) throws -> (spec: PipelineSpec, bytes: [UInt8]) {
        let bytes = try readPipelineFile(path)
        let absolute = FileSystem.absolute(path)
        let spec = try parse(String(decoding: bytes, as: UTF8.self), file: path,
                             directory: FileSystem.parentDirectory(of: absolute))
        return (spec, bytes)
    }

    /// Parses pipeline text; `directory` is where the file lives, for resolving `root:`.
    package static func parse(_ text: String, file: String, directory: String) throws -> PipelineSpec {
        try checkShape(text, file: file)
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch YamlError.duplicatedKeysInMapping(let keys, let context) {
            throw duplicateKeyError(keys.first ?? "", first: context.mark, text: text, file: file)
        } catch {
            // Yams quotes the offending line; a line of a megabyte is cut short.
            let message = "\(error)".split(separator: "\n", omittingEmptySubsequences: false)
                .map { $0.count > 200 ? String($0.prefix(200)) + "…" : String($0) }.joined(separator: "\n")
            throw PipelineError(file: file, line: yamlErrorLine(error), problem: "not valid YAML: \(message)")
        }
        guard let node, let top = node.mapping else {
            throw PipelineError(file: file, line: 1, problem: "a pipeline file is a mapping with a 'stages:' key",
                                hint: "Start from pipelines/demo.yaml.")
        }
        var errors: [PipelineError] = []
        var name = baseName(file)
        var root = directory
        var stages: [StageSpec] = []
        var seenStagesKey = false
        var executor = ExecutorDefaults()
        var governance: (Governance, lines: [String: Int])?
        for (keyNode, value) in top {
            let key = keyNode.string ?? ""
            let line = keyNode.mark?.line
            switch key {
            case "version":
                if value.scalar?.string != String(PipelineSpec.formatVersion) {
                    errors.append(PipelineError(
                        file: file, line: line, field: "version",
                        problem: "pipeline format version \(value.scalar?.string ?? "?") is not supported",
                        hint: "This toets reads version \(PipelineSpec.formatVersion)."))
                }
            case "name":
                if let text = value.scalar?.string, isIdentifier(text) { name = text } else {
                    errors.append(PipelineError(file: file, line: line, field: "name",
                                                problem: "name must be letters, digits, '-' or '_'"))
                }
            case "description":
                break
            case "root":
                if let text = value.scalar?.string {
                    root = normalise(text.hasPrefix("/") ? text : directory + "/" + text)
                } else {
                    errors.append(PipelineError(file: file, line: line, field: "root",
                                                problem: "root must be a path (relative to the pipeline file)"))
                }
            case "executor":
                executor = parseExecutor(value, file: file, errors: &errors)
            case "governance":
                governance = parseGovernance(value, line: line ?? 1, file: file, errors: &errors)
            case "stages":
                seenStagesKey = true
                guard let mapping = value.mapping else {
                    errors.append(PipelineError(file: file, line: line, field: "stages",
                                                problem: "stages must be a mapping from stage name to stage"))
                    continue
                }
                for (stageKey, stageNode) in mapping {
                    let stageName = stageKey.string ?? ""
                    let stageLine = stageKey.mark?.line ?? 0
                    if !isIdentifier(stageName) {
                        errors.append(PipelineError(
                            file: file, line: stageLine, stage: stageName,
                            problem: "a stage name is letters, digits, '-' or '_' (no dots or spaces)"))
                        continue
                    }
                    if let stage = parseStage(stageName, line: stageLine, node: stageNode, file: file, errors: &errors) {
                        stages.append(stage)
                    }
                }
            default:
                errors.append(PipelineError(
                    file: file, line: line, field: key, problem: "unknown key '\(key)'.\(didYouMean(key, among: topLevelKeys))",
                    hint: "A pipeline file has: \(topLevelKeys.joined(separator: ", "))."))
            }
        }
        if !seenStagesKey {
            errors.append(PipelineError(file: file, line: 1, field: "stages", problem: "the pipeline has no 'stages:'"))
        }
        if let governance {
            checkGovernanceSources(governance.0, lines: governance.lines, stages: stages, file: file, errors: &errors)
        }
        if !errors.isEmpty { throw PipelineErrors(errors: errors) }
        return PipelineSpec(name: name, file: file, root: root, stages: stages, executor: executor, governance: governance?.0)
    }

    private static func parseStage(_ name: String, line: Int, node: Node, file: String,
                                   errors: inout [PipelineError]) -> StageSpec? {
        guard let mapping = node.mapping else {
            errors.append(PipelineError(file: file, line: line, stage: name,
                                        problem: "a stage is a mapping with 'uses:' or 'run:'"))
            return nil
        }
        func fail(_ field: String, _ node: Node, _ problem: String, hint: String? = nil) {
            errors.append(PipelineError(file: file, line: node.mark?.line ?? line, stage: name, field: field,
                                        problem: problem, hint: hint))
        }
        var lines: [String: Int] = [:]
        var uses: String?
        var command: CommandLineSpec?
        var needs: [String] = []
        var parameters: [String: ParamValue] = [:]
        var code: [String] = []
        var environment: [String] = []
        var timeout: Double?
        var memoryLimit: Int?
        var processLimit: Int?
        var readOnlyPaths: [String] = []
        var role: StageRole?
        var resources = StageResources()
        var image: ContainerImageSpec?
        var about = StageAbout()
        var sweep: [(parameter: String, values: [ParamValue])] = []
        var postFields: [String]?
        for (keyNode, value) in mapping {
            let key = keyNode.string ?? ""
            lines[key] = keyNode.mark?.line
            switch key {
            case "uses":
                if let text = value.scalar?.string, !text.isEmpty { uses = text } else {
                    fail(key, value, "uses: takes the name of a built-in stage kind")
                }
            case "run":
                if let text = value.scalar?.string, !text.trimmingWhitespace.isEmpty {
                    command = .shell(text)
                } else if let words = stringList(value), !words.isEmpty {
                    command = .arguments(words)
                } else {
                    fail(key, value, "run: takes a command line, or a list of arguments")
                }
            case "needs":
                if let list = stringList(value) {
                    needs = list
                    for (index, item) in (value.sequence.map(Array.init) ?? [value]).enumerated() {
                        lines["needs.\(list[index])"] = item.mark?.line
                    }
                } else {
                    fail(key, value, "needs: takes a stage name or a list of stage names")
                }
            case "with":
                guard let withMapping = value.mapping else {
                    fail(key, value, "with: takes a mapping of parameter names to values")
                    continue
                }
                for (parameterKey, parameterValue) in withMapping {
                    let parameter = parameterKey.string ?? ""
                    lines["with.\(parameter)"] = parameterKey.mark?.line
                    recordLines(of: parameterValue, under: "with.\(parameter)", in: &lines)
                    do {
                        parameters[parameter] = try paramValue(parameterValue, path: parameter)
                    } catch let problem as ValueProblem {
                        errors.append(PipelineError(file: file, line: problem.line ?? line, stage: name,
                                                    field: "with.\(problem.path)", problem: problem.message))
                    } catch {}
                }
            case "sweep":
                sweep = parseSweep(value, lines: &lines, fail: fail)
            case "code":
                if let list = stringList(value) { code = list } else {
                    fail(key, value, "code: takes a path or a list of paths (files or folders)")
                }
            case "env":
                if let list = stringList(value), list.allSatisfy(isEnvironmentName) { environment = list } else {
                    fail(key, value, "env: takes environment variable names, such as [LANG, OMP_NUM_THREADS]")
                }
            case "timeout":
                if let text = value.scalar?.string, let seconds = parseDuration(text), seconds > 0 {
                    timeout = seconds
                } else {
                    fail(key, value, "timeout: takes a duration such as 90s, 10m or 1h30m",
                         hint: "A bare number is seconds.")
                }
            case "memory":
                if let text = value.scalar?.string, let bytes = parseSize(text), bytes >= 1 << 20 {
                    memoryLimit = bytes
                } else {
                    fail(key, value, "memory: takes a size of at least 1 MiB, such as 512MiB, 4GiB or 8G",
                         hint: "It limits the command's address space (RLIMIT_AS), so leave room for shared libraries.")
                }
            case "processes":
                if let text = value.scalar?.string, let count = Int(text), (1...65536).contains(count) {
                    processLimit = count
                } else {
                    fail(key, value, "processes: takes a whole number from 1 to 65536",
                         hint: "It limits the processes and threads the command runs at once in its sandbox "
                             + "(default \(sandboxDefaultProcessLimit)).")
                }
            case "sandbox":
                guard let sandboxMapping = value.mapping else {
                    fail(key, value, "sandbox: takes a mapping with read_only: [absolute paths]")
                    continue
                }
                for (fieldKey, fieldValue) in sandboxMapping {
                    let field = fieldKey.string ?? ""
                    lines["sandbox.\(field)"] = fieldKey.mark?.line
                    guard field == "read_only" else {
                        fail("sandbox.\(field)", fieldKey, "unknown field '\(field)' under sandbox:\(didYouMean(field, among: ["read_only"]))",
                             hint: "sandbox: takes read_only: [absolute paths of system folders the command may read].")
                        continue
                    }
                    guard let paths = stringList(fieldValue) else {
                        fail("sandbox.read_only", fieldValue, "read_only: takes a list of absolute paths")
                        continue
                    }
                    for path in paths {
                        if let problem = readOnlyPathProblem(path) {
                            fail("sandbox.read_only", fieldValue, problem,
                                 hint: "read_only: is for system folders a command needs, such as an interpreter in /opt; "
                                     + "its own files belong under code:.")
                        } else {
                            readOnlyPaths.append(normalise(path))
                        }
                    }
                }
            case "role":
                if let text = value.scalar?.string, let parsed = StageRole(rawValue: text) { role = parsed } else {
                    fail(key, value, "role: is one of \(StageRole.allCases.map(\.rawValue).joined(separator: ", "))")
                }
            case "resources":
                resources = parseResources(value, stage: name, file: file, lines: &lines, errors: &errors)
            case "image":
                image = parseImage(value, stage: name, file: file, lines: &lines, errors: &errors)
            case "about":
                guard let aboutMapping = value.mapping else {
                    fail(key, value, "about: takes a mapping with " + StageAbout.fields.joined(separator: ", "))
                    continue
                }
                // Texts as written (a version 1.10 stays 1.10); self_learning and simulated typed as YAML does.
                var fields: [String: ParamValue] = [:]
                for (fieldKey, fieldValue) in aboutMapping {
                    let field = fieldKey.string ?? ""
                    lines["about.\(field)"] = fieldKey.mark?.line
                    if StageAbout.flags.contains(field) {
                        fields[field] = (try? paramValue(fieldValue, path: field)) ?? .null
                    } else if let languages = fieldValue.mapping {
                        // A text in both report languages, {en: …, nl: …}, each kept as written.
                        var texts: [String: ParamValue] = [:]
                        for (language, text) in languages { texts[language.string ?? ""] = text.scalar.map { .string($0.string) } ?? .null }
                        fields[field] = .map(texts)
                    } else {
                        fields[field] = fieldValue.scalar.map { .string($0.string) } ?? .null
                    }
                }
                do {
                    about = try StageAbout(fields)
                } catch {
                    errors.append(PipelineError(file: file, line: lines["about.\(error.parameter)"] ?? line, stage: name,
                                                field: "about.\(error.parameter)", problem: error.problem))
                }
            case "fields":
                postFields = parseFields(value, stage: name, file: file, lines: &lines, errors: &errors)
            case "description":
                break
            default:
                fail(key, keyNode, "unknown field '\(key)'.\(didYouMean(key, among: stageKeys))",
                     hint: "A stage has: \(stageKeys.joined(separator: ", ")).")
            }
        }
        let action: StageSpec.Action
        switch (uses, command) {
        case (let kind?, nil): action = .builtin(kind)
        case (nil, let command?): action = .command(command)
        case (.some, .some):
            fail("run", node, "a stage has either uses: (a built-in stage kind) or run: (a command), not both")
            return nil
        case (nil, nil):
            if lines["uses"] == nil && lines["run"] == nil {
                fail("uses", node, "the stage says neither uses: (a built-in stage kind) nor run: (a command)")
            }
            return nil
        }
        var stage = StageSpec(name: name, line: line, action: action, needs: needs, parameters: parameters, code: code,
                              environment: environment, timeout: timeout, memoryLimit: memoryLimit, processLimit: processLimit,
                              readOnlyPaths: readOnlyPaths.sorted(), role: role, about: about, lines: lines)
        stage.sweep = sweep
        stage.resources = resources
        stage.postFields = postFields
        stage.image = image
        return stage
    }

    /// `sweep: {parameter: [values]}`: each a list of distinct numbers, booleans or plain words.
    private static func parseSweep(_ node: Node, lines: inout [String: Int],
                                   fail: (String, Node, String, String?) -> Void) -> [(parameter: String, values: [ParamValue])] {
        let shape = "sweep: takes a mapping of parameter names to lists of values, such as {time_window: [10, 30, 60, 120]}"
        guard let mapping = node.mapping else {
            fail("sweep", node, shape, nil)
            return []
        }
        var sweep: [(parameter: String, values: [ParamValue])] = []
        for (keyNode, valueNode) in mapping {
            let parameter = keyNode.string ?? ""
            let field = "sweep.\(parameter)"
            lines[field] = keyNode.mark?.line
            guard let items = valueNode.sequence.map(Array.init), !items.isEmpty else {
                fail(field, valueNode, shape, nil)
                continue
            }
            var values: [ParamValue] = []
            for item in items {
                guard let value = try? paramValue(item, path: parameter), SweepVariant.isSweepable(value) else {
                    fail(field, item, "a swept value is a number, true/false or a word (letters, digits, '-', '_')", nil)
                    continue
                }
                let text = SweepVariant(stage: "", parameter: parameter, value: value).valueText
                if values.contains(where: { SweepVariant(stage: "", parameter: parameter, value: $0).valueText == text }) {
                    fail(field, item, "the value \(text) is given twice", nil)
                    continue
                }
                values.append(value)
            }
            sweep.append((parameter, values))
        }
        return sweep
    }

    /// The default of `processes:`, for messages (the runner's `SandboxLayout` holds it).
    static let sandboxDefaultProcessLimit = 1024

    /// Folders that are never shown to a command: the whole system, home folders, the secrets
    /// in /etc, and the kernel's views of processes and devices.
    static let forbiddenReadOnlyPaths = ["/", "/root", "/home", "/etc", "/proc", "/sys", "/dev", "/run", "/var", "/tmp",
                                         "/boot", "/mnt", "/media", "/srv", "/toets"]

    /// Why `path` cannot be a `sandbox: read_only:` path; nil if it can (the runner also checks
    /// it against the workspace and key files before running).
    static func readOnlyPathProblem(_ path: String) -> String? {
        guard path.hasPrefix("/") else { return "read_only: path '\(path)' is not absolute" }
        if path.split(separator: "/").contains("..") { return "read_only: path '\(path)' contains '..'" }
        let normal = normalise(path)
        if forbiddenReadOnlyPaths.contains(normal) {
            return "read_only: path '\(normal)' would show the command too much (home folders, secrets or the whole system)"
        }
        let secret = ["/etc/shadow", "/etc/gshadow", "/etc/sudoers", "/etc/ssl/private", "/proc", "/sys", "/dev", "/toets"]
        if secret.contains(where: { normal == $0 || normal.hasPrefix($0 + "/") || normal.hasPrefix($0 + "-") }) {
            return "read_only: path '\(normal)' is never shown to a command"
        }
        return nil
    }

    static func isIdentifier(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy {
            ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x41 && $0 <= 0x5a) || ($0 >= 0x61 && $0 <= 0x7a)
                || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_")
        }
    }

    private static func isEnvironmentName(_ text: String) -> Bool {
        guard let first = text.utf8.first, !(first >= 0x30 && first <= 0x39) else { return false }
        return text.utf8.allSatisfy {
            ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x41 && $0 <= 0x5a) || ($0 >= 0x61 && $0 <= 0x7a) || $0 == UInt8(ascii: "_")
        }
    }

    private static func baseName(_ path: String) -> String {
        let last = FileSystem.lastComponent(of: path)
        guard let dot = last.lastIndex(of: ".") else { return last }
        return String(last[..<dot])
    }

    /// Removes `.` and resolves `..` components textually.
    package static func normalise(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/") {
            switch part {
            case ".": continue
            case "..": if !parts.isEmpty { parts.removeLast() }
            default: parts.append(part)
            }
        }
        return "/" + parts.joined(separator: "/")
    }

    /// YAML refuses a key given twice in one mapping, naming the first; this finds the second
    /// and, for a key directly under `stages:`, words it as a duplicate stage.
    private static func duplicateKeyError(_ key: String, first: Mark, text: String, file: String) -> PipelineError {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let indent = String(repeating: " ", count: max(0, first.column - 1))
        let again = lines.indices.dropFirst(first.line).first { index in
            lines[index].hasPrefix(indent + key + ":") || lines[index].hasPrefix(indent + "\"" + key + "\":")
        }.map { $0 + 1 }
        // A stage key sits one level under a top-level `stages:` line that comes before it.
        let parent = lines[..<max(0, first.line - 1)].last { line in
            let trimmed = line.drop { $0 == " " }
            return !trimmed.isEmpty && !trimmed.hasPrefix("#") && line.prefix { $0 == " " }.count < first.column - 1
        }
        if parent?.hasPrefix("stages:") == true {
            return PipelineError(file: file, line: again ?? first.line, stage: key,
                                 problem: "duplicate stage: '\(key)' is already declared on line \(first.line)",
                                 hint: "Give each stage its own name.")
        }
        return PipelineError(file: file, line: again ?? first.line, field: key,
                             problem: "'\(key)' is given twice in the same mapping (first on line \(first.line))")
    }

    private static func yamlErrorLine(_ error: Error) -> Int? {
        if case YamlError.scanner(_, _, let mark, _) = error { return mark.line }
        if case YamlError.parser(_, _, let mark, _) = error { return mark.line }
        if case YamlError.composer(_, _, let mark, _) = error { return mark.line }
        return nil
    }
}

extension String {
    var trimmingWhitespace: String {
        String(drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
    }
}

import Foundation
import ToetsModel
import ToetsStore

/// Turns a parsed pipeline into a `Plan`, or reports every mistake with its file, line, stage
/// and field: unknown stage kinds, parameters and `needs`, missing files, cycles, bad
/// placeholders, and a method that could see the ground truth.
package struct PipelineChecker {
    package var registry: StageRegistry

    package init(registry: StageRegistry) {
        self.registry = registry
    }

    package func check(_ declared: PipelineSpec) throws -> Plan {
        var errors: [PipelineError] = []
        let file = declared.file
        // Sweep points are stages of their own; evaluation stages score each of them.
        let pipeline = declared.expandingVariants(
            receivesVariants: { role(of: $0) == .evaluation },
            isPlant: { spec in if case .builtin(let kind) = spec.action { !(registry.stage(kind)?.sealedOutputs.isEmpty ?? true) } else { false } },
            isMethod: { role(of: $0) == .method },
            defaultValue: { spec, name in
                guard case .builtin(let kind) = spec.action else { return nil }
                return registry.stage(kind)?.parameters.first { $0.name == name }?.defaultValue
            })
        for spec in declared.stages where !spec.sweep.isEmpty && role(of: spec) != .method {
            errors.append(PipelineError(
                file: file, line: spec.line(of: "sweep"), stage: spec.name, field: "sweep",
                problem: "sweep: applies to method stages; this stage's role is \(role(of: spec)?.rawValue ?? "unknown")",
                hint: "A sweep is a sensitivity analysis of a method's parameters around its declared operating point."))
        }
        for spec in declared.stages {
            for (parameter, _) in spec.sweep where spec.sweep.count(where: { $0.parameter == parameter }) > 1 {
                errors.append(PipelineError(file: file, line: spec.line(of: "sweep.\(parameter)"), stage: spec.name,
                                            field: "sweep.\(parameter)", problem: "parameter '\(parameter)' is swept twice"))
            }
            if case .command = spec.action {
                for (parameter, _) in spec.sweep where spec.parameters[parameter] == nil {
                    errors.append(PipelineError(
                        file: file, line: spec.line(of: "sweep.\(parameter)"), stage: spec.name, field: "sweep.\(parameter)",
                        problem: "parameter '\(parameter)' is swept but has no operating point under with:",
                        hint: "Declare the value that is judged under with:; the sweep only varies it."))
                }
            }
        }
        let names = Set(pipeline.stages.map(\.name))
        var planned: [String: PlannedStage] = [:]

        for spec in pipeline.stages {
            for need in spec.needs where !names.contains(need) || need == spec.name {
                errors.append(PipelineError(
                    file: file, line: spec.line(of: "needs.\(need)"), stage: spec.name, field: "needs",
                    problem: need == spec.name ? "a stage cannot need itself"
                        : "unknown stage '\(need)'.\(didYouMean(need, among: names))",
                    hint: need == spec.name ? nil : "needs: names stages declared in this file."))
            }
            if let stage = plan(spec, pipeline: pipeline, errors: &errors) { planned[spec.name] = stage }
        }
        if let cycle = findCycle(pipeline.stages) {
            let first = pipeline.stages.first { $0.name == cycle[0] }!
            errors.append(PipelineError(
                file: file, line: first.line(of: "needs"), stage: first.name, field: "needs",
                problem: "the stages need each other in a cycle: "
                    + zip(cycle, cycle.dropFirst()).map { "\($0) needs \($1)" }.joined(separator: ", ")
                    + " (\(cycle.joined(separator: " → ")))",
                hint: "Each stage can only need stages that do not need it back; remove one of these needs."))
        }
        guard errors.isEmpty else { throw PipelineErrors(inLineOrder: errors) }

        // Commands' {in.…} placeholders resolve in dependency order, so that a command's inputs
        // from other commands are known by then.
        let order = topologicalOrder(pipeline.stages)
        for spec in order {
            guard var stage = planned[spec.name], case .command(let command) = spec.action else { continue }
            stage.placeholders = resolvePlaceholders(command, stage: spec, planned: planned, file: file, errors: &errors)
            stage.outputs = stage.placeholders.values.compactMap {
                if case .output(let name) = $0 { name } else { nil }
            }.sorted()
            planned[spec.name] = stage
        }
        for spec in order where planned[spec.name]!.role != .evaluation {
            planned[spec.name]!.hidden = Set(spec.needs.flatMap { need in
                (planned[need]?.builtin?.sealedOutputs ?? []).map { "\(need).\($0)" }
            })
        }
        errors += sealedOutputErrors(order.map { planned[$0.name]! }, file: file)
        errors += imageErrors(order.map { planned[$0.name]! }, planned: planned, file: file)
        errors += sealedEvaluationErrors(order.map { planned[$0.name]! }, file: file)
        errors += rawPersonalDataErrors(order.map { planned[$0.name]! }, file: file)
        guard errors.isEmpty else { throw PipelineErrors(inLineOrder: errors) }
        return Plan(pipeline: pipeline, stages: order.map { planned[$0.name]! })
    }

    /// The role a stage will have, as far as its declaration says.
    private func role(of spec: StageSpec) -> StageRole? {
        switch spec.action {
        case .builtin(let kind): spec.role ?? registry.stage(kind)?.role
        case .command: spec.role ?? .method
        }
    }

    private func plan(_ spec: StageSpec, pipeline: PipelineSpec, errors: inout [PipelineError]) -> PlannedStage? {
        let file = pipeline.file
        func fail(_ field: String?, _ problem: String, hint: String? = nil) {
            errors.append(PipelineError(file: file, line: field.map { spec.line(of: $0) } ?? spec.line,
                                        stage: spec.name, field: field, problem: problem, hint: hint))
        }
        for path in spec.code where !FileSystem.exists(resolve(path, in: pipeline)) {
            fail("code", "code path '\(path)' does not exist (looked in \(resolve(path, in: pipeline)))",
                 hint: "Paths are relative to the pipeline root (\(pipeline.root)); set root: to change it.")
        }
        switch spec.action {
        case .builtin(let kind):
            guard let builtin = registry.stage(kind) else {
                fail("uses", "unknown stage kind '\(kind)'.\(didYouMean(kind, among: registry.kinds))",
                     hint: "Built-in kinds: \(registry.kinds.joined(separator: ", ")). For your own program use run:.")
                return nil
            }
            if !spec.code.isEmpty {
                fail("code", "code: is for run: stages; a built-in stage's code is identified by its version")
            }
            let errorsBefore = errors.count
            var parameters = spec.parameters
            let known = Dictionary(uniqueKeysWithValues: builtin.parameters.map { ($0.name, $0) })
            var rejected: Set<String> = []
            for (name, value) in spec.parameters.sorted(by: { $0.key < $1.key }) {
                guard let declared = known[name] else {
                    fail("with.\(name)", "unknown parameter '\(name)' for stage kind \(kind).\(didYouMean(name, among: known.keys))",
                         hint: "\(kind) takes: " + builtin.parameters.map { "\($0.name) (\($0.summary))" }.joined(separator: "; ") + ".")
                    rejected.insert(name)
                    continue
                }
                if !declared.accepts(value) {
                    fail("with.\(name)", "parameter '\(name)' must be a \(declared.type.rawValue), not a \(value.typeName)")
                    rejected.insert(name)
                }
            }
            var missing = false
            for declared in builtin.parameters where spec.parameters[declared.name] == nil {
                if let value = declared.defaultValue { parameters[declared.name] = value } else {
                    fail("with", "missing parameter '\(declared.name)': \(declared.summary)")
                    missing = true
                }
            }
            // Every value out of range, each at its own line, beside the mistakes above: the
            // values already refused stand in as their defaults.
            if !missing {
                var checkable = parameters
                for name in rejected { checkable[name] = known[name]?.defaultValue }
                for problem in builtin.parameterProblems(checkable) where !rejected.contains(where: problem.concerns) {
                    fail("with.\(problem.parameter)", problem.problem)
                }
            }
            var role = builtin.role
            if let declared = spec.role, declared != role {
                if role == .data && declared == .groundTruth { role = declared } else {
                    fail("role", "stage kind \(kind) has role \(role.rawValue), which cannot be changed to \(declared.rawValue)",
                         hint: "Only a data stage (such as source) can be declared role: ground-truth.")
                }
            }
            if let declared = spec.postFields {
                if role != .method {
                    fail("fields", "fields: is for method stages (stage kind \(kind) has role \(role.rawValue))",
                         hint: "A method declares the post fields it reads; the runner gives it only those.")
                } else if let read = builtin.postFieldsRead(parameters: parameters) {
                    let missing = read.filter { !declared.contains($0) }
                    if !missing.isEmpty {
                        fail("fields", "stage kind \(kind) reads \(read.joined(separator: ", ")) with these parameters; "
                             + "fields: leaves out \(missing.joined(separator: ", "))",
                             hint: "Add them to fields:, or remove fields: to give the method every field.")
                    }
                }
            }
            guard errors.count == errorsBefore else { return nil }
            let outputs: [String]
            do {
                outputs = try builtin.outputs(parameters: parameters)
            } catch {
                fail("with.\(error.parameter)", error.problem)
                return nil
            }
            if outputs.contains(PostColumns.artefactName) && kind != "anonymise" {
                // Built-in methods read it in place of posts: no other stage may give them posts of its own.
                fail("with", "only anonymise writes \(PostColumns.artefactName), the binary form of its posts that built-in methods read",
                     hint: "Give the file another name.")
                return nil
            }
            let externalFiles = builtin.externalFiles(parameters: parameters)
            for path in externalFiles where !FileSystem.isRegularFile(resolve(path, in: pipeline)) {
                let resolved = resolve(path, in: pipeline)
                fail(spec.lines.keys.contains("with") ? "with" : nil,
                     FileSystem.exists(resolved) ? "'\(path)' is not a regular file" : "file '\(path)' does not exist (looked in \(resolved))",
                     hint: "Paths are relative to the pipeline root (\(pipeline.root)); set root: to change it.")
            }
            if spec.timeout != nil { fail("timeout", "timeout: applies to run: stages only") }
            if spec.processLimit != nil { fail("processes", "processes: applies to run: stages only (built-in stages run in toets)") }
            if !spec.readOnlyPaths.isEmpty { fail("sandbox", "sandbox: applies to run: stages only (built-in stages run in toets)") }
            if spec.image != nil { fail("image", "image: applies to run: stages only (built-in stages run in toets)") }
            return PlannedStage(spec: spec, kind: kind, version: builtin.version, role: role, builtin: builtin,
                                parameters: parameters, outputs: outputs, externalFiles: externalFiles, placeholders: [:])
        case .command:
            if spec.postFields != nil, let role = spec.role, role != .method {
                fail("fields", "fields: is for method stages (this stage has role \(role.rawValue))",
                     hint: "A method declares the post fields it reads; the runner gives it only those.")
            }
            return PlannedStage(spec: spec, kind: CommandStage.kind, version: CommandStage.version,
                                role: spec.role ?? .method, builtin: nil, parameters: spec.parameters,
                                outputs: [], externalFiles: [], placeholders: [:])
        }
    }

    /// An image archive is an output of a `source` stage the command needs: its digest is then
    /// known before anything runs, and enters the key as the file's.
    private func imageErrors(_ order: [PlannedStage], planned: [String: PlannedStage], file: String) -> [PipelineError] {
        order.compactMap { stage in
            guard case .archive(let source, let artefact)? = stage.spec.image?.source else { return nil }
            func error(_ problem: String, hint: String) -> PipelineError {
                PipelineError(file: file, line: stage.spec.line(of: "image"), stage: stage.name, field: "image",
                              problem: problem, hint: hint)
            }
            guard stage.needs.contains(source), let upstream = planned[source] else {
                return error("image: names stage '\(source)', which this stage does not need",
                             hint: "Add '\(source)' to needs:, so that the image archive is in the store before the command runs.")
            }
            guard upstream.kind == SourceStage().kind, upstream.outputs.contains(artefact) else {
                return error("image: names \(source).\(artefact), which is not a file a source stage brings into the store",
                             hint: "Bring the image archive (podman save --format oci-archive -o image.tar IMAGE) in with a "
                                 + "source stage: `uses: source` with `files: {image: image.tar}`, and name it as image: STAGE.image.")
            }
            return nil
        }
    }

    /// Finds every `{…}` in the command and says what it stands for.
    private func resolvePlaceholders(_ command: CommandLineSpec, stage: StageSpec, planned: [String: PlannedStage],
                                     file: String, errors: inout [PipelineError]) -> [String: Placeholder] {
        var result: [String: Placeholder] = [:]
        func fail(_ problem: String, hint: String? = nil) {
            errors.append(PipelineError(file: file, line: stage.line(of: "run"), stage: stage.name, field: "run",
                                        problem: problem, hint: hint))
        }
        // A stage named twice under needs: is read once.
        var named: Set<String> = []
        let available = stage.needs.filter { named.insert($0).inserted }.flatMap { need in
            (planned[need]?.outputs ?? []).map { (need, $0) }
        }
        for word in command.templates {
            for name in CommandTemplate.placeholders(in: word) {
                if name == "params" { result[name] = .parameters; continue }
                if name == "scratch" { result[name] = .scratch; continue }
                if name == "root" {
                    result[name] = .root
                    for path in rootPaths(in: word) where !isDeclaredCode(path, stage.code) {
                        fail("{root}/\(path) is not declared under code:, so a change to it would not rerun the stage",
                             hint: "Add it (or its folder) to code: [\(path)].")
                    }
                    continue
                }
                if name.hasPrefix("with.") {
                    let parameter = String(name.dropFirst(5))
                    switch stage.parameters[parameter] {
                    case .string?, .int?, .double?, .bool?: result[name] = .parameter(parameter)
                    case nil:
                        fail("{\(name)}: the stage has no parameter '\(parameter)' under with:"
                             + didYouMean(parameter, among: stage.parameters.keys))
                    case let value?:
                        fail("{\(name)}: parameter '\(parameter)' is a \(value.typeName); only single values can be "
                             + "placed in a command", hint: "Read lists and mappings from the {params} JSON file.")
                    }
                    continue
                }
                if name.hasPrefix("out.") {
                    let output = String(name.dropFirst(4))
                    if output == PostColumns.artefactName {
                        // Built-in methods read it in place of posts: a command must not give them other posts.
                        fail("{\(name)}: only anonymise writes \(output), the binary form of its posts that built-in methods read",
                             hint: "Give the output another name.")
                    } else if ArtefactName.isValid(output) { result[name] = .output(output) } else {
                        fail("{\(name)}: \(ArtefactName.rule)")
                    }
                    continue
                }
                guard name.hasPrefix("in.") else {
                    fail("unknown placeholder {\(name)} (write {{\(name)}} for the literal text)",
                         hint: "Placeholders: {in.ARTEFACT}, {in.STAGE.ARTEFACT}, {out.NAME}, {with.PARAMETER}, {params}, {scratch}, {root}.")
                    continue
                }
                let reference = String(name.dropFirst(3))
                let parts = reference.split(separator: ".", maxSplits: 1).map(String.init)
                var matches: [(String, String)] = []
                if parts.count == 2, stage.needs.contains(parts[0]) {
                    matches = available.filter { $0.0 == parts[0] && $0.1 == parts[1] }
                }
                if matches.isEmpty {
                    matches = available.filter { $0.1 == reference }
                    if matches.isEmpty, stage.needs.contains(reference) {
                        matches = available.filter { $0.0 == reference }
                        if matches.count > 1 {
                            fail("{\(name)}: stage '\(reference)' writes several artefacts (\(matches.map(\.1).joined(separator: ", ")))",
                                 hint: "Name one as {in.\(reference).ARTEFACT}.")
                            continue
                        }
                    }
                }
                switch matches.count {
                case 1 where matches[0].1 == PostColumns.artefactName && stage.postFields != nil:
                    fail("{\(name)}: \(PostColumns.artefactName) holds every post field, and this stage declares fields:",
                         hint: "Read {in.\(matches[0].0).posts}: it holds the declared fields only.")
                case 1: result[name] = .input(stage: matches[0].0, artefact: matches[0].1)
                case 0:
                    let choices = available.map { "\($0.0).\($0.1)" }
                    fail("{\(name)} matches no artefact of the stages this one needs.\(didYouMean(reference, among: choices + available.map(\.1)))",
                         hint: choices.isEmpty ? "Add the stage that writes it to needs:."
                             : "Available: " + choices.map { "{in.\($0)}" }.joined(separator: ", ") + ".")
                default:
                    fail("{\(name)} is ambiguous: " + matches.map { "\($0.0).\($0.1)" }.joined(separator: " and ") + " both match",
                         hint: "Name the stage: {in.STAGE.\(reference)}.")
                }
            }
        }
        return result
    }

    /// The paths written right after `{root}/` in a command word.
    private func rootPaths(in word: String) -> [String] {
        word.components(separatedBy: "{root}/").dropFirst().map { rest in
            String(rest.prefix { !$0.isWhitespace && !"'\";|&)<>{".contains($0) })
        }.filter { !$0.isEmpty }
    }

    /// Whether `path` is a declared code file or lies in a declared code folder.
    private func isDeclaredCode(_ path: String, _ code: [String]) -> Bool {
        code.contains { declared in
            let folder = declared.hasSuffix("/") ? declared : declared + "/"
            return path == declared || path.hasPrefix(folder)
        }
    }

    /// Methods must not read labels (DESIGN.md "Sealed evaluation"). Whatever reads a
    /// ground-truth stage, directly or through other stages, is tainted; a tainted method is refused.
    private func sealedEvaluationErrors(_ order: [PlannedStage], file: String) -> [PipelineError] {
        var taintPath: [String: [String]] = [:]
        var errors: [PipelineError] = []
        for stage in order {
            if stage.role == .groundTruth {
                taintPath[stage.name] = [stage.name]
                continue
            }
            guard let via = stage.needs.first(where: { taintPath[$0] != nil }) else { continue }
            let path = taintPath[via]! + [stage.name]
            taintPath[stage.name] = path
            if stage.role == .method {
                errors.append(PipelineError(
                    file: file, line: stage.spec.line(of: "needs"), stage: stage.name, field: "needs",
                    problem: "method stage '\(stage.name)' would read the ground truth: \(path.joined(separator: " → "))",
                    hint: "Methods never see labels (sealed evaluation); only evaluation stages may need the ground truth. "
                        + "If this stage scores or reports, declare role: evaluation."))
            }
        }
        return errors
    }

    /// A sealed output (a plant stage's membership) is read by evaluation stages alone: a command
    /// that names one is refused. And a method may not read planted posts beside the posts they
    /// were planted into (directly or through other stages): the difference would name the plants.
    private func sealedOutputErrors(_ order: [PlannedStage], file: String) -> [PipelineError] {
        var errors: [PipelineError] = []
        let plants = order.filter { !($0.builtin?.sealedOutputs.isEmpty ?? true) }
        // Ancestor sets are quadratic in a long chain: only worth it when something is sealed.
        var ancestors: [String: Set<String>] = [:]
        if !plants.isEmpty {
            for stage in order {
                ancestors[stage.name] = stage.needs.reduce(into: Set(stage.needs)) { $0.formUnion(ancestors[$1] ?? []) }
            }
        }
        for stage in order {
            for case .input(let source, let artefact) in stage.placeholders.values where !stage.reads(artefact, of: source) {
                errors.append(PipelineError(
                    file: file, line: stage.spec.line(of: "run"), stage: stage.name, field: "run",
                    problem: "{in.\(source).\(artefact)} is sealed: only evaluation stages read it (it names planted accounts)",
                    hint: "Methods read the planted posts ({in.\(source).posts}); the score stage reads who was planted."))
            }
            guard stage.role == .method else { continue }
            for plant in plants where ancestors[stage.name]!.contains(plant.name) {
                let others = stage.needs.filter { $0 != plant.name && !(ancestors[$0] ?? []).contains(plant.name) }
                let reached = others.flatMap { [$0] + (ancestors[$0] ?? []) }
                if let source = plant.needs.first(where: reached.contains) {
                    errors.append(PipelineError(
                        file: file, line: stage.spec.line(of: "needs"), stage: stage.name, field: "needs",
                        problem: "method stage '\(stage.name)' reads both the planted posts of '\(plant.name)' and '\(source)', "
                            + "the posts they were planted into: their difference names the planted accounts",
                        hint: "A method reads the posts, or the planted posts, never both; toets runs every method on the "
                            + "planted posts by itself (as '\(PlantedRun(stage: stage.name, plant: plant.name).name)')."))
                }
            }
        }
        return errors
    }

    /// No method, score or report sees a raw identifier: whatever reads a stage that brings
    /// personal data (ingest), directly or through others, without an anonymising stage in
    /// between, holds raw data; a method or evaluation stage that does is refused.
    private func rawPersonalDataErrors(_ order: [PlannedStage], file: String) -> [PipelineError] {
        var rawPath: [String: [String]] = [:]
        var errors: [PipelineError] = []
        for stage in order {
            switch stage.builtin?.personalData ?? .passesOn {
            case .brings: rawPath[stage.name] = [stage.name]; continue
            case .removes: continue
            case .passesOn: break
            }
            guard let via = stage.needs.first(where: { rawPath[$0] != nil }) else { continue }
            let path = rawPath[via]! + [stage.name]
            rawPath[stage.name] = path
            if stage.role == .method || stage.role == .evaluation {
                errors.append(PipelineError(
                    file: file, line: stage.spec.line(of: "needs"), stage: stage.name, field: "needs",
                    problem: "\(stage.role.rawValue) stage '\(stage.name)' would read raw personal data: \(path.joined(separator: " → "))",
                    hint: "Put a stage `uses: anonymise` between them and need that stage instead; "
                        + "methods, scores and reports only see pseudonymised data."))
            }
        }
        return errors
    }

    /// One cycle among `needs`, as stage names with the first repeated at the end; nil if none.
    /// Iterative, so that a chain of 50,000 stages cannot overflow the stack.
    private func findCycle(_ stages: [StageSpec]) -> [String]? {
        let needs = Dictionary(stages.map { ($0.name, $0.needs) }) { first, _ in first }
        var state: [String: Int] = [:]   // 1 visiting, 2 done
        for root in stages where state[root.name] == nil {
            // A path of (stage, the next of its needs to visit).
            var path: [(name: String, next: Int)] = [(root.name, 0)]
            state[root.name] = 1
            while let (name, next) = path.last {
                let list = needs[name] ?? []
                guard next < list.count else {
                    state[name] = 2
                    path.removeLast()
                    continue
                }
                path[path.count - 1].next += 1
                let need = list[next]
                guard needs[need] != nil, need != name else { continue }
                switch state[need] {
                case 1?:
                    let start = path.firstIndex { $0.name == need }!
                    return path[start...].map(\.name) + [need]
                case 2?:
                    continue
                default:
                    state[need] = 1
                    path.append((need, 0))
                }
            }
        }
        return nil
    }

    /// Kahn's algorithm, taking the ready stage that comes first in the file each time, so the
    /// order is stable; linear in stages and needs (up to the heap's logarithm).
    private func topologicalOrder(_ stages: [StageSpec]) -> [StageSpec] {
        let position = Dictionary(stages.enumerated().map { ($1.name, $0) }) { first, _ in first }
        var waitingFor = stages.map { Set($0.needs).count }
        var dependents = Array(repeating: [Int](), count: stages.count)
        for (index, stage) in stages.enumerated() {
            for need in Set(stage.needs) {
                if let other = position[need] { dependents[other].append(index) }
            }
        }
        var ready = MinHeap(stages.indices.filter { waitingFor[$0] == 0 })
        var order: [StageSpec] = []
        order.reserveCapacity(stages.count)
        while let index = ready.pop() {
            order.append(stages[index])
            for dependent in dependents[index] {
                waitingFor[dependent] -= 1
                if waitingFor[dependent] == 0 { ready.push(dependent) }
            }
        }
        return order
    }

    /// The line of `field` (`with.limits.max_ratio`), else of the nearest part of it the file
    /// gives a line for (`with.limits`, `with`), else of the stage.
    private func resolve(_ path: String, in pipeline: PipelineSpec) -> String {
        path.hasPrefix("/") ? path : pipeline.root + "/" + path
    }
}

/// One point of a parameter sweep: the declared stage run with one parameter set to another value.
///
/// A sweep (`sweep: {time_window: [10, 30, 60, 120]}`) is a sensitivity analysis around the
/// declared operating point (`with:`), which stays the point that is judged. Each value becomes a
/// stage of its own (cached and logged like any step), named `stage@parameter=value`; a value
/// equal to the operating point's (as given, or the kind's default) is that stage itself and gets
/// no variant. Parameters are swept
/// one at a time, the others held at the operating point, so N values cost N steps, not a grid.
/// The name holds no `.` (inputs are named `stage.artefact`): a decimal point is written `,`.
package struct SweepVariant: Sendable, Hashable {
    /// The declared stage.
    package var stage: String
    package var parameter: String
    package var value: ParamValue

    package init(stage: String, parameter: String, value: ParamValue) {
        self.stage = stage
        self.parameter = parameter
        self.value = value
    }

    /// The value as the variant's name writes it.
    package var valueText: String {
        switch value {
        case .string(let text): text
        default: value.canonicalJSON.replacingDots
        }
    }

    /// The variant's stage name.
    package var name: String { "\(stage)@\(parameter)=\(valueText)" }

    /// Whether `value` can name a sweep point: a number, a boolean, or a string of letters, digits,
    /// `-` and `_`.
    package static func isSweepable(_ value: ParamValue) -> Bool {
        switch value {
        case .int, .bool: true
        case .double(let number): number.isFinite
        case .string(let text):
            !text.isEmpty && text.utf8.allSatisfy {
                ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x41 && $0 <= 0x5a) || ($0 >= 0x61 && $0 <= 0x7a)
                    || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_")
            }
        default: false
        }
    }

    /// The declared stage, parameter and value text of a variant's name; nil for a declared stage.
    package static func parse(_ name: String) -> (stage: String, parameter: String, value: String)? {
        guard let at = name.firstIndex(of: "@"), let equals = name[at...].firstIndex(of: "=") else { return nil }
        return (String(name[..<at]), String(name[name.index(after: at)..<equals]), String(name[name.index(after: equals)...]))
    }
}

/// A method run once more on planted posts: the declared method stage with the posts it reads
/// replaced by a plant stage's, named `stage@plant`.
package struct PlantedRun: Sendable, Hashable {
    package var stage: String
    package var plant: String

    package init(stage: String, plant: String) {
        self.stage = stage
        self.plant = plant
    }

    package var name: String { "\(stage)@\(plant)" }

    /// The method and plant stage of a planted run's name; nil for any other stage.
    package static func parse(_ name: String) -> PlantedRun? {
        guard let at = name.firstIndex(of: "@"), !name[at...].contains("=") else { return nil }
        return PlantedRun(stage: String(name[..<at]), plant: String(name[name.index(after: at)...]))
    }
}

extension String {
    fileprivate var replacingDots: String {
        String(map { $0 == "." ? "," : $0 })
    }
}

extension PipelineSpec {
    /// The pipeline with every sweep point as a stage of its own, right after its declared stage;
    /// for every plant stage, each method stage (`isMethod`) that reads what the plant stage reads
    /// and that a stage `receivesVariants` needs, run once more on the planted posts; and every stage `receivesVariants` says yes to needing
    /// the variants of the stages it needs (and the plant stages behind their planted runs). A
    /// sweep point has the declared stage's everything but the one parameter, no sweep, and the
    /// line of its sweep value for messages.
    package func expandingVariants(receivesVariants: (StageSpec) -> Bool, isPlant: (StageSpec) -> Bool,
                                   isMethod: (StageSpec) -> Bool,
                                   defaultValue: (StageSpec, String) -> ParamValue? = { _, _ in nil }) -> PipelineSpec {
        let plants = stages.filter(isPlant)
        guard stages.contains(where: { !$0.sweep.isEmpty }) || !plants.isEmpty else { return self }
        var variantsOf: [String: [String]] = [:]
        var plantsOf: [String: [String]] = [:]
        // A planted run is only worth its time where an evaluation stage scores the method.
        let scored = Set(stages.filter(receivesVariants).flatMap(\.needs))
        var expanded: [StageSpec] = []
        for stage in stages {
            expanded.append(stage)
            if isMethod(stage) && scored.contains(stage.name) {
                for plant in plants where stage.needs.contains(where: plant.needs.contains) && !stage.needs.contains(plant.name) {
                    var spec = stage
                    spec.name = PlantedRun(stage: stage.name, plant: plant.name).name
                    spec.sweep = []
                    spec.needs = stage.needs.map { plant.needs.contains($0) ? plant.name : $0 }
                        .reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
                    expanded.append(spec)
                    variantsOf[stage.name, default: []].append(spec.name)
                    plantsOf[stage.name, default: []].append(plant.name)
                }
            }
            for (parameter, values) in stage.sweep {
                let declared = stage.parameters[parameter] ?? defaultValue(stage, parameter)
                for value in values where value != declared && !(value.numberValue != nil && value.numberValue == declared?.numberValue) {
                    let variant = SweepVariant(stage: stage.name, parameter: parameter, value: value)
                    var spec = stage
                    spec.name = variant.name
                    spec.sweep = []
                    spec.variant = variant
                    spec.parameters[parameter] = value
                    spec.lines["with.\(parameter)"] = stage.line(of: "sweep.\(parameter)")
                    expanded.append(spec)
                    variantsOf[stage.name, default: []].append(variant.name)
                }
            }
        }
        for index in expanded.indices where expanded[index].variant == nil && receivesVariants(expanded[index]) {
            let added = expanded[index].needs.flatMap { (variantsOf[$0] ?? []) + (plantsOf[$0] ?? []) }
            for name in added where !expanded[index].needs.contains(name) { expanded[index].needs.append(name) }
        }
        var result = self
        result.stages = expanded
        return result
    }
}

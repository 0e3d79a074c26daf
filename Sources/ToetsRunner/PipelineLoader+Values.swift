import Foundation
import ToetsModel
import Yams

/// Parameter values, lists and sizes as a pipeline file writes them.
extension PipelineLoader {
    struct ValueProblem: Error {
        var path: String
        var line: Int?
        var message: String

        init(path: String, node: Node, message: String) {
            self.path = path
            self.line = node.mark?.line
            self.message = message
        }
    }

    /// The line of every key and list item inside a parameter (`with.limits.max_ratio`,
    /// `with.top_k[1]`), so that a problem with one value points at its own line.
    static func recordLines(of node: Node, under path: String, in lines: inout [String: Int]) {
        switch node {
        case .mapping(let mapping):
            for (key, value) in mapping {
                let child = path + "." + (key.string ?? "")
                lines[child] = key.mark?.line
                recordLines(of: value, under: child, in: &lines)
            }
        case .sequence(let sequence):
            for (position, item) in sequence.enumerated() {
                let child = "\(path)[\(position)]"
                lines[child] = item.mark?.line
                recordLines(of: item, under: child, in: &lines)
            }
        default:
            break
        }
    }

    /// A YAML node as a parameter value, with YAML 1.2 core-schema typing of plain scalars.
    static func paramValue(_ node: Node, path: String) throws -> ParamValue {
        switch node {
        case .scalar(let scalar):
            guard scalar.style == .plain else { return .string(scalar.string) }
            let text = scalar.string
            switch text {
            case "true", "True", "TRUE": return .bool(true)
            case "false", "False", "FALSE": return .bool(false)
            case "", "~", "null", "Null", "NULL": return .null
            default: break
            }
            if isDecimalInteger(text) {
                guard let value = Int(text) else {
                    throw ValueProblem(path: path, node: node, message: "integer \(text) is out of range")
                }
                return .int(value)
            }
            if isDecimalFloat(text) {
                guard let value = Double(text), value.isFinite else {
                    throw ValueProblem(path: path, node: node, message: "number \(text) is not finite")
                }
                return .double(value)
            }
            if [".inf", "-.inf", "+.inf", ".nan", ".Inf", ".NaN", ".INF", ".NAN"].contains(text) {
                throw ValueProblem(path: path, node: node, message: "\(text) is not a finite number; "
                                   + "parameters enter cache keys and must compare exactly")
            }
            return .string(text)
        case .sequence(let sequence):
            return .list(try sequence.enumerated().map { try paramValue($1, path: "\(path)[\($0)]") })
        case .mapping(let mapping):
            var entries: [String: ParamValue] = [:]
            for (key, value) in mapping {
                let name = key.string ?? ""
                entries[name] = try paramValue(value, path: "\(path).\(name)")
            }
            return .map(entries)
        case .alias:
            throw ValueProblem(path: path, node: node, message: "YAML aliases are not supported in parameters")
        }
    }

    private static func isDecimalInteger(_ text: String) -> Bool {
        var bytes = Substring(text).utf8[...]
        if let first = bytes.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") { bytes = bytes.dropFirst() }
        return !bytes.isEmpty && bytes.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }

    private static func isDecimalFloat(_ text: String) -> Bool {
        // [-+]? ( . digits | digits [. digits*] ) ( [eE] [-+]? digits )?
        var bytes = Array(text.utf8)[...]
        func digits() -> Int {
            let count = bytes.prefix { $0 >= 0x30 && $0 <= 0x39 }.count
            bytes = bytes.dropFirst(count)
            return count
        }
        if let first = bytes.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") { bytes = bytes.dropFirst() }
        let whole = digits()
        var fraction = 0
        if bytes.first == UInt8(ascii: ".") {
            bytes = bytes.dropFirst()
            fraction = digits()
        }
        guard whole + fraction > 0 else { return false }
        if let e = bytes.first, e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
            bytes = bytes.dropFirst()
            if let sign = bytes.first, sign == UInt8(ascii: "-") || sign == UInt8(ascii: "+") { bytes = bytes.dropFirst() }
            guard digits() > 0 else { return false }
        }
        return bytes.isEmpty
    }

    /// A string, or a list of strings, as a list.
    static func stringList(_ node: Node) -> [String]? {
        if let scalar = node.scalar { return scalar.string.isEmpty ? [] : [scalar.string] }
        guard let sequence = node.sequence else { return nil }
        var result: [String] = []
        for item in sequence {
            guard let text = item.scalar?.string else { return nil }
            result.append(text)
        }
        return result
    }

    /// Seconds in `90`, `90s`, `10m`, `1h30m`, `2h`, `1.5h`.
    package static func parseDuration(_ text: String) -> Double? {
        if let seconds = Double(text) { return seconds }
        var total = 0.0
        var number = ""
        var sawUnit = false
        for character in text {
            if character.isNumber || character == "." {
                number.append(character)
            } else {
                guard let value = Double(number) else { return nil }
                switch character {
                case "h": total += value * 3600
                case "m": total += value * 60
                case "s": total += value
                default: return nil
                }
                number = ""
                sawUnit = true
            }
        }
        return number.isEmpty && sawUnit ? total : nil
    }

    /// `512MiB`, `4GiB`, `8G`, `100MB`, or a bare number of bytes; binary and decimal units.
    package static func parseSize(_ text: String) -> Int? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let digits = trimmed.prefix { $0.isNumber || $0 == "." }
        guard let value = Double(digits), value >= 0 else { return nil }
        let units: [String: Double] = [
            "": 1, "B": 1, "K": 0x1p10, "KiB": 0x1p10, "KB": 1e3, "M": 0x1p20, "MiB": 0x1p20, "MB": 1e6,
            "G": 0x1p30, "GiB": 0x1p30, "GB": 1e9, "T": 0x1p40, "TiB": 0x1p40, "TB": 1e12,
        ]
        guard let unit = units[trimmed.dropFirst(digits.count).trimmingCharacters(in: .whitespaces)],
              value * unit < Double(Int.max / 2) else { return nil }
        return Int(value * unit)
    }
}

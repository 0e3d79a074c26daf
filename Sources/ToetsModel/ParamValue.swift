/// A stage parameter as written under `with:`, with the type it was written as.
///
/// Parameters enter cache keys, so they have exactly one canonical rendering: JSON with keys in
/// byte order, no white space, integers in decimal and finite doubles in Swift's shortest
/// round-trip form.
package enum ParamValue: Hashable, Sendable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case list([ParamValue])
    case map([String: ParamValue])

    /// The canonical JSON text of this value.
    package var canonicalJSON: String {
        var out = ""
        render(into: &out)
        return out
    }

    private func render(into out: inout String) {
        switch self {
        case .null: out += "null"
        case .bool(let value): out += value ? "true" : "false"
        case .int(let value): out += String(value)
        case .double(let value):
            // Integral doubles keep a ".0" so they never collide with the integer of that value.
            out += value.description
        case .string(let value): ParamValue.renderString(value, into: &out)
        case .list(let items):
            out += "["
            for (index, item) in items.enumerated() {
                if index > 0 { out += "," }
                item.render(into: &out)
            }
            out += "]"
        case .map(let entries):
            out += "{"
            for (index, key) in ParamValue.sortedKeys(entries).enumerated() {
                if index > 0 { out += "," }
                ParamValue.renderString(key, into: &out)
                out += ":"
                entries[key]!.render(into: &out)
            }
            out += "}"
        }
    }

    /// Map keys in the order canonical output uses: by UTF-8 bytes.
    package static func sortedKeys(_ entries: [String: ParamValue]) -> [String] {
        entries.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    private static func renderString(_ text: String, into out: inout String) {
        out += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }

    /// The leaves of this value with their paths: maps are descended, everything else (lists
    /// included) is a leaf rendered as canonical JSON. An empty map is a leaf of its own, so two
    /// different values never flatten alike.
    package func leaves(under path: [String] = []) -> [ParameterLeaf] {
        guard case .map(let entries) = self, !entries.isEmpty else {
            return [ParameterLeaf(path: path, value: canonicalJSON)]
        }
        return ParamValue.sortedKeys(entries).flatMap { entries[$0]!.leaves(under: path + [$0]) }
    }

    /// A short name of the type, for messages.
    package var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "boolean"
        case .int: "integer"
        case .double: "number"
        case .string: "string"
        case .list: "list"
        case .map: "mapping"
        }
    }

    package var stringValue: String? {
        if case .string(let value) = self { value } else { nil }
    }

    package var intValue: Int? {
        if case .int(let value) = self { value } else { nil }
    }

    package var boolValue: Bool? {
        if case .bool(let value) = self { value } else { nil }
    }

    package var mapValue: [String: ParamValue]? {
        if case .map(let value) = self { value } else { nil }
    }

    package var listValue: [ParamValue]? {
        if case .list(let value) = self { value } else { nil }
    }
}

/// One leaf of a parameter tree: where it sits and its canonical JSON.
package struct ParameterLeaf: Hashable, Sendable, Codable {
    package var path: [String]
    package var value: String

    package init(path: [String], value: String) {
        self.path = path
        self.value = value
    }

    /// The path as a person writes it: `window`, `files.posts`.
    package var dottedPath: String { path.isEmpty ? "(all)" : path.joined(separator: ".") }
}

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
        var writer = CanonicalJSONWriter()
        write(to: &writer)
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    private func write(to writer: inout CanonicalJSONWriter) {
        switch self {
        case .null: writer.nullValue()
        case .bool(let value): writer.value(value)
        case .int(let value): writer.value(Int64(value))
        // Integral doubles keep a ".0" so they never collide with the integer of that value.
        case .double(let value): writer.value(value)
        case .string(let value): writer.value(value)
        case .list(let items):
            writer.beginArray()
            items.forEach { $0.write(to: &writer) }
            writer.endArray()
        case .map(let entries):
            writer.beginObject()
            for key in ParamValue.sortedKeys(entries) {
                writer.key(key)
                entries[key]!.write(to: &writer)
            }
            writer.endObject()
        }
    }

    /// Map keys in the order canonical output uses: by UTF-8 bytes.
    package static func sortedKeys(_ entries: [String: ParamValue]) -> [String] {
        entries.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
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

    /// A number: an integer or a double (a parameter of type number may be written either way).
    package var numberValue: Double? {
        switch self {
        case .int(let value): Double(value)
        case .double(let value): value
        default: nil
        }
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

import ToetsModel

/// A JSON value with its object keys in a chosen order, written indented for people who fill
/// in the rest by hand. Strings are guarded like every report text.
package indirect enum JSONText: Sendable, Hashable {
    case string(String)
    case integer(Int)
    case bool(Bool)
    case array([JSONText])
    case object([(String, JSONText)])

    package static func == (lhs: JSONText, rhs: JSONText) -> Bool { lhs.rendered == rhs.rendered }

    package func hash(into hasher: inout Hasher) { hasher.combine(rendered) }

    /// The text, two-space indented, ending in a newline.
    package var rendered: String {
        var output = ""
        write(into: &output, indent: "")
        return output + "\n"
    }

    private func write(into output: inout String, indent: String) {
        switch self {
        case .string(let text): output += JSONText.quoted(IdentifierGuard.scrub(text))
        case .integer(let number): output += String(number)
        case .bool(let flag): output += flag ? "true" : "false"
        case .array(let items):
            guard !items.isEmpty else { output += "[]"; return }
            output += "[\n"
            for (index, item) in items.enumerated() {
                output += indent + "  "
                item.write(into: &output, indent: indent + "  ")
                output += index + 1 < items.count ? ",\n" : "\n"
            }
            output += indent + "]"
        case .object(let members):
            guard !members.isEmpty else { output += "{}"; return }
            output += "{\n"
            for (index, (key, value)) in members.enumerated() {
                output += indent + "  " + JSONText.quoted(key) + ": "
                value.write(into: &output, indent: indent + "  ")
                output += index + 1 < members.count ? ",\n" : "\n"
            }
            output += indent + "}"
        }
    }

    /// A JSON string literal, escaped as Toets' canonical JSON escapes it.
    static func quoted(_ text: String) -> String {
        var writer = CanonicalJSONWriter()
        writer.appendString(text)
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    /// The value of `key` in an object.
    package subscript(_ key: String) -> JSONText? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.0 == key }?.1
    }

    package var stringValue: String? {
        if case .string(let text) = self { text } else { nil }
    }
}

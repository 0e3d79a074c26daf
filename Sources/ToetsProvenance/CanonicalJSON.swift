import ToetsModel

/// A JSON value with exactly one byte encoding: object keys sorted by their UTF-8 bytes, no
/// white space, strings escaped as `CanonicalJSONWriter` does, numbers as written.
///
/// Statements, log entries and exports are built as values of this type so that the same
/// content always gives the same bytes (and so the same digest and signature).
package indirect enum CanonicalJSON: Hashable, Sendable {
    case null
    case bool(Bool)
    case int(Int64)
    /// A number kept as its JSON text (parameters written as decimals keep their rendering).
    case number(String)
    case string(String)
    case array([CanonicalJSON])
    case object([String: CanonicalJSON])

    /// The canonical bytes.
    package var bytes: [UInt8] {
        var writer = CanonicalJSONWriter()
        write(to: &writer)
        return writer.bytes
    }

    /// The canonical text.
    package var text: String { String(decoding: bytes, as: UTF8.self) }

    private func write(to writer: inout CanonicalJSONWriter) {
        switch self {
        case .null: writer.nullValue()
        case .bool(let value): writer.value(value)
        case .int(let value): writer.value(value)
        case .number(let text):
            // A number's text is valid JSON by construction (it came from a parser or a
            // canonical rendering); written through the string-free path of the writer.
            if let integer = Int64(text) { writer.value(integer) } else if let double = Double(text), double.isFinite {
                writer.value(double)
            } else {
                writer.nullValue()
            }
        case .string(let value): writer.value(value)
        case .array(let items):
            writer.beginArray()
            items.forEach { $0.write(to: &writer) }
            writer.endArray()
        case .object(let members):
            writer.beginObject()
            for key in members.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
                writer.key(key)
                members[key]!.write(to: &writer)
            }
            writer.endObject()
        }
    }

    /// Parses JSON text strictly (RFC 8259, duplicate keys refused).
    package init(parsing bytes: [UInt8]) throws(JSONError) {
        let document = try JSONDocument(bytes)
        self = CanonicalJSON(document.root)
    }

    private init(_ value: JSONValue) {
        switch value.kind {
        case .null: self = .null
        case .true: self = .bool(true)
        case .false: self = .bool(false)
        case .string: self = .string(value.string ?? "")
        case .number:
            let text = String(decoding: value.rawBytes, as: UTF8.self)
            self = Int64(text).map(CanonicalJSON.int) ?? .number(text)
        case .array: self = .array(value.elements.map(CanonicalJSON.init))
        case .object:
            var members: [String: CanonicalJSON] = [:]
            for (key, member) in value.members { members[key] = CanonicalJSON(member) }
            self = .object(members)
        }
    }

    // MARK: Reading

    /// A member of an object; nil for a missing key or a value that is not an object.
    package subscript(key: String) -> CanonicalJSON? {
        if case .object(let members) = self { members[key] } else { nil }
    }

    package var stringValue: String? {
        if case .string(let value) = self { value } else { nil }
    }

    package var intValue: Int64? {
        if case .int(let value) = self { value } else { nil }
    }

    package var arrayValue: [CanonicalJSON]? {
        if case .array(let value) = self { value } else { nil }
    }

    package var objectValue: [String: CanonicalJSON]? {
        if case .object(let value) = self { value } else { nil }
    }

    /// `{"sha256": "…"}`, the digest set of in-toto and SLSA.
    package static func digestSet(_ digest: Digest) -> CanonicalJSON {
        .object(["sha256": .string(digest.hex)])
    }

    /// The SHA-256 of a digest set, if it has a valid one.
    package var sha256: Digest? {
        self["sha256"]?.stringValue.flatMap(Digest.init(hex:))
    }
}

extension CanonicalJSON: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral {
    package init(stringLiteral value: String) { self = .string(value) }
    package init(integerLiteral value: Int64) { self = .int(value) }
    package init(booleanLiteral value: Bool) { self = .bool(value) }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A JSON text parsed strictly to RFC 8259 into a flat list of nodes over its bytes.
///
/// Values are not converted until asked for, so a record with fifty fields of which an adapter
/// reads ten costs ten conversions. Duplicate keys, nesting deeper than `maxDepth`, invalid
/// UTF-8, control characters in strings, and anything after the value are errors.
///
/// RFC 8259 only says names SHOULD be unique (JSONTestSuite's `y_object_duplicated_key` is
/// valid JSON), so refusing duplicate keys is a policy, on by default: a record whose meaning
/// depends on which duplicate wins is quarantined rather than guessed at.
package final class JSONDocument {
    /// The kinds of JSON value.
    package enum Kind: UInt8, Sendable {
        case object, array, string, number, `true`, `false`, null
    }

    struct Node {
        var kind: Kind
        /// Strings: contains a backslash escape, so it must be decoded.
        var escaped: Bool
        /// Byte range of the value (strings: inside the quotes).
        var start: Int32
        var end: Int32
        /// Index of the first node after this value's subtree.
        var next: Int32
    }

    package let bytes: [UInt8]
    var nodes: [Node]

    /// The whole document's value.
    package var root: JSONValue { JSONValue(document: self, index: 0) }

    /// Parses `bytes` (one JSON text); throws `JSONError` with the byte offset of the problem.
    package init(_ bytes: [UInt8], maxDepth: Int = 64, rejectDuplicateKeys: Bool = true) throws(JSONError) {
        self.bytes = bytes
        var parser = JSONParser(maxDepth: maxDepth, rejectDuplicateKeys: rejectDuplicateKeys)
        nodes = try bytes.withUnsafeBufferPointer { (buffer) throws(JSONError) in
            try parser.parseDocument(buffer)
        }
    }
}

/// Why a JSON text was refused, and where.
package struct JSONError: Error, Sendable, CustomStringConvertible {
    package var offset: Int
    package var problem: String

    package var description: String { "invalid JSON at byte \(offset): \(problem)" }
}

/// A value inside a `JSONDocument`.
package struct JSONValue {
    let document: JSONDocument
    let index: Int

    var node: JSONDocument.Node { document.nodes[index] }

    package var kind: JSONDocument.Kind { node.kind }

    /// The member `key` of an object; nil if this is not an object or has no such key.
    package subscript(_ key: StaticString) -> JSONValue? {
        guard node.kind == .object else { return nil }
        var child = index + 1
        let end = Int(node.next)
        while child < end {
            let keyNode = document.nodes[child]
            let valueIndex = child + 1
            if keyNode.escaped ? JSONValue(document: document, index: child).string == key.description
                : rawEquals(keyNode, key) {
                return JSONValue(document: document, index: valueIndex)
            }
            child = Int(document.nodes[valueIndex].next)
        }
        return nil
    }

    /// A member reached through several keys: `value["core", "user_results", "result"]`.
    package subscript(_ first: StaticString, _ rest: StaticString...) -> JSONValue? {
        var value = self[first]
        for key in rest { value = value?[key] }
        return value
    }

    private func rawEquals(_ keyNode: JSONDocument.Node, _ wanted: StaticString) -> Bool {
        let length = Int(keyNode.end - keyNode.start)
        guard length == wanted.utf8CodeUnitCount else { return false }
        return document.bytes.withUnsafeBufferPointer { bytes in
            memcmp(bytes.baseAddress! + Int(keyNode.start), wanted.utf8Start, length) == 0
        }
    }

    /// The elements of an array (empty for anything else).
    package var elements: [JSONValue] {
        guard node.kind == .array else { return [] }
        var result: [JSONValue] = []
        var child = index + 1
        while child < Int(node.next) {
            result.append(JSONValue(document: document, index: child))
            child = Int(document.nodes[child].next)
        }
        return result
    }

    /// The members of an object in document order (empty for anything else).
    package var members: [(key: String, value: JSONValue)] {
        guard node.kind == .object else { return [] }
        var result: [(String, JSONValue)] = []
        var child = index + 1
        while child < Int(node.next) {
            let key = JSONValue(document: document, index: child).string ?? ""
            result.append((key, JSONValue(document: document, index: child + 1)))
            child = Int(document.nodes[child + 1].next)
        }
        return result
    }

    /// The text of a string value; nil for other kinds.
    package var string: String? {
        guard node.kind == .string else { return nil }
        let start = Int(node.start)
        let end = Int(node.end)
        if !node.escaped {
            return document.bytes.withUnsafeBufferPointer {
                String(decoding: UnsafeBufferPointer(rebasing: $0[start..<end]), as: UTF8.self)
            }
        }
        return String(decoding: unescape(document.bytes[start..<end]), as: UTF8.self)
    }

    /// A string, or a number written as it appears; for ids that platforms give either way.
    package var text: String? {
        switch node.kind {
        case .string: string
        case .number: String(decoding: document.bytes[Int(node.start)..<Int(node.end)], as: UTF8.self)
        default: nil
        }
    }

    /// An integer: a JSON integer, or a string of decimal digits.
    package var int64: Int64? {
        switch node.kind {
        case .number, .string:
            guard !node.escaped else { return string.flatMap { Int64($0) } }
            var value: Int64 = 0
            var negative = false
            var position = Int(node.start)
            let end = Int(node.end)
            guard position < end else { return nil }
            if document.bytes[position] == UInt8(ascii: "-") {
                negative = true
                position += 1
            }
            guard position < end else { return nil }
            while position < end {
                let digit = document.bytes[position] &- 0x30
                guard digit < 10 else {
                    // A number with a fraction or exponent: integral only if it converts exactly.
                    return double.flatMap { $0.rounded() == $0 && abs($0) < 9.2e18 ? Int64($0) : nil }
                }
                let (times, overflow1) = value.multipliedReportingOverflow(by: 10)
                let (sum, overflow2) = times.addingReportingOverflow(Int64(digit))
                guard !overflow1 && !overflow2 else { return nil }
                value = sum
                position += 1
            }
            return negative ? -value : value
        default:
            return nil
        }
    }

    /// A number as a double (also from a numeric string).
    package var double: Double? {
        switch node.kind {
        case .number: Double(String(decoding: document.bytes[Int(node.start)..<Int(node.end)], as: UTF8.self))
        case .string: string.flatMap(Double.init)
        default: nil
        }
    }

    package var bool: Bool? {
        switch node.kind {
        case .true: true
        case .false: false
        default: nil
        }
    }

    package var isNull: Bool { node.kind == .null }

    /// The exact bytes of this value in the document.
    package var rawBytes: ArraySlice<UInt8> {
        node.kind == .string ? document.bytes[Int(node.start) - 1..<Int(node.end) + 1]
            : document.bytes[Int(node.start)..<Int(node.end)]
    }
}

/// Decodes JSON string escapes (already validated by the parser); lone surrogates become U+FFFD.
func unescape(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count)
    var index = bytes.startIndex
    func hex4(_ at: Int) -> UInt32 {
        var value: UInt32 = 0
        for offset in 0..<4 {
            let byte = bytes[at + offset]
            let digit: UInt32 = byte <= 0x39 ? UInt32(byte - 0x30) : UInt32((byte | 0x20) - 0x61 + 10)
            value = value << 4 | digit
        }
        return value
    }
    while index < bytes.endIndex {
        let byte = bytes[index]
        guard byte == UInt8(ascii: "\\") else {
            out.append(byte)
            index += 1
            continue
        }
        let escape = bytes[index + 1]
        index += 2
        switch escape {
        case UInt8(ascii: "b"): out.append(0x08)
        case UInt8(ascii: "f"): out.append(0x0C)
        case UInt8(ascii: "n"): out.append(0x0A)
        case UInt8(ascii: "r"): out.append(0x0D)
        case UInt8(ascii: "t"): out.append(0x09)
        case UInt8(ascii: "u"):
            var scalar = hex4(index)
            index += 4
            if scalar >= 0xD800 && scalar < 0xDC00, index + 6 <= bytes.endIndex, bytes[index] == UInt8(ascii: "\\"),
               bytes[index + 1] == UInt8(ascii: "u") {
                let low = hex4(index + 2)
                if low >= 0xDC00 && low < 0xE000 {
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    index += 6
                }
            }
            let decoded = Unicode.Scalar(scalar) ?? "\u{FFFD}"
            out.append(contentsOf: Array(String(Character(decoded)).utf8))
        default: out.append(escape)  // " \ /
        }
    }
    return out
}

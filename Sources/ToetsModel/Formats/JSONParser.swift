/// The strict RFC 8259 recursive-descent parser behind `JSONDocument`.
struct JSONParser {
    let maxDepth: Int
    let rejectDuplicateKeys: Bool
    private var nodes: [JSONDocument.Node] = []
    private var position = 0
    private var depth = 0
    /// Keys of the objects being parsed (hash of the decoded key, node index), innermost last,
    /// for duplicate-key checks; `objectKeyStarts` says where each open object's keys begin.
    /// One flat stack, so that an object costs no allocation.
    private var keyStack: [(hash: UInt64, node: Int)] = []
    private var objectKeyStarts: [Int] = []

    init(maxDepth: Int, rejectDuplicateKeys: Bool) {
        self.maxDepth = maxDepth
        self.rejectDuplicateKeys = rejectDuplicateKeys
    }

    mutating func parseDocument(_ input: UnsafeBufferPointer<UInt8>) throws(JSONError) -> [JSONDocument.Node] {
        nodes.reserveCapacity(64)
        skipWhitespace(input)
        try parseValue(input)
        skipWhitespace(input)
        guard position == input.count else { throw fail("unexpected content after the value") }
        return nodes
    }

    private func fail(_ problem: String) -> JSONError {
        JSONError(offset: position, problem: problem)
    }

    private mutating func skipWhitespace(_ input: UnsafeBufferPointer<UInt8>) {
        while position < input.count {
            switch input[position] {
            case 0x20, 0x09, 0x0A, 0x0D: position += 1
            default: return
            }
        }
    }

    private mutating func parseValue(_ input: UnsafeBufferPointer<UInt8>) throws(JSONError) {
        guard position < input.count else { throw fail("unexpected end of input") }
        switch input[position] {
        case UInt8(ascii: "{"): try parseObject(input)
        case UInt8(ascii: "["): try parseArray(input)
        case UInt8(ascii: "\""): try parseString(input)
        case UInt8(ascii: "t"): try parseLiteral(input, "true", .true)
        case UInt8(ascii: "f"): try parseLiteral(input, "false", .false)
        case UInt8(ascii: "n"): try parseLiteral(input, "null", .null)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): try parseNumber(input)
        default: throw fail("unexpected character")
        }
    }

    private mutating func parseLiteral(_ input: UnsafeBufferPointer<UInt8>, _ word: StaticString,
                                       _ kind: JSONDocument.Kind) throws(JSONError) {
        let length = word.utf8CodeUnitCount
        guard position + length <= input.count else { throw fail("unexpected end of input") }
        for offset in 0..<length where input[position + offset] != word.utf8Start[offset] {
            throw fail("invalid literal")
        }
        let start = Int32(position)
        position += length
        nodes.append(.init(kind: kind, escaped: false, start: start, end: Int32(position), next: Int32(nodes.count + 1)))
    }

    private mutating func enter() throws(JSONError) {
        depth += 1
        guard depth <= maxDepth else { throw fail("nested deeper than \(maxDepth) levels") }
    }

    private mutating func parseObject(_ input: UnsafeBufferPointer<UInt8>) throws(JSONError) {
        try enter()
        let index = nodes.count
        nodes.append(.init(kind: .object, escaped: false, start: Int32(position), end: 0, next: 0))
        position += 1
        objectKeyStarts.append(keyStack.count)
        skipWhitespace(input)
        if position < input.count && input[position] == UInt8(ascii: "}") {
            position += 1
        } else {
            while true {
                guard position < input.count, input[position] == UInt8(ascii: "\"") else {
                    throw fail("expected a string key")
                }
                let keyStart = position
                try parseString(input)
                if rejectDuplicateKeys { try checkDuplicate(input, keyNode: nodes.count - 1, keyStart: keyStart) }
                skipWhitespace(input)
                guard position < input.count, input[position] == UInt8(ascii: ":") else { throw fail("expected ':'") }
                position += 1
                skipWhitespace(input)
                try parseValue(input)
                guard try separator(input, closing: UInt8(ascii: "}"), in: "an object") else { break }
            }
        }
        keyStack.removeSubrange(objectKeyStarts.removeLast()...)
        depth -= 1
        nodes[index].end = Int32(position)
        nodes[index].next = Int32(nodes.count)
    }

    private mutating func parseArray(_ input: UnsafeBufferPointer<UInt8>) throws(JSONError) {
        try enter()
        let index = nodes.count
        nodes.append(.init(kind: .array, escaped: false, start: Int32(position), end: 0, next: 0))
        position += 1
        skipWhitespace(input)
        if position < input.count && input[position] == UInt8(ascii: "]") {
            position += 1
        } else {
            while true {
                try parseValue(input)
                guard try separator(input, closing: UInt8(ascii: "]"), in: "an array") else { break }
            }
        }
        depth -= 1
        nodes[index].end = Int32(position)
        nodes[index].next = Int32(nodes.count)
    }

    /// After a member or element: true after a comma (another follows), false after `closing`.
    private mutating func separator(_ input: UnsafeBufferPointer<UInt8>, closing: UInt8, in container: String) throws(JSONError) -> Bool {
        skipWhitespace(input)
        guard position < input.count else { throw fail("unexpected end of input in \(container)") }
        if input[position] == UInt8(ascii: ",") {
            position += 1
            skipWhitespace(input)
            return true
        }
        guard input[position] == closing else { throw fail("expected ',' or '\(Character(Unicode.Scalar(closing)))'") }
        position += 1
        return false
    }

    /// Parses a string, validating UTF-8 and escapes.
    private mutating func parseString(_ input: UnsafeBufferPointer<UInt8>) throws(JSONError) {
        position += 1
        let start = position
        var escaped = false
        while true {
            guard position < input.count else { throw fail("unterminated string") }
            let byte = input[position]
            // Plain ASCII is by far the most common: skip it eight bytes at a time while no byte
            // is a quote, a backslash, a control character or non-ASCII (SWAR bit tricks).
            if byte >= 0x20 && byte < 0x80 && byte != UInt8(ascii: "\"") && byte != UInt8(ascii: "\\") {
                position += 1
                let raw = UnsafeRawPointer(input.baseAddress!)
                while position + 8 <= input.count {
                    let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: position, as: UInt64.self))
                    let ones: UInt64 = 0x0101_0101_0101_0101
                    let highs: UInt64 = 0x8080_8080_8080_8080
                    let quote = word ^ (ones &* 0x22)
                    let backslash = word ^ (ones &* 0x5C)
                    let special = ((quote &- ones) & ~quote) | ((backslash &- ones) & ~backslash)
                        | ((word &- ones &* 0x20) & ~word) | word
                    if special & highs != 0 { break }
                    position += 8
                }
                continue
            }
            if byte == UInt8(ascii: "\"") { break }
            if byte < 0x20 { throw fail("control character in a string") }
            if byte == UInt8(ascii: "\\") {
                escaped = true
                guard position + 1 < input.count else { throw fail("unterminated escape") }
                switch input[position + 1] {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                     UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                    position += 2
                case UInt8(ascii: "u"):
                    guard position + 6 <= input.count else { throw fail("incomplete \\u escape") }
                    for offset in 2..<6 {
                        switch input[position + offset] {
                        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "f"),
                             UInt8(ascii: "A")...UInt8(ascii: "F"):
                            continue
                        default:
                            throw fail("invalid \\u escape")
                        }
                    }
                    position += 6
                default:
                    throw fail("invalid escape")
                }
                continue
            }
            position += byte < 0x80 ? 1 : try validateUTF8(input)
        }
        nodes.append(.init(kind: .string, escaped: escaped, start: Int32(start), end: Int32(position),
                           next: Int32(nodes.count + 1)))
        position += 1
    }

    /// Throws if the key just parsed repeats one of its object's earlier keys (compared decoded).
    private mutating func checkDuplicate(_ input: UnsafeBufferPointer<UInt8>, keyNode: Int, keyStart: Int) throws(JSONError) {
        let hash = keyHash(input, keyNode)
        for earlier in keyStack[objectKeyStarts[objectKeyStarts.count - 1]...] where earlier.hash == hash {
            if decodedKey(input, earlier.node) == decodedKey(input, keyNode) {
                position = keyStart
                throw fail("duplicate key")
            }
        }
        keyStack.append((hash, keyNode))
    }

    /// A cheap fingerprint of a key's decoded bytes (length, first and last byte): equal keys
    /// always match; the rare false match is settled by comparing the bytes.
    private func keyHash(_ input: UnsafeBufferPointer<UInt8>, _ node: Int) -> UInt64 {
        func fingerprint(_ count: Int, _ first: UInt8, _ last: UInt8) -> UInt64 {
            UInt64(count) << 16 | UInt64(first) << 8 | UInt64(last)
        }
        if nodes[node].escaped {
            let decoded = decodedKey(input, node)
            return fingerprint(decoded.count, decoded.first ?? 0, decoded.last ?? 0)
        }
        let start = Int(nodes[node].start)
        let end = Int(nodes[node].end)
        return start == end ? 0 : fingerprint(end - start, input[start], input[end - 1])
    }

    private func decodedKey(_ input: UnsafeBufferPointer<UInt8>, _ node: Int) -> [UInt8] {
        let slice = Array(input[Int(nodes[node].start)..<Int(nodes[node].end)])[...]
        return nodes[node].escaped ? unescape(slice) : Array(slice)
    }

    /// The length of the valid UTF-8 sequence at `position`.
    private func validateUTF8(_ input: UnsafeBufferPointer<UInt8>) throws(JSONError) -> Int {
        guard let length = UTF8Sequence.length(input, at: position) else { throw fail("invalid UTF-8") }
        return length
    }

    private mutating func parseNumber(_ input: UnsafeBufferPointer<UInt8>) throws(JSONError) {
        let start = position
        func digits() -> Int {
            let from = position
            while position < input.count && input[position] >= 0x30 && input[position] <= 0x39 { position += 1 }
            return position - from
        }
        if input[position] == UInt8(ascii: "-") { position += 1 }
        guard position < input.count else { throw fail("incomplete number") }
        if input[position] == UInt8(ascii: "0") {
            position += 1
        } else {
            guard digits() > 0 else { throw fail("invalid number") }
        }
        if position < input.count && input[position] == UInt8(ascii: ".") {
            position += 1
            guard digits() > 0 else { throw fail("a fraction needs digits") }
        }
        if position < input.count && (input[position] | 0x20) == UInt8(ascii: "e") {
            position += 1
            if position < input.count && (input[position] == UInt8(ascii: "+") || input[position] == UInt8(ascii: "-")) {
                position += 1
            }
            guard digits() > 0 else { throw fail("an exponent needs digits") }
        }
        nodes.append(.init(kind: .number, escaped: false, start: Int32(start), end: Int32(position),
                           next: Int32(nodes.count + 1)))
    }
}

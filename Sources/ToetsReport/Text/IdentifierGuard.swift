/// The last line of defence against personal data in a report: masks anything in a free text that
/// looks like an identifier before it is written.
///
/// `ReportInput` carries no identifiers by design; this guard catches the ones a free-text field
/// (a note, a method summary, a parameter value, a label) might still bring in: e-mail addresses,
/// @handles, links (the host is kept, the path is not), and runs of eight or more digits, which
/// covers account and post ids, phone numbers, BSNs, IBANs and IP addresses. Dates written as
/// `YYYY-MM-DD` are left alone. Every text node of every document passes through it; only values
/// the templates format themselves from typed numbers and digests bypass it.
package enum IdentifierGuard {
    /// What replaces a masked identifier.
    package static let mask = "[***]"

    /// `text` with identifier-like parts masked.
    package static func scrub(_ text: String) -> String {
        // Fast path: nothing that can start an identifier.
        guard text.unicodeScalars.contains(where: { $0 == "@" || $0 == "/" || $0 == "." || isDigit($0) }) else {
            return text
        }
        return maskNumbers(maskTokens(text))
    }

    /// E-mail addresses, handles and links, token by token.
    private static func maskTokens(_ text: String) -> String {
        var result = ""
        var token = ""
        func flush() {
            result += scrubToken(token)
            token = ""
        }
        for character in text {
            if character.isWhitespace {
                flush()
                result.append(character)
            } else {
                token.append(character)
            }
        }
        flush()
        return result
    }

    private static func scrubToken(_ token: String) -> String {
        guard !token.isEmpty else { return token }
        // Keep surrounding punctuation: "(see @x)," keeps "(" and "),".
        let opening: Set<Character> = ["(", "[", "\"", "'", "“", "‘", "<"]
        let closing: Set<Character> = [")", "]", "\"", "'", "”", "’", ">", ",", ".", ";", ":", "!", "?"]
        var start = token.startIndex, end = token.endIndex
        while start < end, opening.contains(token[start]) { start = token.index(after: start) }
        while end > start, closing.contains(token[token.index(before: end)]) { end = token.index(before: end) }
        let core = token[start..<end]
        let lower = core.lowercased()
        let replacement: String?
        if lower.hasPrefix("http://") || lower.hasPrefix("https://") || lower.hasPrefix("www.") {
            replacement = link(String(core))
        } else if core.hasPrefix("@") && core.count > 1 {
            replacement = mask
        } else if let at = core.firstIndex(of: "@"), at != core.startIndex,
                  core[core.index(after: at)...].contains(".") {
            replacement = mask
        } else {
            replacement = nil
        }
        guard let replacement else { return token }
        return String(token[..<start]) + replacement + String(token[end...])
    }

    /// A link reduced to its scheme and host; the path may name an account.
    private static func link(_ url: String) -> String {
        var rest = url[...]
        var scheme = ""
        if let range = rest.range(of: "://") {
            scheme = String(rest[..<range.upperBound])
            rest = rest[range.upperBound...]
        }
        let host = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        // A user name before the host (user@host) is itself personal.
        let bareHost = host.split(separator: "@").last.map(String.init) ?? ""
        let hasMore = host.count < rest.count || host.contains("@")
        return scheme + bareHost + (hasMore ? "/" + mask : "")
    }

    /// Digit runs of eight or more (with single separators), and IBAN-shaped groups.
    private static func maskNumbers(_ text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        var output = String.UnicodeScalarView()
        var index = 0
        while index < scalars.count {
            let atBoundary = index == 0 || !isAlphanumeric(scalars[index - 1])
            if atBoundary, let end = ibanEnd(scalars, from: index) ?? numberEnd(scalars, from: index) {
                output.append(contentsOf: mask.unicodeScalars)
                index = end
                continue
            }
            output.append(scalars[index])
            index += 1
        }
        return String(output)
    }

    /// The end of a run of at least eight digits starting at `start`, if there is one.
    private static func numberEnd(_ s: [Unicode.Scalar], from start: Int) -> Int? {
        guard isDigit(s[start]) else { return nil }
        let separators: Set<Unicode.Scalar> = [" ", "-", ".", "/", "(", ")", "+", ":"]
        var index = start, digits = 0, lastDigitEnd = start
        var shape = ""
        while index < s.count {
            if isDigit(s[index]) {
                digits += 1
                shape.append("9")
                index += 1
                lastDigitEnd = index
            } else if separators.contains(s[index]), index + 1 < s.count, isDigit(s[index + 1]), index > start,
                      isDigit(s[index - 1]) {
                shape.unicodeScalars.append(s[index])
                index += 1
            } else {
                break
            }
        }
        // Part of a word or a hexadecimal digest: not a number on its own.
        if lastDigitEnd < s.count, isAlphanumeric(s[lastDigitEnd]) { return nil }
        guard digits >= 8 else { return nil }
        if shape == "9999-99-99" { return nil }  // an ISO date
        return lastDigitEnd
    }

    /// The end of an IBAN-shaped run (`NL91 ABNA 0417 1643 00`, with or without spaces).
    private static func ibanEnd(_ s: [Unicode.Scalar], from start: Int) -> Int? {
        guard start + 4 <= s.count, isUpper(s[start]), isUpper(s[start + 1]), isDigit(s[start + 2]),
              isDigit(s[start + 3]) else { return nil }
        var index = start + 4, characters = 4, groupLength = 4
        while index < s.count {
            if isUpper(s[index]) || isDigit(s[index]) {
                characters += 1
                groupLength += 1
                index += 1
            } else if s[index] == " ", groupLength == 4, index + 1 < s.count,
                      isUpper(s[index + 1]) || isDigit(s[index + 1]) {
                groupLength = 0
                index += 1
            } else {
                break
            }
        }
        if index < s.count, isAlphanumeric(s[index]) { return nil }
        return (15...34).contains(characters) ? index : nil
    }

    private static func isDigit(_ s: Unicode.Scalar) -> Bool { s.value >= 0x30 && s.value <= 0x39 }
    private static func isUpper(_ s: Unicode.Scalar) -> Bool { s.value >= 0x41 && s.value <= 0x5A }
    private static func isAlphanumeric(_ s: Unicode.Scalar) -> Bool { s.properties.isAlphabetic || isDigit(s) }
}

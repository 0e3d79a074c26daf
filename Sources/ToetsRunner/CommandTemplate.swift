import Foundation

/// The `{…}` placeholders of a `run:` command: finding them, and filling them in.
package enum CommandTemplate {
    /// The placeholder names in `template`, in order.
    package static func placeholders(in template: String) -> [String] {
        var names: [String] = []
        _ = fill(template) { name in
            names.append(name)
            return ""
        }
        return names
    }

    /// `template` with each placeholder replaced by `value(name)`.
    ///
    /// A placeholder is `{name}` where the name is letters, digits and `_ - . :`; any other
    /// brace is literal, so shell groups (`{ a; b; }`) and awk programs need no escaping.
    /// `{{` and `}}` are literal braces too, for text that would otherwise read as a placeholder.
    package static func fill(_ template: String, _ value: (String) throws -> String) rethrows -> String {
        var result = ""
        var characters = template[...]
        while let character = characters.popFirst() {
            if character == "{" && characters.first == "{" {
                characters.removeFirst()
                result.append("{")
            } else if character == "}" && characters.first == "}" {
                characters.removeFirst()
                result.append("}")
            } else if character == "{", let close = characters.firstIndex(of: "}"),
                      characters.startIndex < close, characters[..<close].allSatisfy(isNameCharacter) {
                result += try value(String(characters[..<close]))
                characters = characters[characters.index(after: close)...]
            } else {
                result.append(character)
            }
        }
        return result
    }

    private static func isNameCharacter(_ character: Character) -> Bool {
        character.isASCII && (character.isLetter || character.isNumber || "_-.:".contains(character))
    }

    /// `text` quoted for `/bin/sh`, so any path is passed as one word.
    package static func shellQuoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}

/// The field rules of the Algoritmeregister's publication standard (1.0) a registration must
/// meet: required fields, allowed values, maximum lengths, and a short description in plain
/// Dutch (level B1). The prefill lists every rule it breaks, so that a declared text that is too
/// long is reported rather than cut off or passed on silently.
enum RegisterRules {
    /// Fields the register's API refuses a registration without. A placeholder counts as
    /// present, because it is visibly open and listed under `open_velden`.
    static let required = ["name", "description_short", "organization", "status", "contact_email", "publication_category", "lang"]

    /// Fields that take one of a fixed list of values.
    static let allowed: [String: [String]] = [
        "status": ["In ontwikkeling", "In gebruik", "Buiten gebruik"],
        "publication_category": ["Hoog-risico AI-systeem", "Impactvolle algoritmes", "Overige algoritmes"],
        // The prefill is written in Dutch, so its language is Dutch.
        "lang": ["nld"],
    ]

    /// At most this many words in a sentence of the short description (Direct Duidelijk: short
    /// sentences; B1 texts average about 15 words).
    static let sentenceWords = 20
    /// At most this many letters in a word of it (long compounds are hard to read at B1).
    static let wordLetters = 18
    /// Words a B1 reader does not know: technical terms, English and abbreviations.
    static let jargon: Set<String> = [
        "fimi", "recall", "precisie", "precision", "f1", "bootstrap", "pipeline", "pijplijn", "threshold", "classifier",
        "algoritmisch", "heuristiek", "clustering", "netwerkanalyse", "inauthentiek", "cib", "api", "ai", "ml",
        "machine", "learning", "dataset", "detectie",
    ]

    /// Every rule `registration` breaks, in Dutch (the file's language), field by field; empty when it is valid.
    static func violations(_ registration: [(String, JSONText)]) -> [String] {
        var found: [String] = []
        let fields = Dictionary(registration.map { ($0.0, $0.1) }) { first, _ in first }
        for field in required where (fields[field]?.stringValue ?? "").isEmpty {
            found.append("\(field): verplicht veld is leeg")
        }
        for (field, values) in allowed.sorted(by: { $0.key < $1.key }) {
            guard let value = fields[field]?.stringValue, !value.isEmpty, !isPlaceholder(value) else { continue }
            if !values.contains(value) {
                found.append("\(field): '\(value)' is geen toegestane waarde (" + values.joined(separator: ", ") + ")")
            }
        }
        for (field, limit) in RegisterPrefill.limits.sorted(by: { $0.key < $1.key }) {
            if let text = fields[field]?.stringValue, text.count > limit {
                found.append("\(field): \(text.count) tekens, de standaard staat er hoogstens \(limit) toe")
            }
        }
        if let short = fields["description_short"]?.stringValue { found += plainLanguage(short).map { "description_short: " + $0 } }
        return found
    }

    /// Why `text` is not plain Dutch at level B1: long sentences, long words, jargon.
    static func plainLanguage(_ text: String) -> [String] {
        var found: [String] = []
        let sentences = text.split { ".!?".contains($0) }.map { $0.split { $0 == " " || $0 == "\n" } }.filter { !$0.isEmpty }
        for sentence in sentences where sentence.count > sentenceWords {
            found.append("een zin van \(sentence.count) woorden (B1: hoogstens \(sentenceWords))")
        }
        let words = text.split { !$0.isLetter && !$0.isNumber }.map(String.init)
        for word in words where word.count > wordLetters {
            found.append("het woord '\(word)' is langer dan \(wordLetters) letters")
        }
        for word in Set(words.map { $0.lowercased() }).intersection(jargon).sorted() {
            found.append("vakjargon: '\(word)'")
        }
        return found
    }

    static func isPlaceholder(_ text: String) -> Bool { text.contains(Kamerbrief.placeholderPrefix) }
}

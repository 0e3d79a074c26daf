/// Numbers as the reports print them: one way, independent of the machine's locale, so the same
/// input gives the same bytes everywhere.
///
/// English uses a decimal point, Dutch a decimal comma; both group thousands with a no-break
/// space (the SI style, unambiguous in both languages). Rounding is half away from zero on the
/// binary value, the same on every IEEE 754 machine.
package struct NumberFormat: Sendable, Hashable {
    package var language: Language

    package init(language: Language) {
        self.language = language
    }

    /// The thousands separator: U+00A0, so that a number never breaks across lines.
    package static let groupSeparator = "\u{00A0}"

    var decimalSeparator: String { language == .nl ? "," : "." }

    /// `x` with exactly `digits` decimals; "–" for nil or a non-finite value.
    package func decimal(_ x: Double?, digits: Int) -> String {
        guard let x, x.isFinite else { return "–" }
        return NumberFormat.fixed(x, digits: digits, decimalSeparator: decimalSeparator, grouping: true)
    }

    /// An integer with thousands grouped.
    package func integer(_ n: Int) -> String {
        let digits = String(n.magnitude)
        return (n < 0 ? "−" : "") + NumberFormat.group(digits)
    }

    /// `x` (a proportion) as a percentage with `digits` decimals: `82%`, `82,5%`.
    package func percent(_ x: Double?, digits: Int = 0) -> String {
        guard let x, x.isFinite else { return "–" }
        return decimal(x * 100, digits: digits) + "%"
    }

    /// A p-value: three decimals, or `< 0.001`.
    package func pValue(_ p: Double?) -> String {
        guard let p, p.isFinite else { return "–" }
        if p < 0.001 { return "<\u{00A0}" + decimal(0.001, digits: 3) }
        return decimal(p, digits: 3)
    }

    /// An estimate with its interval: `0.82 (0.75–0.88)`, or `0.03 (−0.05 to 0.10)` when a dash
    /// would read as a minus; the value alone when a bound is missing.
    package func estimate(_ e: Estimate, digits: Int = 2) -> String {
        guard let value = e.value else { return "–" }
        guard let lower = e.lower, let upper = e.upper else { return decimal(value, digits: digits) }
        let low = decimal(lower, digits: digits), high = decimal(upper, digits: digits)
        let separator = low.hasPrefix("−") || high.hasPrefix("−") ? (language == .nl ? " tot " : " to ") : "–"
        return decimal(value, digits: digits) + " (" + low + separator + high + ")"
    }

    /// Seconds as `0.4 s`, `12 s`, `3 min 05 s`.
    package func duration(_ seconds: Double) -> String {
        guard seconds.isFinite, seconds >= 0 else { return "–" }
        if seconds < 10 { return decimal(seconds, digits: 1) + "\u{00A0}s" }
        let whole = Int(seconds.rounded())
        if whole < 60 { return "\(whole)\u{00A0}s" }
        let secondsPart = whole % 60
        return "\(whole / 60)\u{00A0}min \(secondsPart < 10 ? "0" : "")\(secondsPart)\u{00A0}s"
    }

    /// `x` per `base` (100, 1000), rounded to a whole number: the count in a natural frequency.
    package func perBase(_ x: Double?, base: Int) -> String {
        guard let x, x.isFinite else { return "–" }
        return integer(Int((x * Double(base)).rounded(.toNearestOrAwayFromZero)))
    }

    /// The core of every decimal rendering; `-0` never appears.
    package static func fixed(_ x: Double, digits: Int, decimalSeparator: String = ".", grouping: Bool = false)
        -> String {
        precondition(digits >= 0 && digits <= 9, "digits must lie in 0...9")
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let scaled = (x.magnitude * scale).rounded(.toNearestOrAwayFromZero)
        // Beyond 2^53 a double has no fractional digits to show; print it as the integer it is.
        guard scaled < 9.0e15 else { return (x < 0 ? "−" : "") + String(Int64(x.magnitude)) }
        let units = UInt64(scaled)
        var text = String(units)
        if digits > 0 {
            if text.count <= digits { text = String(repeating: "0", count: digits - text.count + 1) + text }
            let split = text.index(text.endIndex, offsetBy: -digits)
            let whole = String(text[..<split])
            text = (grouping ? group(whole) : whole) + decimalSeparator + text[split...]
        } else if grouping {
            text = group(text)
        }
        return (x < 0 && units != 0 ? "−" : "") + text
    }

    /// Digits grouped by three from the right, from five digits on (`1234`, `12 345`).
    static func group(_ digits: String) -> String {
        guard digits.count > 4 else { return digits }
        var result = ""
        for (offset, character) in digits.enumerated() {
            if offset > 0 && (digits.count - offset) % 3 == 0 { result += groupSeparator }
            result.append(character)
        }
        return result
    }
}

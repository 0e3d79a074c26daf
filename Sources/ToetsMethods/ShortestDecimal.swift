/// The one way Toets methods write a `Double` into a table.
///
/// The digits are the shortest that read back to the same double (Swift's `description`, the
/// same digits as Python's `repr`), written positionally without an exponent: 0.00001, not
/// 1e-05. Integral values have no fractional part (3, not 3.0), -0 is 0, NaN is R's NA and the
/// infinities are R's Inf and -Inf.
enum ShortestDecimal {
    static func format(_ value: Double) -> String {
        if value.isNaN { return "NA" }
        if value.isInfinite { return value < 0 ? "-Inf" : "Inf" }
        if value == 0 { return "0" }
        var text = Substring(value.description)
        let negative = text.hasPrefix("-")
        if negative { text = text.dropFirst() }
        var exponent = 0
        if let mark = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            exponent = Int(text[text.index(after: mark)...])!
            text = text[..<mark]
        }
        // value = 0.d₁d₂… × 10^point, with `digits` the mantissa's digits without the point.
        let integerDigits = text.firstIndex(of: ".").map { text.distance(from: text.startIndex, to: $0) } ?? text.count
        var digits = Array(text.filter { $0 != "." })
        var point = integerDigits + exponent
        while digits.count > 1, digits.first == "0" {
            digits.removeFirst()
            point -= 1
        }
        while digits.count > 1, digits.last == "0" { digits.removeLast() }
        var result = negative ? "-" : ""
        if point <= 0 {
            result += "0." + String(repeating: "0", count: -point) + String(digits)
        } else if point >= digits.count {
            result += String(digits) + String(repeating: "0", count: point - digits.count)
        } else {
            result += String(digits[..<point]) + "." + String(digits[point...])
        }
        return result
    }
}

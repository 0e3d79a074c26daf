import Foundation

/// The few distribution functions scoring needs, written from their definitions.
///
/// Accuracy targets are near machine precision (checked against SciPy in the fixtures): the
/// normal CDF comes from the C library's `erfc`; the quantile polishes a rough start with
/// Halley steps on that CDF; the chi-square tail uses the regularized incomplete gamma function
/// by series or continued fraction; the studentized range with infinite degrees of freedom
/// integrates its defining integral with the trapezoidal rule, which converges geometrically
/// for a smooth integrand with Gaussian tails.
enum Distributions {
    /// Φ(x), the standard normal CDF.
    static func normalCDF(_ x: Double) -> Double {
        0.5 * erfc(-x / 2.0.squareRoot())
    }

    /// Φ⁻¹(p) for 0 < p < 1; ±infinity at 0 and 1 (callers guard against those).
    static func normalQuantile(_ p: Double) -> Double {
        precondition(p >= 0 && p <= 1, "a probability lies in [0, 1]")
        if p == 0 { return -.infinity }
        if p == 1 { return .infinity }
        if p == 0.5 { return 0 }
        // Work in the lower tail, where Φ is computed without cancellation.
        let lower = min(p, 1 - p)
        // Start: Abramowitz & Stegun 26.2.23 (error below 4.5e-4).
        let t = (-2 * log(lower)).squareRoot()
        var x = -(t - (2.515517 + 0.802853 * t + 0.010328 * t * t)
            / (1 + 1.432788 * t + 0.189269 * t * t + 0.001308 * t * t * t))
        for _ in 0..<4 {
            let error = normalCDF(x) - lower
            let u = error * (2 * Double.pi).squareRoot() * exp(x * x / 2)
            x -= u / (1 + x * u / 2)
        }
        return p < 0.5 ? x : -x
    }

    /// P(χ²_df > x), the chi-square survival function.
    static func chiSquareSurvival(_ x: Double, degreesOfFreedom df: Double) -> Double {
        if x <= 0 { return 1 }
        return regularizedUpperGamma(df / 2, x / 2)
    }

    /// Q(a, x) = Γ(a, x) / Γ(a) for a > 0, x ≥ 0.
    static func regularizedUpperGamma(_ a: Double, _ x: Double) -> Double {
        if x == 0 { return 1 }
        let logPrefactor = a * log(x) - x - lgamma(a)
        if x < a + 1 {
            // Series for P(a, x): Σ xⁿ / (a (a+1) … (a+n)).
            var term = 1 / a, sum = term, denominator = a
            for _ in 0..<10_000 {
                denominator += 1
                term *= x / denominator
                sum += term
                if abs(term) < abs(sum) * 1e-17 { break }
            }
            return max(0, 1 - sum * exp(logPrefactor))
        }
        // Continued fraction for Q(a, x), evaluated by the modified Lentz method.
        let tiny = 1e-300
        var b = x + 1 - a, c = 1 / tiny, d = 1 / b, fraction = d
        for n in 1..<10_000 {
            let an = -Double(n) * (Double(n) - a)
            b += 2
            d = an * d + b
            if abs(d) < tiny { d = tiny }
            c = b + an / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = c * d
            fraction *= delta
            if abs(delta - 1) < 1e-16 { break }
        }
        return exp(logPrefactor) * fraction
    }

    /// P(X ≤ k) for X ~ Binomial(n, ½).
    static func binomialHalfCDF(_ k: Int, trials n: Int) -> Double {
        if k < 0 { return 0 }
        if k >= n { return 1 }
        // Sum the terms relative to the k-th (terms grow towards the mode, so for k ≤ n/2 the
        // k-th is the largest), then scale by its log-probability: no underflow for large n.
        var relative = 1.0, sum = 1.0
        var i = k
        while i > 0 {
            relative *= Double(i) / Double(n - i + 1)
            sum += relative
            if relative < sum * 1e-18 { break }
            i -= 1
        }
        let logTerm = lgamma(Double(n + 1)) - lgamma(Double(k + 1)) - lgamma(Double(n - k + 1))
            - Double(n) * log(2.0)
        return min(1, sum * exp(logTerm))
    }

    /// P(R ≤ q) for the range R of `groups` independent standard normals (the studentized
    /// range with infinite degrees of freedom): k ∫ φ(z) [Φ(z) − Φ(z − q)]^(k−1) dz.
    static func studentizedRangeCDF(_ q: Double, groups k: Int) -> Double {
        if q <= 0 { return 0 }
        let step = 0.02
        var sum = 0.0
        let count = Int(((24 + q) / step).rounded(.up))
        for index in 0...count {
            let z = -12 + Double(index) * step
            let density = exp(-z * z / 2) / (2 * Double.pi).squareRoot()
            let inside = normalCDF(z) - normalCDF(z - q)
            sum += density * pow(inside, Double(k - 1))
        }
        return min(1, Double(k) * sum * step)
    }

    /// The q with P(R ≤ q) = p for the range of `groups` standard normals.
    static func studentizedRangeQuantile(_ p: Double, groups k: Int) -> Double {
        var low = 0.0, high = 1.0
        while studentizedRangeCDF(high, groups: k) < p { high *= 2 }
        for _ in 0..<200 where high - low > 1e-14 * high {
            let middle = (low + high) / 2
            if studentizedRangeCDF(middle, groups: k) < p { low = middle } else { high = middle }
        }
        return (low + high) / 2
    }
}

extension Distributions {
    /// I_x(a, b), the regularized incomplete beta function, for a, b > 0 and 0 ≤ x ≤ 1: the
    /// continued fraction of Numerical Recipes §6.4 (modified Lentz), on the side of x where it
    /// converges fast.
    static func regularizedIncompleteBeta(_ x: Double, _ a: Double, _ b: Double) -> Double {
        if x <= 0 { return 0 }
        if x >= 1 { return 1 }
        let logFront = lgamma(a + b) - lgamma(a) - lgamma(b) + a * log(x) + b * log1p(-x)
        if x > (a + 1) / (a + b + 2) { return 1 - regularizedIncompleteBeta(1 - x, b, a) }
        let tiny = 1e-300
        var c = 1.0, d = 1 - (a + b) * x / (a + 1)
        if abs(d) < tiny { d = tiny }
        d = 1 / d
        var fraction = d
        for m in 1..<10_000 {
            let m = Double(m)
            let even = m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m))
            d = 1 + even * d
            if abs(d) < tiny { d = tiny }
            c = 1 + even / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            fraction *= d * c
            let odd = -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1))
            d = 1 + odd * d
            if abs(d) < tiny { d = tiny }
            c = 1 + odd / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            fraction *= delta
            if abs(delta - 1) < 1e-16 { break }
        }
        return exp(logFront) * fraction / a
    }

    /// The p-quantile of the Beta(a, b) distribution, by bisection on the incomplete beta
    /// function (monotone, so bisection cannot fail; 200 halvings reach the last bit).
    static func betaQuantile(_ p: Double, _ a: Double, _ b: Double) -> Double {
        if p <= 0 { return 0 }
        if p >= 1 { return 1 }
        var low = 0.0, high = 1.0
        for _ in 0..<200 {
            let middle = (low + high) / 2
            if middle == low || middle == high { break }
            if regularizedIncompleteBeta(middle, a, b) < p { low = middle } else { high = middle }
        }
        return (low + high) / 2
    }
}

import Testing
import ToetsModel
@testable import ToetsAnonymise
@testable import ToetsDemoWorld

/// The personal data the demo world plants is what the scanner must find.
@Suite struct DemoWorldPIITests {
    @Test func everyGeneratedValueIsFoundWithItsKind() {
        var random = SeededRandom(seed: 99)
        var missed: [String] = []
        for _ in 0..<300 {
            let person = DutchText.person(&random)
            let cases: [(PIIKind, String)] = [
                (.email, person.email), (.phone, DutchText.phone(&random)), (.iban, DutchText.iban(&random)),
                (.bsn, DutchText.bsn(&random)), (.postcode, DutchText.postcode(&random)),
                (.licencePlate, DutchText.licencePlate(&random)), (.handle, "@" + person.handle),
            ]
            for (kind, value) in cases {
                let text = "Dit is een zin met \(value) erin."
                let found = PIIScanner.scan(text)
                if !found.contains(where: { $0.kind == kind && $0.value == value }) {
                    missed.append("\(kind.rawValue) \(value) → \(found.map { "\($0.kind.rawValue):\($0.value)" })")
                }
            }
        }
        #expect(missed == [])
    }
}

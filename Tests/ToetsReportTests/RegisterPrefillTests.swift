import Foundation
import Testing
import ToetsModel
@testable import ToetsReport

/// The Algoritmeregister prefill: the standard's fields, its limits, links left empty.
@Suite struct RegisterPrefillTests {
    static let prefill = RegisterPrefill(ReportFixture.input)

    @Test func theFileIsJSONWithTheStandardsFieldsInOrder() throws {
        let data = Data(RegisterPrefillTests.prefill.rendered.utf8)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(Set(object.keys) == ["toelichting", "registratie", "uit_de_run", "uit_de_verklaring", "open_velden", "strijdig_met_standaard"])
        let fields = RegisterPrefillTests.prefill.registration.map(\.0)
        #expect(fields == [
            "name", "description_short", "organization", "category", "status", "begin_date", "end_date", "contact_email",
            "website", "publication_category", "url", "goal", "proportionality", "human_intervention", "risks",
            "lawful_basis", "lawful_basis_grouping", "process_index_url", "impacttoetsen_grouping", "impacttoetsen",
            "source_data", "source_data_grouping", "methods_and_models", "provider", "publiccode", "lang",
            "standard_version", "source_id", "tags",
        ])
        let registration = try #require(object["registratie"] as? [String: Any])
        #expect(registration["lang"] as? String == "nld" && registration["status"] as? String == "In ontwikkeling")
    }

    @Test func textFieldsStayWithinTheStandardsLimits() {
        for (field, value) in RegisterPrefillTests.prefill.registration {
            guard let limit = RegisterPrefill.limits[field], let text = value.stringValue else { continue }
            #expect(text.count < limit, "\(field) has \(text.count) characters, the standard allows \(limit)")
        }
    }

    @Test func linkFieldsAreLeftEmptyAndOpenFieldsAreListed() throws {
        let registration = RegisterPrefillTests.prefill.json["registratie"]
        for field in ["website", "url", "process_index_url", "publiccode"] {
            #expect(registration?[field]?.stringValue == "", "\(field)")
        }
        guard case .array(let groups)? = registration?["impacttoetsen_grouping"] else {
            Issue.record("no impact assessments")
            return
        }
        #expect(groups.count == 2 && groups.allSatisfy { $0["link"]?.stringValue == "" })
        // Without a governance declaration, what only the organisation can say is a visible placeholder.
        var input = ReportFixture.input
        input.governance = GovernanceFacts()
        let undeclared = RegisterPrefill(input)
        let rendered = undeclared.rendered
        #expect(rendered.contains("\"lawful_basis\": \"[IN TE VULLEN: wettelijke grondslag, in gewone taal]\""))
        #expect(rendered.contains("\"contact_email\": \"[IN TE VULLEN: e-mailadres voor vragen over het algoritme]\""))
        #expect(!rendered.contains("http"))
        guard case .array(let open)? = undeclared.json["open_velden"] else { return }
        #expect(open.compactMap(\.stringValue).contains("lawful_basis"))
        // Fields from the run that still hold a placeholder are listed as open too: the risks end in
        // one, and one method's card does not say whether it learns.
        #expect(open.compactMap(\.stringValue).contains("risks"))
        #expect(open.compactMap(\.stringValue).contains("methods_and_models"))
        for index in input.methods.indices { input.methods[index].selfLearning = false }
        guard case .array(let known)? = RegisterPrefill(input).json["open_velden"] else { return }
        #expect(!known.compactMap(\.stringValue).contains("methods_and_models"))
    }

    @Test func theRunsFactsAreInTheFields() throws {
        let registration = try #require(RegisterPrefillTests.prefill.json["registratie"])
        let technical = try #require(registration["methods_and_models"]?.stringValue)
        #expect(technical.contains("methode van een team (co-retweet) (versie 1.0.0, Team Delta (maatschappelijke organisatie))"))
        #expect(technical.contains("Zelflerend: nee") && technical.contains("Zelflerend: [IN TE VULLEN: zelflerend ja of nee]"))
        let data = try #require(registration["source_data"]?.stringValue)
        #expect(data.contains("2026-02-16 tot en met 2026-03-18: 48\u{00A0}210 berichten van 2000 accounts"))
        let risks = try #require(registration["risks"]?.stringValue)
        #expect(risks.contains("tegelijk hetzelfde delen (coortweet) ongeveer 83 van elke 1000 legitieme accounts"))
        #expect(risks.contains("In 2 groepen accounts gebeurde dat twee keer zo vaak"))
    }

    @Test func manyMethodsStillFitTheTechnicalField() {
        var input = ReportFixture.input
        input.methods = (0..<60).map { index in
            var method = ReportFixture.methods[index % 3]
            method.name += "-\(index)"
            return method
        }
        let text = RegisterPrefill(input).methodsAndModels
        #expect(text.count < 5000 && text.hasSuffix("(Meer in het rapport voor de klankbordgroep.)"))
    }

    @Test func declaredFieldsComeFromTheGovernanceDeclaration() throws {
        let prefill = RegisterPrefillTests.prefill
        let registration = try #require(prefill.json["registratie"])
        #expect(registration["organization"]?.stringValue == "Ministerie van Binnenlandse Zaken, organisator van de proef")
        #expect(registration["lawful_basis"]?.stringValue
                == "Opsporingsmethoden toetsen: AVG art. 6 lid 1 sub e met de waarborgen van art. 89 lid 1.")
        #expect(registration["proportionality"]?.stringValue == ReportFixture.governance.proportionality?.nl)
        #expect(registration["impacttoetsen"]?.stringValue == "DPIA: DPIA-2026-01 van 15 januari 2026. IAMA: IAMA-sessie van 22 januari 2026.")
        let declared = try #require(prefill.json["uit_de_verklaring"]).rendered
        let open = try #require(prefill.json["open_velden"]).rendered
        for field in ["organization", "lawful_basis", "proportionality", "impacttoetsen"] {
            #expect(declared.contains("\"\(field)\"") && !open.contains("\"\(field)\""), "\(field)")
        }
    }

    /// The demo's own declaration (pipelines/demo.yaml) on the fixture's run.
    static func demoPrefill() throws -> RegisterPrefill {
        var input = ReportFixture.input
        input.governance = try ReportFixture.demoGovernance()
        return RegisterPrefill(input)
    }

    @Test func theDemosPrefillMeetsTheStandardsFieldRules() throws {
        let prefill = try Self.demoPrefill()
        #expect(RegisterRules.violations(prefill.registration) == [])
        #expect(prefill.json["strijdig_met_standaard"] == .array([]))
        let registration = try #require(prefill.json["registratie"])
        for field in RegisterRules.required {
            #expect(registration[field]?.stringValue?.isEmpty == false, "\(field)")
        }
        #expect(prefill.json["toelichting"]?.stringValue?.hasSuffix("De velden onder 'uit_de_verklaring' komen uit het voorbeeld "
                                                                    + "van de demo, niet uit de verklaring van een echte organisatie.") == true)
        #expect(RegisterPrefillTests.prefill.json["toelichting"]?.stringValue?.contains("voorbeeld van de demo") == false)
        // The demo's Telegram groups are not called public.
        let data = try #require(registration["source_data"]?.stringValue)
        #expect(data.contains("telegram.zip: export van een gesloten groep (niet openbaar)"))
        #expect(RegisterPrefillTests.prefill.json["strijdig_met_standaard"] == .array([]))
    }

    @Test func aBrokenRuleIsFoundAndListed() throws {
        var registration = try Self.demoPrefill().registration
        func set(_ field: String, _ value: JSONText) {
            registration = registration.map { $0.0 == field ? ($0.0, value) : $0 }
        }
        set("name", .string(String(repeating: "a", count: 101)))
        set("status", .string("Actief"))
        set("contact_email", .string(""))
        set("description_short", .string("Dit algoritme gebruikt FIMI-detectie met een hoge recall en vergelijkt accounts op "
            + "heel veel verschillende kenmerken die samen een beeld geven van hoe gecoördineerd zij zich gedragen op sociale media."))
        let found = RegisterRules.violations(registration)
        #expect(found.contains("contact_email: verplicht veld is leeg"))
        #expect(found.contains("status: 'Actief' is geen toegestane waarde (In ontwikkeling, In gebruik, Buiten gebruik)"))
        #expect(found.contains("name: 101 tekens, de standaard staat er hoogstens 100 toe"))
        #expect(found.contains("description_short: een zin van 30 woorden (B1: hoogstens 20)"))
        #expect(found.contains("description_short: vakjargon: 'detectie'"))
        #expect(found.contains("description_short: vakjargon: 'fimi'") && found.contains("description_short: vakjargon: 'recall'"))
        #expect(found.count == 7, "\(found)")
        // A declared controller too long for the organisation field is reported in the file, not cut off.
        var input = ReportFixture.input
        input.governance.controller = DeclaredText(String(repeating: "x", count: 120), nl: String(repeating: "x", count: 120))
        let prefill = RegisterPrefill(input)
        #expect(prefill.json["strijdig_met_standaard"]?.rendered.contains("organization: 120 tekens") == true)
        #expect(prefill.json["registratie"]?["organization"]?.stringValue?.count == 120)
    }
}

import Foundation
import Testing
@testable import ToetsReport

/// The Algoritmeregister prefill: the standard's fields, its limits, links left empty.
@Suite struct RegisterPrefillTests {
    static let prefill = RegisterPrefill(ReportFixture.input)

    @Test func theFileIsJSONWithTheStandardsFieldsInOrder() throws {
        let data = Data(RegisterPrefillTests.prefill.rendered.utf8)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(Set(object.keys) == ["toelichting", "registratie", "uit_de_run", "open_velden"])
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
        for field in ["website", "url", "process_index_url", "publiccode", "contact_email"] {
            #expect(registration?[field]?.stringValue == "", "\(field)")
        }
        guard case .array(let groups)? = registration?["impacttoetsen_grouping"] else {
            Issue.record("no impact assessments")
            return
        }
        #expect(groups.count == 2 && groups.allSatisfy { $0["link"]?.stringValue == "" })
        let rendered = RegisterPrefillTests.prefill.rendered
        #expect(rendered.contains("\"lawful_basis\": \"[IN TE VULLEN: wettelijke grondslag, in gewone taal]\""))
        #expect(!rendered.contains("http"))
        guard case .array(let open)? = RegisterPrefillTests.prefill.json["open_velden"] else { return }
        #expect(open.compactMap(\.stringValue).contains("lawful_basis"))
        #expect(!open.compactMap(\.stringValue).contains("methods_and_models"))
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
}

/// A first filling of an Algoritmeregister entry (publication standard 1.0, field names as the
/// register's API uses them), with what the run can answer: the data, the technical working,
/// the measured error rates for risk management, human intervention as the intended use says.
///
/// Link fields are left empty; the organisation, legal basis, proportionality, impact assessments
/// and how the data were collected come from the pipeline's governance declaration where it has
/// them; fields only the organisation can fill hold an `[IN TE VULLEN: …]` placeholder. The file
/// also lists, outside the registration itself, which fields came from the run or the
/// declaration, which are open, and every rule of the standard the registration breaks
/// (`RegisterRules`).
package struct RegisterPrefill: Sendable {
    package let input: ReportInput

    package init(_ input: ReportInput) {
        self.input = input
    }

    package static let fileName = "algoritmeregister.json"

    /// The publication standard the fields follow (shared/reference/reports.md: v1.0.10).
    package static let standardVersion = "1.0.10"

    /// Maximum lengths from the standard.
    package static let limits: [String: Int] = [
        "name": 100, "description_short": 350, "organization": 100, "goal": 2500, "proportionality": 2500,
        "human_intervention": 2500, "risks": 2500, "lawful_basis": 2500, "impacttoetsen": 2500, "source_data": 2500,
        "methods_and_models": 5000, "provider": 200,
    ]

    static func fill(_ what: String) -> JSONText { .string(Kamerbrief.placeholderPrefix + what + "]") }

    private var nl: NumberFormat { Language.nl.numbers }

    /// The platforms, period and size of the data, as far as the ingest and anonymise reports tell.
    private var sourcePosts: String {
        guard let ingest = input.ingest else {
            return input.anonymisation.map { "(platforms en periode niet beschikbaar): \(nl.integer($0.posts)) berichten van "
                + "\(nl.integer($0.accounts)) accounts" } ?? "(platforms, periode en aantallen niet beschikbaar)"
        }
        return "(\(ingest.platforms.map { Kamerbrief.platformName($0.name) }.joined(separator: ", "))) uit de periode \(ingest.period.first) tot en met "
            + "\(ingest.period.last): \(nl.integer(ingest.postsWritten)) berichten"
            + (input.anonymisation.map { " van \(nl.integer($0.accounts)) accounts" } ?? " (aantal accounts niet beschikbaar)")
    }

    /// The registration fields, in the standard's order.
    package var registration: [(String, JSONText)] {
        let truth = input.groundTruth
        let methods = nl.integer(input.methods.count)
        return [
            ("name", .string("Opsporen van gecoördineerd onecht gedrag op sociale media (proef)")),
            ("description_short", .string(
                "Dit algoritme zoekt op sociale media naar groepen accounts die opvallend gelijk optreden. Het geeft "
                    + "signalen aan analisten. Een mens beoordeelt elk signaal. Het algoritme neemt geen besluiten over "
                    + "personen. In een proef zijn \(methods) methoden getest"
                    + (input.run.simulatedData ? " op nagemaakte gegevens." : "."))),
            ("organization", declared(governance.controller) ?? RegisterPrefill.fill("organisatie volgens de TOOI-waardelijst")),
            ("category", .array([])),
            ("status", .string("In ontwikkeling")),
            ("begin_date", .string("")),
            ("end_date", .string("")),
            ("contact_email", RegisterPrefill.fill("e-mailadres voor vragen over het algoritme")),
            ("website", .string("")),
            ("publication_category", RegisterPrefill.fill("Hoog-risico AI-systeem, Impactvolle algoritmes of Overige algoritmes")),
            ("url", .string("")),
            ("goal", RegisterPrefill.fill("doel en impact, op B1-niveau")),
            ("proportionality", declared(governance.proportionality)
                ?? RegisterPrefill.fill("afwegingen, met de antwoorden uit het IAMA en de DPIA")),
            ("human_intervention", .string(
                "De methoden geven alleen signalen. Een getrainde analist bekijkt elk signaal samen met het bewijs: welke "
                    + "links, teksten of momenten de accounts delen. Pas daarna wordt iets geconcludeerd. Geen account, "
                    + "gebruiker of groep wordt gemeld, geblokkeerd of genoemd alleen omdat een methode hem aanwijst.")),
            ("risks", .string(risks)),
            ("lawful_basis", lawfulBasis.map { .string($0) } ?? RegisterPrefill.fill("wettelijke grondslag, in gewone taal")),
            ("lawful_basis_grouping", .array([])),
            ("process_index_url", .string("")),
            ("impacttoetsen_grouping", .array([
                .object([("title", .string("Data Protection Impact Assessment (DPIA)")), ("link", .string(""))]),
                .object([("title", .string("Impact Assessment Mensenrechten en Algoritmes (IAMA)")), ("link", .string(""))]),
            ])),
            ("impacttoetsen", .string(impactAssessments)),
            ("source_data", .string(
                // Not "public": a collection may hold exports of closed groups (Telegram) as well as public posts.
                "Berichten van sociale media " + sourcePosts + ". Alle namen en nummers van "
                    + "accounts zijn vooraf vervangen door schuilnamen; persoonsgegevens in teksten zijn vervangen. Voor de "
                    + "test: oordelen van " + (input.run.simulatedData ? "nagemaakte " : "") + "beoordelaars over "
                    + "\(nl.integer(truth.labelled)) accounts, uit: "
                    + "\(truth.sources.map { $0(.nl) }.joined(separator: "; "))." + collection)),
            ("source_data_grouping", .array(truth.sources.map { source in
                .object([("title", .string(source(.nl))), ("link", .string(""))])
            })),
            ("methods_and_models", .string(methodsAndModels)),
            ("provider", .string(String(Array(Set(input.methods.map { $0.team(.nl) })).sorted().joined(separator: "; ").prefix(200)))),
            ("publiccode", .string("")),
            ("lang", .string("nld")),
            ("standard_version", .string(RegisterPrefill.standardVersion)),
            ("source_id", .string("")),
            ("tags", .string("desinformatie, beïnvloeding, FIMI, verkiezingen, sociale media, coördinatie")),
        ]
    }

    private var governance: GovernanceFacts { input.governance }

    /// A declared text in Dutch (as written, and marked, where it has no Dutch form).
    private func declared(_ text: DeclaredText?) -> JSONText? { text.map { .string($0.marked(.nl)) } }

    /// Each purpose with its declared basis; nil when none is declared.
    var lawfulBasis: String? {
        let bases = governance.legalBases(.nl)
        return bases.isEmpty ? nil : Self.sentences(bases)
    }

    /// Texts as one paragraph, each ending in one full stop.
    static func sentences(_ texts: [String]) -> String {
        texts.map { $0.hasSuffix(".") ? String($0.dropLast()) : $0 }.joined(separator: ". ") + "."
    }

    /// The DPIA and IAMA as declared; empty when neither is.
    var impactAssessments: String {
        let declared = [("DPIA", governance.dpia), ("IAMA", governance.iama)].compactMap { name, text in
            text.map { name + ": " + $0.marked(.nl) }
        }
        return declared.isEmpty ? "" : Self.sentences(declared)
    }

    /// How each data source was collected, as declared: public posts only where declared so.
    var collection: String {
        let declared = governance.dataSources.filter { $0.access != nil || $0.route != nil }
        guard !declared.isEmpty else { return "" }
        return " Herkomst: " + declared.map { source in
            source.file + ": " + [source.access.flatMap(LegalText.access).map { $0(.nl) }, source.route.map { $0.marked(.nl) }].compactMap { $0 }
                .joined(separator: ", ")
        }.joined(separator: "; ") + "."
    }

    /// Measured error rates and the safeguards, for the risk-management field.
    var risks: String {
        var text = "Risico: een methode wijst accounts aan die niet bij een campagne horen. In de proef gebeurde dat zo vaak: "
        text += input.methods.map { method in
            "\(PilotSentences.label(method).nl) ongeveer \(nl.perBase(method.statedFalsePositiveRate.value, base: 1000)) van elke 1000 "
                + "legitieme accounts"
        }.joined(separator: "; ") + ". "
        let high = Set(input.strata.filter { !$0.suppressed && ($0.falsePositiveRateRatio.value ?? 0) >= 2 }
            .map { $0.dimension + ": " + $0.cell })
        text += high.isEmpty ? "Geen onderzochte groep accounts werd twee keer zo vaak of vaker ten onrechte aangewezen. "
            : "In \(nl.integer(high.count)) groepen accounts gebeurde dat twee keer zo vaak of vaker als gemiddeld. "
        text += "Maatregelen: een mens beoordeelt elk signaal, er worden geen besluiten over personen genomen, en de "
            + "gegevens zijn gepseudonimiseerd. "
        return text + Kamerbrief.placeholderPrefix + "verdere maatregelen en hoe vaak de werking wordt gecontroleerd]"
    }

    /// Per method: what it does, its operating point, whether it learns, and its measured figures.
    var methodsAndModels: String {
        var parts = ["In de proef zijn \(nl.integer(input.methods.count)) methoden op dezelfde gegevens getest, zonder "
            + "dat ze de oordelen van de beoordelaars zagen."]
        for method in input.methods {
            let learns = method.selfLearning.map { $0 ? "ja" : "nee" } ?? Kamerbrief.placeholderPrefix + "zelflerend ja of nee]"
            parts.append("\(PilotSentences.label(method).nl) (versie \(method.version), \(method.team(.nl))): \(method.summary(.nl)) Werkpunt: "
                + "\(method.operatingPoint.rule(.nl)). Zelflerend: \(learns). Van elke 100 aangewezen accounts hoorden er "
                + "ongeveer \(nl.perBase(method.statedPrecision.value, base: 100)) bij een campagne; van elke 100 campagne-accounts "
                + "vond de methode er ongeveer \(nl.perBase(method.statedRecall.value, base: 100)).")
        }
        var text = ""
        for part in parts {
            // Within the standard's 5000 characters: later methods are named only if they fit.
            if text.count + part.count + 1 > 4900 { text += " (Meer in het rapport voor de klankbordgroep.)"; break }
            text += (text.isEmpty ? "" : " ") + part
        }
        return text
    }

    /// The whole file: the registration, and which fields came from the run.
    package var json: JSONText {
        let registration = registration
        let fromRun = ["name", "description_short", "status", "human_intervention", "risks", "source_data",
                       "methods_and_models", "provider", "lang", "standard_version", "tags"]
        let fromDeclaration = [("organization", governance.controller != nil), ("proportionality", governance.proportionality != nil),
                               ("lawful_basis", lawfulBasis != nil), ("impacttoetsen", !impactAssessments.isEmpty)]
            .filter(\.1).map(\.0)
        // Open: what neither filled, and whatever still holds a placeholder.
        let open = registration.filter { field, value in
            (!fromRun.contains(field) && !fromDeclaration.contains(field)) || RegisterRules.isPlaceholder(value.rendered)
        }.map(\.0)
        return .object([
            ("toelichting", .string("Concept voor het Algoritmeregister, gemaakt door Toets \(input.reproducibility.toolVersion) "
                + "uit run \(input.run.runID). Controleer elk veld; vul de velden onder 'open_velden' zelf in. Links zijn "
                + "leeg gelaten." + (governance.example ? " De velden onder 'uit_de_verklaring' komen uit het voorbeeld van de "
                    + "demo, niet uit de verklaring van een echte organisatie." : ""))),
            ("registratie", .object(registration)),
            ("uit_de_run", .array(fromRun.map { .string($0) })),
            ("uit_de_verklaring", .array(fromDeclaration.map { .string($0) })),
            ("open_velden", .array(open.map { .string($0) })),
            ("strijdig_met_standaard", .array(RegisterRules.violations(registration).map { .string($0) })),
        ])
    }

    package var rendered: String { json.rendered }
}

/// The rows of the IAMA crosswalk: topics, and answer templates filled from the run.
package enum IAMAText: String, Catalogued {
    case sourcesTopic, sourcesAnswer, qualityTopic, qualityAnswer, representativenessTopic, representativenessAnswer
    case typeTopic, typeAnswer, accuracyTopic, accuracyItem, criteriaTopic, criteriaAnswer, testingTopic, testingAnswer
    case biasTopic, biasAnswer, wrongTopic, wrongItem, explainTopic, explainAnswer, auditTopic, auditAnswer
    case effectivenessTopic, effectivenessAnswer
    case purposeTopic, legalTopic, rightsTopic, proportionalityTopic

    package var text: Bilingual {
        switch self {
        case .sourcesTopic: Bilingual(en: "Data sources", nl: "Gegevensbronnen")
        case .sourcesAnswer:
            Bilingual(en: "{posts} posts from {archives} archives ({platforms}), {first} to {last}. Labels from: {sources}.",
                      nl: "{posts} berichten uit {archives} archieven ({platforms}), {first} tot en met {last}. Labels van: "
                          + "{sources}.")
        case .qualityTopic: Bilingual(en: "Data quality", nl: "Kwaliteit van de gegevens")
        case .qualityAnswer:
            Bilingual(en: "{quarantined} of {records} records set aside, {duplicates} duplicates dropped (annex B). "
                          + "Agreement between annotators: {agreement}.",
                      nl: "{quarantined} van {records} records apart gezet, {duplicates} dubbele berichten verwijderd "
                          + "(bijlage B). Overeenstemming tussen annotatoren: {agreement}.")
        case .representativenessTopic: Bilingual(en: "Representativeness and bias in the data", nl: "Representativiteit en bias in de gegevens")
        case .representativenessAnswer:
            Bilingual(en: "{labelled} accounts with a decided label, {prevalence} of them in campaigns; {unlabelled} without "
                          + "a label. {cells} group cells checked for unequal false-positive rates, {suppressed} suppressed "
                          + "as too small (section 6).",
                      nl: "{labelled} accounts met een vastgesteld label, waarvan {prevalence} in campagnes; {unlabelled} "
                          + "zonder label. {cells} groepscellen gecontroleerd op ongelijke fout-positieffracties, "
                          + "{suppressed} onderdrukt omdat ze te klein zijn (hoofdstuk 6).")
        case .typeTopic: Bilingual(en: "Type of algorithm", nl: "Soort algoritme")
        case .typeAnswer:
            Bilingual(en: "{methods}: described in the method cards (section 4). Each ran as declared code with fixed "
                          + "parameters; none saw the labels of this evaluation.",
                      nl: "{methods}: beschreven in de methodekaarten (hoofdstuk 4). Elke methode draaide als opgegeven "
                          + "code met vaste parameters; geen enkele zag de labels van deze evaluatie.")
        case .accuracyTopic: Bilingual(en: "Accuracy", nl: "Nauwkeurigheid")
        case .accuracyItem:
            Bilingual(en: "{method}: precision {precision}, recall {recall}, F1 {f1}",
                      nl: "{method}: precisie {precision}, recall {recall}, F1 {f1}")
        case .criteriaTopic: Bilingual(en: "Criteria and thresholds", nl: "Criteria en drempels")
        case .criteriaAnswer:
            Bilingual(en: "Each method's operating point was declared in the pipeline; for {fixed} of {methods} methods the "
                          + "provenance log shows it was fixed before the labels were read.",
                      nl: "Het werkpunt van elke methode stond in de pijplijn; voor {fixed} van de {methods} methoden laat het "
                          + "herkomstlogboek zien dat het vastlag voordat de labels werden gelezen.")
        case .testingTopic: Bilingual(en: "Testing", nl: "Testen")
        case .testingAnswer:
            Bilingual(en: "Sealed evaluation on {labelled} labelled accounts the methods never saw; {level}% intervals "
                          + "({interval}); exact McNemar tests between methods with Holm's correction.",
                      nl: "Afgeschermde evaluatie op {labelled} gelabelde accounts die de methoden nooit zagen; "
                          + "{level}%-intervallen ({interval}); exacte McNemar-toetsen tussen methoden met de correctie van "
                          + "Holm.")
        case .biasTopic: Bilingual(en: "Bias and its mitigation", nl: "Bias en het beperken ervan")
        case .biasAnswer:
            Bilingual(en: "{high} shown group cells reach twice the overall false-positive rate or more (section 6). This "
                          + "run measures unequal errors; it does not correct them.",
                      nl: "{high} getoonde groepscellen komen op twee keer de fout-positieffractie over alles of meer "
                          + "(hoofdstuk 6). Deze run meet ongelijke fouten; hij corrigeert ze niet.")
        case .wrongTopic: Bilingual(en: "How often it is wrong", nl: "Hoe vaak het misgaat")
        case .wrongItem:
            Bilingual(en: "{method}: about {n} of every 1000 legitimate accounts flagged by mistake",
                      nl: "{method}: ongeveer {n} van elke 1000 legitieme accounts ten onrechte aangewezen")
        case .explainTopic: Bilingual(en: "Explainability", nl: "Uitlegbaarheid")
        case .explainAnswer:
            Bilingual(en: "Every method hands in, with its detections, the shared objects and times behind each flagged "
                          + "link or group, for the analyst to check. Whether analysts can act on that is not measured here.",
                      nl: "Elke methode levert bij de aanwijzingen de gedeelde objecten en tijden achter elke aangewezen "
                          + "koppeling of groep, zodat de analist ze kan controleren. Of analisten daar goed mee uit de voeten "
                          + "kunnen, is hier niet gemeten.")
        case .auditTopic: Bilingual(en: "Evaluation and audit", nl: "Evaluatie en audit")
        case .auditAnswer:
            Bilingual(en: "Every figure traces to the input, code and output digests in annex D; the run can be checked "
                          + "offline with toets verify.",
                      nl: "Elk getal is te herleiden tot de digests van invoer, code en uitvoer in bijlage D; de run is offline "
                          + "te controleren met toets verify.")
        case .effectivenessTopic: Bilingual(en: "Effectiveness", nl: "Doeltreffendheid")
        case .effectivenessAnswer:
            Bilingual(en: "Of every 100 accounts flagged, between about {low} and {high} belong to a campaign, depending on "
                          + "the method; recall ranges from {recallLow} to {recallHigh}.",
                      nl: "Van elke 100 aangewezen accounts horen er, afhankelijk van de methode, tussen ongeveer {low} en "
                          + "{high} bij een campagne; de recall loopt van {recallLow} tot {recallHigh}.")
        case .purposeTopic: Bilingual(en: "Purpose and public values", nl: "Doel en publieke waarden")
        case .legalTopic: Bilingual(en: "Legal basis", nl: "Wettelijke grondslag")
        case .rightsTopic: Bilingual(en: "Fundamental rights affected", nl: "Geraakte grondrechten")
        case .proportionalityTopic:
            Bilingual(en: "Necessity, subsidiarity and proportionality", nl: "Noodzakelijkheid, subsidiariteit en proportionaliteit")
        }
    }
}

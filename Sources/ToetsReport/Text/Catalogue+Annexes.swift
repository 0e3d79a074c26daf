/// Sections 8 and 9: limitations and annexes.
package enum AnnexText: String, Catalogued {
    case limitationsHeading, limitationsIntro, limitationsFixed, limitationUnlabelled, limitationSuppressed
    case limitationMissing, limitationNotFixed, limitationFewPositives, notesHeading
    case annexesHeading, anonymisationHeading, anonymisationIntro, anonKeyID, anonFormat, anonPosts, anonAccounts
    case anonReplacedCaption, anonTextCaption, anonKind, anonKept, anonDropped, anonGeneralisedCaption, anonField, anonHow
    case anonK, anonLevel, anonSuppressed
    case ingestHeading, ingestIntro, ingestArchives, ingestEntries, ingestRecords, ingestPosts, ingestDuplicates
    case ingestQuarantined, ingestPeriod, ingestFormatsCaption, ingestPlatformsCaption, ingestReasonsCaption, ingestFormat
    case ingestPlatform, ingestReason
    case iamaHeading, iamaIntro, iamaCaption, iamaQuestion, iamaTopic, iamaAnswer, iamaOpen, iamaNumbering
    case reproHeading, reproIntro, reproTool, reproCommit, reproCommand, reproHardwareCaption, reproSeedsCaption
    case reproInputsCaption, reproOutputsCaption, reproTimingsCaption, reproSeed, reproArtefact, reproVerify
    case reproStoredCopy

    package var text: Bilingual {
        switch self {
        case .limitationsHeading: Bilingual(en: "8. Limitations", nl: "8. Beperkingen")
        case .limitationsIntro: Bilingual(en: "What this evaluation cannot show:", nl: "Wat deze evaluatie niet kan laten zien:")
        case .limitationsFixed:
            Bilingual(en: "The ground truth holds only what annotators could recognise; campaigns they did not know of are "
                          + "missing from it, so recall may be lower than measured.|The data cover one period around one "
                          + "election on the platforms collected; the figures need not hold for other periods, platforms "
                          + "or languages, nor for adversaries who adapt to a method once it is known.|Intervals cover "
                          + "sampling variation, not errors in the labels themselves.|The figures say how methods behave on "
                          + "accounts, not whether any flagged behaviour was foreign, illegal or harmful.|A method that "
                          + "does well here has not been shown to respect fundamental rights in use: that depends on the "
                          + "process around it, which this evaluation does not test.",
                      nl: "De grondwaarheid bevat alleen wat annotatoren konden herkennen; campagnes die zij niet kenden "
                          + "ontbreken, dus de recall kan lager zijn dan gemeten.|De gegevens beslaan één periode rond één "
                          + "verkiezing op de verzamelde platforms; de getallen hoeven niet te gelden voor andere perioden, "
                          + "platforms of talen, of voor tegenstanders die zich aanpassen zodra een methode bekend is.|De "
                          + "intervallen dekken toevalsvariatie, niet fouten in de labels zelf.|De getallen zeggen hoe "
                          + "methoden zich gedragen op accounts, niet of aangewezen gedrag buitenlands, onrechtmatig of "
                          + "schadelijk was.|Dat een methode het hier goed doet, laat niet zien dat hij in gebruik de "
                          + "grondrechten respecteert: dat hangt af van het proces eromheen, en dat toetst deze evaluatie "
                          + "niet.")
        case .limitationUnlabelled:
            Bilingual(en: "{n} accounts in the data have no label. They are left out of the figures; if many of them "
                          + "belong to campaigns, the true precision is higher than measured, and if few do, it is as "
                          + "measured or lower.",
                      nl: "{n} accounts in de gegevens hebben geen label. Ze tellen niet mee; als veel ervan bij campagnes "
                          + "horen, is de echte precisie hoger dan gemeten, en als weinig erbij horen, gelijk of lager.")
        case .limitationSuppressed:
            Bilingual(en: "{n} group cells hold fewer than {threshold} labelled accounts and are suppressed: for those "
                          + "groups this report says nothing.",
                      nl: "{n} groepscellen bevatten minder dan {threshold} gelabelde accounts en zijn onderdrukt: over die "
                          + "groepen zegt dit rapport niets.")
        case .limitationMissing:
            Bilingual(en: "{method} gave no score to {n} labelled accounts; they count as not flagged.",
                      nl: "{method} gaf {n} gelabelde accounts geen score; die tellen als niet aangewezen.")
        case .limitationNotFixed:
            Bilingual(en: "For {method} the provenance log does not show that the operating point was fixed before the "
                          + "labels were read.",
                      nl: "Voor {method} laat het herkomstlogboek niet zien dat het werkpunt vastlag voordat de labels "
                          + "werden gelezen.")
        case .limitationFewPositives:
            Bilingual(en: "Only {n} campaign accounts are labelled; every figure about finding them is uncertain.",
                      nl: "Er zijn maar {n} campagne-accounts gelabeld; elk getal over het vinden ervan is onzeker.")
        case .notesHeading: Bilingual(en: "Notes recorded by the run", nl: "Opmerkingen vastgelegd door de run")

        case .annexesHeading: Bilingual(en: "9. Annexes", nl: "9. Bijlagen")
        case .anonymisationHeading: Bilingual(en: "A. Anonymisation", nl: "A. Anonimisering")
        case .anonymisationIntro:
            Bilingual(en: "Methods and this report saw pseudonymised data only. Pseudonyms are keyed hashes; the key stays "
                          + "with the data holder and is named here by its id only.",
                      nl: "Methoden en dit rapport zagen alleen gepseudonimiseerde gegevens. Pseudoniemen zijn hashes met "
                          + "een sleutel; die sleutel blijft bij de gegevenshouder en wordt hier alleen met zijn id genoemd.")
        case .anonKeyID: Bilingual(en: "Key id", nl: "Sleutel-id")
        case .anonFormat: Bilingual(en: "Pseudonym format", nl: "Vorm van de pseudoniemen")
        case .anonPosts: Bilingual(en: "Posts", nl: "Berichten")
        case .anonAccounts: Bilingual(en: "Accounts", nl: "Accounts")
        case .anonReplacedCaption: Bilingual(en: "Identifiers replaced by pseudonyms", nl: "Identificatoren vervangen door pseudoniemen")
        case .anonTextCaption:
            Bilingual(en: "Personal data in texts replaced by typed tokens", nl: "Persoonsgegevens in teksten vervangen door getypeerde tokens")
        case .anonKind: Bilingual(en: "Kind", nl: "Soort")
        case .anonKept: Bilingual(en: "Kept", nl: "Behouden")
        case .anonDropped: Bilingual(en: "Dropped", nl: "Weggelaten")
        case .anonGeneralisedCaption: Bilingual(en: "Generalised fields", nl: "Gegeneraliseerde velden")
        case .anonField: Bilingual(en: "Field", nl: "Veld")
        case .anonHow: Bilingual(en: "How", nl: "Hoe")
        case .anonK: Bilingual(en: "k-anonymity", nl: "k-anonimiteit")
        case .anonLevel: Bilingual(en: "Generalisation level reached", nl: "Bereikt generalisatieniveau")
        case .anonSuppressed:
            Bilingual(en: "Accounts whose metadata was suppressed", nl: "Accounts waarvan de metadata is onderdrukt")
        case .ingestHeading: Bilingual(en: "B. The data read", nl: "B. De ingelezen gegevens")
        case .ingestIntro:
            Bilingual(en: "What the ingest stage read, and what it refused and why.",
                      nl: "Wat de inleesstap las, en wat hij weigerde en waarom.")
        case .ingestArchives: Bilingual(en: "Archives", nl: "Archieven")
        case .ingestEntries: Bilingual(en: "Files in them", nl: "Bestanden daarin")
        case .ingestRecords: Bilingual(en: "Records read", nl: "Gelezen records")
        case .ingestPosts: Bilingual(en: "Posts kept", nl: "Behouden berichten")
        case .ingestDuplicates: Bilingual(en: "Duplicates dropped", nl: "Verwijderde dubbele berichten")
        case .ingestQuarantined: Bilingual(en: "Records set aside (quarantine)", nl: "Apart gezette records (quarantaine)")
        case .ingestPeriod: Bilingual(en: "Period of the posts", nl: "Periode van de berichten")
        case .ingestFormatsCaption: Bilingual(en: "Posts per source format", nl: "Berichten per bronformaat")
        case .ingestPlatformsCaption: Bilingual(en: "Posts per platform", nl: "Berichten per platform")
        case .ingestReasonsCaption: Bilingual(en: "Why records were set aside", nl: "Waarom records apart zijn gezet")
        case .ingestFormat: Bilingual(en: "Format", nl: "Formaat")
        case .ingestPlatform: Bilingual(en: "Platform", nl: "Platform")
        case .ingestReason: Bilingual(en: "Reason", nl: "Reden")
        case .iamaHeading: Bilingual(en: "C. IAMA crosswalk", nl: "C. Koppeling met het IAMA")
        case .iamaIntro:
            Bilingual(en: "Questions of the Impact Assessment Mensenrechten en Algoritmes (2021) that this run can answer "
                          + "from measured facts, with the answer; legal basis and proportionality as the pipeline declares "
                          + "them (annex F); the questions that only the reviewers can answer, or that the pipeline leaves "
                          + "undeclared, are listed as open.",
                      nl: "Vragen uit het Impact Assessment Mensenrechten en Algoritmes (2021) die deze run met gemeten "
                          + "feiten kan beantwoorden, met het antwoord; grondslag en proportionaliteit zoals de pijplijn ze "
                          + "verklaart (bijlage F); de vragen die alleen de beoordelaars kunnen beantwoorden, of die de "
                          + "pijplijn niet verklaart, staan als open vermeld.")
        case .iamaCaption: Bilingual(en: "IAMA questions and what the run can say", nl: "IAMA-vragen en wat de run kan zeggen")
        case .iamaQuestion: Bilingual(en: "IAMA", nl: "IAMA")
        case .iamaTopic: Bilingual(en: "Topic", nl: "Onderwerp")
        case .iamaAnswer: Bilingual(en: "From this run", nl: "Uit deze run")
        case .iamaOpen: Bilingual(en: "Open: for the reviewers.", nl: "Open: voor de beoordelaars.")
        case .iamaNumbering:
            Bilingual(en: "Question numbers follow the parts of the IAMA of July 2021; check them against the version your "
                          + "organisation uses.",
                      nl: "De vraagnummers volgen de onderdelen van het IAMA van juli 2021; controleer ze tegen de versie die "
                          + "uw organisatie gebruikt.")
        case .reproHeading: Bilingual(en: "D. Reproducibility", nl: "D. Reproduceerbaarheid")
        case .reproIntro:
            Bilingual(en: "Everything needed to redo this run and check, byte for byte, that it gives the same results.",
                      nl: "Alles wat nodig is om deze run over te doen en byte voor byte te controleren dat hij dezelfde "
                          + "resultaten geeft.")
        case .reproStoredCopy:
            Bilingual(en: "This is the report stage's own copy, which holds only what its inputs determine, so that it has "
                          + "the same digest on every machine. The copy that toets run publishes in reports/<pipeline>/run-<n>/ "
                          + "adds the tool's version and commit, the exact command, the machine, every artefact of the run "
                          + "and the time of each stage.",
                      nl: "Dit is de eigen kopie van de rapportstap, met alleen wat de invoer bepaalt, zodat ze op elke "
                          + "machine dezelfde digest heeft. De kopie die toets run publiceert in reports/<pijplijn>/run-<n>/ "
                          + "voegt de versie en commit van het gereedschap toe, de exacte opdracht, de machine, elk artefact "
                          + "van de run en de tijd van elke stap.")
        case .reproTool: Bilingual(en: "Tool version", nl: "Versie van het gereedschap")
        case .reproCommit: Bilingual(en: "Source commit", nl: "Broncode-commit")
        case .reproCommand: Bilingual(en: "Command", nl: "Opdracht")
        case .reproHardwareCaption: Bilingual(en: "Machine", nl: "Machine")
        case .reproSeedsCaption: Bilingual(en: "Random seeds", nl: "Startwaarden van de toevalsgenerator")
        case .reproInputsCaption: Bilingual(en: "Inputs", nl: "Invoer")
        case .reproOutputsCaption: Bilingual(en: "Outputs", nl: "Uitvoer")
        case .reproTimingsCaption: Bilingual(en: "Time per stage", nl: "Tijd per stap")
        case .reproSeed: Bilingual(en: "Seed", nl: "Startwaarde")
        case .reproArtefact: Bilingual(en: "Artefact", nl: "Artefact")
        case .reproVerify:
            Bilingual(en: "To check the run offline: toets verify --rerun, which recomputes every step and compares "
                          + "digests.",
                      nl: "Om de run offline te controleren: toets verify --rerun, dat elke stap opnieuw berekent en de "
                          + "digests vergelijkt.")
        }
    }
}

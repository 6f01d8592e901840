"""Goal hierarchies for the two demo regions, as plain data.

Region Norrbotten (NORRBOTTEN) follows Division Regionstöd's delårsrapport augusti 2022
(shared/seeds/003): the five perspectives, the strategic goals and success factors in its
summary table, the könsuppdelade styrmått (sick leave < 4,8 %, HME, MAU indices), the
activities described per verksamhetsområde and the assignments in "Återrapportering av
uppdrag". Region Västernorrland (VASTERNORRLAND) follows Regionledningsförvaltningen's
verksamhetsplan 2020 with balanserat styrkort (shared/seeds/002): the four perspectives,
their inriktningsmål and strategiska områden, the mått with källa, jämförelsetal, målnivå
and uppföljning, the projects in bilaga 17 and the regiondirektör's prioriterade områden.
Where a seed is silent (Norrbotten's goals in Samhälle and Medborgare, some measures,
units, people and dates) the values are plausible fills. Outcomes are left out on purpose.

Dates are month-day; the year is added when seeding. Unit codes are those of
regionplan.demo.NORRBOTTEN_UNITS and VASTERNORRLAND_UNITS.
"""

from __future__ import annotations

NORRBOTTEN = {
    "labels": {
        "goal": ("strategiskt mål", "strategiska mål"),
        "factor": ("framgångsfaktor", "framgångsfaktorer"),
        "measure": ("styrmått", "styrmått"),
        "activity": ("aktivitet", "aktiviteter"),
        "assignment": ("uppdrag", "uppdrag"),
    },
    "perspectives": ["Samhälle", "Medborgare", "Verksamhet", "Medarbetare", "Ekonomi"],
    "goals": [
        # ------------------------------------------------------------------ Samhälle
        {
            "code": "SM-SA1", "perspective": "Samhälle", "unit": "NLL",
            "name": "Attraktiv region",
            "description": "Norrbotten ska vara en attraktiv och hållbar region att bo, leva och "
                           "verka i. Regionens egen verksamhet ska bidra genom minskad miljöpåverkan "
                           "och en robust beredskap.",
            "factors": [
                {
                    "code": "FF-SA1", "unit": "RS", "name": "Minskad klimat- och miljöpåverkan",
                    "description": "Regionens resor, transporter och lokaler ska ge så liten "
                                   "klimatpåverkan som möjligt.",
                    "measures": [
                        {
                            "code": "M-SJR-TAG", "unit": "DRS-SJR",
                            "name": "Andel sjukresor med tåg och övrig kollektivtrafik",
                            "description": "Antal sjukresor med tåg, buss eller annan kollektivtrafik "
                                           "i procent av samtliga ersatta sjukresor.",
                            "measure_unit": "%", "direction": "higher", "target": "Öka",
                            "baseline": None, "source": "Sjukresesystemet", "external_code": "",
                            "frequency": "tertial", "split_by_sex": False, "adopted_by": [],
                            "activities": [
                                {"code": "A-SJR-FILM", "unit": "DRS-SJR",
                                 "name": "Ta fram film tillsammans med Regionala kollektivtrafik"
                                         "myndigheten (RKM) för att öka nyttjandet av tåg vid sjukresor",
                                 "responsible": "Verksamhetschef Sjukresor", "start": "02-01", "end": "10-31"},
                            ],
                        },
                    ],
                },
                {
                    "code": "FF-SA2", "unit": "DRS", "name": "Säkerställd beredskap och resurstillgång",
                    "description": "Säkra lokaler och tillgång till vårdkritiskt material även vid "
                                   "katastrof, krig, brand eller pandemi. Beredskapsarbetet har trappats "
                                   "upp inom IT/MT, fastigheter, inköp/upphandling samt material- och "
                                   "livsmedelsförsörjning.",
                    "measures": [
                        {
                            "code": "M-KRITMTRL", "unit": "DRS-FM-MHM",
                            "name": "Kontroll av lagerstatus för vårdkritiskt material genomförd",
                            "description": "Kontroll enligt internkontrollplanen av att lagret av "
                                           "vårdkritiskt material och produkter räcker. Ja/Nej per tertial.",
                            "measure_unit": "ja/nej", "direction": "yesno", "target": "Ja",
                            "baseline": None, "source": "Internkontroll, lagersystem", "external_code": "",
                            "frequency": "tertial", "split_by_sex": False, "adopted_by": [],
                            "activities": [
                                {"code": "A-LAGERKONTR", "unit": "DRS-FM-MHM",
                                 "name": "Kontrollera lagerstatus för vårdkritiskt material",
                                 "responsible": "Enhetschef Material och hjälpmedel", "start": "01-15", "end": "12-15"},
                                {"code": "A-LAGERLOGISTIK", "unit": "DRS-FM-MHM",
                                 "name": "Formulera projektbeskrivning för arbetssätt och logistik i lagren",
                                 "responsible": "Verksamhetschef Facility Management", "start": "09-01", "end": "12-31"},
                            ],
                        },
                        {
                            "code": "M-BEREDSK-FAST", "unit": "DRS-FAST",
                            "name": "Beredskap för byggnader och fastighetssystem säkerställd",
                            "description": "Byggnader och fastighetssystem klarar fastställd inställelsetid "
                                           "och uthållighet. Ja/Nej.",
                            "measure_unit": "ja/nej", "direction": "yesno", "target": "Ja",
                            "baseline": None, "source": "Internkontroll", "external_code": "",
                            "frequency": "delar", "split_by_sex": False, "adopted_by": [],
                            "activities": [
                                {"code": "A-BEREDSK-FAST", "unit": "DRS-FAST",
                                 "name": "Genomgång av beredskap i byggnader och fastighetssystem "
                                         "(inställelsetid och uthållighet)",
                                 "responsible": "Säkerhetssamordnare Fastigheter", "start": "01-10", "end": "11-30"},
                            ],
                        },
                    ],
                },
            ],
        },
        # ---------------------------------------------------------------- Medborgare
        {
            "code": "SM-ME1", "perspective": "Medborgare", "unit": "NLL",
            "name": "Nöjda medborgare",
            "description": "Medborgarna ska ha förtroende för regionens verksamhet och få god service "
                           "och ett gott bemötande.",
            "factors": [
                {
                    "code": "FF-ME1", "unit": "RS", "name": "Förtroende för, och kunskap om, verksamheten",
                    "description": "Medborgarna ska känna till och ha förtroende för de tjänster "
                                   "regionen erbjuder, till exempel sjukresor och patienthotell.",
                    "measures": [
                        {
                            "code": "M-SJR-DIGI", "unit": "DRS-SJR",
                            "name": "Andel sjukresor bokade via digital tjänst",
                            "description": "Sjukresor bokade av patienten via digital tjänst i procent av "
                                           "samtliga bokade sjukresor.",
                            "measure_unit": "%", "direction": "higher", "target": "Öka",
                            "baseline": None, "source": "Sjukresesystemet", "external_code": "",
                            "frequency": "tertial", "split_by_sex": True, "adopted_by": [],
                            "activities": [
                                {"code": "A-SJR-ORG", "unit": "DRS-SJR",
                                 "name": "Översyn av organisationsstruktur och digitalisering av sjukresor "
                                         "i samverkan med norrregionerna, RKM och externa leverantörer",
                                 "responsible": "Verksamhetschef Sjukresor", "start": "01-01", "end": "12-31"},
                            ],
                        },
                        {
                            "code": "M-PATHOT", "unit": "DRS-FM-KS",
                            "name": "Andel nöjda gäster på patienthotellen",
                            "description": "Andel gäster som i gästenkäten svarar att de är nöjda eller "
                                           "mycket nöjda med sin vistelse.",
                            "measure_unit": "%", "direction": "higher", "target": ">= 90",
                            "baseline": None, "source": "Gästenkät", "external_code": "",
                            "frequency": "year", "split_by_sex": True, "adopted_by": [],
                            "activities": [
                                {"code": "A-PATHOT-ENK", "unit": "DRS-FM-KS",
                                 "name": "Genomföra gästenkät på patienthotellen",
                                 "responsible": "Enhetschef Kundservice", "start": "03-01", "end": "04-30"},
                            ],
                        },
                    ],
                },
            ],
        },
        # ---------------------------------------------------------------- Verksamhet
        {
            "code": "SM-VE1", "perspective": "Verksamhet", "unit": "NLL",
            "name": "God, nära och samordnad vård",
            "description": "Regionens vård ska vara god, nära och samordnad. Division Regionstöd "
                           "bidrar med kostnadseffektivt samordnat stöd och utveckling till divisioner, "
                           "avdelningar och medborgare. Målsättningen för 2022 är bibehållen "
                           "produktivitet, tillgänglighet och kundnöjdhet, samt förbättrad kvalitet "
                           "inom Fastigheter och IT/MT-stöd.",
            "factors": [
                {
                    "code": "FF-VE1", "unit": "RS", "name": "Produktivitet",
                    "description": "Bibehållen eller ökad produktivitet trots minskade ramar.",
                    "measures": [
                        {
                            "code": "M-LOK-PROD", "unit": "DRS-FM-LOK",
                            "name": "Städad yta per arbetad timme, lokalvård",
                            "description": "Kvadratmeter städad yta per arbetad timme i lokalvården. "
                                           "Målnivå 2022: bibehållen nivå.",
                            "measure_unit": "antal", "direction": "higher", "target": ">= 210",
                            "baseline": (2021, "210"), "source": "Heroma, lokalvårdens städplaner",
                            "external_code": "", "frequency": "tertial", "split_by_sex": False,
                            "adopted_by": [],
                            "activities": [
                                {"code": "A-STADROBOT", "unit": "DRS-FM-LOK",
                                 "name": "Testa städrobot från ny leverantör",
                                 "responsible": "Enhetschef Lokalvård", "start": "10-01", "end": "12-31"},
                                {"code": "A-LOK-SCHEMA", "unit": "DRS-FM-LOK",
                                 "name": "Förändrad schemaläggning i lokalvården",
                                 "responsible": "Enhetschef Lokalvård", "start": "01-01", "end": "06-30"},
                            ],
                        },
                    ],
                },
                {
                    "code": "FF-VE2", "unit": "RS", "name": "Kvalitet/leveranssäkerhet",
                    "description": "Förbättrad kvalitet inom Fastigheter (hållbart underhåll) och "
                                   "IT/MT-stöd (IT-säkerhet), bibehållen kvalitet i övriga verksamheter.",
                    "measures": [
                        {
                            "code": "M-MAJINC", "unit": "DRS-ITMT",
                            "name": "Antal avvikelser med risk för allvarlig konsekvens (major incidents)",
                            "description": "Antal IT/MT-incidenter klassade som major incident under perioden.",
                            "measure_unit": "antal", "direction": "lower", "target": "Minska",
                            "baseline": None, "source": "Ärendehanteringssystem IT/MT", "external_code": "",
                            "frequency": "month", "split_by_sex": False, "adopted_by": ["DRS-ITMT-DRIFT"],
                            "activities": [
                                {"code": "A-ITSAK", "unit": "DRS-ITMT-DRIFT",
                                 "name": "Genomföra åtgärder för stärkt IT-säkerhet enligt regionstyrelsens beslut",
                                 "responsible": "Enhetschef IT-drift", "start": "01-01", "end": "12-31"},
                                {"code": "A-ANDRPROC", "unit": "DRS-ITMT-DRIFT",
                                 "name": "Förkorta ändringsprocessen genom ändrade arbetssätt, pilottest "
                                         "inom infrastruktur",
                                 "responsible": "Enhetschef IT-drift", "start": "09-01", "end": "12-31"},
                            ],
                        },
                        {
                            "code": "M-MTP-UH", "unit": "DRS-ITMT-MT",
                            "name": "Andel utfört förebyggande underhåll, MT-produkter med risktal över 19",
                            "description": "Utfört förebyggande underhåll på medicintekniska produkter med "
                                           "risktal >19 i procent av planerat underhåll.",
                            "measure_unit": "%", "direction": "higher", "target": "100",
                            "baseline": None, "source": "MT-underhållssystem", "external_code": "",
                            "frequency": "tertial", "split_by_sex": False, "adopted_by": [],
                            "activities": [
                                {"code": "A-MTP-ANSVAR", "unit": "DRS-ITMT-MT",
                                 "name": "Ge MT-chefen utpekat ansvar att driva kvalitetsarbetet kring MTP",
                                 "responsible": "Verksamhetschef IT/MT-stöd", "start": "09-01", "end": "10-31"},
                            ],
                        },
                        {
                            "code": "M-FELUH", "unit": "DRS-FAST",
                            "name": "Andel felavhjälpande underhåll i regionens fastigheter",
                            "description": "Kostnad för felavhjälpande underhåll i procent av total "
                                           "underhållskostnad.",
                            "measure_unit": "%", "direction": "lower", "target": "Minska",
                            "baseline": None, "source": "Fastighetssystemet, Raindance", "external_code": "",
                            "frequency": "tertial", "split_by_sex": False, "adopted_by": [],
                            "activities": [
                                {"code": "A-ARBORDER", "unit": "DRS-FAST",
                                 "name": "Automatiska månatliga arbetsordrar för tillsyn och skötsel, "
                                         "start på Gällivare sjukhus",
                                 "responsible": "Förvaltare Gällivare sjukhus", "start": "01-01", "end": "12-31"},
                            ],
                        },
                    ],
                },
                {
                    "code": "FF-VE3", "unit": "RS", "name": "Tillgänglighet",
                    "description": "Bibehållen tillgänglighet till divisionens stöd och service.",
                    "measures": [
                        {
                            "code": "M-ITTILLG", "unit": "DRS-ITMT-DRIFT",
                            "name": "Tillgänglighet i verksamhetskritiska IT-system",
                            "description": "Tid då verksamhetskritiska system är tillgängliga i procent av "
                                           "överenskommen öppettid.",
                            "measure_unit": "%", "direction": "higher", "target": ">= 99,5",
                            "baseline": (2021, "99,5"), "source": "Driftövervakning", "external_code": "",
                            "frequency": "month", "split_by_sex": False, "adopted_by": [],
                            "activities": [
                                {"code": "A-FU-SCHEMA", "unit": "DRS-ITMT-DRIFT",
                                 "name": "Säkerställa att alla IT-system har ett förebyggande underhållsschema",
                                 "responsible": "Enhetschef IT-drift", "start": "01-01", "end": "06-30"},
                            ],
                        },
                        {
                            "code": "M-VAXEL", "unit": "DRS-FM-KS",
                            "name": "Andel besvarade samtal i regionväxeln",
                            "description": "Besvarade samtal i procent av inkommande samtal till regionväxeln.",
                            "measure_unit": "%", "direction": "higher", "target": ">= 90",
                            "baseline": (2021, "90"), "source": "Växelsystemet", "external_code": "",
                            "frequency": "month", "split_by_sex": False, "adopted_by": [],
                            "activities": [],
                        },
                    ],
                },
                {
                    "code": "FF-VE4", "unit": "DRS", "name": "Kundnöjdhet/servicenivå",
                    "description": "Divisionens kunder ska vara nöjda med stöd och service. En "
                                   "divisionsgemensam kundundersökning ger underlag för analys av "
                                   "kvalitet, tillgänglighet och servicenivå.",
                    "measures": [
                        {
                            "code": "M-KUNDNKI", "unit": "DRS",
                            "name": "Kundnöjdhet, divisionsgemensam kundundersökning",
                            "description": "Nöjd kund-index i divisionens gemensamma kundundersökning. "
                                           "Nytt mått; målnivå sätts efter första mätningen.",
                            "measure_unit": "index", "direction": "higher", "target": "",
                            "baseline": None, "source": "Kundundersökning", "external_code": "",
                            "frequency": "year", "split_by_sex": False,
                            "adopted_by": ["DRS-FM", "DRS-HRE", "DRS-ITMT", "DRS-IOF", "DRS-FAST"],
                            "activities": [
                                {"code": "A-KUNDUND", "unit": "DRS-GEM",
                                 "name": "Skicka ut divisionsgemensam kundundersökning",
                                 "responsible": "Verksamhetsutvecklare Divisionsgemensamt", "start": "09-01", "end": "10-31"},
                                {"code": "A-BESTSAMV", "unit": "DRS-GEM",
                                 "name": "Strukturerade processmöten med beställare och förslag på tjänstekatalog",
                                 "responsible": "Divisionschef", "start": "02-01", "end": "12-31"},
                                {"code": "A-BENCHMARK", "unit": "DRS-GEM",
                                 "name": "Benchmarking inom IT/MT-stöd, Fastigheter och FM, sammanfattas på divisionsnivå",
                                 "responsible": "Controller Division Regionstöd", "start": "03-01", "end": "12-31"},
                            ],
                        },
                    ],
                },
                {
                    "code": "FF-VE5", "unit": "RS", "name": "Kostnadseffektivitet",
                    "description": "Förbättrad kostnadseffektivitet i verksamheterna jämfört med tidigare år.",
                    "measures": [
                        {
                            "code": "M-KOSTPORT", "unit": "DRS-FM-KOST",
                            "name": "Kostnad per portion, patientmåltider",
                            "description": "Kostverksamhetens totala kostnad för patientmåltider dividerad "
                                           "med antal serverade portioner.",
                            "measure_unit": "kr", "direction": "lower", "target": "Minska",
                            "baseline": None, "source": "Raindance, kostdatasystem", "external_code": "",
                            "frequency": "tertial", "split_by_sex": False, "adopted_by": [],
                            "activities": [
                                {"code": "A-KOST-PRIS", "unit": "DRS-FM-KOST",
                                 "name": "Översyn av priser och strukturerat sätt att korrigera priserna fortlöpande",
                                 "responsible": "Enhetschef Kostverksamhet", "start": "01-15", "end": "09-30"},
                                {"code": "A-KIOSK", "unit": "DRS-FM-KOST",
                                 "name": "Lägga ut kiosken på Sunderby sjukhus på extern leverantör",
                                 "responsible": "Enhetschef Kostverksamhet", "start": "03-01", "end": "11-30"},
                            ],
                        },
                        {
                            "code": "M-AVTAL", "unit": "DRS-IOF",
                            "name": "Andel inköp på avtal",
                            "description": "Inköpsvolym från leverantörer med giltigt avtal i procent av "
                                           "total inköpsvolym.",
                            "measure_unit": "%", "direction": "higher", "target": "Öka",
                            "baseline": None, "source": "Raindance, spendanalys", "external_code": "",
                            "frequency": "tertial", "split_by_sex": False, "adopted_by": [],
                            "activities": [
                                {"code": "A-AVTALSFORV", "unit": "DRS-IOF",
                                 "name": "Utveckla arbetssättet för avtalsförvaltarna",
                                 "responsible": "Inköpschef", "start": "01-01", "end": "12-31"},
                            ],
                        },
                    ],
                },
            ],
        },
        # --------------------------------------------------------------- Medarbetare
        {
            "code": "SM-MA1", "perspective": "Medarbetare", "unit": "NLL",
            "name": "Hållbar kompetensförsörjning",
            "description": "Regionen ska ha tillgång till rätt kompetens, en hållbar arbetsmiljö och "
                           "ett ledarskap och medarbetarskap som främjar förbättring och förnyelse.",
            "factors": [
                {
                    "code": "FF-MA1", "unit": "RS", "name": "Tillgänglig och rätt använd kompetens",
                    "description": "Återbesätta tjänster, nå fastställda bemanningsramar och stärka "
                                   "profilen som attraktiv arbetsgivare.",
                    "measures": [
                        {
                            "code": "M-AMBASS", "unit": "DRS",
                            "name": "Attraktiv arbetsgivare, ambassadörer, delaktighet i HME",
                            "description": "Index i medarbetarundersökningen (MAU) för hur många som kan "
                                           "rekommendera sin arbetsplats och upplever delaktighet. Könsuppdelat.",
                            "measure_unit": "index", "direction": "higher", "target": "Öka",
                            "baseline": None, "source": "Medarbetarundersökning (MAU)", "external_code": "",
                            "frequency": "year", "split_by_sex": True, "adopted_by": [],
                            "activities": [
                                {"code": "A-REKR-ITMT", "unit": "DRS-ITMT",
                                 "name": "Stärka profilen attraktiv arbetsgivare och anpassa rekryterings"
                                         "planeringen efter personalomsättningen",
                                 "responsible": "Verksamhetschef IT/MT-stöd", "start": "01-01", "end": "12-31"},
                            ],
                        },
                        {
                            "code": "M-ARSARB", "unit": "DRS",
                            "name": "Arbetad tid omvandlat till årsarbetare",
                            "description": "Arbetad tid omräknad till årsarbetare, jämförs med fastställd "
                                           "bemanningsram (605 årsarbetare för divisionen).",
                            "measure_unit": "antal", "direction": "follow", "target": "",
                            "baseline": None, "source": "Heroma", "external_code": "",
                            "frequency": "month", "split_by_sex": False,
                            "adopted_by": ["DRS-FM", "DRS-ITMT", "DRS-FAST"],
                            "activities": [
                                {"code": "A-KFP-FAST", "unit": "DRS-FAST",
                                 "name": "Ny organisering av Fastigheter i tre delar med teamledare samt "
                                         "rekrytering av underhållsingenjör, fastighetscontroller och brandingenjör",
                                 "responsible": "Verksamhetschef Fastigheter", "start": "01-01", "end": "10-31"},
                            ],
                        },
                        {
                            "code": "M-BEM-ITMT", "unit": "DRS-ITMT",
                            "name": "Antal medarbetare, IT/MT-stöd",
                            "description": "Antal anställda medarbetare inom IT/MT-stöd jämfört med "
                                           "bemanningsramen på 136.",
                            "measure_unit": "antal", "direction": "higher", "target": ">= 136",
                            "baseline": None, "source": "Heroma", "external_code": "",
                            "frequency": "month", "split_by_sex": True, "adopted_by": [],
                            "activities": [
                                {"code": "A-PERSBEROENDE", "unit": "DRS-ITMT",
                                 "name": "Riskanalys av personberoenden och plan för åtgärder",
                                 "responsible": "Verksamhetschef IT/MT-stöd", "start": "02-01", "end": "09-30"},
                            ],
                        },
                    ],
                },
                {
                    "code": "FF-MA2", "unit": "RS",
                    "name": "Ledarskap och medarbetarskap som främjar förbättring och förnyelse",
                    "description": "Tillitsbaserat ledarskap och utökad delaktighet för medarbetarna.",
                    "measures": [
                        {
                            "code": "M-LEDMED", "unit": "DRS",
                            "name": "Ledarskap/Medarbetarskap (MAU)",
                            "description": "Index för ledarskap och medarbetarskap i medarbetarundersökningen. "
                                           "Könsuppdelat.",
                            "measure_unit": "index", "direction": "higher", "target": "Öka",
                            "baseline": None, "source": "Medarbetarundersökning (MAU)", "external_code": "",
                            "frequency": "year", "split_by_sex": True, "adopted_by": [],
                            "activities": [
                                {"code": "A-TILLIT", "unit": "DRS-GEM",
                                 "name": "Chefsutbildning i tillitsbaserat ledarskap",
                                 "responsible": "HR-partner Division Regionstöd", "start": "02-01", "end": "11-30"},
                                {"code": "A-ROLLER", "unit": "DRS-GEM",
                                 "name": "Tydliggöra uppdrag, roller och ansvar i divisionen",
                                 "responsible": "Divisionschef", "start": "01-15", "end": "06-30"},
                            ],
                        },
                    ],
                },
                {
                    "code": "FF-MA3", "unit": "RS", "name": "Hållbar arbetsmiljö",
                    "description": "En arbetsmiljö där medarbetarna är friska och engagerade.",
                    "measures": [
                        {
                            "code": "M-SJUK", "unit": "DRS",
                            "name": "Sjukfrånvaro, regionens medarbetare",
                            "description": "Sjukfrånvarotimmar i procent av ordinarie arbetstid. "
                                           "Målnivå: minska (< 4,8 %). Könsuppdelat.",
                            "measure_unit": "%", "direction": "lower", "target": "< 4,8",
                            "baseline": None, "source": "Heroma", "external_code": "",
                            "frequency": "month", "split_by_sex": True,
                            "adopted_by": ["DRS-FM", "DRS-HRE", "DRS-ITMT", "DRS-FAST", "DRS-FM-LOK"],
                            "activities": [
                                {"code": "A-ATERHAMT", "unit": "DRS-FM",
                                 "name": "Arbetsmiljösatsningar med medel från Socialstyrelsens återhämtningsbonus",
                                 "responsible": "Verksamhetschef Facility Management", "start": "03-01", "end": "12-31"},
                            ],
                        },
                        {
                            "code": "M-HME", "unit": "DRS",
                            "name": "Totalindex i mätningen Hållbart medarbetarengagemang (HME)",
                            "description": "HME totalindex (motivation, ledarskap, styrning) i "
                                           "medarbetarundersökningen. Könsuppdelat.",
                            "measure_unit": "index", "direction": "higher", "target": "Öka",
                            "baseline": None, "source": "Medarbetarundersökning (MAU)", "external_code": "",
                            "frequency": "year", "split_by_sex": True,
                            "adopted_by": ["DRS-FM", "DRS-ITMT"],
                            "activities": [
                                {"code": "A-MAU", "unit": "DRS-GEM",
                                 "name": "Genomföra medarbetarundersökning och återkoppla på arbetsplatsträffar",
                                 "responsible": "HR-partner Division Regionstöd", "start": "10-01", "end": "12-15"},
                            ],
                        },
                    ],
                },
                {
                    "code": "FF-MA4", "unit": "RS", "name": "Ansvarsfullt chefs- och medarbetarskap",
                    "description": "Chefer och medarbetare tar ansvar för verksamhetens mål, ekonomi "
                                   "och arbetsmiljö.",
                    "measures": [
                        {
                            "code": "M-HMELED", "unit": "DRS",
                            "name": "HME ledarskap, index (MAU)",
                            "description": "Delindex ledarskap i HME. Könsuppdelat.",
                            "measure_unit": "index", "direction": "higher", "target": "Öka",
                            "baseline": None, "source": "Medarbetarundersökning (MAU)", "external_code": "",
                            "frequency": "year", "split_by_sex": True, "adopted_by": [],
                            "activities": [
                                {"code": "A-LONESAMR", "unit": "DRS-HRE",
                                 "name": "Utveckla lönesamrådsprocessen",
                                 "responsible": "Verksamhetschef HR/Ekonomi", "start": "01-15", "end": "09-30"},
                            ],
                        },
                    ],
                },
            ],
        },
        # ------------------------------------------------------------------- Ekonomi
        {
            "code": "SM-EK1", "perspective": "Ekonomi", "unit": "NLL",
            "name": "Långsiktigt hållbar ekonomi",
            "description": "Verksamheten ska bedrivas inom givna ekonomiska ramar och med god "
                           "kostnadseffektivitet.",
            "factors": [
                {
                    "code": "FF-EK1", "unit": "RS", "name": "Verksamheten håller sina ekonomiska ramar",
                    "description": "Åtgärdsplaner för underskotten inom IT/MT-stöd, restaurang/kost och "
                                   "lokalvård ska på sikt ge ekonomi i balans.",
                    "measures": [
                        {
                            "code": "M-BUDGAVV", "unit": "DRS",
                            "name": "Budgetavvikelse",
                            "description": "Ekonomiskt utfall jämfört med periodbudget, miljoner kronor.",
                            "measure_unit": "Mnkr", "direction": "higher", "target": ">= 0",
                            "baseline": None, "source": "Raindance", "external_code": "",
                            "frequency": "month", "split_by_sex": False,
                            "adopted_by": ["DRS-GEM", "DRS-FM", "DRS-HRE", "DRS-ITMT", "DRS-IOF",
                                           "DRS-FAST", "DRS-SJR"],
                            "activities": [
                                {"code": "A-ATGPLAN-FM", "unit": "DRS-FM",
                                 "name": "Åtgärdsplan för underskotten i restaurang/kost och lokalvård",
                                 "responsible": "Verksamhetschef Facility Management", "start": "02-01", "end": "12-31"},
                                {"code": "A-EKO-FLODEN", "unit": "DRS-HRE-EKO",
                                 "name": "Förändrade arbetssätt för minskad sårbarhet och effektivare flöden "
                                         "i ekonomistödet",
                                 "responsible": "Enhetschef Ekonomistöd", "start": "01-01", "end": "12-31"},
                                {"code": "A-FAKTKONTR", "unit": "DRS-HRE-EKO",
                                 "name": "Utvärdera system för kontroll vid ändring av leverantörsfaktura "
                                         "och avtalsuppföljning",
                                 "responsible": "Enhetschef Ekonomistöd", "start": "04-01", "end": "11-30"},
                            ],
                        },
                    ],
                },
                {
                    "code": "FF-EK2", "unit": "RS", "name": "Kostnadseffektiv verksamhet",
                    "description": "Insatta resurser ska ge största möjliga nytta.",
                    "measures": [
                        {
                            "code": "M-KONSULT", "unit": "DRS-ITMT",
                            "name": "Kostnad för inhyrda konsulter, IT/MT-stöd",
                            "description": "Kostnad för inhyrda konsulter till följd av vakanser, miljoner kronor.",
                            "measure_unit": "Mnkr", "direction": "lower", "target": "Minska",
                            "baseline": None, "source": "Raindance", "external_code": "",
                            "frequency": "month", "split_by_sex": False, "adopted_by": [],
                            "activities": [
                                {"code": "A-KONS-ERS", "unit": "DRS-ITMT",
                                 "name": "Ersätta inhyrda konsulter med egen personal",
                                 "responsible": "Verksamhetschef IT/MT-stöd", "start": "01-01", "end": "12-31"},
                            ],
                        },
                        {
                            "code": "M-EHANDEL", "unit": "DRS-IOF",
                            "name": "Andel inköp via e-handel",
                            "description": "Inköpsvolym som beställs via e-handel i procent av total inköpsvolym.",
                            "measure_unit": "%", "direction": "higher", "target": "Öka",
                            "baseline": None, "source": "E-handelssystemet", "external_code": "",
                            "frequency": "tertial", "split_by_sex": False, "adopted_by": [],
                            "activities": [
                                {"code": "A-EH-LEV", "unit": "DRS-IOF",
                                 "name": "Ansluta leverantörer med högre grad av e-handelsmognad",
                                 "responsible": "Systemförvaltare e-handel", "start": "03-01", "end": "12-31"},
                            ],
                        },
                    ],
                },
            ],
        },
    ],
    "assignments": [
        {"code": "U-EHANDEL", "unit": "DRS-IOF", "title": "Utveckla e-handel",
         "description": "Ta fram handlingsplan med utredning av förutsättningar och fokus på anslutning "
                        "av leverantörer med högre grad av e-handelsmognad.",
         "given_by": "rd", "decision_ref": "RD 2022/14", "decision_date": "01-20", "deadline": "12-31",
         "goal": "SM-EK1", "responsible": "Inköpschef"},
        {"code": "U-KFP-ITMT", "unit": "DRS-ITMT", "title": "Kompetensförsörjningsplan IT/MT",
         "description": "Riskanalys av verksamhetsrisker till följd av personberoenden och plan för "
                        "åtgärder som minskar personberoendet och säkerställer hållbar kompetensförsörjning.",
         "given_by": "rd", "decision_ref": "RD 2022/15", "decision_date": "01-20", "deadline": "12-31",
         "goal": "SM-MA1", "responsible": "Verksamhetschef IT/MT-stöd"},
        {"code": "U-UNDERHALL", "unit": "DRS-FAST",
         "title": "Upprätta och implementera åtgärdsplan för eftersatt underhåll samt framtida hållbar plan",
         "description": "Delrapport om underhållsbehovet i regionens fastigheter, inmatning av "
                        "underhållsåtgärder efter besiktning och samordning av underhållsplaner.",
         "given_by": "rd", "decision_ref": "RD 2022/16", "decision_date": "01-20", "deadline": "12-31",
         "goal": "SM-VE1", "responsible": "Verksamhetschef Fastigheter"},
        {"code": "U-SJUKRESOR", "unit": "DRS-SJR", "title": "Centralisering och digitalisering sjukresor",
         "description": "Översyn av organisationsstruktur och digitalisering i samverkan med andra "
                        "norrregioner, Regionala kollektivtrafikmyndigheten och externa leverantörer.",
         "given_by": "rd", "decision_ref": "RD 2022/17", "decision_date": "01-20", "deadline": "12-31",
         "goal": "SM-ME1", "responsible": "Verksamhetschef Sjukresor"},
        {"code": "U-OUTSOURCING", "unit": "DRS",
         "title": "Utreda förutsättningar för outsourcing/robotisering/digitalisering",
         "description": "Gäller kostverksamhet, lokalvård, lager samt HR- och ekonomistöd.",
         "given_by": "rd", "decision_ref": "RD 2022/18", "decision_date": "01-20", "deadline": "12-31",
         "goal": "SM-EK1", "responsible": "Divisionschef"},
        {"code": "U-INKOP-FAKT", "unit": "DRS-IOF", "title": "Bättre styrning av inköp och fakturahantering",
         "description": "Utvärdera system för kontroll vid ändring av leverantörsfaktura och för avtalsuppföljning.",
         "given_by": "rd", "decision_ref": "RD 2022/19", "decision_date": "01-20", "deadline": "12-31",
         "goal": "SM-EK1", "responsible": "Inköpschef"},
        {"code": "U-HJALPMEDEL", "unit": "DRS-FM-MHM",
         "title": "Kvalitetssäkrad process för hjälpmedelshantering",
         "description": "Distribution, lagerhållning, återbruk med mera.",
         "given_by": "rd", "decision_ref": "RD 2022/20", "decision_date": "01-20", "deadline": "12-31",
         "goal": "SM-VE1", "responsible": "Enhetschef Material och hjälpmedel"},
        {"code": "U-TILLIT", "unit": "DRS-HRE", "title": "Tillitsbaserat ledarskap",
         "description": "Uppdrag från regionstyrelsen om tillitsbaserat ledarskap, lönesamrådsprocessen "
                        "och utökad bemanning inom rekrytering och bemanningsplanering.",
         "given_by": "styrelse", "decision_ref": "RS 2022/41", "decision_date": "02-09", "deadline": "12-31",
         "goal": "SM-MA1", "responsible": "Verksamhetschef HR/Ekonomi"},
    ],
}


VASTERNORRLAND = {
    "labels": {
        "goal": ("inriktningsmål", "inriktningsmål"),
        "factor": ("strategiskt område", "strategiska områden"),
        "measure": ("mått", "mått"),
        "activity": ("aktivitet", "aktiviteter"),
        "assignment": ("uppdrag", "uppdrag"),
    },
    "perspectives": ["Invånare", "Medarbetare", "Process", "Ekonomi"],
    "goals": [
        # ------------------------------------------------------------------ Invånare
        {
            "code": "IM-INV", "perspective": "Invånare", "unit": "RVN",
            "name": "Jämlik fördelning av resurser utifrån behov",
            "description": "Regionens verksamheter och resurser ska användas på bästa sätt utifrån "
                           "behoven i länet: rätt verksamhet inom rimlig tid, med god service, hög "
                           "tillgänglighet och ett gott bemötande.",
            "factors": [
                {
                    "code": "SO-INV1", "unit": "RS", "name": "God och jämlik hälsa",
                    "description": "Arbeta för en god och jämlik hälsa genom att öka andelen invånare "
                                   "med god hälsa och minska andelen med ohälsa som uppstår på grund av "
                                   "levnadsvanor och livsvillkor.",
                    "measures": [
                        {
                            "code": "M-MALTID", "unit": "RLF-FOS-SERV",
                            "name": "Andel patienter nöjda med måltiderna",
                            "description": "Andel patienter som i den årliga kundenkäten är nöjda med "
                                           "måltiderna under vårdtiden.",
                            "measure_unit": "%", "direction": "higher", "target": "Öka",
                            "baseline": None, "source": "Kundenkät kök och restaurang", "external_code": "",
                            "frequency": "year", "split_by_sex": True, "adopted_by": [],
                            "activities": [
                                {"code": "A-MALTIDSKONCEPT", "unit": "RLF-FOS-SERV",
                                 "name": "Införa nytt måltidskoncept där patienten väljer måltid och när den ska ätas",
                                 "responsible": "Enhetschef Kök och restaurang", "start": "01-01", "end": "12-31"},
                            ],
                        },
                    ],
                },
                {
                    "code": "SO-INV2", "unit": "RS",
                    "name": "Ökad tillgänglighet till hälso- och sjukvård samt tandvård",
                    "description": "Ökad tillgänglighet till hälso- och sjukvård samt tandvård.",
                    "measures": [
                        {
                            "code": "M-EFRIKORT", "unit": "RLF-EKO",
                            "name": "Elektroniskt högkostnadsskydd (e-frikort) infört",
                            "description": "Automatiserat högkostnadsskydd för patienter är infört och "
                                           "integrerat med nationell standard. Ja/Nej.",
                            "measure_unit": "ja/nej", "direction": "yesno", "target": "Ja",
                            "baseline": None, "source": "RLF (Ekonomi och planering)", "external_code": "",
                            "frequency": "delar", "split_by_sex": False, "adopted_by": [],
                            "activities": [
                                {"code": "A-EFRIKORT", "unit": "RLF-EKO",
                                 "name": "Införa e-frikort med integration mot nationell standard",
                                 "responsible": "Enhetschef Ekonomiservice", "start": "01-01", "end": "12-31"},
                            ],
                        },
                    ],
                },
                {
                    "code": "SO-INV3", "unit": "RS", "name": "Regionalt hållbart utvecklingsarbete",
                    "description": "Regionalt hållbart utvecklingsarbete som syftar till en positiv "
                                   "befolkningstillväxt, ökad tillgänglighet och en stärkt innovationsförmåga.",
                    "measures": [
                        {
                            "code": "M-MEDBDIALOG", "unit": "RLF-KOM",
                            "name": "Policy och program för stärkt medborgardialog beslutade och implementerade",
                            "description": "Mål: policy finns beslutad för stärkt medborgardialog som bidrar "
                                           "till ökat förtroende. Jämförelsetal: nytt mått. Ja/Nej.",
                            "measure_unit": "ja/nej", "direction": "yesno", "target": "Ja",
                            "baseline": None, "source": "RLF (Kommunikation)", "external_code": "",
                            "frequency": "delar", "split_by_sex": False, "adopted_by": [],
                            "activities": [
                                {"code": "A-MEDBDIALOG", "unit": "RLF-KOM",
                                 "name": "Ta fram förslag till policy och program för medborgardialog",
                                 "responsible": "Kommunikationsdirektör", "start": "01-15", "end": "06-30"},
                            ],
                        },
                        {
                            "code": "M-KOMRIKTL", "unit": "RLF-KOM",
                            "name": "Riktlinje för kommunikation som främjar engagemang och delaktighet fastställd",
                            "description": "Mål: kommunikation som främjar ett ökat engagemang och större "
                                           "delaktighet hos både medarbetare och invånare. Jämförelsetal: ny "
                                           "aktivitet. Ja/Nej.",
                            "measure_unit": "ja/nej", "direction": "yesno", "target": "Ja",
                            "baseline": None, "source": "Platina", "external_code": "",
                            "frequency": "year", "split_by_sex": False, "adopted_by": [],
                            "activities": [
                                {"code": "A-KOMRIKTL", "unit": "RLF-KOM",
                                 "name": "Ta fram riktlinje för kommunikation med invånare och medarbetare",
                                 "responsible": "Kommunikationsstrateg", "start": "02-01", "end": "10-31"},
                            ],
                        },
                    ],
                },
            ],
        },
        # --------------------------------------------------------------- Medarbetare
        {
            "code": "IM-MED", "perspective": "Medarbetare", "unit": "RVN",
            "name": "Medarbetarna är delaktiga och har en bra arbetsmiljö",
            "description": "Medarbetarna ska ha en god arbetsmiljö där de känner arbetsglädje, är "
                           "delaktiga, har goda och attraktiva arbetsvillkor och får använda sin "
                           "kompetens.",
            "factors": [
                {
                    "code": "SO-MED1", "unit": "RS", "name": "Rätt kompetens på varje nivå",
                    "description": "Säkerställande av rätt kompetens på varje nivå för att kunna bedriva "
                                   "en verksamhet med kvalitet.",
                    "measures": [
                        {
                            "code": "M-REKOMMEND", "unit": "RLF",
                            "name": "Andel medarbetare som kan rekommendera sin arbetsplats till andra",
                            "description": "Mål: strategiskt arbete med kompetensförsörjning för en stabil "
                                           "och varaktig bemanning med egna medarbetare.",
                            "measure_unit": "%", "direction": "higher", "target": "84",
                            "baseline": (2018, "84"), "source": "Medarbetarenkäten", "external_code": "",
                            "frequency": "delar", "split_by_sex": True,
                            "adopted_by": ["RLF-FOS", "RLF-HR"],
                            "activities": [
                                {"code": "A-FORMANER", "unit": "RLF-HR",
                                 "name": "Marknadsföra regionens förmåner internt på APT och vid rekrytering",
                                 "responsible": "HR-direktör", "start": "01-01", "end": "12-31"},
                                {"code": "A-KFP-KOK", "unit": "RLF-FOS-SERV",
                                 "name": "Kompetensförsörjningsplan för pensionsavgångar inom kök och "
                                         "restaurang, samordning av arbetsuppgifter",
                                 "responsible": "Enhetschef Kök och restaurang", "start": "02-01", "end": "09-30"},
                            ],
                        },
                    ],
                },
                {
                    "code": "SO-MED2", "unit": "RS", "name": "Samverkan och delaktighet",
                    "description": "Att ständigt utveckla samverkan och delaktighet.",
                    "measures": [
                        {
                            "code": "M-HME", "unit": "RLF",
                            "name": "HME Totalindex",
                            "description": "Hållbart medarbetarengagemang. Mål: attraktiva arbetsplatser där "
                                           "medarbetare och ledare mår bra, har tillgång till ett nära "
                                           "ledarskap och utvecklas i sitt arbete. Index av 9 frågor om "
                                           "motivation, ledarskap och styrning.",
                            "measure_unit": "index", "direction": "higher", "target": "81",
                            "baseline": (2018, "81"), "source": "Medarbetar- och chefsenkäten",
                            "external_code": "", "frequency": "year", "split_by_sex": True,
                            "adopted_by": ["RLF-FOS", "RLF-HR", "RLF-EKO"],
                            "activities": [
                                {"code": "A-STRAT-HR", "unit": "RLF-HR",
                                 "name": "Strategiska HR-insatser för attraktionskraft: marknadsföring, "
                                         "arbetsmiljöåtgärder och chefsutveckling",
                                 "responsible": "HR-direktör", "start": "01-01", "end": "12-31"},
                            ],
                        },
                        {
                            "code": "M-SJUK", "unit": "RLF",
                            "name": "Sjukfrånvaro i procent av ordinarie arbetstid",
                            "description": "Mål: arbetsplatser där medarbetare mår bra. Sjukfrånvarotimmar "
                                           "i procent av ordinarie arbetstid.",
                            "measure_unit": "%", "direction": "lower", "target": "5",
                            "baseline": (2018, "5,6"), "source": "Heroma", "external_code": "",
                            "frequency": "month", "split_by_sex": True,
                            "adopted_by": ["RLF-FOS", "RLF-FOS-FAST", "RLF-FOS-SERV", "RLF-HR"],
                            "activities": [
                                {"code": "A-LANGTIDSSJUK", "unit": "RLF-FOS-FAST",
                                 "name": "Aktivt arbete från enhetscheferna med långtidssjukskrivningar",
                                 "responsible": "Enhetschef Fastighetsförvaltning", "start": "01-01", "end": "12-31"},
                                {"code": "A-FRISKVARD", "unit": "RLF-FOS",
                                 "name": "Uppmuntra deltagande i friskvårdsaktiviteter och träningsgrupper",
                                 "responsible": "Områdesdirektör Fastighet och service", "start": "01-01", "end": "12-31"},
                            ],
                        },
                    ],
                },
                {
                    "code": "SO-MED3", "unit": "RS", "name": "Väl utvecklad akademisk miljö",
                    "description": "För att erbjuda en kunskapsbaserad och ändamålsenlig verksamhet "
                                   "behövs en väl utvecklad akademisk miljö.",
                    "measures": [
                        {
                            "code": "M-PUBLIK", "unit": "RLF-FUI",
                            "name": "Antal publikationer under 2018–2020",
                            "description": "Mål: forskning som bidrar till att utveckla verksamheten. "
                                           "Jämförelsetal: utfall 2017–2019.",
                            "measure_unit": "antal", "direction": "higher", "target": "Öka",
                            "baseline": None, "source": "Forskningsbokslut, prod. kunskap", "external_code": "",
                            "frequency": "year", "split_by_sex": False, "adopted_by": [],
                            "activities": [
                                {"code": "A-EXTFIN", "unit": "RLF-FUI",
                                 "name": "Stöd för att erhålla extern finansiering från EU:s fonder och ramprogram",
                                 "responsible": "Forskningschef", "start": "01-01", "end": "12-31"},
                            ],
                        },
                    ],
                },
                {
                    "code": "SO-MED4", "unit": "RLF", "name": "Delaktighet",
                    "description": "Ett av regiondirektörens fyra prioriterade områden. Medarbetarna "
                                   "involveras i förbättringsarbetet och när mål och mått tas fram.",
                    "measures": [
                        {
                            "code": "M-CHEFSINDEX", "unit": "RLF",
                            "name": "Chefsindex",
                            "description": "Mål: hållbart ledarskap. Index i chefsenkäten.",
                            "measure_unit": "index", "direction": "higher", "target": "72",
                            "baseline": (2018, "70"), "source": "Chefsenkäten", "external_code": "",
                            "frequency": "year", "split_by_sex": False, "adopted_by": ["RLF-FOS"],
                            "activities": [
                                {"code": "A-CHEFSUTV", "unit": "RLF-HR",
                                 "name": "Chefsutveckling och förbättrat HR-närstöd till chefer",
                                 "responsible": "HR-direktör", "start": "02-01", "end": "11-30"},
                            ],
                        },
                        {
                            "code": "M-HANDLPLAN", "unit": "RLF-FOS",
                            "name": "Andel enheter med handlingsplan utifrån medarbetarundersökningen",
                            "description": "Enheter med en handlingsplan som alla medarbetare varit delaktiga "
                                           "i att ta fram, i procent av samtliga enheter.",
                            "measure_unit": "%", "direction": "higher", "target": "100",
                            "baseline": None, "source": "RLF (Fastighet och service)", "external_code": "",
                            "frequency": "year", "split_by_sex": False,
                            "adopted_by": ["RLF-FOS-FAST", "RLF-FOS-SERV"],
                            "activities": [
                                {"code": "A-HP-FAST", "unit": "RLF-FOS-FAST",
                                 "name": "Handlingsplan på APT utifrån medarbetarundersökningen, Fastighetsförvaltning",
                                 "responsible": "Enhetschef Fastighetsförvaltning", "start": "02-01", "end": "04-30"},
                                {"code": "A-HP-SERV", "unit": "RLF-FOS-SERV",
                                 "name": "Handlingsplan på APT utifrån medarbetarundersökningen, Service",
                                 "responsible": "Enhetschef Service", "start": "02-01", "end": "04-30"},
                            ],
                        },
                    ],
                },
            ],
        },
        # ------------------------------------------------------------------- Process
        {
            "code": "IM-PRO", "perspective": "Process", "unit": "RVN",
            "name": "Effektiva och framgångsrika verksamheter",
            "description": "Strukturerat och långsiktigt förbättringsarbete, hållbara lednings- och "
                           "styrningsstrukturer och effektiva processer.",
            "factors": [
                {
                    "code": "SO-PRO1", "unit": "RS",
                    "name": "Systematiskt förbättringsarbete för hög kvalitet i vården",
                    "description": "Strukturerat och långsiktigt systematiskt förbättrings- och "
                                   "utvecklingsarbete för en hög kvalitet i hälso- och sjukvården "
                                   "inklusive tandvården.",
                    "measures": [
                        {
                            "code": "M-GVRS", "unit": "RLF",
                            "name": "Genomförda aktiviteter i relation till beslutad plan, God vård med rätt stöd",
                            "description": "Mål: stödja utvecklingen av God vård med rätt stöd. Antal "
                                           "genomförda aktiviteter i procent av beslutad plan (25/25).",
                            "measure_unit": "%", "direction": "higher", "target": "100",
                            "baseline": None, "source": "RLF", "external_code": "",
                            "frequency": "delar", "split_by_sex": False, "adopted_by": ["RLF-HS"],
                            "activities": [
                                {"code": "A-PROCESSKART", "unit": "RLF-HS",
                                 "name": "Processkartläggning och länsövergripande rutiner inom hälso- och sjukvårdsområdet",
                                 "responsible": "Hälso- och sjukvårdsdirektör", "start": "01-01", "end": "12-31"},
                            ],
                        },
                        {
                            "code": "M-HSE", "unit": "RLF-HS",
                            "name": "Verktyg för mätning av HSE (Hållbart säkerhetsengagemang) implementerat i RVN",
                            "description": "Mål: goda förutsättningar för ett systematiskt "
                                           "patientsäkerhetsarbete. Jämförelsetal: ny aktivitet. Ja/Nej.",
                            "measure_unit": "ja/nej", "direction": "yesno", "target": "Ja",
                            "baseline": None, "source": "KP", "external_code": "",
                            "frequency": "delar", "split_by_sex": False, "adopted_by": [],
                            "activities": [
                                {"code": "A-HSE", "unit": "RLF-HS",
                                 "name": "Implementera verktyg för mätning av HSE",
                                 "responsible": "Chef Kvalitet och patientsäkerhet", "start": "02-01", "end": "11-30"},
                            ],
                        },
                    ],
                },
                {
                    "code": "SO-PRO2", "unit": "RS",
                    "name": "Systematiskt förbättringsarbete för hållbar regional utveckling",
                    "description": "Strukturerat och långsiktigt systematiskt förbättrings- och "
                                   "utvecklingsarbete för en hållbar regional utveckling.",
                    "measures": [
                        {
                            "code": "M-ISO14001", "unit": "RLF",
                            "name": "Certifiering enligt ISO 14001",
                            "description": "Mål: systematiskt miljöarbete bedrivs. Arbete i enlighet med "
                                           "ISO 14001. Jämförelsetal: utfall 2019. Ja/Nej.",
                            "measure_unit": "ja/nej", "direction": "yesno", "target": "Ja",
                            "baseline": None, "source": "Revision", "external_code": "",
                            "frequency": "year", "split_by_sex": False, "adopted_by": ["RLF-FOS"],
                            "activities": [
                                {"code": "A-ENERGIPLAN", "unit": "RLF-FOS-FAST",
                                 "name": "Ta fram årliga handlingsplaner för energi- och miljömål utifrån "
                                         "regionens nya hållbarhetsplan",
                                 "responsible": "Energistrateg Regionfastigheter", "start": "01-15", "end": "05-31"},
                            ],
                        },
                        {
                            "code": "M-ENERGI", "unit": "RLF-FOS-FAST",
                            "name": "Energianvändning per kvadratmeter i egna lokaler",
                            "description": "Köpt energi (kWh) per kvadratmeter i regionens egna lokaler.",
                            "measure_unit": "antal", "direction": "lower", "target": "Minska",
                            "baseline": None, "source": "Energiuppföljning Regionfastigheter", "external_code": "",
                            "frequency": "tertial", "split_by_sex": False, "adopted_by": [],
                            "activities": [
                                {"code": "A-MEDIAUPPF", "unit": "RLF-FOS-FAST",
                                 "name": "Mäta och följa upp mediaanvändning och nyckeltal för övriga kostnader",
                                 "responsible": "Driftchef Regionfastigheter", "start": "01-01", "end": "12-31"},
                            ],
                        },
                        {
                            "code": "M-MATSVINN", "unit": "RLF-FOS-SERV",
                            "name": "Matsvinn i kök och restaurang",
                            "description": "Kasserad mat i gram per serverad portion.",
                            "measure_unit": "antal", "direction": "lower", "target": "Minska",
                            "baseline": None, "source": "Svinnmätning kök och restaurang", "external_code": "",
                            "frequency": "tertial", "split_by_sex": False, "adopted_by": [],
                            "activities": [
                                {"code": "A-SVINN", "unit": "RLF-FOS-SERV",
                                 "name": "Mäta och minska matsvinnet i köken i Sundsvall och Sollefteå",
                                 "responsible": "Enhetschef Kök och restaurang", "start": "01-01", "end": "12-31"},
                            ],
                        },
                    ],
                },
                {
                    "code": "SO-PRO3", "unit": "RS", "name": "Hållbara lednings- och styrningsstrukturer",
                    "description": "Hållbara lednings- och styrningsstrukturer som främjar en verksamhet "
                                   "med kvalitet.",
                    "measures": [
                        {
                            "code": "M-STYRMODELL", "unit": "RLF-EKO",
                            "name": "Förslag på förenklad och förtydligad styrmodell har presenterats",
                            "description": "Mål: förtydliga och förenkla RVN:s styrmodell. Jämförelsetal: "
                                           "ny aktivitet. Ja/Nej.",
                            "measure_unit": "ja/nej", "direction": "yesno", "target": "Ja",
                            "baseline": None, "source": "ES", "external_code": "",
                            "frequency": "delar", "split_by_sex": False, "adopted_by": [],
                            "activities": [
                                {"code": "A-HYPERGENE", "unit": "RLF-EKO",
                                 "name": "Införa systemverktyg för planering och uppföljning (Hypergene)",
                                 "responsible": "Ekonomidirektör", "start": "01-01", "end": "12-31"},
                            ],
                        },
                        {
                            "code": "M-BUDGETARB", "unit": "RLF-EKO",
                            "name": "Förslag på förenkling av budgetarbetet på politisk nivå har presenterats",
                            "description": "Jämförelsetal: ny aktivitet. Ja/Nej.",
                            "measure_unit": "ja/nej", "direction": "yesno", "target": "Ja",
                            "baseline": None, "source": "ES", "external_code": "",
                            "frequency": "delar", "split_by_sex": False, "adopted_by": [],
                            "activities": [
                                {"code": "A-RAINDANCE", "unit": "RLF-EKO",
                                 "name": "Uppgradera Raindance och beslutsstödet Cognos",
                                 "responsible": "Systemförvaltare ekonomisystem", "start": "01-01", "end": "12-31"},
                            ],
                        },
                        {
                            "code": "M-INTOVK", "unit": "RLF",
                            "name": "Strukturerad löpande uppföljning av interna överenskommelser",
                            "description": "Mål: ändamålsenligt verksamhetsstöd och service utifrån "
                                           "verksamheternas behov. Kunddialog med samtliga förvaltningar "
                                           "och NKI-mätning genomförd (2019: 6/6). Ja/Nej.",
                            "measure_unit": "ja/nej", "direction": "yesno", "target": "Ja",
                            "baseline": None, "source": "RLF", "external_code": "",
                            "frequency": "year", "split_by_sex": False, "adopted_by": ["RLF-FOS"],
                            "activities": [
                                {"code": "A-KUNDDIALOG", "unit": "RLF-FOS",
                                 "name": "Kund- och uppdragsdialoger med förvaltningarna samt NKI-mätning",
                                 "responsible": "Områdesdirektör Fastighet och service", "start": "02-01", "end": "11-30"},
                                {"code": "A-STADRIKTL", "unit": "RLF-FOS-SERV",
                                 "name": "Fördela städresurserna enligt ny riktlinje för städning inom specialistvården",
                                 "responsible": "Enhetschef Städ", "start": "01-01", "end": "06-30"},
                            ],
                        },
                    ],
                },
                {
                    "code": "SO-PRO4", "unit": "RLF", "name": "Digitalisering",
                    "description": "Ett av regiondirektörens fyra prioriterade områden. Ett systematiskt "
                                   "digitaliseringsarbete med digitala tjänster och moderna IT-stöd som "
                                   "möjliggör effektiva processer, samt ett effektivt och systematiskt "
                                   "informationssäkerhetsarbete.",
                    "measures": [
                        {
                            "code": "M-DIGIPLAN", "unit": "RLF",
                            "name": "Aktuell handlingsplan utifrån digitaliseringsstrategin upprättad",
                            "description": "Förvaltningen har upprättat aktuell handlingsplan utifrån "
                                           "digitaliseringsstrategin. Jämförelsetal: utfall 2019. Ja/Nej.",
                            "measure_unit": "ja/nej", "direction": "yesno", "target": "Ja",
                            "baseline": None, "source": "RLF (genom FUI)", "external_code": "",
                            "frequency": "delar", "split_by_sex": False, "adopted_by": ["RLF-FOS"],
                            "activities": [
                                {"code": "A-SCHEMAVERKTYG", "unit": "RLF-FOS-SERV",
                                 "name": "Digitalt schemaverktyg för bemanning i transportverksamheten",
                                 "responsible": "Enhetschef Transport", "start": "02-01", "end": "10-31"},
                                {"code": "A-BILBOKNING", "unit": "RLF-FOS-SERV",
                                 "name": "Nytt bilbokningssystem",
                                 "responsible": "Enhetschef Transport", "start": "03-01", "end": "12-31"},
                            ],
                        },
                        {
                            "code": "M-INFOKLASS", "unit": "RLF-FUI",
                            "name": "Andel IT-komponenter som är informationsklassade och riskanalyserade",
                            "description": "Andel IT-komponenter som är informationsklassade och "
                                           "riskanalyserade för respektive förvaltningsobjekt. "
                                           "Jämförelsetal: utfall 2019.",
                            "measure_unit": "%", "direction": "higher", "target": "100",
                            "baseline": None, "source": "FUI", "external_code": "",
                            "frequency": "delar", "split_by_sex": False, "adopted_by": [],
                            "activities": [
                                {"code": "A-INFOKLASS", "unit": "RLF-FUI",
                                 "name": "Informationsklassa och riskanalysera IT-komponenter per förvaltningsobjekt",
                                 "responsible": "IT-chef", "start": "01-01", "end": "11-30"},
                                {"code": "A-ITOS", "unit": "RLF-FUI",
                                 "name": "Upphandla och ersätta nuvarande driftleverantör (ITOS 2.0)",
                                 "responsible": "IT-chef", "start": "01-01", "end": "12-31"},
                            ],
                        },
                        {
                            "code": "M-ISO27000", "unit": "RLF-ADM",
                            "name": "Certifikat för informationssäkerhet enligt ISO 27000 erhållet",
                            "description": "Mål: ett effektivt och systematiskt informationssäkerhetsarbete "
                                           "bedrivs. Arbete i enlighet med ISO 27000. Ja/Nej.",
                            "measure_unit": "ja/nej", "direction": "yesno", "target": "Ja",
                            "baseline": None, "source": "Informationssäkerhet/extern revision", "external_code": "",
                            "frequency": "delar", "split_by_sex": False, "adopted_by": [],
                            "activities": [
                                {"code": "A-LIS", "unit": "RLF-ADM",
                                 "name": "Slutföra etableringen av ledningssystemet för informationssäkerhet",
                                 "responsible": "Informationssäkerhetssamordnare", "start": "01-01", "end": "10-31"},
                            ],
                        },
                    ],
                },
            ],
        },
        # ------------------------------------------------------------------- Ekonomi
        {
            "code": "IM-EKO", "perspective": "Ekonomi", "unit": "RVN",
            "name": "En ekonomi i balans över tid",
            "description": "Långsiktighet i all verksamhetsplanering och i alla beslut med ekonomiska "
                           "konsekvenser, för en hållbar organisation.",
            "factors": [
                {
                    "code": "SO-EKO1", "unit": "RS", "name": "God ekonomisk hushållning",
                    "description": "God ekonomisk hushållning för en långsiktigt hållbar verksamhet med "
                                   "ekonomi i balans över tid: på kort sikt återställning av tidigare års "
                                   "underskott, på lång sikt återställning av eget kapital inklusive "
                                   "ansvarsförbindelsen.",
                    "measures": [
                        {
                            "code": "M-RESULTAT", "unit": "RLF",
                            "name": "Ekonomiskt resultat",
                            "description": "Mål: en ekonomi i balans. Resultat mot tilldelad budgetram, "
                                           "miljoner kronor. Målnivå: ej överstiga tilldelad budgetram.",
                            "measure_unit": "Mnkr", "direction": "higher", "target": ">= 0",
                            "baseline": None, "source": "RVN:s ekonomisystem", "external_code": "",
                            "frequency": "month", "split_by_sex": False,
                            "adopted_by": ["RLF-EKO", "RLF-HR", "RLF-KOM", "RLF-HS", "RLF-FUI",
                                           "RLF-FOS", "RLF-ADM", "RLF-SMS"],
                            "activities": [
                                {"code": "A-MENY", "unit": "RLF-FOS-SERV",
                                 "name": "Anpassa meny och recept för att täcka ökade livsmedelskostnader",
                                 "responsible": "Kostutvecklare", "start": "01-15", "end": "06-30"},
                            ],
                        },
                        {
                            "code": "M-VAKANS", "unit": "RLF-FOS-FAST",
                            "name": "Vakansgrad i regionens fastigheter",
                            "description": "Vakant yta i procent av total uthyrningsbar yta. Långsiktigt "
                                           "mål 5 procent.",
                            "measure_unit": "%", "direction": "lower", "target": "<= 5",
                            "baseline": (2019, "7"), "source": "Fastighetssystemet", "external_code": "",
                            "frequency": "tertial", "split_by_sex": False, "adopted_by": [],
                            "activities": [
                                {"code": "A-FORSALJNING", "unit": "RLF-FOS-FAST",
                                 "name": "Strategiska försäljningar av fastigheter och ökad uthyrning",
                                 "responsible": "Fastighetschef", "start": "01-01", "end": "12-31"},
                                {"code": "A-ADMLOKALER", "unit": "RLF-FOS-FAST",
                                 "name": "Effektivisera användningen av regionens administrativa lokaler",
                                 "responsible": "Fastighetschef", "start": "02-01", "end": "11-30"},
                            ],
                        },
                    ],
                },
                {
                    "code": "SO-EKO2", "unit": "RLF", "name": "Ordning och reda",
                    "description": "Ett av regiondirektörens fyra prioriterade områden. Systematiskt "
                                   "arbete och effektiva processer ska bidra till ökad avtalstrohet.",
                    "measures": [
                        {
                            "code": "M-SPEND", "unit": "RLF-EKO",
                            "name": "Andel inköpsspend med avtal",
                            "description": "Värdet av genomförda inköp exklusive moms, bidrag eller andra "
                                           "köp som ej omfattas av upphandlingsskyldigheten, med avtal. "
                                           "Målnivå: 5 % förbättring jämfört med 2019.",
                            "measure_unit": "%", "direction": "higher", "target": "Öka",
                            "baseline": None, "source": "Spendency", "external_code": "",
                            "frequency": "delar", "split_by_sex": False, "adopted_by": [],
                            "activities": [
                                {"code": "A-AVTALSTROHET", "unit": "RLF-EKO",
                                 "name": "Utredning av avtalsefterlevnaden och modeller för ökad avtalstrohet",
                                 "responsible": "Inköpschef", "start": "01-01", "end": "09-30"},
                                {"code": "A-PROCEEDO", "unit": "RLF-EKO",
                                 "name": "Utveckla e-handelssystemet Proceedo och öka användningen av e-handel",
                                 "responsible": "Systemförvaltare e-handel", "start": "01-01", "end": "12-31"},
                            ],
                        },
                        {
                            "code": "M-UTANAVTAL", "unit": "RLF-EKO",
                            "name": "Andel leverantörer utan avtal",
                            "description": "Målnivå: 20 % minskning av andelen leverantörer utan avtal "
                                           "jämfört med föregående år.",
                            "measure_unit": "%", "direction": "lower", "target": "Minska",
                            "baseline": None, "source": "Spendency", "external_code": "",
                            "frequency": "delar", "split_by_sex": False, "adopted_by": [],
                            "activities": [
                                {"code": "A-FAKTSTICK", "unit": "RLF-EKO",
                                 "name": "Stickprovskontroll av fakturor vid köp av tjänster och varor",
                                 "responsible": "Controller Ekonomi och planering", "start": "03-01", "end": "11-30"},
                            ],
                        },
                    ],
                },
            ],
        },
    ],
    "assignments": [
        {"code": "U-FVIS", "unit": "RLF-FUI", "title": "Införande av FVIS, framtidens vårdinformationsstöd",
         "description": "Planera och bemanna införandet av nytt vårdinformationsstöd inom förvaltningens "
                        "ram genom omprioritering.",
         "given_by": "styrelse", "decision_ref": "RS 2019/312", "decision_date": "02-12", "deadline": "12-31",
         "goal": "IM-PRO", "responsible": "IT-chef"},
        {"code": "U-INKOPSSTRATEGI", "unit": "RLF-EKO", "title": "Ta fram inköpsstrategi",
         "description": "Inköpsstrategi utifrån fullmäktiges policy för inköp och upphandling som lägger "
                        "grunden för ett systematiskt och samordnat inköpsarbete.",
         "given_by": "styrelse", "decision_ref": "RS 2019/845", "decision_date": "03-10", "deadline": "11-30",
         "goal": "IM-EKO", "responsible": "Inköpschef"},
        {"code": "U-REGIONHALSAN", "unit": "RLF-HR", "title": "Förändrat uppdrag för Länshälsan",
         "description": "Genomförandeplan för Länshälsans nya uppdrag som Regionhälsan, med fokus på "
                        "förebyggande och främjande arbete utifrån arbetsgivarens arbetsmiljöansvar.",
         "given_by": "rd", "decision_ref": "RLG 2019-09", "decision_date": "01-15", "deadline": "12-31",
         "goal": "IM-MED", "responsible": "HR-direktör"},
        {"code": "U-EFRIKORT", "unit": "RLF-EKO", "title": "Införa elektroniskt högkostnadsskydd",
         "description": "Elektroniskt högkostnadsskydd som samordnas med självincheckning i kommande steg.",
         "given_by": "rd", "decision_ref": "19RS2753", "decision_date": "01-15", "deadline": "12-31",
         "goal": "IM-INV", "responsible": "Ekonomidirektör"},
        {"code": "U-VAKANS", "unit": "RLF-FOS-FAST", "title": "Minska vakansgraden i regionens fastigheter",
         "description": "Nå det långsiktiga målet om 5 procent vakansgrad genom strategiska försäljningar "
                        "och ökad uthyrning.",
         "given_by": "styrelse", "decision_ref": "RS 2019/1022", "decision_date": "02-12", "deadline": "12-31",
         "goal": "IM-EKO", "responsible": "Fastighetschef"},
        {"code": "U-ADMLOKALER", "unit": "RLF-FOS",
         "title": "Effektivisera användningen av regionens administrativa lokaler",
         "description": "Arbetet kan leda till nya riktlinjer och förändringar under året.",
         "given_by": "rd", "decision_ref": "RD 2020/7", "decision_date": "01-20", "deadline": "10-31",
         "goal": "IM-EKO", "responsible": "Områdesdirektör Fastighet och service"},
        {"code": "U-ORGUPPF-FOS", "unit": "RLF-FOS",
         "title": "Följa upp organisationsförändringen Fastighet och service",
         "description": "Uppföljning av det nya området som bildades 2019-07-01 med Regionfastigheter, "
                        "kök och restaurang, städ och transport.",
         "given_by": "rd", "decision_ref": "RD 2020/8", "decision_date": "01-20", "deadline": "06-30",
         "goal": "IM-PRO", "responsible": "Områdesdirektör Fastighet och service"},
    ],
}

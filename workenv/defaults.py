"""The region's default SAM lists. Checklists here; the year's activities and the annual
follow-up's questions live in models.STANDARD_ACTIVITIES / STANDARD_QUESTIONS.

References are to the Work Environment Authority's rules in force from 1 January 2025
(AFS 2023:1 systematiskt arbetsmiljöarbete, AFS 2023:2 planering och organisering,
AFS 2023:10 risker i arbetsmiljön, AFS 2023:12 utformning av arbetsplatser)."""

from django.db import transaction

from workenv.models import Checklist, ChecklistQuestion

SAM = "AFS 2023:1"
ORG = "AFS 2023:2"
RISKS = "AFS 2023:10"
PLACE = "AFS 2023:12"

# (area, question, reference, help text)
_COMMON = [
    (
        "Lokaler och ergonomi",
        "Arbetsplatserna går att anpassa (bord, stol, skärm) till den som arbetar där.",
        PLACE,
        "Titta på höj- och sänkbara bord, stolar och skärmens höjd och avstånd.",
    ),
    (
        "Belysning",
        "Belysningen är tillräcklig och bländfri vid varje arbetsplats.",
        PLACE,
        "Fråga om bländning från fönster och armaturer; kontrollera trasiga lysrör.",
    ),
    (
        "Buller",
        "Ljudmiljön gör det möjligt att arbeta koncentrerat och samtala.",
        RISKS,
        "Störande ljud från ventilation, maskiner eller öppna kontorsytor.",
    ),
    (
        "Brand och utrymning",
        "Utrymningsvägar är fria och skyltade, och brandsläckare är kontrollerade.",
        SAM,
        "Se även verksamhetens systematiska brandskyddsarbete (lagen om skydd mot olyckor).",
    ),
    ("Brand och utrymning", "Alla vet var återsamlingsplatsen finns och har övat utrymning det senaste året.", SAM, ""),
    (
        "Organisatorisk och social arbetsmiljö",
        "Arbetsbelastningen är rimlig och det är tydligt vad som ska prioriteras.",
        ORG,
        "Krav och resurser ska vara i balans; fråga medarbetarna.",
    ),
    ("Organisatorisk och social arbetsmiljö", "Det finns rutiner för att hantera kränkande särbehandling.", ORG, ""),
    (
        "Hot och våld",
        "Det finns rutiner för hot och våld och medarbetarna känner till dem.",
        ORG,
        "Rutinen ska säga hur man larmar, får stöd efteråt och rapporterar tillbud.",
    ),
    ("Systematiskt arbetsmiljöarbete", "Tillbud och olyckor rapporteras och utreds.", SAM, ""),
    (
        "Systematiskt arbetsmiljöarbete",
        "Åtgärderna från förra skyddsronden är genomförda eller planerade.",
        SAM,
        "Jämför med handlingsplanen.",
    ),
]

_OFFICE = _COMMON + [
    ("Lokaler och ergonomi", "Den som arbetar hemifrån eller på distans har fått stöd med sin arbetsplats.", SAM, ""),
    ("Lokaler och ergonomi", "Ventilation och temperatur upplevs som bra.", PLACE, ""),
]

_CARE = _COMMON + [
    (
        "Kemiska risker",
        "Kemiska produkter förvaras rätt och har aktuella säkerhetsdatablad och riskbedömning.",
        RISKS,
        "",
    ),
    (
        "Stickande och skärande",
        "Riskavfallsbehållare finns nära där stickande och skärande används.",
        RISKS,
        "Gäller kanyler, skalpeller och liknande; stickskador ska rapporteras.",
    ),
    ("Smitta", "Skyddsutrustning och basala hygienrutiner finns och följs.", RISKS, ""),
    (
        "Lokaler och ergonomi",
        "Det finns lyfthjälpmedel och medarbetarna är utbildade i förflyttningsteknik.",
        RISKS,
        "Belastningsergonomi vid patientförflyttningar.",
    ),
]

DEFAULT_CHECKLISTS = [
    ("Kontorsarbete", "Skyddsrond i kontorsmiljö.", _OFFICE),
    ("Vårdlokaler", "Skyddsrond i vårdens lokaler.", _CARE),
]


@transaction.atomic
def create_default_checklists(region) -> int:
    """Create the default checklists the region lacks (by name); return how many were made."""
    existing = set(Checklist.objects.filter(region=region).values_list("name", flat=True))
    made = 0
    for name, description, questions in DEFAULT_CHECKLISTS:
        if name in existing:
            continue
        checklist = Checklist.objects.create(region=region, name=name, description=description)
        ChecklistQuestion.objects.bulk_create(
            ChecklistQuestion(region=region, checklist=checklist, area=a, text=t, reference=r, help_text=h, order=i)
            for i, (a, t, r, h) in enumerate(questions, start=1)
        )
        made += 1
    return made

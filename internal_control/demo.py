"""Demo data of internal control: each demo region's risk categories, as its seed document
names them (Västernorrland: seeds/002 Bilaga 16's Kategori column; Norrbotten: seeds/003's
uppföljning av internkontroll)."""

from internal_control.models import RiskCategory

CATEGORIES = {
    "vasternorrland": [
        ("Efterlevnad regelverk", "T.ex. utökat lagkrav GDPR."),
        ("Förtroende", "T.ex. korruption, mutor och jäv; visselblåsarfunktion införd."),
        ("Finansiell", "T.ex. utbetalning av ersättning till privata vårdgivare, fakturagranskning."),
        ("Ordning och reda", "T.ex. uppgradering av ekonomisystemet."),
    ],
    "norrbotten": [
        ("Säkra lokaler", "Lokaler som är säkra för patienter och medarbetare."),
        ("Resurstillgång", "Bemanning och resurser i verksamheten."),
        ("Patientsäkerhet", "T.ex. lokalvård och brister i storstäd."),
        ("IT-säkerhet", "Följsamhet till ändringsprocessen."),
        ("MT-säkerhet", "Medicinteknik: risktal över 19, eftersläpning av underhåll."),
    ],
}


def seed_internal_control(region, spec: dict, units: dict, log) -> None:
    """The region's risk categories (idempotent: existing names are left as they are)."""
    have = set(RiskCategory.objects.values_list("name", flat=True))
    made = 0
    for order, (name, text) in enumerate(CATEGORIES.get(region.slug, []), start=1):
        if name not in have:
            RiskCategory.objects.create(name=name, description=text, order=order)
            made += 1
    if made:
        log(f"  Intern kontroll: {made} riskkategorier.")

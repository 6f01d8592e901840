"""URLs of SAM, under /<region>/arbetsmiljo/. Each part keeps its own section."""

from django.urls import path

from workenv.views import start

urlpatterns = [
    path("", start.index, name="we_index"),
    # --- incidents (tillbud, arbetsskada, riskobservation, hot och våld)
    # --- the action plan (handlingsplan) and risk assessments
    # --- checklists and safety rounds
    # --- the year (årshjul)
    # --- the annual follow-up, the dashboard and Excel
]

"""URLs of SAM, under /<region>/arbetsmiljo/. Each part keeps its own section."""

from django.urls import path

from workenv.views import (  # the action plan and risk assessments
    actions,
    annual,  # the annual follow-up (the dashboard is start.index)
    assessments,
    checklists,  # checklists and safety rounds
    incidents,
    rounds,
    start,
    year,
)

urlpatterns = [
    path("", start.index, name="we_index"),
    # --- incidents (tillbud, arbetsskada, riskobservation, hot och våld)
    path("handelser/", incidents.incidents, name="we_incidents"),
    path("handelser/ny/", incidents.incident_new, name="we_incident_new"),
    path("handelser/<int:pk>/", incidents.incident, name="we_incident"),
    path("handelser/antal-till-mal/", incidents.incident_counts, name="we_incident_counts"),
    # --- the action plan (handlingsplan) and risk assessments
    path("handlingsplan/", actions.action_plan, name="we_action_plan"),
    path("handlingsplan/ny/", actions.action_new, name="we_action_new"),
    path("handlingsplan/<int:pk>/", actions.action_edit, name="we_action_edit"),
    path("handlingsplan/<int:pk>/uppfoljning/<str:period_code>/", actions.action_followup, name="we_action_followup"),
    path("riskbedomningar/", assessments.assessments, name="we_assessments"),
    path("riskbedomningar/ny/", assessments.assessment_new, name="we_assessment_new"),
    path("riskbedomningar/<int:pk>/", assessments.assessment, name="we_assessment"),
    path("riskbedomningar/<int:pk>/andra/", assessments.assessment_edit, name="we_assessment_edit"),
    path("riskbedomningar/<int:pk>/risker/ny/", assessments.assessment_risk_new, name="we_assessment_risk_new"),
    path("riskbedomningar/risker/<int:pk>/", assessments.assessment_risk_edit, name="we_assessment_risk_edit"),
    path(
        "riskbedomningar/risker/<int:pk>/ta-bort/",
        assessments.assessment_risk_delete,
        name="we_assessment_risk_delete",
    ),
    # --- checklists and safety rounds
    path("checklistor/", checklists.checklists, name="we_checklists"),
    path("checklistor/standard/", checklists.checklist_defaults, name="we_checklist_defaults"),
    path("checklistor/<int:pk>/", checklists.checklist, name="we_checklist"),
    path("checklistor/<int:pk>/import/", checklists.checklist_import, name="we_checklist_import"),
    path("skyddsronder/enhet/<int:unit_pk>/", rounds.rounds, name="we_rounds"),
    path("skyddsronder/enhet/<int:unit_pk>/ny/", rounds.round_new, name="we_round_new"),
    path("skyddsronder/<int:pk>/", rounds.round_page, name="we_round"),
    path("skyddsronder/<int:pk>/svar/<int:question_pk>/", rounds.round_answer, name="we_round_answer"),
    path("skyddsronder/<int:pk>/avvikelse/<int:answer_pk>/", rounds.round_finding, name="we_round_finding"),
    # --- the year (årshjul)
    path("arshjul/", year.year_template, name="we_year_template"),
    path("arshjul/import/", year.year_template_import, name="we_year_template_import"),
    path("arshjul/standard/", year.year_template_defaults, name="we_year_template_defaults"),
    path("arshjul/<int:pk>/", year.year_template_edit, name="we_year_template_edit"),
    path("arshjul/<int:pk>/ta-bort/", year.year_template_delete, name="we_year_template_delete"),
    path("arshjul/<int:unit_pk>/<int:year>/", year.unit_year, name="we_year"),
    path("arshjul/<int:unit_pk>/<int:year>/skapa/", year.year_create, name="we_year_create"),
    path("aktivitet/<int:pk>/", year.activity, name="we_activity"),
    # --- the annual follow-up, the dashboard and Excel
    path("arlig-uppfoljning/fragor/", annual.questions, name="we_annual_questions"),
    path("arlig-uppfoljning/fragor/standard/", annual.question_defaults, name="we_annual_question_defaults"),
    path("arlig-uppfoljning/fragor/<int:pk>/", annual.question_edit, name="we_annual_question_edit"),
    path("arlig-uppfoljning/<int:unit_pk>/<int:year>/", annual.annual, name="we_annual"),
    path("arlig-uppfoljning/<int:unit_pk>/<int:year>/svar/<int:question_pk>/", annual.answer, name="we_annual_answer"),
    path("arlig-uppfoljning/<int:unit_pk>/<int:year>/signera/", annual.sign, name="we_annual_sign"),
    path("arlig-uppfoljning/<int:unit_pk>/<int:year>/excel/", annual.export, name="we_annual_export"),
]

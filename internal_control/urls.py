"""URLs of internal control, under /<region>/intern-kontroll/."""

from django.urls import path

from internal_control.views import analyses, excel, lists, matrix, results, risks

urlpatterns = [
    # --- the risk analysis and the plan
    path("", analyses.index, name="ic_index"),
    path("<int:unit_pk>/<int:year>/", analyses.analysis, name="ic_analysis"),
    path("<int:unit_pk>/<int:year>/skapa/", analyses.analysis_create, name="ic_analysis_create"),
    path("<int:unit_pk>/<int:year>/faststall/", analyses.analysis_adopt, name="ic_analysis_adopt"),
    path("<int:unit_pk>/<int:year>/stang/", analyses.analysis_close, name="ic_analysis_close"),
    path("<int:unit_pk>/<int:year>/oppna/", analyses.analysis_reopen, name="ic_analysis_reopen"),
    path("<int:unit_pk>/<int:year>/kopiera/", analyses.analysis_copy, name="ic_analysis_copy"),
    path("<int:unit_pk>/<int:year>/historik/", analyses.analysis_history, name="ic_analysis_history"),
    path("<int:unit_pk>/<int:year>/risker/ny/", risks.risk_new, name="ic_risk_new"),
    path("risk/<int:pk>/", risks.risk_detail, name="ic_risk"),
    path("risk/<int:pk>/andra/", risks.risk_edit, name="ic_risk_edit"),
    path("risk/<int:pk>/ta-bort/", risks.risk_delete, name="ic_risk_delete"),
    path("risk/<int:pk>/lyft/", risks.risk_lift, name="ic_risk_lift"),
    path("risk/<int:risk_pk>/kontroller/ny/", risks.control_new, name="ic_control_new"),
    path("kontroll/<int:pk>/andra/", risks.control_edit, name="ic_control_edit"),
    path("kontroll/<int:pk>/ta-bort/", risks.control_delete, name="ic_control_delete"),
    # --- the region's lists and matrix (controllers of the whole region): risk categories
    # and impact areas through one flow (internal_control/views/lists.py)
    path("riskkategorier/", lists.CATEGORIES.list_view, name="risk_categories"),
    path("riskkategorier/standard/", lists.CATEGORIES.defaults_view, name="risk_category_defaults"),
    path("riskkategorier/<int:pk>/", lists.CATEGORIES.edit_view, name="risk_category_edit"),
    path("riskkategorier/<int:pk>/ta-bort/", lists.CATEGORIES.delete_view, name="risk_category_delete"),
    path("paverkan/", lists.IMPACT_AREAS.list_view, name="impact_areas"),
    path("paverkan/standard/", lists.IMPACT_AREAS.defaults_view, name="impact_area_defaults"),
    path("paverkan/<int:pk>/", lists.IMPACT_AREAS.edit_view, name="impact_area_edit"),
    path("paverkan/<int:pk>/ta-bort/", lists.IMPACT_AREAS.delete_view, name="impact_area_delete"),
    path("riskmatris/", matrix.risk_matrix, name="risk_matrix"),
    # --- controls' results and actions
    path("kontroll/<int:pk>/<str:occurrence>/", results.result_page, name="ic_result"),
    path("kontroll/<int:pk>/<str:occurrence>/spara/", results.result_save, name="ic_result_save"),
    path("kontroll/<int:pk>/<str:occurrence>/underlag/", results.evidence_upload, name="ic_evidence_upload"),
    path("underlag/<int:pk>/", results.evidence_download, name="ic_evidence"),
    path("underlag/<int:pk>/ta-bort/", results.evidence_delete, name="ic_evidence_delete"),
    path("risk/<int:risk_pk>/atgarder/ny/", results.action_new, name="ic_action_new"),
    path("atgard/<int:pk>/andra/", results.action_edit, name="ic_action_edit"),
    path("atgard/<int:pk>/<str:period_code>/", results.action_followup, name="ic_action_followup"),
    # --- Excel (the risk analysis both ways, the plan and its results out)
    path("<int:unit_pk>/<int:year>/excel/", excel.analysis_export, name="ic_analysis_export"),
    path("<int:unit_pk>/<int:year>/import/", excel.analysis_import, name="ic_analysis_import"),
    path("<int:unit_pk>/<int:year>/internkontrollplan/excel/", excel.plan_export, name="ic_plan_export"),
]

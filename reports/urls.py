"""Report URLs, under /<region>/rapporter/."""

from django.urls import path

from reports import views

urlpatterns = [
    path("", views.report_index, name="report_index"),
    path("<int:pk>/", views.report_outline, name="report_outline"),
    path("<int:pk>/forhandsgranska/", views.report_preview, name="report_preview"),
    path("<int:pk>/avsnitt/<int:section_pk>/", views.section_edit, name="section_edit"),
    path("<int:pk>/avsnitt/<int:section_pk>/hamta/", views.section_pull, name="section_pull"),
    path("<int:pk>/skapa/", views.report_generate, name="report_generate"),
    path("<int:pk>/faststall/", views.report_approve, name="report_approve"),
    path("version/<int:pk>/", views.report_run, name="report_run"),
    path("version/<int:pk>/pdf/", views.run_download, {"fmt": "pdf"}, name="run_pdf"),
    path("version/<int:pk>/excel/", views.run_download, {"fmt": "xlsx"}, name="run_xlsx"),
    path("rapporttyper/", views.kind_list, name="report_kinds"),
    path("rapporttyper/<slug:key>/", views.kind_edit, name="report_kind_edit"),
]

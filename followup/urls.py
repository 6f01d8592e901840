"""URLs of follow-up, under /<region>/uppfoljning/."""

from django.urls import path

from followup import views
from followup.imports import views as importviews

urlpatterns = [
    path("import/", importviews.import_index, name="import_index"),
    path("import/<int:pk>/", importviews.import_job, name="import_job"),
    path("import/<int:pk>/fel.xlsx", importviews.import_job_errors, name="import_job_errors"),
    path("import/kallor/", importviews.source_list, name="source_list"),
    path("import/kallor/ny/", importviews.source_edit, name="source_create"),
    path("import/kallor/<int:pk>/", importviews.source_edit, name="source_edit"),
    path("import/kallor/<int:pk>/kor/", importviews.source_run, name="source_run"),
    path("import/kallor/<int:pk>/ta-bort/", importviews.source_delete, name="source_delete"),
    path("", views.my_followup, name="my_followup"),
    path("oversikt/", views.overview, name="followup_overview"),
    path("installningar/", views.followup_settings, name="followup_settings"),
    path("<str:period_code>/rad/<int:item_pk>/<int:unit_pk>/", views.report_save, name="report_save"),
    path("<str:period_code>/enhet/<int:unit_pk>/oppna/", views.reopen, name="followup_reopen"),
    path("<str:period_code>/enhet/<int:unit_pk>/paminn/", views.remind, name="followup_remind"),
    path("historik/<int:item_pk>/<int:unit_pk>/", views.item_history, name="followup_history"),
]

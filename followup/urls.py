"""URLs of follow-up, under /<region>/uppfoljning/."""

from django.urls import path

from followup import views

urlpatterns = [
    path("", views.my_followup, name="my_followup"),
    path("oversikt/", views.overview, name="followup_overview"),
    path("installningar/", views.followup_settings, name="followup_settings"),
    path("<str:period_code>/rad/<int:item_pk>/<int:unit_pk>/", views.report_save, name="report_save"),
    path("<str:period_code>/enhet/<int:unit_pk>/oppna/", views.reopen, name="followup_reopen"),
    path("<str:period_code>/enhet/<int:unit_pk>/paminn/", views.remind, name="followup_remind"),
    path("historik/<int:item_pk>/<int:unit_pk>/", views.item_history, name="followup_history"),
]

"""Dashboard URLs, under /<region>/dashboard/. The unit, period and comparison are query
parameters (?enhet=, ?period=, ?jamfor=1), so every view has a stable URL to bookmark or
send by e-mail; ?format=pdf gives the same view as a one-page PDF."""

from django.urls import path

from reports.dashboards import internal_control, views

urlpatterns = [
    path("", views.dashboard_home, name="dashboard"),
    path("mal/<int:pk>/", views.dashboard_goal, name="dashboard_goal"),
    path("matt/<int:pk>/", views.dashboard_measure, name="dashboard_measure"),
    path("matt/<int:pk>/jamfor/", views.dashboard_compare, name="dashboard_compare"),
    path("intern-kontroll/", internal_control.dashboard_ic, name="dashboard_ic"),
    path("intern-kontroll/ruta/", internal_control.dashboard_ic_cell, name="dashboard_ic_cell"),
    path("intern-kontroll/risk/<int:pk>/", internal_control.dashboard_ic_risk, name="dashboard_ic_risk"),
]

"""URLs of internal control, under /<region>/intern-kontroll/."""

from django.urls import path

from internal_control import views

urlpatterns = [
    path("riskkategorier/", views.categories, name="risk_categories"),
    path("riskkategorier/standard/", views.category_defaults, name="risk_category_defaults"),
    path("riskkategorier/<int:pk>/", views.category_edit, name="risk_category_edit"),
    path("riskkategorier/<int:pk>/ta-bort/", views.category_delete, name="risk_category_delete"),
]

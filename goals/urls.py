"""URLs of the plan pages, under /<region>/planer/."""

from django.urls import path

from goals.views import items, plans, settings

urlpatterns = [
    path("", plans.plan_index, name="plan_index"),
    path("import/", plans.plan_import, name="plan_import"),
    path("installningar/", settings.plan_settings, name="plan_settings"),
    path("installningar/perspektiv/ny/", settings.perspective_create, name="perspective_create"),
    path("installningar/perspektiv/<int:pk>/", settings.perspective_edit, name="perspective_edit"),
    path("installningar/perspektiv/<int:pk>/ta-bort/", settings.perspective_delete, name="perspective_delete"),
    path("<int:unit_pk>/<int:year>/", plans.plan_detail, name="plan_detail"),
    path("<int:unit_pk>/<int:year>/skapa/", plans.plan_create, name="plan_create"),
    path("<int:unit_pk>/<int:year>/faststall/", plans.plan_adopt, name="plan_adopt"),
    path("<int:unit_pk>/<int:year>/stang/", plans.plan_close, name="plan_close"),
    path("<int:unit_pk>/<int:year>/utkast/", plans.plan_reopen, name="plan_reopen"),
    path("<int:unit_pk>/<int:year>/kopiera/", plans.plan_copy, name="plan_copy"),
    path("<int:unit_pk>/<int:year>/historik/", plans.plan_history, name="plan_history"),
    path("<int:unit_pk>/<int:year>/excel/", plans.plan_export, name="plan_export"),
    path("<int:unit_pk>/<int:year>/ny/<str:level>/", items.item_create, name="item_create"),
    path("post/<int:pk>/", items.item_edit, name="item_edit"),
    path("post/<int:pk>/flytta/", items.item_move, name="item_move"),
    path("post/<int:pk>/ordning/", items.item_reorder, name="item_reorder"),
    path("post/<int:pk>/ta-bort/", items.item_delete, name="item_delete"),
    path("post/<int:pk>/anta/", items.adoption_create, name="adoption_create"),
    path("antagande/<int:pk>/ta-bort/", items.adoption_delete, name="adoption_delete"),
]

"""URLs of the plan pages, under /<region>/planer/."""

from django.urls import path

from goals import views

urlpatterns = [
    path("", views.plan_index, name="plan_index"),
    path("import/", views.plan_import, name="plan_import"),
    path("installningar/", views.plan_settings, name="plan_settings"),
    path("installningar/perspektiv/ny/", views.perspective_create, name="perspective_create"),
    path("installningar/perspektiv/<int:pk>/", views.perspective_edit, name="perspective_edit"),
    path("installningar/perspektiv/<int:pk>/ta-bort/", views.perspective_delete, name="perspective_delete"),
    path("<int:unit_pk>/<int:year>/", views.plan_detail, name="plan_detail"),
    path("<int:unit_pk>/<int:year>/skapa/", views.plan_create, name="plan_create"),
    path("<int:unit_pk>/<int:year>/faststall/", views.plan_adopt, name="plan_adopt"),
    path("<int:unit_pk>/<int:year>/stang/", views.plan_close, name="plan_close"),
    path("<int:unit_pk>/<int:year>/utkast/", views.plan_reopen, name="plan_reopen"),
    path("<int:unit_pk>/<int:year>/kopiera/", views.plan_copy, name="plan_copy"),
    path("<int:unit_pk>/<int:year>/historik/", views.plan_history, name="plan_history"),
    path("<int:unit_pk>/<int:year>/excel/", views.plan_export, name="plan_export"),
    path("<int:unit_pk>/<int:year>/ny/<str:level>/", views.item_create, name="item_create"),
    path("post/<int:pk>/", views.item_edit, name="item_edit"),
    path("post/<int:pk>/flytta/", views.item_move, name="item_move"),
    path("post/<int:pk>/ordning/", views.item_reorder, name="item_reorder"),
    path("post/<int:pk>/ta-bort/", views.item_delete, name="item_delete"),
    path("post/<int:pk>/anta/", views.adoption_create, name="adoption_create"),
    path("antagande/<int:pk>/ta-bort/", views.adoption_delete, name="adoption_delete"),
]

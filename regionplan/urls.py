"""URLs. Everything with tenant data lives under /<region_slug>/."""

from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.i18n import set_language

from regionplan import registry
from regionplan.views import (
    audit,
    auth,
    calendar,
    organisation,
    settings,
    system,
    users,
)

account_patterns = [
    path("logga-in/", auth.LoginView.as_view(), name="login"),
    path("logga-ut/", auth_views.LogoutView.as_view(), name="logout"),
    path("losenord/", auth_views.PasswordResetView.as_view(), name="password_reset"),
    path("losenord/skickat/", auth_views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path("losenord/<uidb64>/<token>/", auth_views.PasswordResetConfirmView.as_view(), name="password_reset_confirm"),
    path("losenord/klart/", auth_views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
    path("byt-losenord/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("byt-losenord/klart/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
]

region_patterns = [
    path("", organisation.region_home, name="region_home"),
    path("organisation/", organisation.org_tree, name="org_tree"),
    path("organisation/ny/", organisation.unit_create, name="unit_create"),
    path("organisation/import/", organisation.unit_import, name="unit_import"),
    path("organisation/<int:pk>/", organisation.unit_detail, name="unit_detail"),
    path("organisation/<int:pk>/underenheter/", organisation.unit_children, name="unit_children"),
    path("organisation/<int:pk>/andra/", organisation.unit_edit, name="unit_edit"),
    path("organisation/<int:pk>/flytta/", organisation.unit_move, name="unit_move"),
    path("organisation/<int:pk>/stang/", organisation.unit_close, name="unit_close"),
    path("organisation/<int:pk>/oppna/", organisation.unit_reopen, name="unit_reopen"),
    path("anvandare/", users.user_list, name="user_list"),
    path("anvandare/ny-roll/", users.role_grant, name="role_grant"),
    path("anvandare/roll/<int:pk>/ta-bort/", users.role_revoke, name="role_revoke"),
    path("kalender/", calendar.calendar, name="calendar"),
    path("kalender/period/<int:pk>/", calendar.period_edit, name="period_edit"),
    path("installningar/", settings.region_settings, name="region_settings"),
    path("installningar/enhetstyper/ny/", settings.kind_create, name="kind_create"),
    path("installningar/enhetstyper/<int:pk>/", settings.kind_edit, name="kind_edit"),
    path("installningar/enhetstyper/<int:pk>/ta-bort/", settings.kind_delete, name="kind_delete"),
    path("historik/", audit.audit_log, name="audit_log"),
    path("historik/<str:model>/<int:pk>/", audit.object_history, name="object_history"),
    # The apps' pages, as they registered them (regionplan.registry): the core names no app.
    *registry.url_includes(),
]

urlpatterns = [
    path("", auth.home, name="home"),
    path("konto/", include(account_patterns)),
    path("halsa/", system.health, name="health"),
    path("i18n/setlang/", set_language, name="set_language"),
    path("<slug:region_slug>/", include(region_patterns)),
]

handler400 = "regionplan.views.system.error_400"
handler403 = "regionplan.views.system.error_403"
handler404 = "regionplan.views.system.error_404"
handler500 = "regionplan.views.system.error_500"

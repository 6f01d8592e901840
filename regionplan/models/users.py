"""Users: one account per person across regions, logging in with e-mail."""

from django.contrib.auth.models import (
    AbstractBaseUser,
    BaseUserManager,
    PermissionsMixin,
)
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from regionplan.tenancy import TenantModel, current_region_id, scope_memo


class UserManager(BaseUserManager):
    """Creates users keyed by a normalised e-mail address."""

    use_in_migrations = True

    def _create_user(self, email, password, **extra):
        if not email:
            raise ValueError("E-postadress krävs.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email, password=None, **extra):
        extra.update(is_staff=True, is_superuser=True)
        return self._create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """A person's account. Not a tenant row: the same person may hold roles in several regions.

    What a user may do in a region comes only from their RoleAssignments there; the
    Django superuser flag grants nothing inside a region. What a region calls the person
    is that region's own `Member` row: inside a region, `str(user)` and `get_full_name()`
    give that name (else the e-mail), never the name another region gave the account.
    `full_name` is the name given when the account was made, for the person's own
    e-mails outside any region.
    """

    email = models.EmailField(_("e-postadress"), unique=True)
    # A stable identity from an identity provider (Entra ID's object id, an HSA id), for
    # single sign-on: e-mail addresses change when people marry or move.
    external_id = models.CharField(_("extern identitet"), max_length=200, unique=True, null=True, blank=True)
    full_name = models.CharField(_("namn"), max_length=200, blank=True)
    is_active = models.BooleanField(_("aktiv"), default=True)
    is_staff = models.BooleanField(default=False)
    date_joined = models.DateTimeField(default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        verbose_name = _("användare")
        verbose_name_plural = _("användare")

    def __str__(self):
        return self.get_full_name()

    def get_full_name(self):
        return display_name(self)

    def get_short_name(self):
        return self.get_full_name()


class Member(TenantModel):
    """A person as one region knows them: the name its administrators gave. An account
    shared with other regions shows, in each, only that region's own name for it."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+", verbose_name=_("användare"))
    full_name = models.CharField(_("namn"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("person i regionen")
        verbose_name_plural = _("personer i regionen")
        constraints = [models.UniqueConstraint(fields=["region", "user"], name="member_unique_user")]

    def __str__(self):
        return self.full_name or self.user.email


# --- What a region calls the people it shows (re-exported by regionplan.people) -------------


def _names() -> dict[int, str]:
    return scope_memo().setdefault("people", {})


def remember(users) -> None:
    """Load the region's names of these users (or user ids) in one query."""
    if current_region_id() is None:
        return
    names = _names()
    wanted = {getattr(u, "pk", u) for u in users if u is not None} - set(names)
    wanted.discard(None)
    if not wanted:
        return
    names.update(dict.fromkeys(wanted, ""))
    names.update(Member.objects.filter(user_id__in=wanted).values_list("user_id", "full_name"))


def know(user, name: str) -> None:
    """Remember a name already read with another query (the middleware's, for the header)."""
    if current_region_id() is not None and user is not None:
        _names()[user.pk] = name


def region_name(user) -> str:
    """The name the current region gave the person, or "" (none given, or outside a region)."""
    if user is None or user.pk is None:
        return ""
    if current_region_id() is None:
        return user.full_name
    names = _names()
    if user.pk not in names:
        remember([user])
    return names.get(user.pk, "")


def display_name(user) -> str:
    """The person as the current region shows them: its name for them, else their e-mail."""
    if user is None:
        return "–"
    return region_name(user) or user.email


def with_names(rows, attribute: str = "user") -> list:
    """The rows (role assignments, audit entries…) as a list, with the region's names of
    their `attribute` users loaded in one query."""
    rows = list(rows)
    remember(getattr(row, attribute) for row in rows)
    return rows

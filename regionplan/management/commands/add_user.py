"""python manage.py add_user --region <slug> --email E --role ROLE --unit CODE [--subtree] [--password P]."""

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import CommandError
from django.core.validators import validate_email

from regionplan.management.base import RegionCommand
from regionplan.models import OrgUnit, Role
from regionplan.models.roles import parse_role
from regionplan.orgtree import grant_role


class Command(RegionCommand):
    help = "Skapar användaren om den saknas och ger den en roll på en enhet."

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("--email", required=True)
        parser.add_argument(
            "--role", required=True, help="administratör|controller|chef|läsare (administrator, lasare går också)"
        )
        parser.add_argument("--unit", required=True, help="enhetens kod")
        parser.add_argument("--subtree", action="store_true", help="rollen gäller även alla underliggande enheter")
        parser.add_argument("--password", help="lösenord (annars får användaren välja via återställning)")
        parser.add_argument("--name", default="", help="personens namn")

    def handle_region(self, region, *args, email, role, unit, subtree, password, name, **options):
        email = email.strip().lower()
        try:
            validate_email(email)
        except ValidationError:
            raise CommandError(f"Ogiltig e-postadress: {email}") from None
        role_value = parse_role(role)
        if role_value is None:
            raise CommandError(f"Okänd roll '{role}'. Välj en av: administratör, controller, chef, läsare.")
        org_unit = OrgUnit.objects.filter(code=unit).first()
        if org_unit is None:
            raise CommandError(f"Enheten med kod '{unit}' finns inte i {region.name}.")
        if password:
            try:
                validate_password(password)
            except ValidationError as exc:
                raise CommandError("Lösenordet godtas inte: " + " ".join(exc.messages)) from None
        user, assignment, user_created, role_created = grant_role(
            email, role_value, org_unit, subtree, full_name=name, password=password
        )
        what = "Skapade användaren" if user_created else "Användaren fanns redan:"
        scope = "med underliggande enheter" if assignment.include_subtree else "endast enheten"
        done = "fick" if role_created else "hade redan"
        self.stdout.write(
            self.style.SUCCESS(
                f"{what} {user.email}; {done} rollen {Role(role_value).label} på {org_unit.name} ({org_unit.code}), {scope}."
            )
        )

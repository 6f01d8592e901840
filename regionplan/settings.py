"""The one settings module, driven by environment variables.

Unset `DATABASE_URL` / `REDIS_URL` gives the quick start: SQLite and Celery tasks run
in-process. Set them and the same module talks to PostgreSQL and a real Celery worker.
`DEBUG` is off unless set (`DEBUG=1`, as the quick start's commands do): off means the
production security settings and a SECRET_KEY that must be given.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from celery.schedules import crontab

from regionplan.logs import init_error_reporting

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    """Read a yes/no environment variable (1/0, true/false, yes/no)."""
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise RuntimeError(
            "SECRET_KEY måste sättas i drift (DEBUG är av om det inte sätts). "
            "För snabbstarten på den egna datorn: export DEBUG=1."
        )
    SECRET_KEY = "insecure-development-key-only-for-the-quick-start"

ALLOWED_HOSTS = [
    h.strip() for h in os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]").split(",") if h.strip()
]
# The address users reach the application at: links in e-mails (reminders, welcome mails),
# and whether cookies are marked secure (an https address) unless SECURE_COOKIES says
# otherwise. In operation it must be set; `manage.py check` warns when it is not
# (regionplan/checks.py).
SITE_URL_SET = bool(os.environ.get("SITE_URL", "").strip())
SITE_URL = (os.environ.get("SITE_URL", "").strip() or "http://127.0.0.1:8000").rstrip("/")
CSRF_TRUSTED_ORIGINS = [o.strip() for o in os.environ.get("CSRF_TRUSTED_ORIGINS", SITE_URL).split(",") if o.strip()]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "axes",
    "regionplan",
    "goals",
    "followup",
    "internal_control",
    "workenv",
    "reports",
]

MIDDLEWARE = [
    # First: the request's id and the line that logs it (regionplan/logs.py).
    "regionplan.logs.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "regionplan.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "regionplan.middleware.RefuseNulMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "regionplan.middleware.SecurityHeadersMiddleware",
    # A request that changes something is one transaction, rolled back unless it succeeds.
    "regionplan.middleware.AtomicWritesMiddleware",
    "regionplan.middleware.AuditActorMiddleware",
    "regionplan.middleware.RegionMiddleware",
    # Last, so that a locked-out login never reaches the view.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "regionplan.urls"
WSGI_APPLICATION = "regionplan.wsgi.application"
ASGI_APPLICATION = "regionplan.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "regionplan.context_processors.region",
            ],
        },
    }
]

# --- Database: SQLite by default, PostgreSQL when DATABASE_URL is set -------------------
DATABASE_URL = os.environ.get("DATABASE_URL", "")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60, conn_health_checks=True)}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": os.environ.get("SQLITE_PATH", str(BASE_DIR / "db.sqlite3")),
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Users and login ---------------------------------------------------------------------
AUTH_USER_MODEL = "regionplan.User"
AUTHENTICATION_BACKENDS = [
    # Axes first: it refuses a locked-out login before any password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

AXES_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("LOGIN_LOCKOUT_MINUTES", "15")))
# Lock the account name from that address: a stranger elsewhere cannot lock a colleague out.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "username"  # the login form's field; it holds the e-mail address
AXES_USERNAME_CALLABLE = "regionplan.accounts.axes_username"
AXES_LOCKOUT_TEMPLATE = "registration/lockout.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

# --- Language, time and numbers: Swedish first ------------------------------------------
LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", "Svenska"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "regionplan" / "locale"]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True
# Off: ids and years must never print as "2 022"; figures use the |number filter instead.
USE_THOUSAND_SEPARATOR = False

# --- Static files: served by the app itself (closed networks, no CDN) --------------------
STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
# Serve straight from the source folders too, so the quick start needs no collectstatic.
WHITENOISE_USE_FINDERS = True
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))

# Uploads: imports are small files; anything bigger is refused before it is read.
UPLOAD_MAX_BYTES = int(os.environ.get("UPLOAD_MAX_BYTES", str(5 * 1024 * 1024)))
DATA_UPLOAD_MAX_MEMORY_SIZE = UPLOAD_MAX_BYTES + 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
# Value files are bigger (a year of monthly values for every unit): streamed to disk and
# read row by row, so the limit is about disk and patience, not memory.
VALUE_IMPORT_MAX_BYTES = int(os.environ.get("VALUE_IMPORT_MAX_BYTES", str(200 * 1024 * 1024)))
# Drop folders of file sources: <root>/<region slug>/<the source's folder>.
IMPORT_DROP_ROOT = Path(os.environ.get("IMPORT_DROP_ROOT", BASE_DIR / "inkorg"))


# --- Addresses region administrators may point connectors at (regionplan/outbound.py) -----
def env_list(name: str, default: str) -> list[str]:
    """A comma-separated environment variable as a list."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


# Host names ("dw.region.se", "*.region.se") and networks ("10.20.0.0/16") per connector.
# A data warehouse: none in production until the operator lists them; the quick start
# allows this machine. The application's own PostgreSQL cluster is refused in any case
# unless WAREHOUSE_ALLOW_APP_CLUSTER=1 (and its own database always).
WAREHOUSE_ALLOWED_HOSTS = env_list("WAREHOUSE_ALLOWED_HOSTS", "127.0.0.0/8,::1,localhost" if DEBUG else "")
WAREHOUSE_ALLOW_APP_CLUSTER = env_bool("WAREHOUSE_ALLOW_APP_CLUSTER", False)
KOLADA_ALLOWED_HOSTS = env_list("KOLADA_ALLOWED_HOSTS", "api.kolada.se")
# A Unix socket is always the worker's own machine.
OUTBOUND_ALLOW_SOCKETS = env_bool("OUTBOUND_ALLOW_SOCKETS", False)

# --- E-mail: the console by default ------------------------------------------------------
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "regionplan@localhost")

# --- Celery: in-process without REDIS_URL, a real broker with it -------------------------
REDIS_URL = os.environ.get("REDIS_URL", "")
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
# A job's message stays with Redis, unacknowledged, while the job runs: the visibility
# timeout is how long before Redis hands it to another worker. It is set well above the
# longest job (a million-row import or a 200-page PDF take minutes, a source's retry waits
# 15) so that a running job is never handed out twice; a dead worker's job is found much
# sooner by its stopped heartbeat (regionplan.background, the sweep below).
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": int(os.environ.get("CELERY_VISIBILITY_TIMEOUT", str(4 * 60 * 60))),
    # A page never waits long for a broker that is down: one quick try, then the outbox
    # keeps the task for the sweep (regionplan.background).
    "socket_connect_timeout": 3,
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.2,
}
CELERY_BROKER_CONNECTION_TIMEOUT = 3
# Jobs (imports, report runs) beat while they run; the sweep requeues one silent longer
# than JOB_STALE_SECONDS, at most JOB_MAX_ATTEMPTS times, and hands over again a queued
# job whose message was lost (a Redis without persistence restarted) after JOB_LOST_SECONDS.
JOB_HEARTBEAT_SECONDS = float(os.environ.get("JOB_HEARTBEAT_SECONDS", "15"))
JOB_STALE_SECONDS = float(os.environ.get("JOB_STALE_SECONDS", "120"))
JOB_MAX_ATTEMPTS = int(os.environ.get("JOB_MAX_ATTEMPTS", "3"))
JOB_LOST_SECONDS = float(os.environ.get("JOB_LOST_SECONDS", str(30 * 60)))
# Celery beat. The reminder digests (followup.tasks) run every hour on the hour's fifth
# minute in Swedish time; each region's own hour decides when its digests go, and the
# digests sent are recorded, so a beat that was down catches up and never sends twice.
CELERY_BEAT_SCHEDULE = {
    # What the broker could not take, and jobs whose worker died (regionplan.background).
    "background sweep": {"task": "regionplan.tasks.sweep", "schedule": 60},
    "follow-up reminders": {"task": "followup.tasks.send_due_reminders", "schedule": crontab(minute=5)},
    # Each data source keeps its own schedule in the database; beat only asks which are due.
    "data sources": {"task": "followup.tasks.run_due_sources", "schedule": 60},
    # SAM's incident counts into the measures that name them, each night at 02:15.
    "sam incident counts": {"task": "workenv.tasks.import_all_incident_counts", "schedule": crontab(hour=2, minute=15)},
}

CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    if REDIS_URL
    else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
}

# --- Security ----------------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 60 * 60 * 10
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# A strict policy: everything from this server, no inline script (htmx's inline indicator
# style is turned off in base.html), no third party anywhere.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'self'"
)
if not DEBUG:
    # Secure cookies are sent over https only: on when the site's address is https, so a
    # plain-http installation (a test box, compose on localhost) can still log in.
    SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", SITE_URL.startswith("https://"))
    CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", False)
    # HSTS: a browser that once reached the site over https never tries http again (a
    # year). Sent on https requests only; behind a TLS proxy those are the ones it marks
    # with X-Forwarded-Proto: https. SECURE_HSTS_SECONDS=0 turns it off.
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(365 * 24 * 60 * 60)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", False)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Logs (regionplan/logs.py): each record carries the request id, region and user (or the
# Celery task); each request ends with one line. JSON lines in production, plain text for a
# developer (LOG_FORMAT=json|text).
LOG_FORMAT = os.environ.get("LOG_FORMAT", "text" if DEBUG else "json")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"context": {"()": "regionplan.logs.ContextFilter"}},
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s %(request_id)s %(region)s %(user_id)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s %(region)s %(user_id)s] %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["context"],
            "formatter": "json" if LOG_FORMAT == "json" else "text",
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # WeasyPrint logs every page it lays out at INFO.
    "loggers": {"axes": {"level": "WARNING"}, "weasyprint.progress": {"level": "WARNING"}},
}
# Errors to Sentry when SENTRY_DSN is set; nothing leaves the server otherwise.
SENTRY_ENABLED = init_error_reporting(os.environ.get("SENTRY_DSN"), os.environ.get("SENTRY_ENVIRONMENT", "production"))

"""Ordna settings. Everything that differs between machines comes from the environment (see README)."""

import secrets
from datetime import timedelta
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from .broker import MINIMUM_TIMEOUT, celery_broker_options
from .env import envbool, envheader, envint, envlist, envrate, envstr, envurl, load_env_file

BASE_DIR = Path(__file__).resolve().parent.parent
# A local, untracked .env (written by `python3 tasks.py` for development) fills in what the
# environment does not set.
load_env_file(BASE_DIR / ".env")
VAR_DIR = Path(envstr("ORDNA_VAR_DIR", str(BASE_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)

DEBUG = envbool("DEBUG", False)


def _secret_key() -> str:
    key = envstr("SECRET_KEY")
    if key:
        return key
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY must be set when DEBUG is off (a long random string, kept out of the repository)."
        )
    # Local use: generate once and keep it beside the local database, never in the repository.
    key_file = VAR_DIR / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", [])
CSRF_FAILURE_VIEW = "config.errors.csrf_failure"

INSTALLED_APPS = [
    "outbox",
    "idempotency",
    "config",
    "classification",
    "records",
    "retention",
    "search",
    "cms",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "mptt",
    "simple_history",
    "import_export",
    "rest_framework",
    "rest_framework.authtoken",
    "axes",
    "drf_spectacular",
    "config.admin_site.OrdnaAdminConfig",  # django.contrib.admin with URL lookups limited to what is offered
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "csp",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "common.request_checks.RequestChecksMiddleware",
    "config.middleware.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "config.middleware.PrivateFilesMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        # The records app keeps each feature's templates in its feature folder (records/<feature>/templates).
        "DIRS": [BASE_DIR / "config" / "templates", *sorted((BASE_DIR / "records").glob("*/templates"))],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
DATABASE_URL = envurl("DATABASE_URL", ("sqlite", "postgres", "postgresql", "pgsql"))
if DATABASE_URL:
    # One connection per request by default: kept connections multiply with every thread of every process
    # (runserver's thread per request exhausted PostgreSQL). Behind gunicorn, a few seconds can pay off.
    DATABASES = {
        "default": dj_database_url.parse(
            DATABASE_URL, conn_max_age=envint("DB_CONN_MAX_AGE", 0, minimum=0), conn_health_checks=True
        )
    }
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": VAR_DIR / "ordna.sqlite3",
            # WAL lets readers work while a registrar writes; IMMEDIATE avoids lock upgrades.
            "OPTIONS": {
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache: API throttle counts, shared by all web processes ---------------------------------
CACHE_URL = envurl("CACHE_URL", ("redis", "rediss"))
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_URL}
    if CACHE_URL
    else {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache", "LOCATION": VAR_DIR / "cache"}
}

# --- Internationalisation -------------------------------------------------------------------
LANGUAGE_CODE = "sv"
# Swedish only: the interface is Swedish whatever language a browser asks for.
LANGUAGES = [("sv", _("Svenska"))]
TIME_ZONE = envstr("TIME_ZONE", "Europe/Stockholm")
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]

# --- Static and uploaded files --------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(envstr("MEDIA_ROOT", str(VAR_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedStaticFilesStorage"
    },
}
ORDNA_MAX_UPLOAD_MB = envint("ORDNA_MAX_UPLOAD_MB", 50, minimum=1)
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# --- Authentication: one login for the back office, the CMS and the API ---------------------
LOGIN_URL = "/admin/login/"
LOGIN_REDIRECT_URL = "/"
# django-axes sees every login first (the admin's, Wagtail's) and refuses a locked one; it logs no one in.
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
AXES_ENABLED = True
AXES_FAILURE_LIMIT = envint("ORDNA_LOGIN_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = timedelta(minutes=envint("ORDNA_LOGIN_LOCK_MINUTES", 15, minimum=1))
# Lock the account only from the address that guessed: a colleague elsewhere is not locked out with it.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "config.login_locks.lockout_response"
# Behind reverse proxies the client's address is the one the outermost of them added to X-Forwarded-For.
ORDNA_PROXY_COUNT = envint("ORDNA_PROXY_COUNT", 0, minimum=0)
AXES_CLIENT_IP_CALLABLE = "config.login_locks.client_address"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "config.passwords.DistinctCharactersValidator", "OPTIONS": {"min_distinct": 6}},
]

# --- HTTPS and sessions: safe for production by default; `tasks.py serve` opts out for plain http on loopback.
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 0 if DEBUG else 365 * 24 * 3600, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", True)
# Behind a TLS-terminating proxy: the request header it sets, e.g. HTTP_X_FORWARDED_PROTO (meaning "https").
SECURE_PROXY_SSL_HEADER = envheader("SECURE_PROXY_SSL_HEADER", "https")
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = not DEBUG and envbool("SECURE_COOKIES", True)
SESSION_COOKIE_HTTPONLY = True
# A session ends when the browser closes, or after ORDNA_SESSION_IDLE_MINUTES without a request: each
# request of a signed-in user saves the session, which moves its expiry on.
SESSION_EXPIRE_AT_BROWSER_CLOSE = envbool("ORDNA_SESSION_EXPIRE_AT_BROWSER_CLOSE", True)
SESSION_COOKIE_AGE = envint("ORDNA_SESSION_IDLE_MINUTES", 60, minimum=1) * 60
SESSION_SAVE_EVERY_REQUEST = True
# Wagtail's preview allows itself to be framed by the same site; nothing else may be framed.
X_FRAME_OPTIONS = "DENY"

# --- Content-Security-Policy (django-csp): only our own scripts, styles, images and fonts. ----------
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        # A template that must write a script inline marks it with nonce="{{ request.csp_nonce }}".
        "script-src": [SELF, NONCE],
        # The Django admin, Wagtail and our pages set style attributes (widths, levels, bars).
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:", "blob:"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "frame-src": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}
# Wagtail's admin still writes some scripts inline (inline panels, date pickers, choosers) and frames its
# own previews: those two directives are relaxed there only.
ORDNA_CSP_REPLACE_BY_PREFIX = {"/cms/": {"script-src": [SELF, UNSAFE_INLINE], "frame-ancestors": [SELF]}}

# --- Celery ---------------------------------------------------------------------------------
# With no broker configured, tasks run in-process (on commit), and periodic jobs travel over a
# local filesystem transport to the worker that `tasks.py serve` starts beside the web server.
# Work that must follow a commit goes through the outbox table (outbox/), so a broker that is down
# or frozen delays it and never fails or holds a request: publishing is tried once, with short
# timeouts (config/broker.py), and the outbox's periodic job hands over what is left.
_QUIET_LOGGERS: dict = {}
CELERY_BROKER_URL = envurl("CELERY_BROKER_URL", ("redis", "rediss", "amqp", "filesystem", "memory"))
CELERY_TASK_ALWAYS_EAGER = envbool("CELERY_TASK_ALWAYS_EAGER", CELERY_BROKER_URL is None)
CELERY_TASK_EAGER_PROPAGATES = True
if CELERY_BROKER_URL is None:
    _queue_dir = VAR_DIR / "celery"
    for _sub in ("out", "processed", "control"):
        (_queue_dir / _sub).mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_URL = "filesystem://"
    # kombu warns at every start that the filesystem transport has no host name: it needs none.
    _QUIET_LOGGERS["kombu.connection"] = {"level": "ERROR"}
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_queue_dir / "out"),
        "data_folder_out": str(_queue_dir / "out"),
        "processed_folder": str(_queue_dir / "processed"),
        "store_processed": False,
        "control_folder": str(_queue_dir / "control"),
    }
else:
    _broker = celery_broker_options(
        CELERY_BROKER_URL, timeout=envint("CELERY_BROKER_TIMEOUT", 2, minimum=MINIMUM_TIMEOUT)
    )
    CELERY_BROKER_CONNECTION_TIMEOUT = _broker["broker_connection_timeout"]
    CELERY_BROKER_TRANSPORT_OPTIONS = _broker["broker_transport_options"]
    CELERY_TASK_PUBLISH_RETRY_POLICY = _broker["task_publish_retry_policy"]
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_DEFAULT_RETRY_DELAY = 60
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
# Periodic jobs, one block per app.
CELERY_BEAT_SCHEDULE: dict = {
    # retention: a disposal run interrupted by a crash or restart is picked up again.
    "retention-resume-disposals": {
        "task": "retention.resume_interrupted_disposals",
        "schedule": crontab(minute="*/15"),
    },
}
# records (issue 4): installer drafts are deleted 14 days after they were last saved (checked
# hourly, so a draft goes within the hour it expires); messages that never reached a worker
# (e.g. the broker was down at commit) are queued again.
CELERY_BEAT_SCHEDULE.update(
    {
        "records-purge-expired-drafts": {"task": "records.purge_expired_drafts", "schedule": crontab(minute=15)},
        "records-resend-stale-messages": {"task": "records.resend_stale_messages", "schedule": crontab(minute="*/10")},
    }
)
# outbox: work the broker did not take (down, frozen) or lost is handed over again every minute;
# finished work is deleted after a week. idempotency: API keys expire after a day.
CELERY_BEAT_SCHEDULE.update(
    {
        "outbox-redispatch": {"task": "outbox.redispatch", "schedule": timedelta(minutes=1)},
        "outbox-purge": {"task": "outbox.purge", "schedule": crontab(minute=40)},
        "idempotency-purge": {"task": "idempotency.purge", "schedule": crontab(minute=45)},
    }
)
# search: every night the whole index is compared with the database and every difference fixed
# (`search_index --repair`): whatever a lost task, a crash or a restored backup left behind.
CELERY_BEAT_SCHEDULE["search-verify-and-repair"] = {
    "task": "search.verify_and_repair",
    "schedule": crontab(hour=3, minute=30),
}

# --- Search ---------------------------------------------------------------------------------
ELASTICSEARCH_URL = envurl("ELASTICSEARCH_URL", ("http", "https"))
ELASTICSEARCH_INDEX_PREFIX = envstr("ELASTICSEARCH_INDEX_PREFIX", "ordna")
# The Wagtail page model that search indexes as guides ("app_label.Model"; empty: no guides). Named
# here rather than imported by search, since the CMS sits beside search, not below it.
SEARCH_GUIDE_MODEL = "cms.GuidePage"
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}

# --- Register -------------------------------------------------------------------------------
ORDNA_REFERENCE_PREFIX = envstr("ORDNA_REFERENCE_PREFIX", "BOP")
ORDNA_ORGANISATION_NAME = envstr("ORDNA_ORGANISATION_NAME", "Ordna")

# --- Wagtail --------------------------------------------------------------------------------
WAGTAIL_SITE_NAME = ORDNA_ORGANISATION_NAME
WAGTAILADMIN_BASE_URL = envstr("WAGTAILADMIN_BASE_URL", "http://localhost:8000")
WAGTAILADMIN_PERMITTED_LANGUAGES = [("sv", "Svenska")]
WAGTAIL_I18N_ENABLED = False
# Nothing in the CMS calls another site: no avatars from Gravatar, no check for new Wagtail releases.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "xlsx", "odt", "txt", "csv", "png", "jpg", "jpeg"]

# --- API ------------------------------------------------------------------------------------
ORDNA_API_TOKEN_DAYS = envint("ORDNA_API_TOKEN_DAYS", 30, minimum=1)
REST_FRAMEWORK = {
    # Token first: a caller without valid credentials gets 401 with WWW-Authenticate: Token.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "config.tokens.ExpiringTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PARSER_CLASSES": [
        "common.parsers.JSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "common.errors.api_exception_handler",
    # Requests per minute per signed-in user and per anonymous address; counted in the shared cache.
    "DEFAULT_THROTTLE_CLASSES": ["config.throttling.AnonRateThrottle", "config.throttling.UserRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {
        "anon": envrate("ORDNA_API_RATE_ANON", "60/min"),
        "user": envrate("ORDNA_API_RATE_USER", "600/min"),
    },
    "NUM_PROXIES": ORDNA_PROXY_COUNT,
    # The browsable API's titles and descriptions in Swedish (each view's swedish_title(s)/_description).
    "VIEW_NAME_FUNCTION": "common.api_texts.view_name",
    "VIEW_DESCRIPTION_FUNCTION": "common.api_texts.view_description",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Ordna API",
    "DESCRIPTION": "Diarium, klassificeringsstruktur, gallring och sök.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "PREPROCESSING_HOOKS": ["config.schema.only_ordna_api"],
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "config.schema.document_error_responses",
    ],
}

# --- History: kept, never edited. ----------------------------------------------------------
SIMPLE_HISTORY_REVERT_DISABLED = True
SIMPLE_HISTORY_EDIT = False

# --- Import/export --------------------------------------------------------------------------
IMPORT_EXPORT_SKIP_ADMIN_LOG = False
IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "add"
IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "view"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": envstr("LOG_LEVEL", "INFO")},
    # axes announces itself at every start at INFO; its locks are warnings, and so are ours (ordna.security).
    "loggers": {"django.db.backends": {"level": "INFO"}, "axes": {"level": "WARNING"}, **_QUIET_LOGGERS},
}

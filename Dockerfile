# One image for the web process, the Celery worker and Celery beat (docker-compose.yml).
FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
# WeasyPrint needs Pango; fonts for the PDFs; gettext for compiling translations.
RUN apt-get update && apt-get install -y --no-install-recommends \
      libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core gettext \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY pyproject.toml README.md ./
COPY regionplan ./regionplan
COPY goals ./goals
COPY followup ./followup
COPY internal_control ./internal_control
COPY workenv ./workenv
COPY reports ./reports
RUN pip install --no-cache-dir .
COPY . .
# As the app runs (DEBUG off): the manifest storage writes staticfiles.json, without which
# every page that names a static file is a server error. The key is only for this step.
RUN DEBUG=0 SECRET_KEY=collectstatic-only python manage.py collectstatic --noinput
# /data is the named volume (uploads, drop folders). A new named volume takes the owner of
# the image's folder, so it must exist here and belong to the user the app runs as.
RUN useradd --system --home /app regionplan \
    && mkdir -p /data/media /data/inkorg \
    && chown -R regionplan /app /data
USER regionplan
EXPOSE 8000
CMD ["gunicorn", "regionplan.wsgi", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]

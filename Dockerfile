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
RUN DEBUG=1 python manage.py collectstatic --noinput
RUN useradd --system --home /app regionplan && chown -R regionplan /app
USER regionplan
EXPOSE 8000
CMD ["gunicorn", "regionplan.wsgi", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]

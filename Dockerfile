# Pleinmunt: one image for a school's server. Build: docker build -t pleinmunt .
# Run (SQLite, data in a volume): docker run -p 8000:8000 -v pleinmunt-data:/data pleinmunt
# The install steps are the README's: build the wheel, `pip install` it, `pleinmunt serve`.

FROM python:3.12-slim-bookworm AS build
WORKDIR /src
COPY pyproject.toml README.md ./
COPY app ./app
COPY kiosk ./kiosk
COPY migrations ./migrations
RUN pip wheel --no-cache-dir --no-deps --wheel-dir /wheels .

FROM python:3.12-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PLEINMUNT_DATA_DIR=/data
# pg_dump and pg_restore for `pleinmunt backup` when the database is PostgreSQL.
# hadolint ignore=DL3008
RUN apt-get update \
    && apt-get install -y --no-install-recommends postgresql-client \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --home-dir /data --shell /usr/sbin/nologin pleinmunt \
    && mkdir -p /data \
    && chown pleinmunt /data
COPY --from=build /wheels /wheels
RUN pip install --no-cache-dir /wheels/*.whl && rm -rf /wheels
USER 10001
WORKDIR /data
VOLUME ["/data"]
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s \
    CMD ["python", "-c", "import sys, urllib.request; sys.exit(urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=4).status != 200)"]
CMD ["pleinmunt", "serve", "--host", "0.0.0.0", "--port", "8000"]

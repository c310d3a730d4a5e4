# Pleinmunt: one image for a school's server. Build: docker build -t pleinmunt .
# Run (SQLite, data in a volume): docker run -p 8000:8000 -v pleinmunt-data:/data pleinmunt
# The install steps are the README's: build the wheel, `pip install` it, `pleinmunt serve`.
#
# BASE is any Debian bookworm image with Python 3.11+ and its venv module. The public
# python:*-slim image is the default; deploy/check-image.sh builds its own base with mmdebstrap
# for machines that reach no image registry, and passes it with --build-arg BASE=...
ARG BASE=python:3.12-slim-bookworm

FROM ${BASE} AS build
WORKDIR /src
COPY pyproject.toml README.md ./
COPY app ./app
COPY kiosk ./kiosk
COPY migrations ./migrations
# The application lives in its own venv (PEP 668: Debian's Python refuses system-wide pip),
# which the final stage copies whole: no pip, wheel cache or build tools reach it.
RUN python3 -m venv /opt/pleinmunt \
    && /opt/pleinmunt/bin/pip wheel --no-cache-dir --no-deps --wheel-dir /wheels . \
    && /opt/pleinmunt/bin/pip install --no-cache-dir /wheels/*.whl \
    && /opt/pleinmunt/bin/pip uninstall -y -q pip \
    && find /opt/pleinmunt -name __pycache__ -type d -prune -exec rm -rf {} +

FROM ${BASE}
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PATH=/opt/pleinmunt/bin:$PATH \
    PLEINMUNT_DATA_DIR=/data
# pg_dump and pg_restore for `pleinmunt backup` when the database is PostgreSQL.
# hadolint ignore=DL3008
RUN apt-get update \
    && apt-get install -y --no-install-recommends postgresql-client \
    && apt-get clean \
    && rm -rf /var/lib/apt/lists/* /var/cache/apt/* /var/log/apt /var/log/dpkg.log \
    && useradd --system --uid 10001 --home-dir /data --shell /usr/sbin/nologin pleinmunt \
    && mkdir -p /data \
    && chown pleinmunt /data \
    && chmod 0700 /data
COPY --from=build /opt/pleinmunt /opt/pleinmunt
USER 10001
WORKDIR /data
VOLUME ["/data"]
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s \
    CMD ["python", "-c", "import sys, urllib.request; sys.exit(urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=4).status != 200)"]
CMD ["pleinmunt", "serve", "--host", "0.0.0.0", "--port", "8000"]

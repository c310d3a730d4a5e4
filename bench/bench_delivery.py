"""What a tablet and a kiosk download: bytes on the wire without and with gzip, in one run.

The tablet's first visit loads its page and its module graph (every file of
app/web/static/tablet); the kiosk loads its page and kiosk/*.js|css. Each is fetched once
without ``Accept-Encoding`` (the baseline: what every screen downloaded before compression) and
once with ``gzip``, then revalidated with the ``ETag`` (what a warm screen pays per file).

    .venv/bin/python bench/bench_delivery.py
"""

import tempfile
from importlib.resources import files
from pathlib import Path

from fastapi.testclient import TestClient

from app.main import create_app
from app.schema import upgrade_to_head
from app.settings import Settings


def _wire(client: TestClient, path: str, headers: dict[str, str]) -> tuple[int, str | None]:
    with client.stream("GET", path, headers=headers) as response:
        size = sum(len(chunk) for chunk in response.iter_raw())
        return size, response.headers.get("etag")


def _set(client: TestClient, label: str, paths: list[str]) -> None:
    plain = gzipped = revalidated = 0
    for path in paths:
        size, etag = _wire(client, path, {"Accept-Encoding": ""})
        plain += size
        gzipped += _wire(client, path, {"Accept-Encoding": "gzip"})[0]
        if etag:
            again = client.get(path, headers={"If-None-Match": etag})
            assert again.status_code == 304, (path, again.status_code)
            revalidated += 1
    print(
        f"{label:<8} {len(paths):>3} files  plain {plain / 1024:7.1f} KB  "
        f"gzip {gzipped / 1024:6.1f} KB  ({gzipped / plain:.0%} of plain, "
        f"{(plain - gzipped) / 1024:.1f} KB saved)  {revalidated} revalidate with 304"
    )


def main() -> None:
    static = Path(str(files("app.web") / "static"))
    kiosk = Path(str(files("app.kiosk")))
    tablet = ["/tablet"] + [
        f"/static/tablet/{p.name}" for p in sorted((static / "tablet").iterdir()) if p.is_file()
    ]
    wall = [
        f"/kiosk-assets/{p.name}" for p in sorted(kiosk.glob("*")) if p.suffix in (".js", ".css")
    ]
    with tempfile.TemporaryDirectory() as data:
        settings = Settings(data_dir=Path(data), database_url=f"sqlite:///{data}/b.sqlite3")
        upgrade_to_head(settings.database_url)
        with TestClient(create_app(settings)) as client:
            _set(client, "tablet", tablet)
            _set(client, "kiosk", wall)


if __name__ == "__main__":
    main()

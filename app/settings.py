"""The one settings object. Nothing else in Pleinmunt reads the environment."""

import contextlib
import os
import secrets
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from app.files import private_dir, write_private

SECRET_KEY_FILE = "secret_key"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="PLEINMUNT_", extra="ignore")

    data_dir: Path = Path("data")
    # Unset means an SQLite file inside data_dir; PostgreSQL: postgresql+psycopg://user@host/db
    database_url: str | None = None
    timezone: str = "Europe/Amsterdam"
    # Unset means: generated once and kept in data_dir, so sessions survive a restart.
    secret_key: str | None = Field(default=None, repr=False)
    backdate_days: int = Field(default=14, ge=0, le=365)
    daily_cap: int = Field(default=10, ge=1, le=1000)
    language: Literal["nl", "en"] = "nl"
    # Public address used in kiosk links, e.g. https://pleinmunt.school.example; unset means
    # the address the teacher's browser used.
    base_url: str | None = None

    teacher_idle_minutes: int = Field(default=120, ge=1)
    teacher_max_hours: int = Field(default=12, ge=1)
    # An intern signs in once in the morning and keeps the tablet for the school day.
    logger_idle_minutes: int = Field(default=360, ge=1)
    logger_max_hours: int = Field(default=14, ge=1)

    # Sign-in throttling window and limits (README: "Sign-in throttling").
    throttle_minutes: int = Field(default=15, ge=1)
    throttle_per_account: int = Field(default=5, ge=1)  # per account and client address
    throttle_per_account_everywhere: int = Field(default=30, ge=1)
    throttle_per_address: int = Field(default=20, ge=1)

    # How long a process remembers who a session token belongs to (0 turns it off).
    auth_cache_seconds: float = Field(default=5, ge=0, le=60)
    bike_turn_minutes: int = Field(default=5, ge=1, le=120)
    # An open tablet asks for its groups and children again this often, so a child switched
    # off on the desk leaves it and a new one appears within a minute, without a reload.
    tablet_refresh_seconds: float = Field(default=30, ge=0.5, le=3600)
    # e.g. "fri 14:30": draw every board's winner at that local time.
    draw_at: str | None = None
    # The school's usual rewards a teacher picks from (free text stays possible); JSON list.
    usual_rewards: list[str] = [
        "Mag het spel kiezen",
        "Voorop in de rij",
        "Extra buitenspelen",
        "Hulpje van de juf of meester",
        "Mag de muziek kiezen",
    ]
    # Argon2 cost; tests lower it, production keeps the library's defaults.
    argon2_time_cost: int = Field(default=3, ge=1)
    argon2_memory_kib: int = Field(default=65536, ge=64)
    workers: int = Field(default=1, ge=1)
    # Kiosk sockets (app/realtime): each side sends a heartbeat this often and gives up on a
    # silent peer after 2.5 of them; a kiosk more than kiosk_queue_size events behind gets a
    # fresh snapshot instead of the backlog.
    kiosk_heartbeat_seconds: float = Field(default=10, gt=0, le=60)
    kiosk_queue_size: int = Field(default=256, ge=1, le=100_000)
    # Reverse proxies whose X-Forwarded-For/-Proto headers are believed (client address for
    # PIN throttling, https for Secure cookies).
    forwarded_allow_ips: str = "127.0.0.1"

    @field_validator("timezone")
    @classmethod
    def _known_timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown time zone {value!r}; use e.g. Europe/Amsterdam") from exc
        return value

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def resolved_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / 'pleinmunt.sqlite3').resolve()}"

    @property
    def is_sqlite(self) -> bool:
        return self.resolved_database_url.startswith("sqlite")

    @cached_property
    def resolved_secret_key(self) -> str:
        if self.secret_key:
            return self.secret_key
        path = self.data_dir / SECRET_KEY_FILE
        private_dir(self.data_dir, tighten=True)
        if not path.exists():
            # Write aside, then link into place: two processes starting together agree on
            # one key, and nobody ever reads a half-written file.
            spare = path.with_name(f".{SECRET_KEY_FILE}.{os.getpid()}")
            write_private(spare, (secrets.token_urlsafe(48) + "\n").encode())
            with contextlib.suppress(FileExistsError):
                os.link(spare, path)
            spare.unlink()
        return path.read_text().strip()


@lru_cache
def get_settings() -> Settings:
    return Settings()

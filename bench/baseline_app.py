"""The baseline: a bare FastAPI JSON endpoint, served the same way as Pleinmunt."""

from typing import Any

from fastapi import FastAPI

app = FastAPI()


@app.post("/echo")
def echo(body: dict[str, Any]) -> dict[str, Any]:
    return body

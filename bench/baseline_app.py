"""The baseline: a bare FastAPI JSON endpoint, served exactly as `pleinmunt serve` serves the
app (same uvicorn options, same access log), so the ratio compares the application work only.

    python -m bench.baseline_app --port 8001
"""

import argparse
from typing import Any

import uvicorn
from fastapi import FastAPI

from app.logs import log_config

app = FastAPI()


@app.post("/echo")
def echo(body: dict[str, Any]) -> dict[str, Any]:
    return body


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    port = parser.parse_args().port
    uvicorn.run(app, host="127.0.0.1", port=port, proxy_headers=True, log_config=log_config())

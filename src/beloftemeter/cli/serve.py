"""`beloftemeter serve`: the web app on the store, in one process or in N worker processes
(uvicorn's own workers, each building the app from `beloftemeter.web.asgi:create`)."""

from __future__ import annotations

import os
from typing import Annotated

import typer

from beloftemeter.cli.common import Context, console
from beloftemeter.config import ENV_PREFIX, Settings

MAX_WORKERS = 64  # more than this on one machine is a typo, not a deployment


def serve(
    ctx: typer.Context,
    host: Annotated[str | None, typer.Option("--host", help="Adres (standaard web_host).")] = None,
    port: Annotated[int | None, typer.Option(
        "--port", min=1, max=65535, help="Poort (standaard web_port).")] = None,
    workers: Annotated[int, typer.Option(
        "--workers", min=1, max=MAX_WORKERS,
        help="Aantal werkprocessen, elk met een eigen verbinding met de opslag.")] = 1,
) -> None:
    """Start de webapp: het akkoord bladeren, beslissingen zoeken, vragen stellen."""
    import uvicorn

    from beloftemeter.web.startup import prepare

    context: Context = ctx.obj
    settings = context.settings
    host = host or settings.web_host
    port = port or settings.web_port
    prepare(settings)  # the schema checked and the start-up writes done, once
    shown = f"http://{host}:{port}/"
    if workers == 1:
        from beloftemeter.web.app import create_app

        app = create_app(settings, prepared=True)
        console.print(f"beloftemeter luistert op {shown} (Ctrl-C stopt)", markup=False)
        uvicorn.run(app, host=host, port=port, log_level="warning", **proxies(settings))
        return
    # The workers read their settings as this process did: the same file, and the store
    # this command was given (--store wins over the file, as here).
    if context.config_file:
        os.environ[f"{ENV_PREFIX}CONFIG"] = str(context.config_file)
    os.environ[f"{ENV_PREFIX}STORE_URL"] = settings.store_url
    console.print(f"beloftemeter luistert op {shown} met {workers} werkprocessen"
                  " (Ctrl-C stopt)", markup=False)
    uvicorn.run("beloftemeter.web.asgi:create", factory=True, host=host, port=port,
                workers=workers, log_level="warning", **proxies(settings))


def proxies(settings: Settings) -> dict:
    """Whose X-Forwarded-For to believe. Uvicorn believes 127.0.0.1 by default, so a proxy on
    the same machine that passes the client's own header on would let anyone pick the
    address that login throttling and the reader reports' limit count: off unless set."""
    trusted = settings.web_trusted_proxies.strip()
    return {"proxy_headers": bool(trusted), "forwarded_allow_ips": trusted or None}

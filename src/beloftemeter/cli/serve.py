"""`beloftemeter serve`: the web app on the embedded store."""

from __future__ import annotations

from typing import Annotated

import typer

from beloftemeter.cli.common import Context, console


def serve(
    ctx: typer.Context,
    host: Annotated[str | None, typer.Option("--host", help="Adres (standaard web_host).")] = None,
    port: Annotated[int | None, typer.Option(
        "--port", min=1, max=65535, help="Poort (standaard web_port).")] = None,
) -> None:
    """Start de webapp: het akkoord bladeren, beslissingen zoeken, vragen stellen."""
    import uvicorn

    from beloftemeter.web.app import create_app

    context: Context = ctx.obj
    settings = context.settings
    app = create_app(settings)
    host = host or settings.web_host
    port = port or settings.web_port
    console.print(f"beloftemeter luistert op http://{host}:{port}/ (Ctrl-C stopt)", markup=False)
    uvicorn.run(app, host=host, port=port, log_level="warning")

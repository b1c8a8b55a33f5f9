"""Serves intake's API under uvicorn for (e): ``python -m bench.serve_intake DATABASE_URL PORT NATS_URL``.

The database must be migrated already. Every request is made as the centre's registrar (the
sign-in dependency is overridden, as the tests' ``api_client`` does), so the figure leaves out
token verification. The worker does not run: committed events stay in the outbox (NATS only answers readiness).
"""

import os
import sys
from typing import Any

import uvicorn
from fastapi import Request

from adr_intake.spec import SPEC
from adr_runtime.auth.dependencies import current_principal
from adr_runtime.auth.roles import Principal, Role
from adr_runtime.context import ServiceContext
from adr_runtime.http import create_service_app
from adr_runtime.testing.service import signed_in_as

REGISTRAR = signed_in_as(Role.ADMIN, subject="bench.registrar")


def app_for(database_url: str, nats_url: str) -> Any:
    settings = SPEC.settings_type(database_url=database_url, nats_url=nats_url, log_json=True, log_level="WARNING")
    app = create_service_app(ServiceContext.build(SPEC, settings))

    async def as_registrar(request: Request) -> Principal:
        request.state.principal = REGISTRAR
        return REGISTRAR

    app.dependency_overrides[current_principal] = as_registrar
    return app


def main() -> None:
    database_url, port, nats_url = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    app = app_for(database_url, nats_url)
    profile_to = os.environ.get("BENCH_PROFILE_DIR")
    if profile_to:
        app = _profiled(app, os.path.join(profile_to, "intake-http.prof"))
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", access_log=False, lifespan="on")
    uvicorn.Server(config).run()  # the event loop uvicorn picks (uvloop), as `adr-intake api` runs


def _profiled(app: Any, path: str) -> Any:
    """The app under cProfile from start-up; the profile is written when the lifespan shuts down (SIGTERM)."""
    import cProfile

    profiler = cProfile.Profile()
    profiler.enable()

    async def wrapper(scope: Any, receive: Any, send: Any) -> None:
        async def sending(message: Any) -> None:
            if message["type"] == "lifespan.shutdown.complete":
                profiler.disable()
                profiler.dump_stats(path)
            await send(message)

        await app(scope, receive, sending if scope["type"] == "lifespan" else send)

    return wrapper


if __name__ == "__main__":
    main()

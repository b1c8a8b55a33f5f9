"""The court studio over HTTP: materials and plans (A4, M1, J4), hearings (M5), decisions (M7),
confirmation (W3), suggestions (K3, C5, M10), enforcement review (K3) and open trials (M8).

One router made of the studio's parts, in the order their operations appear in the OpenAPI document.
"""

from fastapi import APIRouter

from adr_court_bridge.api import decisions, enforcement, materials, suggestions

router = APIRouter()
for part in (materials, decisions, suggestions, enforcement):
    router.include_router(part.router)

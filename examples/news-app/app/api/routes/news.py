from fastapi import APIRouter

from app.services.feeds import SOURCES, latest_headlines

router = APIRouter()


@router.get("")
async def list_news() -> dict[str, object]:
    return {"sources": [source.name for source in SOURCES], "items": latest_headlines()}

"""Live feed: one SSE event per upstream source, as each one answers."""

import asyncio
import json
from concurrent.futures import ThreadPoolExecutor

from fastapi import APIRouter
from fastapi.responses import StreamingResponse

from app.services.feeds import SOURCES, fetch_feed

router = APIRouter()


@router.get("/stream")
async def stream_news() -> StreamingResponse:
    async def event_generator():
        loop = asyncio.get_running_loop()
        with ThreadPoolExecutor(max_workers=len(SOURCES)) as pool:
            pending = [loop.run_in_executor(pool, fetch_feed, source) for source in SOURCES]
            for next_done in asyncio.as_completed(pending):
                article = await next_done
                yield f"event: article\ndata: {json.dumps(article)}\n\n"

    return StreamingResponse(event_generator(), media_type="text/event-stream")

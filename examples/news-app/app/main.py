"""News service: a list of headlines and a live SSE feed of new ones."""

from fastapi import FastAPI

from app.api.routes import health, news, stream

app = FastAPI(title="news-app")
app.include_router(health.router)
app.include_router(news.router, prefix="/api/news")
app.include_router(stream.router, prefix="/api/news")

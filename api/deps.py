"""Dependencies as Annotated aliases: the routes ask for what they need, built once at start-up."""

import asyncio
from collections.abc import Callable
from typing import Annotated, TypeVar

from fastapi import Depends, Request
from fastapi.concurrency import run_in_threadpool

from api.jobs import JobRunner
from assistant.config import Settings
from assistant.service import Assistant


def get_assistant(request: Request) -> Assistant:
    return request.app.state.assistant


def get_settings(request: Request) -> Settings:
    return request.app.state.settings


def get_jobs(request: Request) -> JobRunner:
    return request.app.state.jobs


AssistantDep = Annotated[Assistant, Depends(get_assistant)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
JobsDep = Annotated[JobRunner, Depends(get_jobs)]


T = TypeVar("T")


async def bounded(settings: Settings, work: Callable[..., T], *args: object) -> T:
    """Run blocking library work off the event loop, giving up (TimeoutError -> 504) after the
    configured request timeout."""
    return await asyncio.wait_for(run_in_threadpool(work, *args), settings.request_timeout)

"""Dependencies as Annotated aliases: the routes ask for what they need, built once at start-up."""

import asyncio
from collections.abc import Callable
from typing import Annotated, Literal, TypeVar

from fastapi import Depends, Request
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel

from api.jobs import JobRunner
from assistant.core.config import Settings
from assistant.service import Assistant
from assistant.vacancy.service import VacancyService


class User(BaseModel):
    """Who is asking: conversations and drafts belong to `name`; `role` decides what else is allowed."""

    name: str
    role: Literal["recruiter", "beheerder"]


# Until accounts exist every caller is this one local user (issue #10 replaces this).
LOCAL_USER = User(name="lokaal", role="beheerder")


def get_current_user(request: Request) -> User:
    return getattr(request.state, "user", None) or LOCAL_USER


def get_assistant(request: Request) -> Assistant:
    return request.app.state.assistant


def get_settings(request: Request) -> Settings:
    return request.app.state.settings


def get_jobs(request: Request) -> JobRunner:
    return request.app.state.jobs


AssistantDep = Annotated[Assistant, Depends(get_assistant)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
JobsDep = Annotated[JobRunner, Depends(get_jobs)]
CurrentUserDep = Annotated[User, Depends(get_current_user)]


# Vacancy drafts (issue 9): one service per app, built in the lifespan.
def get_vacancies(request: Request) -> VacancyService:
    return request.app.state.vacancies


VacancyServiceDep = Annotated[VacancyService, Depends(get_vacancies)]


T = TypeVar("T")


async def bounded(settings: Settings, work: Callable[..., T], *args: object) -> T:
    """Run blocking library work off the event loop, giving up (TimeoutError -> 504) after the
    configured request timeout."""
    return await asyncio.wait_for(run_in_threadpool(work, *args), settings.request_timeout)

"""Dependencies as Annotated aliases: the routes ask for what they need, built once at start-up."""

from typing import Annotated

from fastapi import Depends, Request

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

"""Dependencies as Annotated aliases: the routes ask for what they need, built once at start-up."""

import asyncio
from collections.abc import Callable
from typing import Annotated, TypeVar

from fastapi import Depends, Request
from fastapi.concurrency import run_in_threadpool

from api.accounts import AccountStore
from api.audit import AuditLog
from api.auth import FailedAuthLimit, User
from api.errors import ForbiddenError
from api.jobs import JobRunner
from api.security import client
from api.services import Services
from assistant.core.config import Settings
from assistant.service import Assistant
from assistant.vacancy.service import VacancyService

__all__ = ["User"]  # routes import User from here, with the aliases


def _services(request: Request) -> Services:
    return request.app.state.services


def get_current_user(request: Request) -> User:
    # Set by the Authentication middleware on every route that is not public.
    user = getattr(request.state, "user", None)
    if user is None:
        raise ForbiddenError("Niet aangemeld.")
    return user


def require_beheerder(user: Annotated[User, Depends(get_current_user)]) -> User:
    if user.role != "beheerder":
        raise ForbiddenError("Alleen een beheerder mag dit doen.")
    return user


def get_client_address(request: Request) -> str:
    return client(request.scope)


def get_assistant(request: Request) -> Assistant:
    return _services(request).assistant


def get_settings(request: Request) -> Settings:
    return _services(request).settings


def get_jobs(request: Request) -> JobRunner:
    return _services(request).jobs


def get_accounts(request: Request) -> AccountStore:
    return _services(request).accounts


def get_audit(request: Request) -> AuditLog:
    return _services(request).audit


def get_failures(request: Request) -> FailedAuthLimit:
    return _services(request).failures


AssistantDep = Annotated[Assistant, Depends(get_assistant)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
JobsDep = Annotated[JobRunner, Depends(get_jobs)]
AccountsDep = Annotated[AccountStore, Depends(get_accounts)]
AuditDep = Annotated[AuditLog, Depends(get_audit)]
FailuresDep = Annotated[FailedAuthLimit, Depends(get_failures)]
CurrentUserDep = Annotated[User, Depends(get_current_user)]
BeheerderDep = Annotated[User, Depends(require_beheerder)]
ClientAddressDep = Annotated[str, Depends(get_client_address)]


def get_vacancies(request: Request) -> VacancyService:
    return _services(request).vacancies


VacancyServiceDep = Annotated[VacancyService, Depends(get_vacancies)]


T = TypeVar("T")


async def bounded(settings: Settings, work: Callable[..., T], *args: object) -> T:
    """Run blocking library work off the event loop, giving up (TimeoutError -> 504) after the
    configured request timeout."""
    return await asyncio.wait_for(run_in_threadpool(work, *args), settings.request_timeout)

"""Everything the API serves with, built once at start-up and handed to routes through api/deps.py."""

from dataclasses import dataclass

from api.accounts import AccountStore
from api.audit import AuditLog
from api.auth import FailedAuthLimit
from api.jobs import JobRunner
from assistant.core.config import Settings
from assistant.service import Assistant, build_assistant
from assistant.vacancy.service import VacancyService, build_vacancy_service


@dataclass
class Services:
    settings: Settings
    assistant: Assistant
    jobs: JobRunner
    accounts: AccountStore
    audit: AuditLog
    failures: FailedAuthLimit
    vacancies: VacancyService

    def close(self) -> None:
        self.jobs.shutdown()


def build_services(settings: Settings, assistant: Assistant | None = None) -> Services:
    """`assistant` lets tests share one already-loaded assistant between apps."""
    assistant = assistant or build_assistant(settings)
    return Services(
        settings=settings,
        assistant=assistant,
        jobs=JobRunner(settings.data_dir / "jobs.sqlite"),
        accounts=AccountStore(settings.data_dir / "accounts.sqlite", settings.session_hours),
        audit=AuditLog(settings.data_dir / "audit.sqlite"),
        failures=FailedAuthLimit(settings.auth_failure_limit),
        vacancies=build_vacancy_service(settings, assistant),
    )

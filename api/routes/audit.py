"""The audit log, for beheerders."""

from typing import Annotated

from fastapi import APIRouter, Query

from api.audit import AuditEntry
from api.deps import AuditDep, BeheerderDep

router = APIRouter(prefix="/api", tags=["audit"])


@router.get("/audit")
def read_audit(
    _: BeheerderDep, audit: AuditDep, limit: Annotated[int, Query(ge=1, le=1000)] = 200
) -> list[AuditEntry]:
    return audit.recent(limit)

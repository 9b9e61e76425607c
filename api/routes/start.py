"""What the web app says before anything is asked: purpose, example questions, the upload limit."""

from fastapi import APIRouter

from api.deps import SettingsDep
from assistant.start import StartScreen, load_start_screen

router = APIRouter(prefix="/api", tags=["start"])


class StartInfo(StartScreen):
    max_upload_bytes: int


@router.get("/start")
def start_screen(settings: SettingsDep) -> StartInfo:
    return StartInfo(**load_start_screen().model_dump(), max_upload_bytes=settings.max_file_bytes)

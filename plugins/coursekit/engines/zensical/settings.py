"""An edition's course settings as a JSON file, the one thing the extension is told.

Zensical runs no MkDocs plugin, so the extension cannot read the plugin's
options from the configuration: ``coursekit build --engine zensical`` writes
them here, resolved, beside the configuration it stages.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from pathlib import Path

from ...model.course import Settings
from ...model.itemwriting import ItemWritingRules
from ...model.rules import CourseRules

FILE_NAME = "coursekit-settings.json"
_PATHS = ("root", "docs_dir", "quizzes_dir", "checklists_file", "conversations_dir", "config_file")


@dataclass(frozen=True)
class Edition:
    """What the extension needs besides the course's sources: how the site names and keys it."""

    settings: Settings
    site_name: str
    site_url: str
    course_key: str
    legacy_key: str
    pass_mark: float
    # Docs-relative page -> the same page in every edition: {"path" from the site's root,
    # "lang", "name", "current", "found"} (its edition's home when not found). Empty with one edition.
    language_links: dict[str, list[dict]] = dataclasses.field(default_factory=dict)


def write(edition: Edition, path: Path) -> None:
    s = edition.settings
    data = {name: str(value) if (value := getattr(s, name)) is not None else None for name in _PATHS}
    data.update(lessons_dir=s.lessons_dir, language=s.language, item_writing=dataclasses.asdict(s.item_writing),
                rules=dataclasses.asdict(s.rules), order=list(s.order), macros=s.macros,
                macros_by_default=s.macros_by_default,
                site_name=edition.site_name, site_url=edition.site_url, course_key=edition.course_key,
                legacy_key=edition.legacy_key, pass_mark=edition.pass_mark, language_links=edition.language_links)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def read(path: Path) -> Edition:
    data = json.loads(path.read_text(encoding="utf-8"))
    paths = {name: Path(data[name]) if data.get(name) else None for name in _PATHS}
    rules = {name: tuple(value) if isinstance(value, list) else value for name, value in data["rules"].items()}
    settings = Settings(**paths, lessons_dir=data["lessons_dir"], language=data["language"],
                        item_writing=ItemWritingRules(**data["item_writing"]), rules=CourseRules(**rules),
                        order=tuple(data["order"]), macros=data["macros"], macros_by_default=data["macros_by_default"])
    return Edition(settings, data["site_name"], data["site_url"], data["course_key"], data["legacy_key"],
                   data["pass_mark"], data.get("language_links", {}))

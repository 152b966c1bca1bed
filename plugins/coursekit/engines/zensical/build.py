"""Build the course with Zensical: stage each edition, run ``zensical build``, gather one site.

Zensical reads mkdocs.yml but runs no MkDocs plugin, so what our plugin adds
during a MkDocs build is written beforehand into a staged copy of the docs:
the generated pages (checklist sheets, role-play kits: the same Markdown stubs
the plugin adds, a title and a placeholder), the script, styles and
course.json. The staged configuration is the edition's, as MkDocs reads it,
plus our Markdown extension, told where the edition's settings are (and each
page's counterparts in the other editions). Nothing is written into content/:
the stage lives under build/zensical/.
"""

from __future__ import annotations

import dataclasses
import json
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from ...model.course import Course, read_pages
from ...model.editions import page_ids
from ...model.strings import strings_for
from ...render.progress import DATA_FILE, course_data
from ...render.renderer import Renderer
from . import settings as edition_settings
from .extension import links_from, page_url

ASSETS = Path(__file__).resolve().parents[2] / "assets"  # shared by every engine
ASSET_DIR = "assets/coursekit"
CSS, JS, GUARD = f"{ASSET_DIR}/coursekit.css", f"{ASSET_DIR}/coursekit.js", f"{ASSET_DIR}/material-guard.js"
STAGE = Path("build") / "zensical"


@dataclass
class StagedEdition:
    """One edition as the engine-neutral command hands it over (it reads mkdocs.yml; we do not)."""

    code: str  # '' for the default edition, published at the root
    config_file: Path
    edition: edition_settings.Edition
    course: Course
    # The edition's configuration as MkDocs reads it (INHERIT resolved, lists of a child
    # replacing its parent's, !ENV read), plain data. Zensical's own INHERIT appends
    # inherited lists (an edition's nav would follow the default's), so it is not used.
    config: dict = field(default_factory=dict)
    custom_dir: Path | None = None  # the theme's, absolute: the staged configuration lives elsewhere


class StageError(Exception):
    pass


def stage(root: Path, staged: StagedEdition) -> Path:
    """Write the edition's stage; returns its configuration file."""
    s = staged.edition.settings
    folder = root / STAGE / (staged.code or "default")
    docs = folder / "docs"
    shutil.rmtree(folder, ignore_errors=True)
    shutil.copytree(s.docs_dir, docs)
    for uri, source in staged.course.generated_pages().items():
        target = docs / uri
        if target.exists():
            raise StageError(f"{s.display(s.docs_dir / uri)}: this page is generated from the checklists or "
                             "conversations. Hint: move or rename your file; generated pages live under "
                             f"{uri.split('/')[0]}/.")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(source, encoding="utf-8")
    assets = docs / ASSET_DIR
    assets.mkdir(parents=True, exist_ok=True)
    for uri in (CSS, JS, GUARD):
        shutil.copyfile(ASSETS / Path(uri).name, docs / uri)
    data_uri = f"{ASSET_DIR}/{DATA_FILE}"
    e = staged.edition
    storage = Renderer(staged.course, e.site_name, e.course_key, e.pass_mark, e.legacy_key).storage_base
    # The script finds course.json by its own URL; its links start from that folder.
    (docs / data_uri).write_text(course_data(staged.course, e.course_key, storage, e.pass_mark, links_from(ASSET_DIR)),
                                 encoding="utf-8")
    settings_file = folder / edition_settings.FILE_NAME
    edition_settings.write(e, settings_file)
    macros_options = next((item["macros"] or {} for item in staged.config.get("plugins") or []
                           if isinstance(item, dict) and "macros" in item), {})
    macros = {"on_undefined": macros_options.get("on_undefined", "strict"),
              "render_by_default": macros_options.get("render_by_default", True),
              "modules": ["coursekit.engines.zensical.macros"]}
    config = {
        **staged.config,
        "docs_dir": "docs",
        "site_dir": "site",
        "site_url": e.site_url,
        "strict": True,
        # Zensical caches pages by their own files: the quizzes, checklists and conversations count too.
        "watch": [str(path) for path in (s.quizzes_dir, s.checklists_file, s.conversations_dir)
                  if path is not None and path.exists()],
        "plugins": ["search", {"macros": macros}],
        "markdown_extensions": [*(staged.config.get("markdown_extensions") or []),
                                {"coursekit.engines.zensical.extension": {"settings": str(settings_file)}}],
        "extra_css": [*(staged.config.get("extra_css") or []), CSS],
        "extra_javascript": [*(staged.config.get("extra_javascript") or []), JS],
    }
    if staged.custom_dir is not None:
        config["theme"] = {**config.get("theme", {}), "custom_dir": str(staged.custom_dir)}
    config_file = folder / "mkdocs.yml"
    # JSON is YAML: no Python object and no author text goes through a YAML writer.
    config_file.write_text(json.dumps(config, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return config_file


def language_links(editions: list[StagedEdition]) -> list[dict[str, list[dict]]]:
    """For each edition, every page's counterparts in all editions (pages matched by id, as MkDocs builds do)."""
    if len(editions) < 2:
        return [{} for _ in editions]
    ids = [page_ids(e.course, read_pages(e.edition.settings.docs_dir), list(e.course.generated_pages()))
           for e in editions]
    found: list[dict[str, list[dict]]] = []
    for current, pages in zip(editions, ids):
        found.append({uri: [{"path": (f"{other.code}/" if other.code else "")
                                     + (page_url(other_ids[page_id]) if page_id in other_ids else ""),
                             "lang": other.course.settings.language,
                             "name": strings_for(other.course.settings.language).get("language_name", ""),
                             "current": other is current, "found": page_id in other_ids}
                            for other, other_ids in zip(editions, ids)]
                      for page_id, uri in pages.items()})
    return found


def build_all(root: Path, editions: list[StagedEdition], site_dir: Path) -> int:
    """Every edition with Zensical, strictly, into one site: the default at the root, the others under their code."""
    start = time.perf_counter()
    for staged, links in zip(editions, language_links(editions)):
        staged.edition = dataclasses.replace(staged.edition, language_links=links)
    try:
        configs = [(staged.code, stage(root, staged)) for staged in editions]
    except StageError as error:
        print(f"Aborted: {error}")
        return 1
    for code, config_file in configs:
        print(f"Building the '{code or 'default'}' edition with Zensical ({config_file.relative_to(root)})", flush=True)
        done = subprocess.run([sys.executable, "-m", "zensical", "build", "--strict", "--clean", "-f", str(config_file)],
                              check=False, cwd=config_file.parent)
        if done.returncode != 0:
            print("Aborted: Zensical could not build the edition (see above).")
            return 1
    if site_dir.exists():
        shutil.rmtree(site_dir)
    for code, config_file in configs:
        shutil.copytree(config_file.parent / "site", site_dir / code if code else site_dir, dirs_exist_ok=True)
    print(f"Built {len(configs)} edition(s) with Zensical into {site_dir} in {time.perf_counter() - start:.1f} s.")
    return 0

"""Editions with MkDocs: each edition is its own MkDocs configuration
(``mkdocs.<code>.yml``, ``INHERIT: mkdocs.yml``), built on its own into one
site: the default edition at the root, the others under ``<code>/``.

A build sees one edition. To link every page to the same page in the other
editions, and to check that the editions match, each edition's plugin reads
the other editions' sources here (the same core rules ``coursekit check``
uses), cached by their files' modification times.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace

import yaml
from markupsafe import escape
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import MkDocsException
from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url
from mkdocs.utils.yaml import get_yaml_loader, yaml_load

from ...model.course import Course, load_course, read_pages
from ...model.editions import edition_code, edition_configs, nav_pages, page_ids
from ...model.parity import check_parity
from ...model.problems import Problems
from ...model.strings import strings_for
from .config import CourseKitConfig

log = logging.getLogger("mkdocs.plugins.coursekit")


@dataclass
class Edition:
    """One edition as the others see it: its pages by id and their URLs."""

    code: str                 # '' for the default edition, else the folder it is published under
    config_file: Path
    course: Course
    pages: dict[str, str]     # page id -> docs-relative path, generated pages included
    authored: dict[str, str]  # the same, without generated pages (what parity compares)
    urls: dict[str, str]      # docs-relative path -> URL inside the edition ('' for its home)

    @property
    def language(self) -> str:
        return self.course.settings.language

    @property
    def prefix(self) -> str:
        return f"{self.code}/" if self.code else ""

    @property
    def name(self) -> str:
        return strings_for(self.language).get("language_name", self.language)

    def path_of(self, page_id: str | None) -> tuple[str, bool]:
        """The page's path from the site's root, and whether it exists (else the edition's home)."""
        src_uri = self.pages.get(page_id) if page_id is not None else None
        if src_uri is None:
            return self.prefix, False
        return self.prefix + self.urls[src_uri], True


def edition_url(src_uri: str, directory_urls: bool) -> str:
    url = File(src_uri, "", "", directory_urls).url
    return "" if url in ("./", ".") else url



def make_edition(code: str, config_file: Path, course: Course, pages: list[tuple[str, str]],
                 generated: list[str], directory_urls: bool, problems: Problems | None = None) -> Edition:
    authored = page_ids(course, pages, (), problems)
    every = {**authored, **page_ids(course, (), generated)}
    urls = {uri: edition_url(uri, directory_urls) for uri in every.values()}
    return Edition(code, config_file, course, every, authored, urls)


_cache: dict[Path, tuple[tuple, Edition]] = {}
# MkDocs' own loader (!ENV, the full YAML types) on libyaml's parser when PyYAML has it: several times faster.
_CONFIG_LOADER = get_yaml_loader(getattr(yaml, "CLoader", yaml.Loader))


def _fingerprint(course_files: list[Path], config: SimpleNamespace) -> tuple:
    stats = []
    for path in course_files:
        if path.is_file():
            stats.append((str(path), path.stat().st_mtime_ns, path.stat().st_size))
        elif path.is_dir():
            stats.extend((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in sorted(path.rglob("*")) if p.is_file())
    return (tuple(stats), tuple(nav_pages(config.nav or [])), config.use_directory_urls)


def _read_config(config_file: Path) -> SimpleNamespace:
    """The parts of an edition's configuration we need, read as MkDocs reads
    it (INHERIT, !ENV) but without loading its plugins: a plugin instance may
    be shared by every configuration loaded in a process, so loading another
    edition's configuration during a build would reconfigure this build's."""
    with config_file.open("rb") as source:
        raw = yaml_load(source, _CONFIG_LOADER) or {}
    options = _plugin_options(raw.get("plugins"))
    if options is None:
        raise ValueError(f"{config_file.name}: the coursekit plugin is not enabled in 'plugins:'.")
    typed = CourseKitConfig()
    typed.load_dict(options)
    errors, _warnings = typed.validate()
    if errors:
        raise ValueError(f"{config_file.name}: the coursekit plugin's options are not valid: {errors[0][1]}")
    theme = raw.get("theme") if isinstance(raw.get("theme"), dict) else {}
    return SimpleNamespace(config_file_path=str(config_file), docs_dir=str(config_file.parent / raw.get("docs_dir", "docs")),
                           theme=theme, nav=raw.get("nav"), site_name=raw.get("site_name", ""),
                           use_directory_urls=raw.get("use_directory_urls", True), options=typed)


def _plugin_options(plugins: object) -> dict | None:
    if isinstance(plugins, dict):
        return (plugins.get("coursekit") or {}) if "coursekit" in plugins else None
    for item in plugins if isinstance(plugins, list) else []:
        if item == "coursekit":
            return {}
        if isinstance(item, dict) and "coursekit" in item:
            return item["coursekit"] or {}
    return None


def read_edition(code: str, config_file: Path) -> Edition:
    """Another edition, read from its sources without building it."""
    from .plugin import settings_for  # the plugin imports this module

    config = _read_config(config_file)
    settings = settings_for(config, config.options)  # type: ignore[arg-type]
    sources = [settings.docs_dir, settings.quizzes_dir, settings.conversations_dir] + ([settings.checklists_file] if settings.checklists_file else [])
    key = _fingerprint(sources, config)
    cached = _cache.get(config_file)
    if cached and cached[0] == key:
        return cached[1]
    pages = read_pages(settings.docs_dir)
    # Its problems are its own build's and the check's to report: only what
    # links and parity need is read.
    course = load_course(settings, pages, checks=False)
    course.set_order(nav_pages(config.nav or []))
    generated = list(course.generated_pages())
    edition = make_edition(code, config_file, course, pages, generated, config.use_directory_urls)
    _cache[config_file] = (key, edition)
    return edition


class Editions:
    """The editions of a multi-edition course, seen from the one being built."""

    def __init__(self, current: Edition, editions: list[Edition], root_url: str):
        self.current = current
        self.editions = editions  # the default first, the current one included
        self.root_url = root_url  # the whole site's URL, where the default edition is

    def page_id(self, src_uri: str) -> str | None:
        return next((pid for pid, uri in self.current.pages.items() if uri == src_uri), None)

    def links(self, src_uri: str | None, page_url: str) -> list[dict]:
        """Every edition's version of a page (or its home), as links relative to the page."""
        here = self.current.prefix + page_url
        page_id = self.page_id(src_uri) if src_uri is not None else None
        links = []
        for edition in self.editions:
            path, found = edition.path_of(page_id)
            href = get_relative_url(path or ".", here or ".")
            if (path == "" or path.endswith("/")) and not href.endswith("/"):
                href += "/"
            links.append({"href": href, "absolute": self.root_url + path, "lang": edition.language,
                          "name": edition.name, "current": edition is self.current, "found": found})
        return links

    def head_links(self, links: list[dict]) -> str:
        """<link rel="alternate" hreflang> to every edition that has the page, and x-default.

        ``rel`` is a list of space-separated tokens, and the trailing space is
        deliberate: Material's language selector script fetches a sitemap.xml
        beside every element matching ``link[rel=alternate]`` (an exact match),
        which for a page's URL is a 404 on every page view. With the space,
        browsers and crawlers still read the token "alternate"; that script
        does not match it."""
        tags = [f'<link rel="alternate " hreflang="{escape(link["lang"])}" href="{escape(link["absolute"])}">'
                for link in links if link["found"]]
        if links and links[0]["found"]:
            tags.append(f'<link rel="alternate " hreflang="x-default" href="{escape(links[0]["absolute"])}">')
        return "".join(tags)


def root_site_url(site_url: str | None, code: str) -> str:
    """The whole site's URL, from an edition's site_url (which ends in '<code>/' when built by 'coursekit build')."""
    url = (site_url or "/").rstrip("/") + "/"
    if code and url.endswith(f"/{code}/"):
        url = url[: -len(code) - 1]
    return url


def editions_for(config: MkDocsConfig, course: Course, pages: list[tuple[str, str]], generated: list[str],
                 problems: Problems) -> Editions | None:
    """The editions seen from this build, or None when the course has one edition.
    Parity problems between the editions are added to ``problems``."""
    config_file = Path(config.config_file_path or "mkdocs.yml").resolve()
    configs = edition_configs(config_file.parent)
    if len(configs) < 2 or config_file not in [path.resolve() for _code, path in configs]:
        return None
    code = edition_code(config_file)
    course.set_order(nav_pages(config.nav or []))  # parity compares the course order too
    current = make_edition(code, config_file, course, pages, generated, config.use_directory_urls, problems)
    # 'coursekit build' builds the editions one after another in one process:
    # the next ones find this one here instead of reading it again.
    settings = course.settings
    sources = [settings.docs_dir, settings.quizzes_dir, settings.conversations_dir] + ([settings.checklists_file] if settings.checklists_file else [])
    _cache[config_file] = (_fingerprint(sources, config), current)
    editions = [current if path.resolve() == config_file else read_edition(other, path.resolve())
                for other, path in configs]
    check_parity([e.course for e in editions], problems, [e.authored for e in editions])
    return Editions(current, editions, root_site_url(config.site_url, code))


def build_all(root: Path, site_dir: Path | None = None) -> int:
    """Build every edition into one site: the default at the root, the others
    under their code. Strict, like every build of the course."""
    from mkdocs.commands.build import build

    configs = edition_configs(root)
    if not configs:
        print(f"No {root / 'mkdocs.yml'} here.")
        return 2
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    mkdocs_log = logging.getLogger("mkdocs")
    mkdocs_log.addHandler(handler)
    mkdocs_log.setLevel(logging.INFO)
    start = time.perf_counter()
    site_url = None
    try:
        for code, config_file in configs:
            options: dict = {"strict": True}
            if site_dir is not None:
                options["site_dir"] = str(site_dir / code if code else site_dir)
            elif code:
                options["site_dir"] = str(root_dir_of(configs[0][1]) / code)
            if code:
                options["site_url"] = f"{site_url}{code}/"
            config = load_config(config_file=str(config_file), **options)
            if not code:
                site_url = (config.site_url or "/").rstrip("/") + "/"
            mkdocs_log.info(f"Building the '{config.theme.get('language')}' edition ({config_file.name}) into {config.site_dir}")
            config.plugins.on_startup(command="build", dirty=False)
            try:
                build(config)
            finally:
                config.plugins.on_shutdown()
    except MkDocsException as error:  # Abort, PluginError, ConfigurationError: their message says what to fix
        print(f"Aborted: {error}")
        return 1
    finally:
        mkdocs_log.removeHandler(handler)
    print(f"Built {len(configs)} edition(s) in {time.perf_counter() - start:.1f} s.")
    return 0


def root_dir_of(default_config: Path) -> Path:
    """The default edition's site_dir: the site the other editions go into."""
    return Path(load_config(config_file=str(default_config)).site_dir)


"""``coursekit``: check the course without building it, and scaffold lessons.

    coursekit check             validate every edition (mkdocs.yml, mkdocs.<lang>.yml)
    coursekit check --stats     ... and print where the quizzes' right answers sit
    coursekit build             check, then build every edition into one site
    coursekit build --engine zensical   ... the same, built by Zensical instead of MkDocs
    coursekit export scorm      check, then write a SCORM 1.2 zip per edition (dist/scorm/)
    coursekit export moodle-xml check, then write each edition's quizzes as Moodle XML (dist/moodle/)
    coursekit new SLUG --title "Title" [--after SLUG]
    coursekit new --conversation ID [--title "Title"] [--lesson SLUG]

Uses MkDocs only to read mkdocs.yml (inheritance, !ENV, plugin options); the
rules are the core's, the same ones the build applies.
"""

from __future__ import annotations

import argparse
import logging
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .model.checklists import PAGES_DIR, load_checklists
from .model.conversations import PACK_SLUG as CONVERSATIONS_PACK
from .model.conversations import PAGES_DIR as CONVERSATIONS_DIR
from .model.course import Course, Settings, load_course, read_pages
from .model.editions import edition_configs, nav_pages, page_ids
from .model.fields import ID_HINT, PLAIN, check_text, is_id
from .model.itemwriting import report
from .model.lessons import MAX_TITLE_LENGTH
from .model.links import check_course_links
from .model.parity import check_parity
from .model.problems import Problem, Problems
from .model.rules import SCHEMA_COMMENT
from .model.scaffold import conversation_text, lesson_text, marker, practise_section, quiz_text
from .model.schema import SCHEMA_FILE
from .render.progress import course_key, legacy_course_key


@dataclass
class Edition:
    config_file: Path
    settings: Settings
    nav: list[str]
    name: str = ""  # the course's name in this edition (site_name)
    key: str = ""  # the course's key, the same in every edition (course_key)
    course: Course | None = None  # once checked
    config: Any = None  # MkDocs' reading of config_file (MkDocsConfig), for the builds after the check


def find_editions(root: Path) -> list[Path]:
    """The default edition's mkdocs.yml first, then mkdocs.<lang>.yml files."""
    return [path for _code, path in edition_configs(root)]


class EditionError(Exception):
    """An edition's configuration that MkDocs cannot load, as problems at their lines."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def load_edition(config_file: Path) -> Edition:
    """Read an edition's config as the build does; raise ``EditionError`` with what MkDocs objects to."""
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException, PluginError

    from .engines.mkdocs.plugin import settings_for

    # MkDocs logs each configuration error and warning, then gives up: the
    # same words the build prints, collected here with the line they are about.
    logger = logging.getLogger("mkdocs")
    collect, level, propagate = _Collect(), logger.level, logger.propagate
    logger.addHandler(collect)
    logger.setLevel(logging.WARNING)
    logger.propagate = False
    try:
        config = load_config(config_file=str(config_file))
        warnings = [r for r in collect.records if r.name.startswith("mkdocs.config")]
        if warnings and config.strict:
            raise EditionError([_config_problem(config_file, r.getMessage(), "warning") for r in warnings])
    except (MkDocsException, OSError, ValueError) as error:
        problems = [_config_problem(config_file, r.getMessage(), "error" if r.levelno >= logging.ERROR else "warning")
                    for r in collect.records if r.name.startswith("mkdocs.config")]
        raise EditionError(problems or [_config_problem(config_file, str(error), "error")]) from None
    finally:
        logger.removeHandler(collect)
        logger.setLevel(level)
        logger.propagate = propagate
    plugin = config.plugins.get("coursekit")
    if plugin is None:
        raise EditionError([Problem(config_file.name, _line_of(config_file, "plugins:"),
                                    "the coursekit plugin is not enabled in 'plugins:'.",
                                    "add '- coursekit:' with its options under 'plugins:'.")])
    try:
        settings = settings_for(config, plugin.config)
    except PluginError as error:  # the course's rules are not usable
        message, _, hint = str(error).partition(" Hint: ")
        raise EditionError([Problem(config_file.name, _line_of(config_file, "rules:"),
                                    message.split(": ", 1)[-1], hint)]) from None
    return Edition(config_file, settings, nav_pages(config.nav or []), config.site_name,
                   course_key(config.site_name, plugin.config.course_key), config=config)


def _config_problem(config_file: Path, text: str, severity: str) -> Problem:
    """One of MkDocs's configuration messages as a problem at the line it is about."""
    message, _, hint = text.partition(" Hint: ")
    message = " ".join(message.split())
    parsed = re.search(r"\bline (\d+)", message)
    names = re.findall(r"(?:option|Config value) '([^']+)'", message)
    if parsed:
        line = int(parsed.group(1))
        message = re.sub(r'\s*in "[^"]*", line \d+, column \d+', "", message)
        hint = hint or "fix the YAML on this line: check the indentation, and quote text that holds ': '."
    else:
        line = _line_of(config_file, f"{names[-1]}:") if names else 1
    return Problem(config_file.name, line, message.rstrip(".") + ".", hint, severity)



def check(root: Path) -> list[Problem]:
    return check_editions(root)[1]


def check_editions(root: Path, loaded: list[Edition] | None = None) -> tuple[list[Course], list[Problem]]:
    """Each edition's course, and every problem found in them; each edition's configuration into ``loaded``."""
    problems = Problems()
    courses: list[Course] = []
    pages_by_id: list[dict[str, str]] = []
    for config_file in find_editions(root):
        try:
            edition = load_edition(config_file)
        except EditionError as error:
            problems.extend(error.problems)
            continue
        settings = edition.settings
        sources = read_pages(settings.docs_dir)
        course = load_course(settings, sources)  # in course order: settings.order is the nav
        if loaded is not None:
            edition.course = course
            loaded.append(edition)
        problems.extend(course.problems)
        pages = check_course_links(course, sources, problems)
        generated = set(course.generated_pages())
        # Whether the checklist pages exist is not known while the checklists file has errors.
        checklists_ok = not any(p.file == settings.display(settings.checklists_file or root) for p in course.problems)
        for uri in edition.nav:
            if not checklists_ok and uri.startswith(PAGES_DIR + "/"):
                continue
            if uri not in pages and uri not in generated and uri not in dict(sources):
                problems.error(settings.display(config_file), _line_of(config_file, uri),
                               f"the navigation lists '{uri}', which does not exist.",
                               "fix the path (relative to the docs dir) or remove the entry.")
        for lesson in course.lessons:
            if lesson.src_uri not in edition.nav and edition.nav:
                problems.error(lesson.file, 1, "this lesson is not in the course order.",
                               f"add '- {lesson.src_uri}' to the lessons in 'nav:' of {config_file.name}.")
        courses.append(course)
        pages_by_id.append(page_ids(course, pages.items(), (), problems))
    if len(courses) > 1:
        check_parity(courses, problems, pages_by_id)
    return courses, sorted(problems)


def _line_of(path: Path, text: str) -> int:
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return 1
    for number, line in enumerate(lines, 1):
        if text in line:
            return number
    return 1


def _annotation(problem: Problem) -> str:
    def escape(value: str, prop: bool = False) -> str:
        value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return value.replace(":", "%3A").replace(",", "%2C") if prop else value

    kind = "error" if problem.severity == "error" else "warning"
    message = problem.message + (f" Hint: {problem.hint}" if problem.hint else "")
    return f"::{kind} file={escape(problem.file, True)},line={problem.line}::{escape(message)}"


def run_check(root: Path, stats: bool = False, loaded: list[Edition] | None = None) -> int:
    courses, problems = check_editions(root, loaded)
    if stats:
        for course in courses:
            s = course.settings
            print(report(course.quizzes_in_order(), s.item_writing,
                         f"Where the right answers sit: {s.display(s.quizzes_dir)} ({len(course.quizzes)} quizzes)"))
    for course in courses:
        if course.checklists:
            print(f"Room on the printed checklists ({course.settings.language}):", file=sys.stderr)
            for line in course.sheet_room():
                print(f"  {line}", file=sys.stderr)
    for problem in problems:
        print(problem.check_line())
    if os.environ.get("GITHUB_ACTIONS") == "true":
        for problem in problems:
            print(_annotation(problem))
    if problems:
        print(f"{len(problems)} problem(s). Warnings count too: the build is strict.", file=sys.stderr)
        return 1
    print("The course is valid.", file=sys.stderr)
    return 0


def run_build(root: Path, site_dir: Path | None, engine: str = "mkdocs") -> int:
    """The deployable site: every edition, after the whole check has passed."""
    editions: list[Edition] = []
    if run_check(root, loaded=editions) != 0:
        print("Nothing was built: fix the problems above first.", file=sys.stderr)
        return 1
    if engine == "zensical":
        return build_with_zensical(root, site_dir, editions)
    from .engines.mkdocs.editions import build_all

    return build_all(root, site_dir)


EXPORT_DIRS = {"scorm": Path("dist") / "scorm", "moodle-xml": Path("dist") / "moodle"}


def run_export(root: Path, fmt: str, out_dir: Path | None) -> int:
    """The course for a learning platform, after the whole check has passed (the same messages)."""
    editions: list[Edition] = []
    if run_check(root, loaded=editions) != 0:
        print("Nothing was exported: fix the problems above first.", file=sys.stderr)
        return 1
    out_dir = out_dir or root / EXPORT_DIRS[fmt]
    if fmt == "moodle-xml":
        return _export_moodle_xml(editions, out_dir)
    from mkdocs.exceptions import MkDocsException

    from .engines.mkdocs.package import build_package
    from .export.scorm import ExportError, export_scorm

    try:
        written = export_scorm(find_editions(root), out_dir, build_package)
    except (MkDocsException, ExportError) as error:
        print(f"Aborted: {error}\nNothing was exported.", file=sys.stderr)
        return 1
    for path in written:
        print(f"wrote {path}")
    return 0


def _export_moodle_xml(editions: list[Edition], out_dir: Path) -> int:
    from .export import moodle_xml

    try:
        written = moodle_xml.export([moodle_xml.Edition(e.course, e.name, e.key) for e in editions if e.course], out_dir)
    except (OSError, ValueError) as error:
        print(f"Nothing was exported: {error}", file=sys.stderr)
        return 1
    for path in written:
        print(f"wrote {os.path.relpath(path)}")
    return 0


def build_with_zensical(root: Path, site_dir: Path | None, editions: list[Edition]) -> int:
    """Hand each edition, as the check read and loaded it, to the Zensical adapter."""
    try:
        from .engines.zensical.build import StagedEdition, build_all
        from .engines.zensical.settings import Edition as ZensicalEdition
    except ImportError as error:
        print(f"Zensical is not installed ({error}). Hint: pip install -e '.[zensical]' (Python 3.11 or later).",
              file=sys.stderr)
        return 2
    from mkdocs.utils.yaml import yaml_load

    checked = {edition.config_file: edition for edition in editions}
    staged, site_url = [], ""
    for code, config_file in edition_configs(root):
        edition = checked[config_file]
        config, course = edition.config, edition.course
        options = config.plugins["coursekit"].config
        if not code:
            site_url = (config.site_url or "/").rstrip("/") + "/"
            site_dir = site_dir or Path(config.site_dir)
        with config_file.open("rb") as source:
            raw = yaml_load(source) or {}  # INHERIT and !ENV, as MkDocs reads them
        staged.append(StagedEdition(
            code=code, config_file=config_file,
            edition=ZensicalEdition(edition.settings, config.site_name, site_url + (f"{code}/" if code else ""),
                                    course_key(config.site_name, options.course_key), legacy_course_key(config.site_name),
                                    options.pass_mark),
            course=course, config=raw,
            custom_dir=Path(config.theme.custom_dir) if config.theme.custom_dir else None))
    assert site_dir is not None
    return build_all(root, staged, site_dir)


def _refused_title(title: str) -> str:
    """Why the check would refuse this title ('' if it would not)."""
    refused = Problems()
    if not title.strip():
        return "the title is empty."
    if not check_text(title, PLAIN, "the title", "--title", 1, refused, MAX_TITLE_LENGTH):
        return refused[0].message + " Hint: " + refused[0].hint
    return ""


def run_new(root: Path, slug: str, title: str, after: str | None) -> int:
    if not is_id(slug):
        print(f"{slug!r} is not a valid lesson id: {ID_HINT}", file=sys.stderr)
        return 2
    # The title goes into the lesson's front matter: the same rules as the check's.
    if refused := _refused_title(title):
        print(f"--title: {refused}", file=sys.stderr)
        return 2
    try:
        editions = [load_edition(path) for path in find_editions(root)]
    except EditionError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        return 2
    planned = []
    for edition in editions:
        s = edition.settings
        lesson = s.docs_dir / s.lessons_dir / f"{slug}.md"
        quiz = s.quizzes_dir / f"{slug}.yml"
        for path in (lesson, quiz):
            if path.exists():
                print(f"{s.display(path)} already exists; choose another id.", file=sys.stderr)
                return 2
        planned.append((edition, lesson, quiz))
    for edition, lesson, quiz in planned:
        s = edition.settings
        lesson.parent.mkdir(parents=True, exist_ok=True)
        quiz.parent.mkdir(parents=True, exist_ok=True)
        rules = s.rules
        definitions = load_checklists(s.checklists_file, "", (), Problems()) if s.checklists_file else {}
        lesson.write_text(lesson_text(slug, title, s.language, rules.opening(s.language), rules.sections,
                                      next(iter(definitions), None)), encoding="utf-8")
        schema = _schema_path(quiz)
        quiz.write_text(quiz_text(slug, title, s.language, max(1, rules.questions[0]), rules.scenario_share, schema),
                        encoding="utf-8")
        placed = _add_to_nav(edition.config_file, f"{s.lessons_dir}/{slug}.md", s.lessons_dir, after)
        print(f"created {s.display(lesson)} and {s.display(quiz)}"
              + ("" if placed else f"; add '- {s.lessons_dir}/{slug}.md' to 'nav:' in {edition.config_file.name}"))
    markers = "', '".join(dict.fromkeys(f"{marker(edition.settings.language)}:" for edition in editions))
    print(f"Next: replace every '{markers}' placeholder with your own text ('coursekit check' lists the lines "
          "still to write); 'make serve' previews the lesson meanwhile.")
    return 0


def run_new_conversation(root: Path, conversation_id: str, title: str | None, lesson_slug: str | None) -> int:
    """A conversation in every edition, placed in ``lesson_slug`` when given, with its kit page in the nav."""
    if not is_id(conversation_id):
        print(f"{conversation_id!r} is not a valid conversation id: {ID_HINT}", file=sys.stderr)
        return 2
    planned = []
    for edition in (load_edition(path) for path in find_editions(root)):
        s = edition.settings
        target = (s.conversations_dir or s.root / "conversations") / f"{conversation_id}.yml"
        lessons = [uri for uri in edition.nav if s.is_lesson(uri)]
        lesson = f"{s.lessons_dir}/{lesson_slug}.md" if lesson_slug else (lessons[0] if lessons else None)
        if target.exists():
            print(f"{s.display(target)} already exists; choose another id.", file=sys.stderr)
            return 2
        if lesson is None or not (s.docs_dir / lesson).is_file():
            print(f"{s.display(edition.config_file)}: no lesson '{lesson or lesson_slug}' to link the coaching notes to; "
                  "pass --lesson with an existing lesson's slug.", file=sys.stderr)
            return 2
        planned.append((edition, target, lesson))
    for edition, target, lesson in planned:
        s = edition.settings
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(conversation_text(conversation_id, title or conversation_id, s.language, lesson), encoding="utf-8")
        notes = [f"created {s.display(target)}"]
        if lesson_slug:
            page = s.docs_dir / lesson
            text = page.read_text(encoding="utf-8")
            quiz_heading = re.search(r"^## .*\n+(?:\{\{\s*quiz\(|<!--\s*coursekit:quiz)", text, re.MULTILINE)
            at = quiz_heading.start() if quiz_heading else len(text)
            page.write_text(text[:at] + practise_section(conversation_id, s.language) + text[at:], encoding="utf-8")
            notes.append(f"placed it in {s.display(page)}")
        else:
            notes.append(f'place it in a lesson with {{{{ conversation("{conversation_id}") }}}}')
        kit = f"{CONVERSATIONS_DIR}/{conversation_id}.md"
        if not _add_before_in_nav(edition.config_file, f"{CONVERSATIONS_DIR}/{CONVERSATIONS_PACK}.md", kit):
            notes.append(f"add '- {kit}' to 'nav:' in {edition.config_file.name}")
        print("; ".join(notes))
    print("Next: write the conversation, then run 'coursekit check' and 'make serve'.")
    return 0


def _add_before_in_nav(config_file: Path, before: str, entry: str) -> bool:
    """Insert ``entry`` into the nav just before ``before``, keeping the file's layout."""
    lines = config_file.read_text(encoding="utf-8").splitlines(keepends=True)
    for index, line in enumerate(lines):
        match = re.match(r"^(\s*)- (?:[^:\n]+:\s*)?" + re.escape(before) + r"\s*$", line)
        if match:
            lines.insert(index, f"{match.group(1)}- {entry}\n")
            config_file.write_text("".join(lines), encoding="utf-8")
            return True
    return False


def _schema_path(quiz: Path) -> str:
    """The schema path the edition's other quizzes name, or the installed schema's."""
    for sibling in sorted(quiz.parent.glob("*.y*ml")):
        with sibling.open(encoding="utf-8") as lines:
            if match := SCHEMA_COMMENT.match(lines.readline().rstrip("\n")):
                return match.group(1)
    return Path(os.path.relpath(SCHEMA_FILE, quiz.parent)).as_posix()


def _add_to_nav(config_file: Path, entry: str, lessons_dir: str, after: str | None) -> bool:
    """Insert the lesson into the nav after ``after`` (or the last lesson), keeping the file's layout."""
    lines = config_file.read_text(encoding="utf-8").splitlines(keepends=True)
    pattern = re.compile(r"^(\s*)- (?:[^:\n]+:\s*)?" + re.escape(lessons_dir) + r"/([\w-]+)\.md\s*$")
    matches = [(index, m) for index, line in enumerate(lines) if (m := pattern.match(line))]
    if after:
        matches = [(index, m) for index, m in matches if m.group(2) == after]
    if not matches:
        return False
    index, match = matches[-1]
    lines.insert(index + 1, f"{match.group(1)}- {entry}\n")
    config_file.write_text("".join(lines), encoding="utf-8")
    return True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="coursekit", description="Check the course and scaffold lessons.")
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="the project folder (default: here)")
    commands = parser.add_subparsers(dest="command", required=True)
    check_command = commands.add_parser("check", help="validate quizzes, lessons, checklists, links and edition parity")
    check_command.add_argument("--stats", action="store_true",
                               help="also print where the quizzes' right answers sit, per quiz and for the course")
    build = commands.add_parser("build", help="check, then build every edition into one site (default: site/)")
    build.add_argument("--site-dir", type=Path, help="where to write the site (default: site_dir of mkdocs.yml)")
    build.add_argument("--engine", choices=("mkdocs", "zensical"), default="mkdocs",
                       help="the site generator: MkDocs + Material (default) or Zensical")
    export = commands.add_parser("export", help="check, then write the course for a learning platform")
    export.add_argument("format", choices=sorted(EXPORT_DIRS),
                        help="scorm: a SCORM 1.2 zip per edition; moodle-xml: the quizzes as a Moodle question bank")
    export.add_argument("--out", type=Path, help="the folder to write into (default: dist/scorm/ or dist/moodle/)")
    new = commands.add_parser("new", help="create a lesson and its quiz, or a conversation, in every edition")
    new.add_argument("slug", nargs="?", help="the lesson's id, also its quiz id and file name, e.g. 'say-no-kindly'")
    new.add_argument("--title", help="the lesson's title (required for a lesson) or the conversation's")
    new.add_argument("--after", help="place the lesson after this lesson in the course order (default: last)")
    new.add_argument("--conversation", metavar="ID", help="create a branching conversation with this id instead of a lesson")
    new.add_argument("--lesson", metavar="SLUG", help="with --conversation: the lesson that places it and that its notes link to")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    if args.command == "check":
        return run_check(root, args.stats)
    if args.command == "build":
        return run_build(root, args.site_dir.resolve() if args.site_dir else None, args.engine)
    if args.command == "export":
        return run_export(root, args.format, args.out.resolve() if args.out else None)
    if args.conversation:
        if args.title is not None and (refused := _refused_title(args.title)):
            print(f"--title: {refused}", file=sys.stderr)
            return 2
        try:
            return run_new_conversation(root, args.conversation, args.title, args.lesson)
        except EditionError as error:
            for problem in error.problems:
                print(problem, file=sys.stderr)
            return 2
    if not args.slug or not args.title:
        parser.error("'coursekit new' needs a lesson slug and --title (or --conversation ID)")
    return run_new(root, args.slug, args.title, args.after)


if __name__ == "__main__":
    sys.exit(main())

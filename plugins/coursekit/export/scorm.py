"""SCORM 1.2 packages: each edition as one zip an LMS imports, each lesson a SCO.

The pages come from the engine (a ``Builder``: the CLI passes MkDocs' one,
engines/mkdocs/package.py), built as files with the SCORM runtime script in
them; this module knows no engine. It adds ``imsmanifest.xml``: one item per
lesson in course order (the build's ``course.json`` lists them, as the pages
link them), each pointing at its own SCO resource, and every other file of the
site in one shared resource the SCOs depend on. Links stay relative.

Nothing half-written reaches the output folder: editions are built and zipped
in a temp folder, and the zips moved into place only when all are done.
"""

from __future__ import annotations

import json
import os
import posixpath
import re
import shutil
import tempfile
import time
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Callable, Iterable
from pathlib import Path

from ..render.progress import DATA_FILE

# (config file, empty site folder) -> the site's name; raises when the build fails.
Builder = Callable[[Path, Path], str]

IMSCP = "http://www.imsproject.org/xsd/imscp_rootv1p1p2"
ADLCP = "http://www.adlnet.org/xsd/adlcp_rootv1p2"
MANIFEST = "imsmanifest.xml"
SHARED = "shared-files"
# A web host's files, not a package's: the 404 page links from the site's root,
# and the sitemap lists absolute URLs.
_HOSTING_ONLY = ("404.html", "sitemap.xml", "sitemap.xml.gz")
_NOT_NCNAME = re.compile(r"[^A-Za-z0-9._-]+")

ET.register_namespace("", IMSCP)
ET.register_namespace("adlcp", ADLCP)


class ExportError(Exception):
    """A built site that cannot be packaged (no course data)."""


def export_scorm(config_files: Iterable[Path], out_dir: Path, build: Builder, epoch: int | None = None) -> list[Path]:
    """A zip per edition in ``out_dir`` (``<course_key>-<language>.zip``); their paths."""
    with tempfile.TemporaryDirectory(prefix="coursekit-scorm-") as temp:
        made = []
        for number, config_file in enumerate(config_files):
            site = Path(temp) / f"site-{number}"
            title = build(config_file, site)
            made.append(package(site, title, Path(temp), epoch))
        return _move_into(made, out_dir)


def package(site: Path, title: str, into: Path, epoch: int | None = None) -> Path:
    """Zip one built edition with its manifest; the zip's path, in ``into``."""
    for name in _HOSTING_ONLY:
        (site / name).unlink(missing_ok=True)
    found = sorted(site.rglob(DATA_FILE))
    if len(found) != 1:
        raise ExportError(f"{site}: the build wrote no {DATA_FILE}, so its lessons are not known.")
    data = json.loads(found[0].read_text(encoding="utf-8"))
    base = found[0].parent.relative_to(site).as_posix()
    lessons = [(lesson["title"], posixpath.normpath(posixpath.join(base, lesson["url"]))) for lesson in data["lessons"]]
    files = sorted(path.relative_to(site).as_posix() for path in site.rglob("*") if path.is_file())
    missing = [href for _title, href in lessons if href not in files]
    if missing:
        raise ExportError(f"{site}: the lessons {missing} are in {DATA_FILE} but not in the built site.")
    identifier = _ncname(f"coursekit-{data['course']}-{data['edition']}")
    manifest = manifest_xml(identifier, title, lessons, files)
    target = into / f"{data['course']}-{data['edition']}.zip"
    write_zip(target, site, files, manifest, epoch)
    return target


def manifest_xml(identifier: str, title: str, lessons: list[tuple[str, str]], files: list[str]) -> bytes:
    """imsmanifest.xml: SCORM 1.2 (IMS CP 1.1.2 + ADL CP 1.2)."""
    root = ET.Element(f"{{{IMSCP}}}manifest", {"identifier": identifier, "version": "1.0"})
    metadata = ET.SubElement(root, f"{{{IMSCP}}}metadata")
    ET.SubElement(metadata, f"{{{IMSCP}}}schema").text = "ADL SCORM"
    ET.SubElement(metadata, f"{{{IMSCP}}}schemaversion").text = "1.2"
    organizations = ET.SubElement(root, f"{{{IMSCP}}}organizations", {"default": "course"})
    organization = ET.SubElement(organizations, f"{{{IMSCP}}}organization", {"identifier": "course"})
    ET.SubElement(organization, f"{{{IMSCP}}}title").text = title
    resources = ET.SubElement(root, f"{{{IMSCP}}}resources")
    sco_pages = set()
    for number, (lesson_title, href) in enumerate(lessons, 1):
        name = _NOT_NCNAME.sub("-", f"{number:02d}-{posixpath.splitext(posixpath.basename(href))[0]}")
        item = ET.SubElement(organization, f"{{{IMSCP}}}item",
                             {"identifier": f"item-{name}", "identifierref": f"sco-{name}", "isvisible": "true"})
        ET.SubElement(item, f"{{{IMSCP}}}title").text = lesson_title
        resource = ET.SubElement(resources, f"{{{IMSCP}}}resource", {
            "identifier": f"sco-{name}", "type": "webcontent", f"{{{ADLCP}}}scormtype": "sco", "href": href})
        ET.SubElement(resource, f"{{{IMSCP}}}file", {"href": href})
        ET.SubElement(resource, f"{{{IMSCP}}}dependency", {"identifierref": SHARED})
        sco_pages.add(href)
    shared = ET.SubElement(resources, f"{{{IMSCP}}}resource",
                           {"identifier": SHARED, "type": "webcontent", f"{{{ADLCP}}}scormtype": "asset"})
    for href in files:
        if href not in sco_pages:
            ET.SubElement(shared, f"{{{IMSCP}}}file", {"href": href})
    ET.indent(root)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode").encode("utf-8") + b"\n"


def write_zip(target: Path, site: Path, files: list[str], manifest: bytes, epoch: int | None) -> None:
    """The manifest first, then the files in order, all dated ``epoch``: the same sources give the same zip."""
    if epoch is None:
        epoch = int(os.environ.get("SOURCE_DATE_EPOCH") or time.time())
    stamp = time.gmtime(max(epoch, 315532800))[:6]  # a zip's dates start in 1980

    def entry(name: str) -> zipfile.ZipInfo:
        info = zipfile.ZipInfo(name, stamp)
        info.compress_type = zipfile.ZIP_DEFLATED
        info.external_attr = 0o644 << 16
        return info

    with zipfile.ZipFile(target, "w") as archive:
        archive.writestr(entry(MANIFEST), manifest)
        for name in files:
            archive.writestr(entry(name), (site / name).read_bytes())


def _move_into(made: list[Path], out_dir: Path) -> list[Path]:
    """Every zip into ``out_dir``, each by a rename: a reader never sees a half-copied one."""
    out_dir.mkdir(parents=True, exist_ok=True)
    parts = []
    try:
        for path in made:
            part = out_dir / f".{path.name}.part"
            shutil.copyfile(path, part)
            parts.append(part)
        placed = []
        for part, path in zip(parts, made):
            os.replace(part, out_dir / path.name)
            placed.append(out_dir / path.name)
        return placed
    finally:
        for part in parts:
            part.unlink(missing_ok=True)


def _ncname(text: str) -> str:
    """An XML identifier (xs:ID): no spaces or colons, and a letter first."""
    text = _NOT_NCNAME.sub("-", text)
    return text if text[:1].isalpha() or text[:1] == "_" else f"_{text}"

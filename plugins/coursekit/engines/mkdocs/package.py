"""One edition built with MkDocs for a learning platform's package (SCORM):
the exporter (export/scorm.py) zips what this writes, and knows no engine.

What differs from the public site, and why:
- pages are files (``use_directory_urls: false``): an LMS serves the package
  as files, with no index.html for a folder;
- no instant navigation: each lesson is its own SCO, so leaving it must be a
  real page load (the SCO finishes its session on pagehide);
- no "previous / next" footer: the LMS moves between lessons (SCOs);
- no "edit this page" link and no links to the other editions: a package holds
  one edition, and a learner in an LMS has nothing to edit;
- the SCORM runtime script (assets/coursekit-scorm.js) in every page.
The build is strict, as every build of the course.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config

# Material's features a package leaves out (see above).
_LEFT_OUT = frozenset({"navigation.instant", "navigation.instant.prefetch", "navigation.instant.progress",
                       "navigation.footer", "content.action.edit", "content.action.view"})


def build_package(config_file: Path, site_dir: Path) -> str:
    """Build the edition of ``config_file`` into ``site_dir`` for a SCORM package; its site name.
    MkDocs' exceptions (Abort, PluginError, ConfigurationError) are the caller's to report."""
    config = load_config(config_file=str(config_file), strict=True, site_dir=str(site_dir), use_directory_urls=False)
    config.theme["features"] = [f for f in config.theme.get("features") or [] if f not in _LEFT_OUT]
    plugin = config.plugins.get("coursekit")
    if plugin is not None:
        plugin.scorm = True
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
    return config.site_name

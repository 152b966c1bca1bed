"""Course kit: lessons, self-check quizzes and printable checklists for a course site.

``model`` reads and validates what authors write, ``render`` turns it into
HTML; neither imports a site engine. ``engines`` holds the thin adapters that
wire the core into an engine (MkDocs today); ``cli`` checks and scaffolds.
"""

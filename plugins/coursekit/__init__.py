"""Course kit: quizzes and printable checklists for a MkDocs course site.

The core modules (``problems``, ``sourceyaml``, ``quizzes``, ``lessons``,
``checklists``, ``course``, ``markup``, ``render``) import nothing from MkDocs;
``plugin`` and ``config`` wire them into MkDocs events.
"""

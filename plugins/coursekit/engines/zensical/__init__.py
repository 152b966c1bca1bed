"""The Zensical adapter: a Python-Markdown extension and the staged docs Zensical builds."""

"""HTML from the model: the renderer, inline Markdown for author text, and the templates. No engine imports."""

"""The MkDocs adapter: the plugin (events), its options and the mkdocs-macros functions."""

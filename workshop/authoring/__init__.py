"""Tools for authors, over the loaded model: graphs, headless exploration, JSON Schema.

- :mod:`~workshop.authoring.content` picks the scenario or workshop a command is about;
- :mod:`~workshop.authoring.graph` and the renderers :mod:`~workshop.authoring.tree`,
  :mod:`~workshop.authoring.mermaid`, :mod:`~workshop.authoring.dot` draw a scenario's shape;
- :mod:`~workshop.authoring.explore` plays scenarios headlessly and reports coverage;
- :mod:`~workshop.authoring.schema` describes the file format as JSON Schema.

Nothing here imports a UI framework; the command line (``workshop/cli/authoring.py``) only
parses arguments and prints what these modules return.
"""

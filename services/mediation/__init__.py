"""Not a package to import: it names mediation's tests ``mediation.tests.*`` under pytest's importlib mode.

Without it, ``services/*/tests/__init__.py`` of several services would all be the top-level package
``tests`` in one pytest run, and ``from ..builders import ...`` would load another service's builders.
"""

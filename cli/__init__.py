"""The ``ikz`` command line: the application's entry point, above all layers."""

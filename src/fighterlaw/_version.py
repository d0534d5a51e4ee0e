"""The version of fighterlaw, in one place: the package, its reports and its build all read it here."""

__version__ = "0.1.0"

"""How each side's registry of step kinds finds them: one kind per module, named as its module.

A kind is added by writing its homes, never by adding it to a list. Each side's package (the
domain's ``kinds``, the report's ``kinds``) is read module by module: every module, except the
few the kinds share (their base class, helpers), holds exactly one subclass of that side's base
class, and that class says the module's name. So two kinds can never have one name, and a
module that holds no kind, or two, or a kind named otherwise stops the app at import with the
module's name, rather than leaving a kind out of one side quietly.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Collection
from typing import TypeVar

Kind = TypeVar("Kind")


class RegistryError(Exception):
    """A kinds package holds a module the registry cannot take as one kind."""


def one_kind_per_module(
    package: str, base: type[Kind], name: str, shared: Collection[str]
) -> list[Kind]:
    """One instance of the ``base`` subclass in each module of ``package``, except ``shared``.

    ``name`` is the attribute that says a kind's name (``name`` for a step kind, ``kind`` for
    a report part); it must be the module's own name. Modules are read in name order.
    """
    found = []
    path = importlib.import_module(package).__path__
    for module_name in sorted(info.name for info in pkgutil.iter_modules(path)):
        if module_name in shared:
            continue
        module = importlib.import_module(f"{package}.{module_name}")
        kinds = [
            value
            for value in vars(module).values()
            if isinstance(value, type)
            and issubclass(value, base)
            and value is not base
            and value.__module__ == module.__name__
        ]
        if len(kinds) != 1:
            held = ", ".join(kind.__name__ for kind in kinds) or "none"
            raise RegistryError(
                f"{module.__name__} must hold one {base.__name__} subclass, the kind of its "
                f"name (it holds {held}); a module the kinds only share goes in the "
                f"registry's shared modules"
            )
        kind = kinds[0]()
        said = getattr(kind, name)
        if said != module_name:
            raise RegistryError(
                f"{module.__name__}: {type(kind).__name__}.{name} is {said!r}; a kind is "
                f"called as its module is ({module_name!r}), so no two kinds share a name"
            )
        found.append(kind)
    return found

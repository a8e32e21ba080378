"""The registries find every kind in its home, and refuse a home they cannot take as one kind."""

from __future__ import annotations

import importlib
import sys
from itertools import count

import pytest

from workshop.domain.registry import RegistryError, one_kind_per_module

PACKAGES = count()
BASE = "class Kind:\n    name = ''\n"


@pytest.fixture
def package(tmp_path, monkeypatch):
    """A package of kind modules written for the test: ``package({"a": source, …})``."""
    monkeypatch.syspath_prepend(str(tmp_path))
    made = []

    def make(modules: dict[str, str]) -> str:
        name = f"registry_trial_{next(PACKAGES)}"
        folder = tmp_path / name
        folder.mkdir()
        (folder / "__init__.py").write_text("")
        (folder / "base.py").write_text(BASE)
        for module, source in modules.items():
            (folder / f"{module}.py").write_text("from .base import Kind\n" + source)
        made.append(name)
        return name

    yield make
    for name in [module for module in sys.modules if module.split(".")[0] in made]:
        del sys.modules[name]


def kinds_of(name: str) -> list[str]:
    base = importlib.import_module(f"{name}.base").Kind
    found = one_kind_per_module(name, base, "name", ("base", "helpers"))
    return [kind.name for kind in found]


def test_every_module_but_the_shared_ones_is_one_kind_found_in_name_order(package):
    name = package(
        {
            "yesno": "class YesNo(Kind):\n    name = 'yesno'\n",
            "ranking": "from .yesno import YesNo\nclass Ranking(Kind):\n    name = 'ranking'\n",
            "helpers": "def shared():\n    return 1\n",
        }
    )
    assert kinds_of(name) == ["ranking", "yesno"]


def test_a_module_without_a_kind_stops_the_registry_with_its_name(package):
    name = package({"ranking": "def rank():\n    return 1\n"})
    with pytest.raises(RegistryError, match=rf"{name}\.ranking must hold one Kind.*none"):
        kinds_of(name)


def test_a_module_with_two_kinds_stops_the_registry(package):
    name = package({"ranking": "class A(Kind):\n    name = 'ranking'\nclass B(A):\n    pass\n"})
    with pytest.raises(RegistryError, match="it holds A, B"):
        kinds_of(name)


def test_two_kinds_of_one_name_stop_the_registry(package):
    name = package(
        {
            "ranking": "class Ranking(Kind):\n    name = 'ranking'\n",
            "sorting": "class Sorting(Kind):\n    name = 'ranking'\n",
        }
    )
    with pytest.raises(RegistryError, match=rf"{name}\.sorting: Sorting.name is 'ranking'"):
        kinds_of(name)

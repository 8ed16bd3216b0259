"""The architecture rules of docs/architecture.md, checked rather than remembered.

- ``lint-imports`` (import-linter, contracts in ``pyproject.toml``) keeps the stages in
  order, the modules of one stage acyclic, private modules private and the CLI thin;
  a copy of the package with one upward import must make it fail.
- No private name (``_x``) is imported from another package of ``camau_gis``.
- Modules stay under ~600 lines and functions under ~80 lines of body, unless their
  docstring says why (a line starting with ``Long because:``).
- Every translation lives in ``i18n.py``; functions default to ``lang=None``; every error
  class is imported under its own name.
"""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "camau_gis"
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")

#: Modules and functions over the limits that have not been split yet (shrink, never grow).
MODULE_LINES = 600
FUNCTION_LINES = 80
LONG_MODULES_PENDING: set[str] = set()
LONG_FUNCTIONS_PENDING: set[str] = set()


def _lint(cwd: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    if not LINT_IMPORTS.exists():
        pytest.fail(f"{LINT_IMPORTS} not found: install the test extra (import-linter)")
    env = {"PYTHONPATH": str(cwd), "PATH": "/usr/bin:/bin"}
    return subprocess.run([str(LINT_IMPORTS), "--no-cache", *extra], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=300)


def test_import_contracts_are_kept():
    done = _lint(ROOT)
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
    assert "0 broken" in done.stdout


@pytest.fixture(scope="module")
def package_copy(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("arch")
    shutil.copytree(PACKAGE, root / "camau_gis",
                    ignore=shutil.ignore_patterns("__pycache__", "data", "templates"))
    shutil.copy(ROOT / "pyproject.toml", root / "pyproject.toml")
    return root


@pytest.mark.parametrize(("module", "line", "contract"), [
    ("io/layouts.py", "from camau_gis.render import static", "Data flows one way"),
    ("analysis/districts.py", "import camau_gis.render.html", "never import a renderer"),
    ("normalize/gso.py", "from camau_gis import pipeline", "Data flows one way"),
    ("text.py", "from camau_gis.normalize import communes", "Data flows one way"),
    ("io/vietnam63.py", "from camau_gis.render import _geometry", "private"),
])
def test_an_upward_import_breaks_the_contracts(package_copy, module, line, contract):
    target = package_copy / "camau_gis" / module
    original = target.read_text("utf-8")
    try:
        target.write_text(original + f"\n\ndef _upward() -> None:\n    {line}  # noqa\n", "utf-8")
        done = _lint(package_copy)
    finally:
        target.write_text(original, "utf-8")
    assert done.returncode != 0, done.stdout[-3000:]
    broken = done.stdout.split("Broken contracts")[-1]
    assert contract in broken, done.stdout[-3000:]


def test_a_cycle_inside_a_stage_breaks_the_contracts(package_copy):
    target = package_copy / "camau_gis" / "analysis" / "districts.py"
    original = target.read_text("utf-8")
    try:  # coverage imports districts; districts importing coverage closes a cycle
        target.write_text(original + "\n\ndef _cycle() -> None:\n"
                          "    from . import coverage  # noqa\n", "utf-8")
        done = _lint(package_copy)
    finally:
        target.write_text(original, "utf-8")
    assert done.returncode != 0
    assert "No import cycles" in done.stdout.split("Broken contracts")[-1]


def _modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)


def _package_of(path: Path) -> str:
    rel = path.relative_to(PACKAGE).parts
    return rel[0] if len(rel) > 1 else ""


def test_no_private_name_is_imported_from_another_package():
    offences = []
    for path in _modules():
        mine = _package_of(path)
        tree = ast.parse(path.read_text("utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.ImportFrom) or not node.module and not node.level:
                continue
            # resolve the imported module's top-level package inside camau_gis
            parts = path.relative_to(PACKAGE).with_suffix("").parts
            if node.level:
                base = list(parts[: len(parts) - node.level])
                target = base + (node.module.split(".") if node.module else [])
            elif node.module and node.module.startswith("camau_gis"):
                target = node.module.split(".")[1:]
            else:
                continue
            their = target[0] if len(target) > 1 or (target and (PACKAGE / target[0]).is_dir()) \
                else ""
            if their == mine:
                continue
            for alias in node.names:
                module = PACKAGE.joinpath(*target, alias.name)
                if module.with_suffix(".py").exists() or module.is_dir():
                    continue  # a module (e.g. the shared camau_gis._progress), not a private name
                if alias.name.startswith("_") and not alias.name.startswith("__"):
                    offences.append(f"{path.relative_to(PACKAGE)}:{node.lineno} imports "
                                    f"{alias.name} from {'.'.join(target) or 'camau_gis'}")
    assert not offences, "\n".join(offences)


def _says_why(docstring: str | None) -> bool:
    return bool(docstring) and any(line.strip().startswith("Long because:")
                                   for line in docstring.splitlines())


def test_modules_and_functions_stay_short_or_say_why():
    too_long, fixed = [], []
    for path in _modules():
        rel = path.relative_to(PACKAGE).as_posix()
        source = path.read_text("utf-8")
        tree = ast.parse(source)
        lines = len(source.splitlines())
        if lines > MODULE_LINES and not _says_why(ast.get_docstring(tree)):
            if rel not in LONG_MODULES_PENDING:
                too_long.append(f"{rel} ({lines} lines)")
        elif rel in LONG_MODULES_PENDING:
            fixed.append(rel)
        for node in ast.walk(tree):
            if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            body = node.body
            has_doc = isinstance(body[0], ast.Expr) and isinstance(
                getattr(body[0], "value", None), ast.Constant) and isinstance(
                body[0].value.value, str)
            start = body[1].lineno if has_doc and len(body) > 1 else body[0].lineno
            name = f"{rel}:{node.name}"
            if node.end_lineno - start + 1 > FUNCTION_LINES and not _says_why(
                    ast.get_docstring(node)):
                if name not in LONG_FUNCTIONS_PENDING:
                    too_long.append(f"{name} ({node.end_lineno - start + 1} lines)")
            elif name in LONG_FUNCTIONS_PENDING:
                fixed.append(name)
    assert not too_long, "split these, or say why in the docstring: " + ", ".join(too_long)
    assert not fixed, "now short enough: remove from the pending lists: " + ", ".join(fixed)


#: Modules that still keep some translations of their own (shrink, never grow): every
#: user-facing string belongs in camau_gis/i18n.py (one catalogue, ``t(key, lang)``).
TRANSLATIONS_PENDING: set[str] = set()


def _translations(tree: ast.AST) -> list[int]:
    """Lines of translation tables ({"vi": …, "en": …}) and of branches on the language."""
    lines = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Dict):
            keys = {k.value for k in node.keys if isinstance(k, ast.Constant)}
            if {"vi", "en"} <= keys:
                lines.append(node.lineno)
        elif isinstance(node, ast.Compare) and any(
                isinstance(c, ast.Constant) and c.value in ("vi", "en")
                for c in [node.left, *node.comparators]) and any(
                isinstance(op, (ast.Eq, ast.NotEq)) for op in node.ops):
            lines.append(node.lineno)
    return lines


def test_translations_live_in_the_one_catalogue():
    found, fixed = [], []
    for path in _modules():
        rel = path.relative_to(PACKAGE).as_posix()
        if rel == "i18n.py":
            continue
        lines = _translations(ast.parse(path.read_text("utf-8")))
        if lines and rel not in TRANSLATIONS_PENDING:
            found.append(f"{rel}:{lines[0]}")
        elif not lines and rel in TRANSLATIONS_PENDING:
            fixed.append(rel)
    assert not found, "move these translations into camau_gis/i18n.py: " + ", ".join(found)
    assert not fixed, "no translations left: remove from TRANSLATIONS_PENDING: " + ", ".join(fixed)


def test_the_language_check_catches_a_translation_table(tmp_path):
    tree = ast.parse('X = {"vi": "Xã", "en": "Commune"}\nif lang == "en":\n    pass\n')
    assert _translations(tree) == [1, 2]


#: Modules whose functions still default to Vietnamese instead of the settings' language.
LANG_DEFAULT_PENDING: set[str] = set()


def test_functions_take_lang_none_resolved_from_settings():
    """``lang="vi"`` as a default ignores ``settings.language``; take None and resolve it."""
    found, fixed = [], []
    for path in _modules():
        rel = path.relative_to(PACKAGE).as_posix()
        hits = []
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                args = node.args
                pairs = list(zip(args.args[len(args.args) - len(args.defaults):], args.defaults,
                                 strict=True)) + [
                    (a, d) for a, d in zip(args.kwonlyargs, args.kw_defaults, strict=True) if d]
                hits += [f"{rel}:{node.name}" for a, d in pairs if a.arg == "lang"
                         and isinstance(d, ast.Constant) and d.value is not None]
        if hits and rel not in LANG_DEFAULT_PENDING:
            found += hits
        elif not hits and rel in LANG_DEFAULT_PENDING:
            fixed.append(rel)
    assert not found, "give these lang=None (resolved from settings): " + ", ".join(found)
    assert not fixed, "remove from LANG_DEFAULT_PENDING: " + ", ".join(fixed)


def _error_aliases(tree: ast.AST) -> list[str]:
    """``from …errors import A as B``: one exception or warning class under another's name."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").endswith("errors"):
            found += [f"{a.name} as {a.asname}" for a in node.names
                      if a.asname and a.asname != a.name]
    return found


def test_every_error_class_has_one_name():
    """An error class is imported under its own name (no alias that makes one name two classes)."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for alias in _error_aliases(ast.parse(path.read_text(encoding="utf-8"))):
            found.append(f"{path.relative_to(PACKAGE).as_posix()}: {alias}")
    assert not found, "import the error classes by their own names: " + ", ".join(found)


def test_the_alias_check_catches_a_renamed_error():
    tree = ast.parse("from ..errors import RegisterReadError as RegisterError\n"
                     "from ..errors import BoundaryError\n")
    assert _error_aliases(tree) == ["RegisterReadError as RegisterError"]

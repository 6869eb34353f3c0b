"""Read the project's import graph from its source (for tests/test_architecture.py)."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Higher layers may import lower ones, never the other way (docs/architecture.md).
APP_LAYERS = {
    "partnership": 0,  # base: users, people, organisations, permissions, shared helpers
    "notifications": 1,  # a service every app uses
    "bodies": 2,
    "meetings": 3,
    "declarations": 4,
    "risks": 5,  # apps: the risk register; beside agreements (neither imports the other)
    "agreements": 5,
    "performance": 6,  # apps: indicators, targets, values, exceptions and the annual report; imported by config and demo
    "search": 7,  # apps: reads every app's models and policies; imported by config/urls.py and demo only
    "following": 8,  # apps: the public's emails about a body, from the meetings' signals
    "api": 9,  # apps: the read-only public API; reads every app's querysets and policies; imported by config/urls.py
    "demo": 10,  # top: the demo partnership, built through the apps' actions
    "config": 11,  # top: settings, URLs, Celery, WSGI
}


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def _source_files():
    for app in APP_LAYERS:
        folder = ROOT / app
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*.py")):
            if "migrations" in path.parts:
                continue
            yield path


def _imports(path: Path, module: str, known: set[str]) -> set[str]:
    """Every project module that `module` imports, anywhere in the file."""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            # `from pkg import module` imports the module; `from module import name` the module.
            names = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base for alias in node.names]
        else:
            continue
        for name in names:
            # The longest known module that the name starts with.
            while name and name not in known:
                name = name.rpartition(".")[0]
            if name and name != module:
                found.add(name)
    return found


def import_graph() -> dict[str, set[str]]:
    """Map each module of the project's apps to the project modules it imports."""
    files = {_module_name(path): path for path in _source_files()}
    known = set(files)
    return {module: _imports(path, module, known) for module, path in files.items()}


def app_edges(graph: dict[str, set[str]]) -> dict[tuple[str, str], tuple[str, str]]:
    """Map each (importing app, imported app) pair to one module edge that makes it."""
    edges = {}
    for module, targets in sorted(graph.items()):
        for target in sorted(targets):
            pair = (module.split(".")[0], target.split(".")[0])
            if pair[0] != pair[1]:
                edges.setdefault(pair, (module, target))
    return edges


def module_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan), each sorted."""
    index, low, stack, on_stack, groups = {}, {}, [], set(), []
    counter = 0

    def visit(node):
        nonlocal counter
        index[node] = low[node] = counter
        counter += 1
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(groups)

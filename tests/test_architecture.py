"""The layers of docs/architecture.md, checked from the source.

Every import counts, including those inside functions: an import moved into
a function to dodge a cycle is still a cycle.
"""

from tests.architecture import APP_LAYERS, app_edges, import_graph, module_cycles


def test_every_app_folder_has_a_layer():
    graph = import_graph()
    apps = {module.split(".")[0] for module in graph}
    assert sorted(apps - set(APP_LAYERS)) == []


def test_apps_import_only_apps_below_them():
    upward = [
        f"{importer} imports {imported} ({module} -> {target})"
        for (importer, imported), (module, target) in sorted(app_edges(import_graph()).items())
        if APP_LAYERS[importer] <= APP_LAYERS[imported]
    ]
    assert upward == []


def test_nothing_imports_the_wiring_or_the_demo():
    importers = sorted(
        f"{module} -> {target}"
        for (importer, imported), (module, target) in app_edges(import_graph()).items()
        if imported in ("config", "demo") and importer != "config"
    )
    assert importers == []


def test_no_module_imports_a_module_that_imports_it_back():
    assert module_cycles(import_graph()) == []


def test_the_checker_sees_a_cycle_and_an_upward_import():
    graph = {
        "partnership.models": {"bodies.models"},
        "bodies.models": {"partnership.models"},
        "meetings.views": {"bodies.models"},
    }
    assert module_cycles(graph) == [["bodies.models", "partnership.models"]]
    assert app_edges(graph) == {
        ("partnership", "bodies"): ("partnership.models", "bodies.models"),
        ("bodies", "partnership"): ("bodies.models", "partnership.models"),
        ("meetings", "bodies"): ("meetings.views", "bodies.models"),
    }

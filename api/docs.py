"""The API's own page at /api/: the endpoints, their parameters and an example, read from the OpenAPI schema.

A page rendered on the server in the house style rather than Swagger UI or Redoc, which need a script of their
own and, as drf-spectacular serves them, an inline one: the Content-Security-Policy allows neither.
"""

import functools
import json

from django.http import JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe
from drf_spectacular.generators import SchemaGenerator

from partnership.public_cache import public_page


@functools.cache
def schema() -> dict:
    """The OpenAPI schema of the API (the same as /api/schema/ gives), made once per process."""
    return SchemaGenerator().get_schema(request=None, public=True)


def _resolve(spec: dict, node: dict) -> dict:
    while isinstance(node, dict) and "$ref" in node:
        name = node["$ref"].rsplit("/", 1)[-1]
        node = spec["components"]["schemas"][name]
    return node


def _fields(spec: dict, node: dict) -> list[dict]:
    """The fields of one result, each with its type and whether it may be null."""
    node = _resolve(spec, node)
    rows = []
    for name, field in node.get("properties", {}).items():
        field = _resolve(spec, field) if "$ref" in field else field
        kind = field.get("type", "object")
        if field.get("allOf"):
            kind = "object"
        if kind == "array":
            kind = "list"
        rows.append(
            {"name": name, "type": kind, "nullable": bool(field.get("nullable")), "format": field.get("format", "")}
        )
    return rows


def endpoints() -> list[dict]:
    """Each endpoint of the schema: its path, summary, parameters, the fields of a result and an example address."""
    spec = schema()
    found = []
    for path, operations in spec["paths"].items():
        get = operations.get("get")
        if get is None:
            continue
        parameters = [
            {
                "name": parameter["name"],
                "description": parameter.get("description", ""),
                "type": parameter.get("schema", {}).get("type", "string"),
                "format": parameter.get("schema", {}).get("format", ""),
            }
            for parameter in get.get("parameters", [])
        ]
        page = _resolve(spec, get["responses"]["200"]["content"]["application/json"]["schema"])
        results = page.get("properties", {}).get("results", {}).get("items", page)
        example = path + ("?page_size=10" if "page_size" in {p["name"] for p in parameters} else "")
        names = {p["name"] for p in parameters}
        if {"from", "to"} <= names:
            example += "&from=2010-01-01&to=2010-12-31"
        found.append(
            {
                "path": path,
                "anchor": path.strip("/").replace("/", "-"),
                "description": get.get("description", ""),
                "parameters": parameters,
                "fields": _fields(spec, results),
                "example": example,
            }
        )
    return found


@public_page
@require_safe
def schema_json(request):
    """The OpenAPI 3 schema, as JSON: the same for everyone, made once per process."""
    return JsonResponse(schema(), json_dumps_params={"indent": 2})


@public_page
@require_safe
def index(request):
    downloads = [
        {"label": "Decisions of published minutes (CSV)", "url": reverse("api_decisions_csv")},
        {"label": "Public register of interests (CSV)", "url": reverse("api_interests_csv")},
        {"label": "Public register of gifts and hospitality (CSV)", "url": reverse("api_gifts_csv")},
    ]
    return render(
        request,
        "api/index.html",
        {
            "endpoints": endpoints(),
            "downloads": downloads,
            "schema_url": reverse("api_schema"),
            "version": schema()["info"].get("version", ""),
            "example_page": json.dumps(
                {"count": 120, "next": "…/api/meetings/?page=2", "previous": None, "results": ["…"]}, indent=2
            ),
        },
    )

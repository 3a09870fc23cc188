"""Plans as Frictionless Data Packages: a folder of CSV files and ``datapackage.json``.

Each table of :mod:`antitrafficking_plan.tables` is one CSV file (``activities.csv``,
``objectives.csv``, ..., ``cost-fragments.csv``) described by a Table Schema in
``datapackage.json``: field types, required fields, vocabularies, primary keys and the
foreign key from activities to objectives, so that ``frictionless validate`` accepts the
package and a data portal (CKAN and the like) can publish it. Field names are the
headers with underscores (``expected_results``); the reader takes either spelling.

Reading needs no frictionless: :func:`read_datapackage` reads the descriptor with
:mod:`json` and each resource's CSV, and checks every cell as a workbook is checked.

>>> import tempfile, pathlib
>>> from antitrafficking_plan import load_plan
>>> with tempfile.TemporaryDirectory() as tmp:
...     write_datapackage(load_plan(), tmp)
...     sorted(p.name for p in pathlib.Path(tmp).iterdir())[:3]
...     read_datapackage(tmp) == load_plan()
['activities.csv', 'cost-fragments.csv', 'datapackage.json']
True
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from ._files import json_problem, make_folder, read_file_bounded, write_text_atomically
from .csvtables import read_csv_table, table_csv_text
from .errors import PlanLoadError
from .model import Institution
from .plan import Plan
from .registry import InstitutionRegistry
from .tables import TABLES, RawTable, TableSpec, plan_from_tables, plan_to_tables

if TYPE_CHECKING:
    from pathlib import Path

__all__ = ["DESCRIPTOR", "read_datapackage", "write_datapackage"]

#: The descriptor's file name.
DESCRIPTOR = "datapackage.json"
_MAX_DESCRIPTOR_BYTES = 16 * 1024 * 1024


def _field_name(header: str) -> str:
    return header.replace(" ", "_")


def _resource_name(spec: TableSpec) -> str:
    return spec.name.replace(" ", "-")


def _schema(spec: TableSpec) -> dict[str, Any]:
    fields = []
    for column in spec.columns:
        field: dict[str, Any] = {
            "name": _field_name(column.header),
            "title": column.header,
            "type": "integer" if column.codec.integer else "string",
            "description": (f"{column.help}; " if column.help else "") + column.codec.accepted,
        }
        constraints: dict[str, Any] = {}
        if column.required:
            constraints["required"] = True
        if column.codec.integer:
            constraints["minimum"] = column.codec.minimum
        if column.codec.vocabulary and column.header != "funding sources":
            constraints["enum"] = list(column.codec.vocabulary)
        if constraints:
            field["constraints"] = constraints
        fields.append(field)
    schema: dict[str, Any] = {"fields": fields, "missingValues": [""]}
    if spec.key is not None:
        schema["primaryKey"] = [_field_name(spec.key)]
    if spec.name == "activities":
        schema["foreignKeys"] = [
            {
                "fields": ["objective"],
                "reference": {"resource": "objectives", "fields": ["code"]},
            }
        ]
    return schema


def _slug(text: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return slug[:80] or "plan"


def _descriptor(plan: Plan) -> dict[str, Any]:
    return {
        "profile": "tabular-data-package",
        "name": _slug(f"{plan.jurisdiction} {plan.period} action plan"),
        "title": plan.title,
        "description": (
            f"{plan.title} ({plan.jurisdiction}, {plan.period}), issued by {plan.issuer}; "
            "written by antitrafficking-plan. Multi-valued cells separate items with '; '."
        ),
        "version": plan.dataset_version or None,
        "resources": [
            {
                "profile": "tabular-data-resource",
                "name": _resource_name(spec),
                "path": f"{_resource_name(spec)}.csv",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "dialect": {
                    "delimiter": ",",
                    "quoteChar": '"',
                    "doubleQuote": True,
                    "lineTerminator": "\r\n",
                    "header": True,
                },
                "description": spec.help,
                "schema": _schema(spec),
            }
            for spec in TABLES
        ],
    }


def write_datapackage(plan: Plan, target: str | os.PathLike[str]) -> None:
    """Write ``plan`` as a data package into the folder ``target`` (made if missing; a
    path ending in ``datapackage.json`` names its folder). Each file is replaced whole or
    not at all; the descriptor is written last."""
    from pathlib import Path  # stdlib, imported on first use: importing the package stays light

    folder = Path(target)
    if folder.name == DESCRIPTOR:
        folder = folder.parent
    make_folder(folder)
    tables = plan_to_tables(plan)
    descriptor = _descriptor(plan)
    if descriptor["version"] is None:
        del descriptor["version"]
    for spec in TABLES:
        header = [_field_name(h) for h in spec.headers]
        text = table_csv_text(tables[spec.name], header)
        write_text_atomically(folder / f"{_resource_name(spec)}.csv", text)
    text = json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n"
    write_text_atomically(folder / DESCRIPTOR, text)


def _descriptor_of(path: Path) -> tuple[Path, dict[str, Any]]:
    file = path / DESCRIPTOR if path.is_dir() else path
    if path.is_dir() and not file.exists():
        raise PlanLoadError(
            f"{path}: is a directory without {DESCRIPTOR}; a plan is a .json, .xlsx or "
            f".csv file, or a data package folder holding {DESCRIPTOR}"
        )
    try:
        raw = read_file_bounded(file, _MAX_DESCRIPTOR_BYTES, what="data package descriptor")
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise PlanLoadError(f"{file} is not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        raise PlanLoadError(json_problem(str(file), exc)) from None
    if not isinstance(data, dict):
        raise PlanLoadError(f"{file}: a data package descriptor is a JSON object")
    return file, data


def _resource_path(folder: Path, file: Path, index: int, resource: Any) -> tuple[str, Path]:
    where = f"{file} $.resources[{index}]"
    if not isinstance(resource, dict):
        raise PlanLoadError(f"{where}: a resource is a JSON object")
    name, path = resource.get("name"), resource.get("path")
    if not isinstance(name, str) or not name:
        raise PlanLoadError(f"{where}.name: a resource needs a name (text)")
    if not isinstance(path, str):
        raise PlanLoadError(
            f"{where}.path: the resource {name!r} needs one local CSV file as 'path' (text)"
        )
    from pathlib import PurePosixPath

    pure = PurePosixPath(path)
    if pure.is_absolute() or ".." in pure.parts or "://" in path or "\\" in path:
        raise PlanLoadError(
            f"{where}.path: {path!r} is not a relative path inside the package folder"
        )
    return name, folder / pure


def read_datapackage(
    source: str | os.PathLike[str],
    *,
    registry: InstitutionRegistry | Iterable[Institution] | None = None,
    metadata: Mapping[str, str] | None = None,
) -> Plan:
    """Read and check the plan in a data package (``datapackage.json``, or the folder
    holding it). Every problem of every resource is raised at once in a
    :class:`~antitrafficking_plan.errors.PlanTableError` naming the resource, row and
    column."""
    from pathlib import Path

    file, descriptor = _descriptor_of(Path(source))
    resources = descriptor.get("resources")
    if not isinstance(resources, list) or not resources:
        raise PlanLoadError(f"{file} $.resources: a data package lists its resources")
    tables: list[RawTable] = []
    for index, resource in enumerate(resources):
        name, path = _resource_path(file.parent, file, index, resource)
        tables.append(read_csv_table(path, name, name))
    return plan_from_tables(tables, source=str(file), registry=registry, metadata=metadata)

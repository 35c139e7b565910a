"""Tasks and agencies of a resolution (``tasks.yaml``, ``agencies.yaml``, docs/tasks.md).

The references that make the files useful are checked: a task's objective and milestones
name clauses of the resolution, its agencies are listed in ``agencies.yaml``, every
indicator has exactly one reporting agency, and every "rõ" taken from the task's own
words is a quotation of them. Modules: :mod:`.agencies`, :mod:`.plan` (groups and tasks),
:mod:`.five_ro` (the five "rõ" of a task), :mod:`.schema` (shapes), :mod:`.document`
(the YAML file and its problems).
"""

from chitieu.definitions.tasks.agencies import load_agencies, load_agencies_text
from chitieu.definitions.tasks.plan import load_tasks, load_tasks_text
from chitieu.definitions.tasks.schema import AGENCIES_FORMAT, TASKS_FORMAT

__all__ = [
    "AGENCIES_FORMAT",
    "TASKS_FORMAT",
    "load_agencies",
    "load_agencies_text",
    "load_tasks",
    "load_tasks_text",
]

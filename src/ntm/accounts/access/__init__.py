"""Who may see and change what: every view and API call asks here (Zulip ``access_*`` style).

A user's scope is the union of the subtrees of the units in their role assignments. Outside it
the answer is 404 (``Http404``), never someone else's data and never a hint that it exists.

Roles (``ntm.accounts.models.ROLE_CHOICES``):

- ``province``, ``district``: see and edit every unit and value in their unit's subtree.
- ``commune``: see and edit their commune and its villages.
- ``department``: see their unit's subtree; edit only the criteria listed for them
  (``RoleAssignment.criteria``: ``{"xa-ntm-2021-2025": [2]}``) in that subtree.
- ``viewer``: see their unit's subtree; edit nothing.
- ``national``: see every unit (no unit on the assignment); edit nothing. Values are entered
  by the localities that answer for them; the centre monitors.
- Django superusers see and edit everything (they administer the system).

A unit's subtree is one ``path__startswith`` query (``AdminUnit.path`` is the chain of ids from
the root, ending with the unit's own id).

The questions live in modules by job; every name is importable from ``ntm.accounts.access``
(callers write ``from ntm.accounts.access import can_view_unit`` or ``access.can_view_unit``):

- ``roles``: the cached role assignments and the role groups (editing, scoped, offices);
- ``units``: the units a user sees, a unit fetched by code (404 outside), the national view;
- ``values``: values and criteria (a department edits its criteria only);
- ``imports``: web imports and their subtrees;
- ``reports``: reports, evidence, publishing to the portal;
- ``records``: a province's own criteria sets, OCOP, funds, outputs, reported figures;
- ``followup``: tasks, targets, monthly reports (``ntm.planning``);
- ``recognition``: decisions, cases and their steps, surveys (``ntm.recognition``).
"""

from __future__ import annotations

from ntm.accounts.access.followup import (
    can_file_progress_report,
    can_manage_tasks,
    can_set_targets,
    can_update_task_status,
    users_reporting_for,
)
from ntm.accounts.access.imports import (
    import_roots,
    import_scope,
    may_import,
    path_in_import_scope,
)
from ntm.accounts.access.recognition import (
    can_act_on_step,
    can_open_case,
    can_record_recognition,
    can_record_survey,
    can_unlock_case_values,
    step_actors,
)
from ntm.accounts.access.records import (
    can_edit_reported_figures,
    can_edit_resources,
    may_manage_provincial_sets,
    provincial_set_provinces,
)
from ntm.accounts.access.reports import (
    can_publish,
    may_see_evidence,
    may_see_reports,
    publishable_roots,
)
from ntm.accounts.access.roles import (
    EDITING_ROLES,
    OFFICE_ROLES,
    SCOPED_ROLES,
    User,
    forget_roles,
)
from ntm.accounts.access.units import (
    ERA_SWITCH,
    UNIT_CODE_AMBIGUOUS,
    UNIT_CODE_AMBIGUOUS_EN,
    UNIT_NOT_FOUND,
    UNIT_NOT_FOUND_EN,
    UnitCodeAmbiguous,
    access_unit_for_user,
    can_view_unit,
    may_see_national,
    scope_root_units,
    units_visible_to,
)
from ntm.accounts.access.values import (
    can_delete_value,
    can_edit_any_value,
    can_edit_value,
    criterion_number,
    editable_criteria,
)
from ntm.units.selectors import subtree_q

__all__ = [
    "EDITING_ROLES",
    "ERA_SWITCH",
    "OFFICE_ROLES",
    "SCOPED_ROLES",
    "UNIT_CODE_AMBIGUOUS",
    "UNIT_CODE_AMBIGUOUS_EN",
    "UNIT_NOT_FOUND",
    "UNIT_NOT_FOUND_EN",
    "UnitCodeAmbiguous",
    "User",
    "access_unit_for_user",
    "can_act_on_step",
    "can_delete_value",
    "can_edit_any_value",
    "can_edit_reported_figures",
    "can_edit_resources",
    "can_edit_value",
    "can_file_progress_report",
    "can_manage_tasks",
    "can_open_case",
    "can_publish",
    "can_record_recognition",
    "can_record_survey",
    "can_set_targets",
    "can_unlock_case_values",
    "can_update_task_status",
    "can_view_unit",
    "criterion_number",
    "editable_criteria",
    "forget_roles",
    "import_roots",
    "import_scope",
    "may_import",
    "may_manage_provincial_sets",
    "may_see_evidence",
    "may_see_national",
    "may_see_reports",
    "path_in_import_scope",
    "provincial_set_provinces",
    "publishable_roots",
    "scope_root_units",
    "step_actors",
    "subtree_q",
    "units_visible_to",
    "users_reporting_for",
]

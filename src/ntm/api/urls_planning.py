"""Follow-up endpoints (added to ``ntm.api.urls``): gaps, what-if, tasks."""

from django.urls import path

from ntm.api.views import followup_cycle, planning

PLANNING_PATTERNS = [
    path("units/<str:code>/gaps/", planning.GapsView.as_view(), name="api-gaps"),
    path("units/<str:code>/what-if/", planning.WhatIfView.as_view(), name="api-what-if"),
    path("units/<str:code>/tasks/", planning.TaskListView.as_view(), name="api-tasks"),
    path("tasks/<int:pk>/updates/", planning.TaskUpdateView.as_view(), name="api-task-updates"),
    path("units/<str:code>/targets/", followup_cycle.TargetListView.as_view(), name="api-targets"),
    path("units/<str:code>/monthly/", followup_cycle.MonthlyView.as_view(), name="api-monthly"),
]

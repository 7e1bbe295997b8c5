"""Follow-up endpoints (added to ``ntm.api.urls``): gaps, what-if, tasks."""

from django.urls import path

from ntm.api.views import planning

PLANNING_PATTERNS = [
    path("units/<str:code>/gaps/", planning.GapsView.as_view(), name="api-gaps"),
    path("units/<str:code>/what-if/", planning.WhatIfView.as_view(), name="api-what-if"),
    path("units/<str:code>/tasks/", planning.TaskListView.as_view(), name="api-tasks"),
    path("tasks/<int:pk>/updates/", planning.TaskUpdateView.as_view(), name="api-task-updates"),
]

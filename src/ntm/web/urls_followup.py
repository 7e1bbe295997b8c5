"""Follow-up pages (namespace ``web``, added to ``ntm.web.urls``): gaps, what-if, tasks,
targets and the monthly cycle. A module of its own so the main URL list stays short."""

from django.urls import path

from ntm.web.views import followup, monthly, targets, tasks

FOLLOW_UP_PATTERNS = [
    path("follow-up/<str:code>/gaps/", followup.gaps_page, name="gaps"),
    path("follow-up/<str:code>/what-if/", followup.what_if_page, name="what_if"),
    path("follow-up/<str:code>/tasks/", tasks.task_list, name="tasks"),
    path("follow-up/<str:code>/tasks/new/", tasks.task_create, name="task_new"),
    path("follow-up/tasks/<int:pk>/", tasks.task_page, name="task"),
    path("follow-up/<str:code>/targets/", targets.target_page, name="targets"),
    path("follow-up/<str:code>/monthly/", monthly.monthly_page, name="monthly"),
]

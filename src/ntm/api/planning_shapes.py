"""Request and response shapes of the follow-up endpoints (gaps, what-if, tasks, targets, the
monthly cycle). The responses are the plain data the pure layer builds (``to_json``); these
serializers describe them for the schema, and the request ones check what clients send."""

from __future__ import annotations

from rest_framework import serializers

from ntm.planning.models import STATUS_CHOICES

STATUSES = [code for code, _ in STATUS_CHOICES]
FILING_STATUSES = ["submitted", "late", "due", "missing"]


class GapIndicatorShape(serializers.Serializer):
    criterion = serializers.IntegerField()
    indicator = serializers.CharField()
    value = serializers.JSONField(allow_null=True)
    threshold = serializers.JSONField(allow_null=True)
    distance = serializers.FloatField(
        allow_null=True, help_text="≥ 0, in the indicator's unit; null for yes/no and text"
    )
    relative_distance = serializers.FloatField(
        allow_null=True, help_text="distance / threshold; null where undefined"
    )


class GapCommuneShape(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    criteria_met = serializers.IntegerField()
    indicators_met = serializers.IntegerField()
    unmet = GapIndicatorShape(many=True)
    missing = serializers.ListField(child=serializers.CharField())
    criteria_total = serializers.IntegerField()
    indicators_total = serializers.IntegerField()
    not_durable = serializers.ListField(child=serializers.DictField())


class GapsShape(serializers.Serializer):
    unit = serializers.CharField()
    set = serializers.CharField()
    period = serializers.CharField()
    communes = GapCommuneShape(many=True)
    not_durable = serializers.ListField(child=serializers.DictField())
    durable_margin = serializers.FloatField()


class StandingShape(serializers.Serializer):
    criteria_met = serializers.IntegerField()
    criteria_total = serializers.IntegerField()
    indicators_met = serializers.IntegerField()
    indicators_total = serializers.IntegerField()
    met = serializers.BooleanField()
    level = serializers.CharField(allow_null=True)
    gap = GapCommuneShape()
    district = serializers.JSONField(
        allow_null=True, help_text="The district's figures (as in the summary)"
    )
    district_sets = serializers.DictField(child=serializers.DictField())


class WhatIfShape(serializers.Serializer):
    unit = serializers.CharField()
    set = serializers.CharField()
    period = serializers.CharField()
    values = serializers.DictField(child=serializers.CharField(allow_blank=True))
    saved = serializers.BooleanField()
    before = StandingShape()
    after = StandingShape()


class WhatIfRequest(serializers.Serializer):
    set = serializers.CharField()
    period = serializers.CharField()
    values = serializers.DictField(
        child=serializers.CharField(allow_blank=True), help_text='{"2.1": "100"}'
    )


class TaskShape(serializers.Serializer):
    unit = serializers.CharField()
    criterion = serializers.IntegerField()
    indicator = serializers.CharField(allow_null=True)
    department = serializers.CharField()
    owner = serializers.CharField()
    start = serializers.CharField()
    due = serializers.CharField()
    status = serializers.ChoiceField(choices=STATUSES)
    overdue = serializers.BooleanField()
    id = serializers.IntegerField()
    set = serializers.CharField()
    budget = serializers.FloatField(allow_null=True)
    target_value = serializers.CharField(allow_blank=True)
    closed_by_value = serializers.CharField(allow_blank=True)


class TaskCreateRequest(serializers.Serializer):
    set = serializers.CharField()
    criterion = serializers.IntegerField(min_value=0)
    indicator = serializers.CharField(required=False, allow_blank=True, default="")
    department = serializers.CharField()
    owner = serializers.CharField()
    start = serializers.CharField(help_text="YYYY-MM-DD or DD/MM/YYYY")
    due = serializers.CharField(help_text="YYYY-MM-DD or DD/MM/YYYY")
    status = serializers.ChoiceField(choices=STATUSES, required=False, default="not-started")
    budget = serializers.FloatField(required=False, allow_null=True, min_value=0, default=None)
    note = serializers.CharField(required=False, allow_blank=True, default="")


class TaskUpdateRequest(serializers.Serializer):
    period = serializers.CharField(help_text="YYYY-MM")
    status = serializers.ChoiceField(choices=STATUSES)
    comment = serializers.CharField(required=False, allow_blank=True, default="")


class TargetShape(serializers.Serializer):
    unit = serializers.CharField()
    kind = serializers.ChoiceField(choices=["unit", "count"])
    level = serializers.CharField()
    goal = serializers.FloatField()
    due = serializers.CharField()
    decision = serializers.CharField()
    current = serializers.FloatField()
    projected = serializers.FloatField(allow_null=True)
    state = serializers.ChoiceField(choices=["met", "on_track", "at_risk", "missed"])
    at_risk = serializers.BooleanField()


class FilingShape(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    district = serializers.CharField()
    status = serializers.ChoiceField(choices=FILING_STATUSES)
    submitted_on = serializers.CharField(allow_null=True)
    values_changed = serializers.IntegerField()
    tasks_advanced = serializers.ListField(child=serializers.CharField())
    tasks_note = serializers.CharField(allow_blank=True)
    difficulties = serializers.CharField(allow_blank=True)
    proposals = serializers.CharField(allow_blank=True)


class FiledShape(FilingShape):
    period = serializers.CharField()


class MonthlyShape(serializers.Serializer):
    unit = serializers.CharField()
    name = serializers.CharField()
    period = serializers.CharField()
    due = serializers.CharField()
    as_of = serializers.CharField()
    communes = FilingShape(many=True)
    districts = serializers.ListField(child=serializers.DictField())
    tasks = serializers.DictField(child=serializers.IntegerField())


class MonthlyFileRequest(serializers.Serializer):
    period = serializers.CharField(help_text="YYYY-MM")
    tasks_note = serializers.CharField(required=False, allow_blank=True, default="")
    difficulties = serializers.CharField(required=False, allow_blank=True, default="")
    proposals = serializers.CharField(required=False, allow_blank=True, default="")

"""Response shapes for the schema of answers built as plain data (criteria sets, results, reviews).

These serializers only describe: the views return the dicts that ``ntm criteria --json``,
``ntm evaluate --json`` and ``ntm report review --format json`` print, one serialiser each.
Keys listed here are always present; fields whose type varies (a value, a threshold) are JSON.
"""

from __future__ import annotations

from rest_framework import serializers

KINDS = ["boolean", "percent", "number", "text"]
STATUSES = ["met", "unmet", "missing", "not_applicable"]
LEVELS = ["ntm", "advanced", "model", "modern"]


class CountsShape(serializers.Serializer):
    criteria = serializers.IntegerField()
    indicators = serializers.IntegerField()


class EncodedShape(CountsShape):
    conditions = serializers.IntegerField()


class CriteriaSetSummaryShape(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    level = serializers.CharField(help_text="commune, village or district")
    tier = serializers.CharField(allow_null=True)
    threshold_by = serializers.CharField(allow_null=True)
    valid_from = serializers.CharField(allow_null=True)
    valid_to = serializers.CharField(allow_null=True)
    source = serializers.CharField(allow_blank=True, allow_null=True)
    requires = serializers.ListField(child=serializers.CharField())
    province = serializers.CharField(allow_null=True)
    base = serializers.CharField(allow_null=True)
    declared = CountsShape(help_text="The counts the law states.")
    encoded = EncodedShape(help_text="What this file encodes.")
    complete = serializers.BooleanField()
    unverified_indicators = serializers.IntegerField()
    revocation_key_criteria = serializers.ListField(child=serializers.IntegerField())
    notes = serializers.CharField(allow_blank=True, allow_null=True)


class IndicatorRuleShape(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    kind = serializers.ChoiceField(choices=KINDS)
    unit = serializers.CharField(allow_blank=True, allow_null=True)
    op = serializers.CharField(allow_null=True)
    thresholds = serializers.JSONField(
        allow_null=True, help_text="A value, or {by, cases, default} as in the file."
    )
    source = serializers.CharField(allow_blank=True, allow_null=True)
    verified = serializers.BooleanField()
    note = serializers.CharField(allow_blank=True, allow_null=True)
    department = serializers.CharField(allow_blank=True, allow_null=True)
    optional = serializers.BooleanField()


class CriterionRuleShape(serializers.Serializer):
    number = serializers.IntegerField()
    name = serializers.CharField()
    group = serializers.CharField(allow_blank=True, allow_null=True)
    department = serializers.CharField(allow_blank=True, allow_null=True)
    key = serializers.BooleanField(help_text="A key criterion for revocation.")
    indicators = IndicatorRuleShape(many=True)


class CriteriaSetShape(CriteriaSetSummaryShape):
    criteria = CriterionRuleShape(many=True)


class IndicatorResultShape(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    status = serializers.ChoiceField(choices=STATUSES)
    value = serializers.JSONField(allow_null=True)
    period = serializers.CharField(allow_null=True)
    op = serializers.CharField(allow_null=True)
    threshold = serializers.JSONField(allow_null=True)
    unit = serializers.CharField(allow_blank=True, allow_null=True)
    basis = serializers.ListField(
        child=serializers.CharField(), help_text="Why this threshold (region, year...)."
    )
    verified = serializers.BooleanField()
    stale = serializers.BooleanField()


class CriterionResultShape(serializers.Serializer):
    number = serializers.IntegerField()
    name = serializers.CharField()
    status = serializers.ChoiceField(choices=STATUSES)
    key = serializers.BooleanField()
    indicators_met = serializers.IntegerField()
    rests_on_unverified = serializers.BooleanField()
    indicators = IndicatorResultShape(many=True)


class EvaluationShape(serializers.Serializer):
    unit = serializers.CharField()
    set = serializers.CharField()
    set_name = serializers.CharField(allow_blank=True)
    period = serializers.CharField()
    level = serializers.ChoiceField(
        choices=LEVELS, allow_null=True, help_text="Level reached BY DATA (not a recognition)."
    )
    criteria_met = serializers.IntegerField()
    criteria_total = serializers.IntegerField()
    indicators_met = serializers.IntegerField()
    indicators_total = serializers.IntegerField()
    indicators_missing = serializers.IntegerField()
    declared = CountsShape()
    declared_criteria = serializers.IntegerField()
    declared_indicators = serializers.IntegerField()
    complete = serializers.BooleanField()
    met = serializers.BooleanField()
    unmet_criteria = serializers.ListField(child=serializers.IntegerField())
    rests_on_unverified = serializers.BooleanField()
    criteria = CriterionResultShape(many=True)


class UnitRefShape(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()


class ReviewSetShape(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    criteria = serializers.IntegerField()
    indicators = serializers.IntegerField()
    encoded_criteria = serializers.IntegerField()
    encoded_indicators = serializers.IntegerField()
    complete = serializers.BooleanField()


class RevocationRiskShape(serializers.Serializer):
    at_risk = serializers.BooleanField()
    reason = serializers.CharField(allow_null=True, allow_blank=True)


class ReviewCommuneShape(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    criteria_met = serializers.IntegerField()
    indicators_met = serializers.IntegerField()
    unmet_criteria = serializers.ListField(child=serializers.IntegerField())
    missing_indicators = serializers.ListField(child=serializers.CharField())
    level = serializers.CharField(allow_null=True)
    criteria_total = serializers.IntegerField()
    indicators_total = serializers.IntegerField()
    missing_criteria = serializers.ListField(child=serializers.IntegerField())
    indicators_missing = serializers.IntegerField()
    indicators_not_applicable = serializers.IntegerField()
    unverified_criteria = serializers.ListField(child=serializers.IntegerField())
    unverified = serializers.BooleanField()
    revocation_risk = RevocationRiskShape()


class ReviewShape(serializers.Serializer):
    unit = UnitRefShape()
    set = ReviewSetShape()
    period = serializers.CharField()
    communes = ReviewCommuneShape(many=True)
    groups = serializers.ListField(child=serializers.DictField())
    unmet_by_criterion = serializers.ListField(child=serializers.DictField())
    missing_by_criterion = serializers.ListField(child=serializers.DictField())
    text = serializers.CharField(allow_blank=True)
    text_en = serializers.CharField(allow_blank=True)
    unverified = serializers.BooleanField()
    complete = serializers.BooleanField()

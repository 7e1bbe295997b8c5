"""Forms for entering programme resources by hand; each hands the services' record type over.

Numbers are typed the Vietnamese way or plainly ("1.250.000.000", "71,43") and read by
``ntm.textnorm.parse_number``, as in the import files.
"""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from ntm.criteria.inputs import Period, PeriodError
from ntm.investment.catalogue import output_kinds
from ntm.investment.models import AWARD_KIND_LABELS, RECIPIENT_CHOICES, SOURCE_CHOICES
from ntm.investment.services import AwardData, FundsData, OutputData, ReportedData
from ntm.ocop.models import GROUP_CHOICES, LEVEL_CHOICES, PRODUCER_KIND_CHOICES, STAR_CHOICES
from ntm.ocop.services import RatingData
from ntm.textnorm import parse_number
from ntm.web.scope import period_message

MSG_NEGATIVE = _("Cần số không âm")


class NumberField(forms.CharField):
    """A number written "1.250.000.000" or "3,25"; ``integer`` rounds to whole units (VND)."""

    def __init__(self, *args, integer: bool = False, **kwargs) -> None:
        self.integer = integer
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        text = super().to_python(value)
        if not text:
            return None
        try:
            number = parse_number(text)
        except ValueError as exc:
            raise forms.ValidationError(str(exc)) from None
        if number < 0:
            raise forms.ValidationError(MSG_NEGATIVE)
        return round(number) if self.integer else Decimal(str(round(number, 3)))


class PeriodField(forms.CharField):
    def to_python(self, value):
        text = super().to_python(value)
        try:
            return str(Period.read(text.strip()))
        except PeriodError as exc:
            raise forms.ValidationError(period_message(exc)) from None


class _Styled(forms.Form):
    """Bootstrap's small controls on every field."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            select = isinstance(field.widget, forms.Select)
            field.widget.attrs["class"] = (
                "form-select form-select-sm" if select else "form-control form-control-sm"
            )


class OcopForm(_Styled):
    product = forms.CharField(label=_("Tên sản phẩm"), max_length=255)
    producer = forms.CharField(label=_("Chủ thể"), max_length=255)
    producer_kind = forms.ChoiceField(label=_("Loại chủ thể"), choices=PRODUCER_KIND_CHOICES)
    group = forms.TypedChoiceField(label=_("Nhóm sản phẩm"), choices=GROUP_CHOICES, coerce=int)
    year = forms.IntegerField(label=_("Năm đánh giá"), min_value=2000, max_value=2100)
    stars = forms.TypedChoiceField(label=_("Hạng sao"), choices=STAR_CHOICES, coerce=int)
    level = forms.ChoiceField(label=_("Cấp công nhận"), choices=LEVEL_CHOICES)
    score = forms.DecimalField(
        label=_("Điểm (/100)"), required=False, min_value=0, max_value=100, decimal_places=2
    )
    score_a = forms.DecimalField(
        label=_("Phần A (/40)"), required=False, min_value=0, max_value=40, decimal_places=2
    )
    score_b = forms.DecimalField(
        label=_("Phần B (/25)"), required=False, min_value=0, max_value=25, decimal_places=2
    )
    score_c = forms.DecimalField(
        label=_("Phần C (/35)"), required=False, min_value=0, max_value=35, decimal_places=2
    )
    decision = forms.CharField(label=_("Quyết định"), required=False, max_length=128)
    decided_on = forms.DateField(
        label=_("Ngày quyết định"), required=False, input_formats=["%Y-%m-%d", "%d/%m/%Y"]
    )
    note = forms.CharField(label=_("Ghi chú"), required=False)

    def record(self, unit_id: int) -> RatingData:
        d = self.cleaned_data
        return RatingData(
            unit_id,
            d["product"],
            d["producer"],
            d["group"],
            d["year"],
            d["stars"],
            d["level"],
            score=d["score"],
            decision=d["decision"],
            decided_on=d["decided_on"],
            note=d["note"],
            score_a=d["score_a"],
            score_b=d["score_b"],
            score_c=d["score_c"],
            producer_kind=d["producer_kind"],
        )


class FundsForm(_Styled):
    period = PeriodField(label=_("Kỳ"))
    source = forms.ChoiceField(label=_("Nguồn vốn"), choices=SOURCE_CHOICES)
    amount_vnd = NumberField(label=_("Số vốn huy động (đồng)"), integer=True)
    planned_vnd = NumberField(label=_("Kế hoạch (đồng)"), integer=True, required=False)
    note = forms.CharField(label=_("Ghi chú"), required=False)

    def record(self, unit_id: int) -> FundsData:
        d = self.cleaned_data
        return FundsData(
            unit_id, d["period"], d["source"], d["amount_vnd"], d["planned_vnd"], d["note"]
        )


class OutputForm(_Styled):
    period = PeriodField(label=_("Kỳ"))
    kind = forms.ChoiceField(label=_("Hạng mục"), choices=())
    quantity = NumberField(label=_("Khối lượng"))
    note = forms.CharField(label=_("Ghi chú"), required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [(k.code, f"{k.name} ({k.unit})") for k in output_kinds()]

    def record(self, unit_id: int) -> OutputData:
        d = self.cleaned_data
        return OutputData(unit_id, d["period"], d["kind"], d["quantity"], d["note"])


class AwardForm(_Styled):
    awarded_on = forms.DateField(label=_("Ngày"), input_formats=["%Y-%m-%d", "%d/%m/%Y"])
    issuer = forms.CharField(label=_("Cấp khen thưởng"), max_length=255)
    kind = forms.ChoiceField(label=_("Hình thức"), choices=list(AWARD_KIND_LABELS.items()))
    recipient_type = forms.ChoiceField(label=_("Tập thể hay cá nhân"), choices=RECIPIENT_CHOICES)
    recipient = forms.CharField(label=_("Người/tập thể được khen"), max_length=255)
    note = forms.CharField(label=_("Ghi chú"), required=False)

    def record(self, unit_id: int) -> AwardData:
        d = self.cleaned_data
        return AwardData(
            unit_id,
            d["awarded_on"],
            d["issuer"],
            d["kind"],
            d["recipient_type"],
            d["recipient"],
            d["note"],
        )


class ReportedForm(_Styled):
    period = PeriodField(label=_("Kỳ"))
    communes = forms.IntegerField(label=_("Số xã"), min_value=0)
    communes_ntm = forms.IntegerField(label=_("Số xã đạt chuẩn NTM"), min_value=0)
    communes_advanced = forms.IntegerField(
        label=_("Số xã NTM nâng cao"), min_value=0, required=False
    )
    communes_model = forms.IntegerField(label=_("Số xã NTM kiểu mẫu"), min_value=0, required=False)
    average_criteria = NumberField(label=_("Bình quân tiêu chí/xã"), required=False)
    ocop_products = forms.IntegerField(label=_("Số sản phẩm OCOP"), min_value=0, required=False)
    funds_vnd = NumberField(label=_("Vốn huy động (đồng)"), integer=True, required=False)
    source = forms.CharField(label=_("Nguồn số liệu (văn bản, báo cáo)"), max_length=255)
    reported_on = forms.DateField(
        label=_("Ngày báo cáo"), required=False, input_formats=["%Y-%m-%d", "%d/%m/%Y"]
    )
    note = forms.CharField(label=_("Ghi chú"), required=False)

    def clean(self):
        d = super().clean()
        communes = d.get("communes")
        for name in ("communes_ntm", "communes_advanced", "communes_model"):
            if communes is not None and d.get(name) is not None and d[name] > communes:
                self.add_error(name, _("Không thể lớn hơn số xã"))
        return d

    def record(self, unit_id: int) -> ReportedData:
        d = self.cleaned_data
        return ReportedData(
            unit_id,
            d["period"],
            d["communes"],
            d["communes_ntm"],
            d["source"],
            communes_advanced=d["communes_advanced"],
            communes_model=d["communes_model"],
            average_criteria=d["average_criteria"],
            ocop_products=d["ocop_products"],
            funds_vnd=d["funds_vnd"],
            reported_on=d["reported_on"],
            note=d["note"],
        )

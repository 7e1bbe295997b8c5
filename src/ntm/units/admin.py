"""Django admin for units: find a unit by code or name, edit the flags that choose thresholds."""

from django.contrib import admin

from ntm.units.models import AdminUnit, UnitBoundary, UnitLineage


@admin.register(AdminUnit)
class AdminUnitAdmin(admin.ModelAdmin):
    list_display = (
        "code",
        "unit_type",
        "name",
        "level",
        "era",
        "region",
        "commune_group",
        "extremely_difficult",
        "safety_zone",
    )
    list_filter = ("era", "level", "region", "commune_group", "extremely_difficult", "safety_zone")
    search_fields = ("code", "name", "match_name")
    raw_id_fields = ("parent",)
    readonly_fields = ("path", "match_name", "province_code")
    list_select_related = False
    show_full_result_count = False


@admin.register(UnitLineage)
class UnitLineageAdmin(admin.ModelAdmin):
    list_display = ("old", "new", "effective", "partial")
    list_filter = ("partial", "effective")
    search_fields = ("old__code", "old__name", "new__code", "new__name")
    raw_id_fields = ("old", "new")
    list_select_related = ("old", "new")


@admin.register(UnitBoundary)
class UnitBoundaryAdmin(admin.ModelAdmin):
    list_display = ("unit",)
    search_fields = ("unit__code", "unit__name")
    raw_id_fields = ("unit",)
    list_select_related = ("unit",)
